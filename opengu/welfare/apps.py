from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelfareConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "opengu.welfare"
    label = "welfare"
    verbose_name = _("복지")

    def ready(self) -> None:
        from opengu.welfare.manifest import MANIFEST

        self.manifest = MANIFEST
