"""Reads of the outbox."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from opengu.messaging.models import OutboxMessage


def outbox_search(*, status: str = "", channel: str = "", date_from: dt.date | None = None,
                  date_to: dt.date | None = None) -> QuerySet[OutboxMessage]:
    """Messages newest first, filtered as on the staff page; unknown filter values are ignored."""
    rows = OutboxMessage.objects.select_related("created_by").order_by("-created_at", "-id")
    if status in OutboxMessage.Status.values:
        rows = rows.filter(status=status)
    if channel in OutboxMessage.Channel.values:
        rows = rows.filter(channel=channel)
    tz = timezone.get_current_timezone()
    if date_from:
        rows = rows.filter(created_at__gte=dt.datetime.combine(date_from, dt.time.min, tzinfo=tz))
    if date_to:
        rows = rows.filter(created_at__lt=dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz))
    return rows


def outbox_failed_recently(days: int = 7) -> int:
    return OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED,
                                        created_at__gte=timezone.now() - dt.timedelta(days=days)).count()
