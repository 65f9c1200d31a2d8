from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "opengu.core"
    label = "core"
    verbose_name = _("기본 정보")
