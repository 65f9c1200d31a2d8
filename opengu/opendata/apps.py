from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opengu.opendata"
    label = "opendata"
    verbose_name = _("열린데이터 광장")

    def ready(self) -> None:
        from opengu.opendata.manifest import MANIFEST

        self.manifest = MANIFEST
