"""Benefit rules at their boundaries: income exactly at the threshold, age on the birthday,
the months of a child, the year a parameter changes, and the explanations."""

from __future__ import annotations

import datetime as dt

import pytest

from opengu.welfare.benefits import BENEFITS, PARAMETERS, Household, Status, check
from opengu.welfare.benefits.engine import age_on, months_on
from opengu.welfare.benefits.parameters import median_for, threshold

JUNE_2025 = dt.date(2025, 6, 2)


def one(code: str, **facts: object) -> object:
    facts.setdefault("on", JUNE_2025)
    return check(Household(**facts), [code])[0]  # type: ignore[arg-type]


def test_there_are_at_least_twelve_benefits_each_with_a_legal_reference_and_a_place_to_apply() -> None:
    assert len(BENEFITS) >= 12
    assert len({b.code for b in BENEFITS}) == len(BENEFITS)
    for benefit in BENEFITS:
        assert benefit.legal_reference and benefit.where_to_apply and benefit.conditions


def test_published_2025_livelihood_thresholds_follow_from_the_median() -> None:
    table = PARAMETERS["median_income"].at(JUNE_2025).value
    assert threshold(median_for(table, 1), 32) == 765_444
    assert threshold(median_for(table, 4), 32) == 1_951_287
    # 7인 이상: 6인 + (6인 − 5인) per person
    assert median_for(table, 8) == 8_064_805 + 2 * (8_064_805 - 7_108_192)


@pytest.mark.parametrize(("income", "status"), [(765_444, Status.ELIGIBLE), (765_445, Status.NOT_ELIGIBLE)])
def test_livelihood_income_exactly_at_the_threshold_is_eligible(income: int, status: Status) -> None:
    result = one("livelihood", household_size=1, income=income)
    assert result.status is status  # type: ignore[attr-defined]


def test_not_eligible_says_what_would_make_it_eligible() -> None:
    result = one("livelihood", household_size=1, income=800_000)
    assert "765,444원" in result.explanation  # type: ignore[attr-defined]
    assert "다음이면 받을 수 있습니다: 소득인정액이 765,444원 이하이면" in result.explanation  # type: ignore[attr-defined]


def test_the_2026_median_applies_from_the_first_of_january_and_is_marked_to_confirm() -> None:
    december = one("livelihood", on=dt.date(2025, 12, 31), household_size=4, income=2_000_000)
    january = one("livelihood", on=dt.date(2026, 1, 1), household_size=4, income=2_000_000)
    assert december.status is Status.NOT_ELIGIBLE  # type: ignore[attr-defined]
    assert january.status is Status.ELIGIBLE  # 6,494,738 × 32 % = 2,078,316  # type: ignore[attr-defined]
    assert "2,078,316원" in january.explanation  # type: ignore[attr-defined]
    assert "median_income" in january.unconfirmed  # type: ignore[attr-defined]
    assert december.unconfirmed == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(("on", "status"), [(dt.date(2025, 3, 14), Status.NOT_ELIGIBLE),
                                            (dt.date(2025, 3, 15), Status.ELIGIBLE)])
def test_basic_pension_from_the_65th_birthday(on: dt.date, status: Status) -> None:
    result = one("basic_pension", on=on, birth_date=dt.date(1960, 3, 15), income=1_000_000, married=False)
    assert result.status is status  # type: ignore[attr-defined]
    if status is Status.NOT_ELIGIBLE:
        assert "2025-03-15(만 65세 생일)부터" in result.explanation  # type: ignore[attr-defined]


@pytest.mark.parametrize(("married", "income", "status"), [
    (False, 2_280_000, Status.ELIGIBLE), (False, 2_280_001, Status.NOT_ELIGIBLE),
    (True, 3_648_000, Status.ELIGIBLE), (True, 3_648_001, Status.NOT_ELIGIBLE)])
def test_basic_pension_thresholds_single_and_couple(married: bool, income: int, status: Status) -> None:
    result = one("basic_pension", birth_date=dt.date(1950, 1, 1), income=income, married=married)
    assert result.status is status  # type: ignore[attr-defined]


def test_a_29_february_birthday_is_reached_on_the_first_of_march_in_a_common_year() -> None:
    assert age_on(dt.date(1960, 2, 29), dt.date(2025, 2, 28)) == 64
    assert age_on(dt.date(1960, 2, 29), dt.date(2025, 3, 1)) == 65
    assert months_on(dt.date(2024, 1, 31), dt.date(2024, 2, 29)) == 0


@pytest.mark.parametrize(("on", "status"), [(dt.date(2025, 5, 9), Status.ELIGIBLE),
                                            (dt.date(2025, 5, 10), Status.NOT_ELIGIBLE)])
def test_parent_allowance_ends_on_the_second_birthday(on: dt.date, status: Status) -> None:
    result = one("parent_allowance", on=on, children=(dt.date(2023, 5, 10),))
    assert result.status is status  # type: ignore[attr-defined]


def test_child_allowance_under_eight_and_the_2026_extension_to_nine() -> None:
    child = (dt.date(2017, 6, 2),)
    assert one("child_allowance", on=dt.date(2025, 6, 1), children=child).status is Status.ELIGIBLE  # type: ignore[attr-defined]
    assert one("child_allowance", on=dt.date(2025, 6, 2), children=child).status is Status.NOT_ELIGIBLE  # type: ignore[attr-defined]
    later = one("child_allowance", on=dt.date(2026, 1, 2), children=child)
    assert later.status is Status.ELIGIBLE  # type: ignore[attr-defined]
    assert "child_allowance" in later.unconfirmed  # type: ignore[attr-defined]


def test_first_meeting_voucher_within_a_year_of_birth() -> None:
    child = (dt.date(2024, 6, 2),)
    assert one("first_meeting_voucher", on=dt.date(2025, 6, 1), children=child).status is Status.ELIGIBLE  # type: ignore[attr-defined]
    assert one("first_meeting_voucher", on=dt.date(2025, 6, 2), children=child).status is Status.NOT_ELIGIBLE  # type: ignore[attr-defined]


def test_unknown_facts_give_maybe_with_what_is_needed() -> None:
    result = one("disability_pension", birth_date=dt.date(1980, 1, 1))
    assert result.status is Status.MAYBE  # type: ignore[attr-defined]
    assert "장애의 정도가 심한 장애인이어야 합니다" in result.explanation  # type: ignore[attr-defined]


def test_already_receiving_is_not_eligible_again() -> None:
    result = one("livelihood", household_size=1, income=100_000, receiving=frozenset({"livelihood"}))
    assert result.status is Status.NOT_ELIGIBLE  # type: ignore[attr-defined]


@pytest.mark.parametrize(("facts", "status"), [
    ({"receiving": frozenset({"housing"}), "earned_income": True}, Status.ELIGIBLE),
    ({"household_size": 2, "income": 1_966_329, "earned_income": True}, Status.ELIGIBLE),  # 3,932,658 × 50 %
    ({"household_size": 2, "income": 1_966_330, "earned_income": True}, Status.NOT_ELIGIBLE),
    ({"receiving": frozenset({"housing"}), "earned_income": False}, Status.NOT_ELIGIBLE),
    ({"receiving": frozenset({"livelihood", "housing"}), "earned_income": True}, Status.NOT_ELIGIBLE),
])
def test_hope_savings_account_two(facts: dict[str, object], status: Status) -> None:
    assert one("hope_savings_2", **facts).status is status  # type: ignore[attr-defined]


def test_education_needs_a_school_age_child_and_income_at_half_the_median() -> None:
    family = {"household_size": 3, "children": (dt.date(2015, 1, 1),)}
    assert one("education", income=2_512_676, **family).status is Status.ELIGIBLE  # type: ignore[attr-defined]
    assert one("education", income=2_512_677, **family).status is Status.NOT_ELIGIBLE  # type: ignore[attr-defined]
