from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "opengu.disclosure"
    label = "disclosure"
    verbose_name = _("정보공개")

    def ready(self) -> None:
        from opengu.disclosure import signals  # noqa: F401  (connects the calendar receivers)
        from opengu.disclosure.manifest import MANIFEST

        self.manifest = MANIFEST
