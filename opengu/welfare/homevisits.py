"""방문보건 (plan §1-1): recurring clinic dates and maternal and infant visit plans, in plain Python.

Clinic dates come from the same RFC 5545 rules as opening hours (`opening.occurs_on`): the
천연분소 clinic is FREQ=MONTHLY;BYDAY=1TH,3TH. A family's visit plan: every newborn gets one
universal visit due within 4 weeks (28 days) of birth; a vulnerable mother's family gets
VULNERABLE_VISITS visits in all up to the child's second birthday, the first being the universal
one and the rest spread evenly after it. Progress compares the visits done with that plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from opengu.welfare.opening import occurs_on

UNIVERSAL_DAYS = 28  # "within 4 weeks of birth"
VULNERABLE_VISITS = 25  # "25 or more visits up to age 2"


def clinic_dates(*, freq: str, interval: int, byday: str, dtstart: dt.date, until: dt.date | None,
                 start: dt.date, end: dt.date) -> list[dt.date]:
    """Every occurrence of the rule from `start` to `end`, both included, in order."""
    days, day = [], start
    while day <= end:
        if occurs_on(day, freq=freq, interval=interval, byday=byday, dtstart=dtstart, until=until):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def second_birthday(birth: dt.date) -> dt.date:
    """The day the child turns 2 (만 2세). Born on 29 February: 1 March, as the Civil Code's
    period counting ends a missing day at the month's end and the age is reached the day after."""
    try:
        return birth.replace(year=birth.year + 2)
    except ValueError:
        return dt.date(birth.year + 2, 3, 1)


def visit_plan(*, birth: dt.date, vulnerable: bool) -> list[dt.date]:
    """Due dates, in order: the universal visit (birth + 28 days), then for vulnerable families
    VULNERABLE_VISITS − 1 more, evenly spaced, the last due on the day before the second birthday."""
    first = birth + dt.timedelta(days=UNIVERSAL_DAYS)
    if not vulnerable:
        return [first]
    last = second_birthday(birth) - dt.timedelta(days=1)
    span = (last - first).days
    steps = VULNERABLE_VISITS - 1
    # Integer arithmetic keeps the spacing exact and the last visit on `last`.
    return [first] + [first + dt.timedelta(days=span * k // steps) for k in range(1, steps + 1)]


@dataclass(frozen=True)
class Progress:
    """A family's visits: done against planned, the next due date and whether it has passed."""

    planned: int
    done: int
    next_due: dt.date | None
    overdue: bool
    days_overdue: int

    @property
    def complete(self) -> bool:
        return self.done >= self.planned


def family_progress(*, birth: dt.date, vulnerable: bool, visits: Iterable[dt.date], today: dt.date) -> Progress:
    """Visits on or after the birth and before the second birthday count, each once per day, in
    order against the plan: after n visits the (n+1)-th planned date is next due. It is overdue
    when that date is before `today` (a visit due today is not late yet)."""
    plan = visit_plan(birth=birth, vulnerable=vulnerable)
    limit = second_birthday(birth)
    done = len({day for day in visits if birth <= day < limit})
    if done >= len(plan):
        return Progress(planned=len(plan), done=done, next_due=None, overdue=False, days_overdue=0)
    due = plan[done]
    late = max((today - due).days, 0)
    return Progress(planned=len(plan), done=done, next_due=due, overdue=late > 0, days_overdue=late)
