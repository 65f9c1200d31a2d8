"""The district's own birth grant takes the district's name from the District record, not from
the code: another district running opengu sees its own name in the rule, the self-check and
the explanations."""

from __future__ import annotations

import datetime as dt

import pytest

from opengu.welfare import selectors
from opengu.welfare.benefits import Household, Status, catalogue_for, check
from tests.personas import Personas

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 3, 10)


def _family(resident: bool | None) -> Household:
    return Household(on=ON, birth_date=dt.date(1990, 1, 1), household_size=3, children=(dt.date(2026, 1, 5),),
                     district_resident=resident)


def test_the_rule_is_named_for_the_district_given() -> None:
    [grant] = [r for r in check(_family(False), codes=["district_birth_grant"], district="마포구")]
    assert grant.benefit.name == "마포구 출산양육지원금" and grant.status is Status.NOT_ELIGIBLE
    assert "마포구 주민이 아닙니다" in grant.explanation and "마포구로 전입하면" in grant.explanation
    assert all("서대문" not in b.name + b.summary + b.legal_reference for b in catalogue_for(""))
    assert catalogue_for("마포구") is catalogue_for("마포구")  # built once


def test_the_installation_s_district_names_it(personas: Personas) -> None:
    assert selectors.district_name() == "서대문구"
    assert selectors.benefit_names()["district_birth_grant"] == "서대문구 출산양육지원금"
    personas.district.name = "마포구"
    personas.district.save()
    assert selectors.benefit_names()["district_birth_grant"] == "마포구 출산양육지원금"


def test_the_self_check_asks_about_the_installation_s_district(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    personas.district.name = "마포구"
    personas.district.save()
    page = client.get("/welfare/check/").content.decode()
    assert "마포구에 주민등록이 되어 있나요?" in page and "서대문구에 주민등록" not in page
    response = client.post("/welfare/check/", {
        "birth_date": "1990-01-01", "household_size": "3", "income": "300", "has_children": "yes",
        "child1": "2026-01-05", "district_resident": "yes"})
    assert "마포구 출산양육지원금" in response.content.decode()
