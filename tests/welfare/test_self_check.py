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


@pytest.mark.django_db
def test_answers_that_contradict_each_other_are_named_at_their_field(client) -> None:  # type: ignore[no-untyped-def]
    page = client.post("/welfare/check/", {"birth_date": "1990-05-01", "child1": "1985-01-01", "has_children": "yes",
                                           "income": "99999999"}).content.decode()
    assert "자녀 생년월일: 신청하실 분보다 늦게 태어난 날짜여야 합니다." in page
    assert 'aria-describedby="child1-error"' in page and 'id="child1-error"' in page
    assert "100,000만원(10억 원)까지" in page
    assert "저장하지 않았습니다" not in page  # the self-check never saves anything
    page = client.post("/welfare/check/", {"has_children": "no", "child1": "2024-01-01"}).content.decode()
    assert "자녀가 없다고 고르셨는데 자녀 생년월일이 적혀 있습니다" in page


@pytest.mark.django_db
def test_income_with_commas_or_the_unit_is_read(client) -> None:  # type: ignore[no-untyped-def]
    for typed in ("1,000", "1000만원", " 1 000 "):
        page = client.post("/welfare/check/", {"household_size": "1", "income": typed}).content.decode()
        assert "1인 가구 소득인정액 10,000,000원" in page, typed


@pytest.mark.django_db
def test_results_say_where_to_ask_once_and_fold_what_does_not_fit(client) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    born = dt.date(today.year - 72, 1, 1)
    page = client.post("/welfare/check/", {"birth_date": born.isoformat(), "household_size": "1", "income": "50",
                                           "has_children": "no"}).content.decode()
    assert 'href="tel:129"' in page and 'href="https://www.bokjiro.go.kr"' in page
    assert page.count("고시 확인 중") <= 1
    folded = page.split('<details class="not-eligible">')[1].split("</details>")[0]
    assert "부모급여" in folded and "아동수당" in folded
    # 차상위 본인부담경감 needs an illness or an age under 18, which the form does not ask an adult.
    assert "차상위 본인부담경감" not in _eligible_section(page)
    assert "건강 상태는 여기서 묻지 않습니다" in page


@pytest.mark.django_db
def test_english_results_name_the_benefits_in_english(client) -> None:  # type: ignore[no-untyped-def]
    client.cookies["django_language"] = "en"
    born = dt.date(timezone.localdate().year - 72, 1, 1)
    page = client.post("/welfare/check/", {"birth_date": born.isoformat(), "household_size": "1",
                                           "income": "50"}).content.decode()
    assert "Basic Pension (기초연금)" in page and "Your community service centre, or Bokjiro" in page
    assert "Parent Allowance (부모급여)" in page  # in the folded list, and among the boxes to tick
    assert '<p lang="ko">받을 수' in page  # the reasons stay Korean, and say so to a screen reader
    client.cookies["django_language"] = "ko"
    korean = client.post("/welfare/check/", {"birth_date": born.isoformat()}).content.decode()
    assert "<h4>기초연금</h4>" in korean and "Basic Pension" not in korean
