"""The anonymous self-check: open to everyone, stores nothing, explains, names bad fields."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from opengu.core.models import AuditEvent, PersonalDataAccess
from opengu.welfare.models import Case, Client
from tests.personas import Personas, as_each

PUBLIC = {name: 200 for name in ["anonymous", "resident", "other_resident", "staff", "other_staff", "head",
                                 "disclosure_officer", "auditor", "admin"]}


def _eligible_section(page: str) -> str:
    return page.split('id="group-eligible"')[1].split("<h3")[0]


def test_everyone_may_use_it_without_login(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    assert as_each(client, personas, "/welfare/check/") == PUBLIC
    assert as_each(client, personas, "/welfare/check/", method="post", data={"household_size": "1"}) == PUBLIC


@pytest.mark.django_db
def test_it_is_on_the_public_menu(client) -> None:  # type: ignore[no-untyped-def]
    assert 'href="/welfare/check/"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_an_older_resident_living_alone_on_a_small_income_is_told_what_fits_and_where(client) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    seventy = today.replace(year=today.year - 70) if not (today.month == 2 and today.day == 29) else dt.date(today.year - 70, 3, 1)
    counts = (AuditEvent.objects.count(), PersonalDataAccess.objects.count(), Client.objects.count(), Case.objects.count())
    response = client.post("/welfare/check/", {
        "birth_date": seventy.isoformat(), "household_size": "1", "income": "50", "has_children": "no",
        "married": "no", "severe_disability": "no", "single_parent": "no", "earned_income": "no"})
    page = response.content.decode()
    assert response.status_code == 200
    eligible = _eligible_section(page)
    for name in ("기초연금", "생계급여", "의료급여", "주거급여"):
        assert name in eligible
    assert "만 70세로 65세 이상입니다" in page
    assert "주소지 동주민센터" in page and "기초연금법 제3조" in page
    assert "부모급여" not in eligible
    # nothing stored: no audit event, access record, client or case
    assert counts == (AuditEvent.objects.count(), PersonalDataAccess.objects.count(), Client.objects.count(),
                      Case.objects.count())


@pytest.mark.django_db
def test_a_new_baby_brings_the_birth_benefits(client) -> None:  # type: ignore[no-untyped-def]
    baby = timezone.localdate() - dt.timedelta(days=30)
    page = client.post("/welfare/check/", {"household_size": "3", "child1": baby.isoformat(),
                                           "district_resident": "yes"}).content.decode()
    eligible = _eligible_section(page)
    for name in ("부모급여", "아동수당", "첫만남이용권", "출산양육지원금"):
        assert name in eligible


@pytest.mark.django_db
def test_bad_input_names_the_field(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/welfare/check/", {"birth_date": "1958-13-40", "income": "많음", "household_size": "0"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "생년월일: 날짜 형식" in page and "한 달 소득: 만원 단위" in page and "가구원 수: 1에서 20" in page
    assert "알아본 결과" not in page
