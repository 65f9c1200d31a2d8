from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WelfareConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "opengu.welfare"
    label = "welfare"
    verbose_name = _("복지")

    def ready(self) -> None:
        from opengu.welfare.manifest import MANIFEST

        self.manifest = MANIFEST
        post_migrate.connect(_install_search_triggers, sender=self)


def _install_search_triggers(*, using: str, **_kwargs: Any) -> None:
    """The triggers that keep the search index's version (search_index.install_triggers)."""
    from django.db import connections

    from opengu.welfare import search_index

    if "welfare_directoryversion" in connections[using].introspection.table_names():
        search_index.install_triggers(using=connections[using])
