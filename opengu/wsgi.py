import os

from opengu.core.handlers import wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opengu.settings")
application = wsgi_application()
