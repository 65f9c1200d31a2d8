from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from opengu.messaging.manifest import MANIFEST


class MessagingConfig(AppConfig):
    name = "opengu.messaging"
    label = "messaging"
    verbose_name = _("알림 발송")
    manifest = MANIFEST
