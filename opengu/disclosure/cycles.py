"""Proactive publication cycles (사전정보공표 주기): when an item is next due. Plain Python.

An item states its cycle (수시, 월, 분기, 반기, 연) and its timing in words ("매월 10일",
"매년 3월", "분기 종료 후 15일"). The next due date is one cycle after the last publication,
on the day (and, for yearly items, the month) the timing names; 수시 items have no due date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

AS_NEEDED = "as_needed"
MONTHLY = "monthly"
QUARTERLY = "quarterly"
HALF_YEARLY = "half_yearly"
YEARLY = "yearly"

MONTHS_PER_CYCLE: dict[str, int] = {MONTHLY: 1, QUARTERLY: 3, HALF_YEARLY: 6, YEARLY: 12}

_DAY = re.compile(r"(\d{1,2})\s*일")
_MONTH = re.compile(r"(\d{1,2})\s*월")


def add_months(day: dt.date, months: int, on_day: int | None = None) -> dt.date:
    """`day` moved by `months`, on `on_day` (default: the same day), clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(on_day or day.day, last))


def timing_day(timing: str) -> int | None:
    """The day of the month named in `timing` ("매월 10일" → 10), if any and valid."""
    found = _DAY.search(timing or "")
    if found and 1 <= int(found.group(1)) <= 31:
        return int(found.group(1))
    return None


def timing_month(timing: str) -> int | None:
    """The month named in `timing` ("매년 3월 말" → 3), if any and valid."""
    found = _MONTH.search(timing or "")
    if found and 1 <= int(found.group(1)) <= 12:
        return int(found.group(1))
    return None


def next_due(cycle: str, timing: str, last_published: dt.date | None, registered: dt.date) -> dt.date | None:
    """The date the next publication is due, or None for 수시 (as needed).

    Never published: due one cycle after registration. Otherwise one cycle after the last
    publication, on the timing's day of that month. A yearly item whose timing names a month
    is due in that month (on the named day, else its last day) of the year after the last
    publication, or of the first such month after registration.
    """
    months = MONTHS_PER_CYCLE.get(cycle)
    if months is None:
        return None
    base = last_published or registered
    day = timing_day(timing)
    month = timing_month(timing) if cycle == YEARLY else None
    if month is None:
        return add_months(base, months, day)
    # Yearly in a named month: the next year's month after a publication; the first such month
    # after registration when nothing was published yet.
    year = base.year + 1 if last_published else base.year
    due = dt.date(year, month, min(day or calendar.monthrange(year, month)[1], calendar.monthrange(year, month)[1]))
    if due <= base:
        due = dt.date(year + 1, month, min(day or calendar.monthrange(year + 1, month)[1],
                                           calendar.monthrange(year + 1, month)[1]))
    return due


def explain(cycle_label: str, timing: str, last_published: dt.date | None, due: dt.date | None) -> str:
    """The working of a due date in one Korean sentence."""
    if due is None:
        return f"{cycle_label} 공표 항목이라 정해진 다음 공표일이 없습니다."
    since = f"마지막 공표일 {last_published:%Y-%m-%d}" if last_published else "등록일"
    return f"{since}부터 한 주기({cycle_label}) 뒤, 공표 시기 ‘{timing or '-'}’에 따라 {due:%Y-%m-%d}."
