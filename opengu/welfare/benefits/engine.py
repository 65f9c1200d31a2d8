"""A small declarative engine for benefit rules: plain Python, no Django, no I/O.

A `Benefit` is a list of `Condition`s; each condition answers yes, no or "unknown" (the
household did not say) for a `Household` on a date, and explains itself in Korean: why it
holds, why it does not, and what would make it hold. Parameters (thresholds, amounts) are
`Parameter`s with date-effective values, each value carrying its source and whether the
figure is confirmed; an evaluation names every unconfirmed figure it used.

Contract of `evaluate`: ELIGIBLE when every condition holds, NOT_ELIGIBLE when any condition
fails, otherwise MAYBE (nothing failed but something is unknown). Thresholds are inclusive
("이하"), as the statutes word them; ages are 만 나이, reached on the birthday.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Value:
    """One value of a parameter from `since` on. `confirmed=False` means: check it against the
    official notice (고시) before relying on it; the engine reports it with every result."""

    since: dt.date
    value: Any
    source: str
    confirmed: bool = True


@dataclass(frozen=True)
class Parameter:
    key: str
    label: str
    values: tuple[Value, ...]

    def at(self, on: dt.date) -> Value:
        """The value in force on `on` (the latest `since` not after it)."""
        chosen = None
        for value in sorted(self.values, key=lambda v: v.since):
            if value.since <= on:
                chosen = value
        if chosen is None:
            raise LookupError(f"{self.label}: {on.isoformat()}에 적용할 값이 없습니다.")
        return chosen


@dataclass(frozen=True)
class Household:
    """What a resident or a counsellor tells us; None means "not known"."""

    on: dt.date
    birth_date: dt.date | None = None
    household_size: int | None = None
    income: int | None = None  # 월 소득인정액, 원
    earned_income: bool | None = None  # 근로·사업소득이 있음
    married: bool | None = None  # 부부 가구 (기초연금·장애인연금 선정기준액)
    children: tuple[dt.date, ...] | None = None  # 자녀 생년월일; () means "no children"
    severe_disability: bool | None = None  # 장애의 정도가 심한 장애인
    single_parent: bool | None = None
    district_resident: bool | None = None  # 주민등록이 이 구에 있음
    receiving: frozenset[str] = frozenset()  # codes of benefits already received


def age_on(birth: dt.date, on: dt.date) -> int:
    """만 나이: whole years, the new year reached on the birthday (29 Feb: on 1 March)."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def months_on(birth: dt.date, on: dt.date) -> int:
    """Whole months of age (개월 수), the new month reached on the same day of the month."""
    return (on.year - birth.year) * 12 + on.month - birth.month - (on.day < birth.day)


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year: the birthday is reached on 1 March
        return dt.date(day.year + years, 3, 1)


def won(amount: int) -> str:
    return f"{amount:,}원"


class Context:
    """The household plus the parameters, with a record of every parameter value used."""

    def __init__(self, household: Household, parameters: Mapping[str, Parameter]):
        self.household = household
        self.parameters = parameters
        self.used: dict[str, Value] = {}

    def param(self, key: str) -> Any:
        value = self.parameters[key].at(self.household.on)
        self.used[key] = value
        return value.value


@dataclass(frozen=True)
class Outcome:
    holds: bool | None  # None: unknown
    reason: str
    would_be: str = ""


@dataclass(frozen=True)
class Condition:
    """`check` returns the outcome with its reason; `label` names the condition in lists."""

    label: str
    check: Callable[[Context], Outcome]


class Status(enum.Enum):
    ELIGIBLE = "eligible"
    MAYBE = "maybe"
    NOT_ELIGIBLE = "not_eligible"


@dataclass(frozen=True)
class Benefit:
    code: str
    name: str
    summary: str
    legal_reference: str
    where_to_apply: str
    conditions: tuple[Condition, ...]
    amount: Callable[[Context], str] | None = None


@dataclass
class Result:
    benefit: Benefit
    status: Status
    met: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    would_be: list[str] = field(default_factory=list)
    amount: str = ""
    parameters: dict[str, Value] = field(default_factory=dict)

    @property
    def unconfirmed(self) -> list[str]:
        """Labels of figures used that still await confirmation against the official notice."""
        return sorted(key for key, value in self.parameters.items() if not value.confirmed)

    @property
    def explanation(self) -> str:
        """One Korean sentence: eligible because …; not eligible because …; would be if …."""
        if self.status is Status.ELIGIBLE:
            return "받을 수 있습니다: " + "; ".join(self.met) + "."
        if self.status is Status.MAYBE:
            text = "받을 수 있을지도 모릅니다: " + "; ".join(self.met + self.unknown) + "."
            return text
        text = "받을 수 없습니다: " + "; ".join(self.failed) + "."
        if self.would_be:
            text += " 다음이면 받을 수 있습니다: " + "; ".join(self.would_be) + "."
        return text


def evaluate(benefit: Benefit, household: Household, parameters: Mapping[str, Parameter]) -> Result:
    """Check every condition (no short-cut, so the explanation lists all that fail)."""
    context = Context(household, parameters)
    result = Result(benefit=benefit, status=Status.ELIGIBLE)
    for condition in benefit.conditions:
        outcome = condition.check(context)
        if outcome.holds is True:
            result.met.append(outcome.reason)
        elif outcome.holds is False:
            result.failed.append(outcome.reason)
            if outcome.would_be:
                result.would_be.append(outcome.would_be)
        else:
            result.unknown.append(outcome.reason)
    if result.failed:
        result.status = Status.NOT_ELIGIBLE
    elif result.unknown:
        result.status = Status.MAYBE
    if result.status is not Status.NOT_ELIGIBLE and benefit.amount is not None:
        result.amount = benefit.amount(context)
    result.parameters = dict(context.used)
    return result


def evaluate_all(benefits: Sequence[Benefit], household: Household,
                 parameters: Mapping[str, Parameter]) -> list[Result]:
    return [evaluate(benefit, household, parameters) for benefit in benefits]
