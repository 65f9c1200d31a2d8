from __future__ import annotations

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from opengu.core.api import api
from opengu.core.registry import app_urlpatterns

admin.site.site_header = "opengu 관리"
admin.site.site_title = "opengu 관리"
admin.site.index_title = "백오피스"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("opengu.portal.urls")),
    *app_urlpatterns(),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "opengu.portal.views.permission_denied"
handler404 = "opengu.portal.views.not_found"
handler500 = "opengu.portal.views.server_error"
