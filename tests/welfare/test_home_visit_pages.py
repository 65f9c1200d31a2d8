"""방문보건 staff pages: registering a family, recording visits, progress and the overdue flag,
the clinic dates, masking, access records, exports with a purpose, and who may do what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from opengu.core.models import PersonalDataAccess
from opengu.welfare import selectors, services
from opengu.welfare.models import (
    HomeVisit,
    HomeVisitFamily,
    Organization,
    Schedule,
    Sector,
    SourceType,
)
from tests.personas import Personas, login_as


@pytest.fixture
def family(personas: Personas, client_record):  # type: ignore[no-untyped-def]
    """A vulnerable family whose child was born 40 days ago: the universal visit (day 28) is 12 days
    late; the second is due about a month after the first."""
    birth = timezone.localdate() - dt.timedelta(days=40)
    return services.home_visit_family_register(actor=personas.other_staff, mother=client_record,
                                               child_birth_date=birth.isoformat(), vulnerable=True)


def test_registering_a_family_on_the_page(client, personas: Personas, client_record) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    bad = client.post("/welfare/centre/home-visits/", {"mother": "999999", "child_birth_date": "2026-13-01"})
    html = bad.content.decode()
    assert bad.status_code == 400 and "산모(대상자 번호)" in html and "아기 생년월일" in html
    assert not HomeVisitFamily.objects.exists()
    response = client.post("/welfare/centre/home-visits/", {"mother": client_record.pk, "child_birth_date": "2026-01-05",
                                                            "vulnerable": "1"})
    family = HomeVisitFamily.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/welfare/centre/home-visits/{family.pk}/"
    assert family.vulnerable and family.mother == client_record and family.birth == dt.date(2026, 1, 5)


def test_a_future_birth_date_is_refused(personas: Personas, client_record) -> None:  # type: ignore[no-untyped-def]
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(services.WelfareInputError) as caught:
        services.home_visit_family_register(actor=personas.other_staff, mother=client_record,
                                            child_birth_date=tomorrow.isoformat())
    assert "child_birth_date" in caught.value.errors and not HomeVisitFamily.objects.exists()


def test_the_list_flags_the_late_family_masks_the_mother_and_logs_access(client, personas: Personas, family) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    page = client.get("/welfare/centre/home-visits/", {"overdue": "1"})
    html = page.content.decode()
    assert page.status_code == 200 and "박*자" in html and "박순자" not in html and "12일 지남" in html and "0 / 25" in html
    assert PersonalDataAccess.objects.filter(subject="welfare.homevisit", action="list", actor=personas.other_staff).exists()


def test_a_visit_clears_the_overdue_flag(client, personas: Personas, family) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    url = f"/welfare/centre/home-visits/{family.pk}/"
    early = client.post(url, {"visited_on": (family.birth - dt.timedelta(days=1)).isoformat()})
    assert early.status_code == 400 and "아기 생년월일보다 앞섭니다" in early.content.decode()
    assert not HomeVisit.objects.exists()
    today = timezone.localdate().isoformat()
    assert client.post(url, {"visited_on": today, "note": "체중 정상, 수유 상담"}).status_code == 302
    visit = HomeVisit.objects.get()
    assert visit.nurse == personas.other_staff and visit.note == "체중 정상, 수유 상담"
    [(_family, progress)] = selectors.home_visit_families(personas.other_staff)
    assert (progress.done, progress.planned, progress.overdue) == (1, 25, False)
    assert not selectors.home_visit_families(personas.other_staff, overdue=True)
    page = client.get(url).content.decode()
    assert "1번 완료 / 계획 25번" in page and "체중 정상, 수유 상담" in page
    assert PersonalDataAccess.objects.filter(subject="welfare.homevisit", action="view", actor=personas.other_staff).exists()


def test_an_auditor_reads_but_cannot_record_a_visit(client, personas: Personas, family) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.auditor)
    url = f"/welfare/centre/home-visits/{family.pk}/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"visited_on": timezone.localdate().isoformat()}).status_code == 403
    assert client.post("/welfare/centre/home-visits/", {"mother": "", "child_birth_date": ""}).status_code == 403
    assert not HomeVisit.objects.exists() and HomeVisitFamily.objects.count() == 1


def test_other_department_staff_cannot_register_or_record(client, personas: Personas, family, client_record) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.staff)
    assert client.post("/welfare/centre/home-visits/", {"mother": client_record.pk,
                                                        "child_birth_date": "2026-01-05"}).status_code == 403
    assert client.post(f"/welfare/centre/home-visits/{family.pk}/",
                       {"visited_on": timezone.localdate().isoformat()}).status_code == 403
    assert HomeVisitFamily.objects.count() == 1 and not HomeVisit.objects.exists()


def test_export_needs_a_purpose_and_is_logged(client, personas: Personas, family) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    refused = client.get("/welfare/centre/home-visits/", {"format": "csv"})
    assert refused.status_code == 400
    export = client.get("/welfare/centre/home-visits/", {"format": "csv", "purpose": "방문 일정 점검", "overdue": "1"})
    body = b"".join(export.streaming_content).decode()  # type: ignore[attr-defined]
    assert body.startswith("\ufeff") and "박*자" in body and "박순자" not in body and ",0,25," in body
    assert PersonalDataAccess.objects.filter(subject="welfare.homevisit", action="export", purpose="방문 일정 점검").exists()


def test_the_list_shows_the_next_clinics_on_the_first_and_third_thursday(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    services.taxonomies_ensure()
    branch = Organization.objects.create(name="서대문구보건소 천연분소", source_type=SourceType.HEALTH,
                                         sector=Sector.PUBLIC, managing_department=personas.other_department)
    clinic = services.service_create(actor=personas.other_staff, organization=branch, data={
        "name": "방문보건 건강 클리닉", "assured_date": dt.date(2026, 1, 1)})
    Schedule.objects.create(service=clinic, freq="MONTHLY", byday="1TH,3TH", opens_at=dt.time(14), closes_at=dt.time(17))
    days = [day for day, _s in selectors.upcoming_clinics(start=dt.date(2026, 12, 1), days=31)]
    assert days == [dt.date(2026, 12, 3), dt.date(2026, 12, 17)]
    login_as(client, personas.other_staff)
    html = client.get("/welfare/centre/home-visits/").content.decode()
    assert "서대문구보건소 천연분소" in html and "BYDAY=1TH,3TH" in html
