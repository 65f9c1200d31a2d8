"""Is a schedule open at a moment? RFC 5545 recurrences as HSDS uses them, without a library.

Supported: FREQ=WEEKLY with INTERVAL and BYDAY=MO,TU…; FREQ=MONTHLY with BYDAY=1TH,3TH or
-1FR (nth weekday of the month, negative from the end). That covers opening hours and the
plan's recurring clinics ("1st and 3rd Thursday"); other rules are treated as closed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")


def parse_byday(byday: str) -> list[tuple[int | None, int]] | None:
    """"1TH,3TH" → [(1, 3), (3, 3)]; None when a value is not RFC 5545 BYDAY."""
    result: list[tuple[int | None, int]] = []
    for part in (p.strip().upper() for p in byday.split(",") if p.strip()):
        match = _BYDAY.match(part)
        if match is None:
            return None
        ordinal = int(match[1]) if match[1] else None
        if ordinal is not None and not (1 <= abs(ordinal) <= 5):
            return None
        result.append((ordinal, WEEKDAYS.index(match[2])))
    return result


def occurs_on(day: dt.date, *, freq: str, interval: int, byday: str, dtstart: dt.date,
              until: dt.date | None) -> bool:
    """Whether the recurrence has an occurrence on `day`."""
    if day < dtstart or (until is not None and day > until):
        return False
    days = parse_byday(byday) if byday else [(None, dtstart.weekday())]
    if not days:
        return False
    interval = max(interval, 1)
    if freq == "WEEKLY":
        start_week = dtstart - dt.timedelta(days=dtstart.weekday())
        week = ((day - dt.timedelta(days=day.weekday())) - start_week).days // 7
        return week % interval == 0 and any(weekday == day.weekday() for _ordinal, weekday in days)
    if freq == "MONTHLY":
        months = (day.year - dtstart.year) * 12 + day.month - dtstart.month
        if months % interval:
            return False
        length = calendar.monthrange(day.year, day.month)[1]
        nth_from_start = (day.day - 1) // 7 + 1
        nth_from_end = -((length - day.day) // 7 + 1)
        return any(weekday == day.weekday() and ordinal in (None, nth_from_start, nth_from_end)
                   for ordinal, weekday in days)
    return False


def is_open(moment: dt.datetime, *, freq: str, interval: int, byday: str, dtstart: dt.date,
            until: dt.date | None, opens_at: dt.time, closes_at: dt.time) -> bool:
    """Open at `moment` (local time): an occurrence that day and opens_at ≤ time < closes_at."""
    return opens_at <= moment.time() < closes_at and occurs_on(
        moment.date(), freq=freq, interval=interval, byday=byday, dtstart=dtstart, until=until)
