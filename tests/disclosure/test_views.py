"""Pages: who may see what, across personas; requester data reads are logged."""

from __future__ import annotations

import pytest

from opengu.core.models import PersonalDataAccess
from opengu.disclosure import services
from opengu.disclosure.models import DisclosureRequest, State
from opengu.disclosure.services import GroundInput
from tests.disclosure.conftest import assign, file
from tests.personas import as_each, login_as

pytestmark = pytest.mark.django_db
STAFF = ["staff", "other_staff", "head", "disclosure_officer", "auditor", "admin"]


def test_public_pages_are_open_to_everybody(client, personas):
    for url in ["/disclosure/", "/disclosure/register/"]:
        codes = as_each(client, personas, url)
        assert set(codes.values()) == {200}, (url, codes)


def test_filing_page_is_for_residents(client, personas):
    codes = as_each(client, personas, "/disclosure/new/")
    assert codes["anonymous"] == 302
    assert codes["resident"] == 200 and codes["other_resident"] == 200
    assert all(codes[name] == 403 for name in STAFF)


def test_resident_files_online_and_sees_the_working(client, personas):
    login_as(client, personas.resident)
    response = client.post("/disclosure/new/", {
        "requester_name": "홍길동", "requester_phone": "010-1234-5678", "subject": "경로당 운영비 집행 내역",
        "content": "2025년 집행 내역", "method": "electronic", "delivery": "online", "consent": "1",
    })
    request = DisclosureRequest.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/disclosure/mine/{request.number}/")
    page = client.get(response["Location"]).content.decode()
    assert "경로당 운영비" in page and "정보공개법 제29조제2항" in page
    # A plain sentence first, the legal wording after it in small print; no 기산일 or 산입 for the resident.
    plain = "부터 세고, 토·일요일과 공휴일은 빼고 10일을 셉니다."
    assert plain in page and page.index(plain) < page.index("<small>법적 근거: ")
    assert "기산일" not in page and "불산입" not in page


def test_filing_without_consent_or_subject_names_the_field_and_saves_nothing(client, personas):
    login_as(client, personas.resident)
    response = client.post("/disclosure/new/", {"requester_name": "홍길동", "requester_phone": "010", "subject": "x",
                                                "content": "y", "method": "electronic", "delivery": "online"})
    assert response.status_code == 400 and "동의" in response.content.decode()
    response = client.post("/disclosure/new/", {"requester_name": "홍길동", "requester_phone": "010", "subject": "",
                                                "content": "y", "method": "electronic", "delivery": "online",
                                                "consent": "1"})
    assert response.status_code == 400 and "청구 제목" in response.content.decode()
    assert not DisclosureRequest.objects.exists()


def test_a_requester_cannot_see_another_requesters_request(client, personas):
    request = file(personas)
    codes = as_each(client, personas, f"/disclosure/mine/{request.number}/")
    assert codes["resident"] == 200
    assert codes["other_resident"] == 404 and codes["anonymous"] == 302
    login_as(client, personas.other_resident)
    assert request.number not in client.get("/disclosure/mine/").content.decode()
    assert client.post(f"/disclosure/mine/{request.number}/withdraw/").status_code == 404
    request.refresh_from_db()
    assert request.state == State.RECEIVED


def test_staff_request_page_across_personas(client, personas):
    request = assign(personas, file(personas))
    codes = as_each(client, personas, f"/disclosure/staff/{request.pk}/")
    assert codes["anonymous"] == 302 and codes["resident"] == 403 and codes["other_resident"] == 403
    assert codes["other_staff"] == 403
    for name in ["staff", "head", "disclosure_officer", "auditor", "admin"]:
        assert codes[name] == 200, name


def test_unassigned_requests_are_seen_only_by_the_disclosure_office(client, personas):
    request = file(personas)
    codes = as_each(client, personas, f"/disclosure/staff/{request.pk}/")
    assert codes["staff"] == 403 and codes["disclosure_officer"] == 200


def test_another_department_cannot_see_a_draft(client, personas):
    request = assign(personas, file(personas))
    services.request_draft_decision(actor=personas.staff, request=request, kind="withhold",
                                    grounds=[GroundInput(7, "영업상 비밀인 단가표")])
    login_as(client, personas.other_staff)
    assert client.get(f"/disclosure/staff/{request.pk}/").status_code == 403
    assert "영업상 비밀인 단가표" not in client.get("/disclosure/staff/?state=all").content.decode()
    assert request.number not in client.get("/disclosure/staff/?state=all").content.decode()
    login_as(client, None)
    register = client.get("/disclosure/register/").content.decode()
    assert "비공개" not in register.split("<tbody>")[1]


def test_every_staff_read_of_requester_data_is_logged(client, personas):
    request = assign(personas, file(personas))
    login_as(client, personas.staff)
    before = PersonalDataAccess.objects.count()
    page = client.get(f"/disclosure/staff/{request.pk}/").content.decode()
    assert "홍*동" in page and "홍길동" not in page
    view = PersonalDataAccess.objects.order_by("-id").first()
    assert view.action == "view" and view.subject == "disclosure.request" and view.record_ids == [str(request.pk)]
    client.get("/disclosure/staff/")
    listed = PersonalDataAccess.objects.order_by("-id").first()
    assert listed.action == "list" and str(request.pk) in listed.record_ids
    response = client.get("/disclosure/staff/?format=csv")
    assert response.status_code == 302  # no purpose, no export
    response = client.get("/disclosure/staff/?format=csv&purpose=월간 처리 현황 보고")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff") and request.number in body and "홍길동" not in body
    export = PersonalDataAccess.objects.order_by("-id").first()
    assert export.action == "export" and export.purpose == "월간 처리 현황 보고"
    assert PersonalDataAccess.objects.count() == before + 3


def test_staff_queue_shows_only_the_own_department_and_flags_overdue(client, personas):
    import datetime as dt

    from tests.disclosure.conftest import register
    late = assign(personas, register(personas, dt.date(2026, 9, 21)))
    other = file(personas, "복지 예산 집행")
    services.request_assign(actor=personas.disclosure_officer, request=other, department=personas.other_department)
    login_as(client, personas.staff)
    page = client.get("/disclosure/staff/?overdue=1").content.decode()
    assert late.number in page and other.number not in page and "초과" in page
    codes = as_each(client, personas, "/disclosure/staff/")
    assert codes["anonymous"] == 302 and codes["resident"] == 403
    assert all(codes[name] == 200 for name in STAFF)


def test_register_exports_csv_and_xlsx_with_the_filters(client, personas):
    file(personas, "가로등 설치 계획")
    file(personas, "공원 조성 예산")
    response = client.get("/disclosure/register/?q=가로등&format=csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff") and "가로등" in body and "공원" not in body and "홍길동" not in body
    response = client.get("/disclosure/register/?format=xlsx")
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_staff_walk_a_request_through_the_page(client, personas):
    request = file(personas)
    login_as(client, personas.disclosure_officer)
    client.post(f"/disclosure/staff/{request.pk}/assign/", {"department": personas.department.pk})
    login_as(client, personas.staff)
    client.post(f"/disclosure/staff/{request.pk}/draft/", {"kind": "partial", "ground_6": "1",
                                                           "ground_6_reason": "개인 연락처", "disclosed_part": "계약서"})
    response = client.post(f"/disclosure/staff/{request.pk}/decide/", follow=True)
    assert "사전검토" in response.content.decode()
    client.post(f"/disclosure/staff/{request.pk}/submit_review/")
    login_as(client, personas.disclosure_officer)
    assert request.number in client.get("/disclosure/staff/review/").content.decode()
    client.post(f"/disclosure/staff/{request.pk}/review/", {"approve": "1"})
    login_as(client, personas.staff)
    client.post(f"/disclosure/staff/{request.pk}/decide/")
    request.refresh_from_db()
    assert request.state == State.DECIDED
    login_as(client, personas.other_staff)
    assert client.post(f"/disclosure/staff/{request.pk}/disclose/").status_code == 403


def test_review_queue_is_for_the_disclosure_office_and_auditors(client, personas):
    codes = as_each(client, personas, "/disclosure/staff/review/")
    assert codes["anonymous"] == 302 and codes["resident"] == 403 and codes["staff"] == 403
    assert codes["other_staff"] == 403 and codes["head"] == 403
    assert codes["disclosure_officer"] == 200 and codes["auditor"] == 200 and codes["admin"] == 200


def test_staff_register_page_across_personas(client, personas):
    codes = as_each(client, personas, "/disclosure/staff/new/")
    assert codes["anonymous"] == 302 and codes["resident"] == 403 and codes["auditor"] == 403
    assert codes["staff"] == 200 and codes["disclosure_officer"] == 200


def test_staff_workspace_shows_the_tile(client, personas):
    assign(personas, file(personas))
    login_as(client, personas.staff)
    page = client.get("/staff/").content.decode()
    assert "정보공개 청구 처리" in page


def test_the_register_shows_a_title_only_when_the_requester_opted_in(client, personas):
    from opengu.disclosure import services
    from tests.disclosure.conftest import requester

    services.request_file(actor=personas.resident, data=requester(), subject="비공개 희망 제목",
                          content="내용", method="electronic", delivery="online")
    body = client.get("/disclosure/register/").content.decode()
    assert "비공개 희망 제목" not in body
    login_as(client, personas.resident)
    page = client.get("/disclosure/new/").content.decode()
    assert 'name="in_public_register" value="1"' in page
    assert 'name="in_public_register" value="1" checked' not in page
