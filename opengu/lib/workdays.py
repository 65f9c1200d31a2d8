"""Statutory periods, with the working shown for every date.

Two ways of counting (disclosure act Art. 29):

* ``workdays`` — Art. 29(2): counted in days, the first day included, Saturdays and public
  holidays not counted. Public holidays are those of 「관공서의 공휴일에 관한 규정」: Sundays,
  the `holidays` KR calendar (substitute holidays and election days included), plus the
  days an office adds; an office may also declare a listed day a working day.
* ``civil`` — Art. 29(1) and 「민법」 Art. 157, 161: the first day is not counted (the period
  starts the next day); when the last day falls on a Saturday or public holiday the period
  ends on the next working day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import holidays

WORKDAYS = "workdays"
CIVIL = "civil"
COUNTINGS = (WORKDAYS, CIVIL)
MAX_DAYS = 3660


@lru_cache(maxsize=64)
def _national(year: int) -> dict[dt.date, str]:
    return dict(holidays.KR(years=year, language="ko").items())


@dataclass(frozen=True)
class Calendar:
    """Public holidays plus the office's own changes: ``closed`` adds days off, ``opened`` removes."""

    closed: Mapping[dt.date, str] = field(default_factory=dict)
    opened: Mapping[dt.date, str] = field(default_factory=dict)

    def day_off_reason(self, day: dt.date) -> str | None:
        """Why `day` is not a working day, or None when it is one."""
        if day in self.opened:
            return None
        if day in self.closed:
            return self.closed[day]
        if day.weekday() == 5:
            return "토요일"
        if day.weekday() == 6:
            return "일요일"
        return _national(day.year).get(day)

    def is_workday(self, day: dt.date) -> bool:
        return self.day_off_reason(day) is None


@dataclass(frozen=True)
class Skipped:
    date: dt.date
    reason: str


@dataclass(frozen=True)
class Working:
    """A computed date and how it was reached."""

    start: dt.date
    days: int
    counting: str
    due: dt.date
    counted: list[dt.date]
    skipped: list[Skipped]
    rule: str

    def explain(self) -> str:
        lines = [self.rule, f"기산일 {self.start.isoformat()}, {self.days}일 → 만료일 {self.due.isoformat()}"]
        lines += [f"제외 {s.date.isoformat()} {s.reason}" for s in self.skipped]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        return {
            "start": self.start.isoformat(),
            "days": self.days,
            "counting": self.counting,
            "due": self.due.isoformat(),
            "counted": [d.isoformat() for d in self.counted],
            "skipped": [{"date": s.date.isoformat(), "reason": s.reason} for s in self.skipped],
            "rule": self.rule,
        }


def _check(days: int) -> None:
    if days < 1 or days > MAX_DAYS:
        raise ValueError(f"기간은 1일부터 {MAX_DAYS}일까지입니다.")


def add_workdays(start: dt.date, days: int, calendar: Calendar | None = None) -> Working:
    """Art. 29(2): the `days`-th working day counting `start` itself as day one if it is one."""
    _check(days)
    calendar = calendar or Calendar()
    counted: list[dt.date] = []
    skipped: list[Skipped] = []
    day = start
    while len(counted) < days:
        reason = calendar.day_off_reason(day)
        if reason is None:
            counted.append(day)
        else:
            skipped.append(Skipped(day, reason))
        day += dt.timedelta(days=1)
    return Working(
        start, days, WORKDAYS, counted[-1], counted, skipped,
        "정보공개법 제29조제2항: 첫날을 산입하고 토요일과 공휴일은 산입하지 않습니다.",
    )


def add_civil(start: dt.date, days: int, calendar: Calendar | None = None) -> Working:
    """민법 Art. 157 and 161: from the day after `start`; a last day off moves to the next working day."""
    _check(days)
    calendar = calendar or Calendar()
    first = start + dt.timedelta(days=1)
    counted = [first + dt.timedelta(days=i) for i in range(days)]
    due = counted[-1]
    skipped: list[Skipped] = [Skipped(start, "첫날 불산입(민법 제157조)")]
    while (reason := calendar.day_off_reason(due)) is not None:
        skipped.append(Skipped(due, f"{reason}: 다음 날로 만료(민법 제161조)"))
        due += dt.timedelta(days=1)
    return Working(
        start, days, CIVIL, due, counted, skipped,
        "민법 제157조·제161조: 첫날을 산입하지 않고, 말일이 토요일 또는 공휴일이면 그 다음 날 만료합니다.",
    )


def compute(start: dt.date, days: int, counting: str, calendar: Calendar | None = None) -> Working:
    if counting == WORKDAYS:
        return add_workdays(start, days, calendar)
    if counting == CIVIL:
        return add_civil(start, days, calendar)
    raise ValueError("counting은 workdays 또는 civil이어야 합니다.")
