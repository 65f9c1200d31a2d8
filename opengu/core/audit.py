"""Domain audit events: who did what to which object. Shown as the history on object pages."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from opengu.core.models import AuditEvent, User


def audit_event_record(
    *, actor: User | None, action: str, target: models.Model | None = None, summary: str = "", **params: Any
) -> AuditEvent:
    label = ""
    if actor is not None:
        label = actor.staff.name if actor.is_staff_member and hasattr(actor, "staff") else actor.username
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=label,
        action=action,
        summary=summary[:300],
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        params={k: (v if isinstance(v, (str, int, float, bool, type(None), list, dict)) else str(v)) for k, v in params.items()},
    )


def history_for(target: models.Model) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("actor")
