from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "opengu.demo"
    label = "demo"
    verbose_name = _("시연 자료")
