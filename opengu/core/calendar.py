"""The office calendar: public holidays plus the days set in admin (OfficeDay)."""

from __future__ import annotations

import datetime as dt

from opengu.core.models import OfficeDay
from opengu.lib.workdays import Calendar, Working, compute


def office_calendar() -> Calendar:
    closed: dict[dt.date, str] = {}
    opened: dict[dt.date, str] = {}
    for day in OfficeDay.objects.all():
        (closed if day.kind == OfficeDay.Kind.CLOSED else opened)[day.date] = day.reason
    return Calendar(closed=closed, opened=opened)


def deadline(start: dt.date, days: int, counting: str) -> Working:
    return compute(start, days, counting, office_calendar())
