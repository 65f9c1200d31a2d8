"""공동모금회 pages: applying on the page (with a document), bad input kept out, dong scoping,
access records for lists, the application, its documents and exports, the committee's pages
(agenda, decision, minutes) and the summary chart."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opengu.core import charts
from opengu.core.models import AuditEvent, PersonalDataAccess
from opengu.welfare import chest, services
from opengu.welfare.models import ChestApplication, ChestAttachment, ChestMinutes
from tests.personas import Personas, login_as

LIST = "/welfare/centre/chest/"
COMMITTEE = "/welfare/centre/chest/committee/"
SUMMARY = "/welfare/centre/chest/summary/"


def _apply(personas: Personas, household) -> ChestApplication:  # type: ignore[no-untyped-def]
    return chest.application_register(actor=personas.other_staff, client=household, kind="living",
                                      amount_requested="800000", reason="실직 뒤 석 달째 월세가 밀렸습니다.")


@pytest.fixture
def meeting(personas: Personas):  # type: ignore[no-untyped-def]
    committee = chest.committee_ensure()
    members = [chest.member_add(actor=personas.other_staff, committee=committee, name=name)
               for name in ("가위원", "나위원", "다위원")]
    meeting = chest.meeting_schedule(actor=personas.other_staff, committee=committee, held_at="2026-11-20 14:00",
                                     place="구청 소회의실")
    chest.meeting_attendance_set(actor=personas.other_staff, meeting=meeting, members=members)
    return meeting


def test_applying_on_the_page_keeps_the_document_encrypted_and_audited(client, personas: Personas,  # type: ignore[no-untyped-def]
                                                                       client_record) -> None:
    from django.db import connection

    login_as(client, personas.other_staff)
    document = SimpleUploadedFile("진단서.pdf", b"%PDF-1.4 diagnosis", content_type="application/pdf")
    response = client.post(LIST, {"client": client_record.pk, "kind": "medical", "amount_requested": "1,200,000",
                                  "reason": "항암 치료비가 필요합니다.", "attachment": document})
    application = ChestApplication.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/welfare/centre/chest/{application.pk}/"
    assert (application.client, application.amount_requested, application.worker) == (client_record, 1_200_000,
                                                                                      personas.other_staff)
    with connection.cursor() as cursor:
        cursor.execute("SELECT content, filename FROM welfare_chestattachment")
        content, filename = cursor.fetchone()
    assert "진단서" not in filename and "JVBERi" not in content  # name and base64 of %PDF not stored in clear
    download = client.get(f"/welfare/centre/chest/documents/{ChestAttachment.objects.get().pk}/")
    assert download.status_code == 200 and download.content == b"%PDF-1.4 diagnosis"
    assert PersonalDataAccess.objects.filter(subject="welfare.client", action="view", actor=personas.other_staff,
                                             purpose="공동모금회 신청 첨부 서류 열람").count() == 1
    assert AuditEvent.objects.filter(action__in=["welfare.chest.apply", "welfare.chest.attach"]).count() == 2


def test_bad_input_is_explained_in_korean_and_nothing_is_written(client, personas: Personas, client_record) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    bad = SimpleUploadedFile("a.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(LIST, {"client": "999999", "kind": "car", "amount_requested": "많이",
                                  "reason": "전화 010-2222-3333", "attachment": bad})
    html = response.content.decode()
    assert response.status_code == 400
    for text in ("등록된 대상자를 찾을 수 없습니다", "지원 종류: 생계비", "숫자로 적어 주세요", "전화번호로 보이는 내용",
                 "PDF, JPG, PNG 파일만", "저장하지 않았습니다"):
        assert text in html
    response = client.post(LIST, {"client": client_record.pk, "kind": "medical", "amount_requested": "1000",
                                  "reason": "치료비", "attachment": SimpleUploadedFile("a.exe", b"MZ",
                                                                                     content_type="application/x-msdownload")})
    assert response.status_code == 400  # a good application with a bad document: neither is kept
    assert not ChestApplication.objects.exists() and not ChestAttachment.objects.exists()


def test_dong_staff_see_and_apply_only_for_their_own_dong(client, personas: Personas, dong_staff) -> None:  # type: ignore[no-untyped-def]
    own = services.client_register(actor=personas.other_staff, name="김하나", dong=personas.dong, consent=True)
    other = services.client_register(actor=personas.other_staff, name="이둘셋", dong=personas.other_dong, consent=True)
    mine, theirs = _apply(personas, own), _apply(personas, other)
    login_as(client, dong_staff["own"])
    html = client.get(LIST).content.decode()
    assert "김*나" in html and "이*셋" not in html and theirs.number not in html
    assert client.get(f"/welfare/centre/chest/{mine.pk}/").status_code == 200
    assert client.get(f"/welfare/centre/chest/{theirs.pk}/").status_code == 403
    refused = client.post(LIST, {"client": other.pk, "kind": "living", "amount_requested": "1000", "reason": "생계 곤란"})
    assert refused.status_code == 403 and ChestApplication.objects.count() == 2
    assert client.post(LIST, {"client": own.pk, "kind": "living", "amount_requested": "1000",
                              "reason": "생계 곤란"}).status_code == 302
    # The committee belongs to the centre.
    for url in (COMMITTEE, SUMMARY):
        assert client.get(url).status_code == 403
    assert client.post(f"/welfare/centre/chest/{mine.pk}/", {"action": "agenda"}).status_code == 403
    # The worker of an application sees it wherever they sit.
    login_as(client, dong_staff["other"])
    assert client.get(f"/welfare/centre/chest/{mine.pk}/").status_code == 403


def test_every_view_writes_an_access_record(client, personas: Personas, client_record) -> None:  # type: ignore[no-untyped-def]
    application = _apply(personas, client_record)
    login_as(client, personas.auditor)
    html = client.get(LIST).content.decode()
    assert "박*자" in html and "박순자" not in html
    html = client.get(f"/welfare/centre/chest/{application.pk}/").content.decode()
    assert "박*자" in html and "박순자" not in html and "월세가 밀렸습니다" in html
    logged = PersonalDataAccess.objects.filter(actor=personas.auditor, subject="welfare.client").order_by("id")
    assert [(row.action, row.record_ids) for row in logged] == [("list", [str(client_record.pk)]),
                                                                ("view", [str(client_record.pk)])]
    assert client.get(LIST, {"format": "csv"}).status_code == 400  # no purpose, no file
    exported = client.get(LIST, {"format": "csv", "purpose": "분기 배분 보고"})
    body = b"".join(exported.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    assert application.number in body and "박*자" in body and "박순자" not in body
    assert PersonalDataAccess.objects.get(actor=personas.auditor, action="export").purpose == "분기 배분 보고"
    refused = client.post(f"/welfare/centre/chest/{application.pk}/", {"action": "withdraw", "withdraw_reason": "x"})
    assert refused.status_code == 403  # auditors read only
    assert client.post(LIST, {"client": client_record.pk, "kind": "living", "amount_requested": "1",
                              "reason": "생계"}).status_code == 403


def test_agenda_decision_and_minutes_on_the_pages(client, personas: Personas, client_record, meeting) -> None:  # type: ignore[no-untyped-def]
    application = _apply(personas, client_record)
    page = f"/welfare/centre/chest/{application.pk}/"
    meeting_page = f"/welfare/centre/chest/meetings/{meeting.pk}/"
    login_as(client, personas.other_staff)
    assert client.post(page, {"action": "agenda", "meeting": meeting.pk}).status_code == 302
    refused = client.post(page, {"action": "decide", "outcome": "granted", "votes_for": "1", "votes_against": "2"})
    assert refused.status_code == 400 and "과반이 아니어서" in refused.content.decode()
    assert client.post(page, {"action": "decide", "outcome": "granted", "votes_for": "3"}).status_code == 302
    html = client.get(page).content.decode()
    assert "선정 800,000원" in html
    assert client.post(meeting_page, {"action": "draft"}).status_code == 302
    minutes = ChestMinutes.objects.get()
    assert "박*자" in minutes.body and "박순자" not in minutes.body
    refused = client.post(meeting_page, {"action": "edit", "body": minutes.body.replace("박*자", "박순자")})
    assert refused.status_code == 400 and "대상자 이름이 그대로" in refused.content.decode()
    assert client.post(meeting_page, {"action": "edit", "body": minutes.body + "\n폐회 15:10"}).status_code == 302
    assert client.post(meeting_page, {"action": "finalise"}).status_code == 302
    html = client.get(meeting_page).content.decode()
    assert "확정된 회의록입니다" in html and 'name="body"' not in html and "폐회 15:10" in html
    assert client.post(meeting_page, {"action": "edit", "body": "고침"}).status_code == 400
    assert ChestMinutes.objects.get().version == 2
    # The agenda lists households: an access record.
    assert PersonalDataAccess.objects.filter(actor=personas.other_staff, action="list", subject="welfare.client",
                                             path=meeting_page).exists()


def test_the_committee_page_adds_members_and_schedules_meetings(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    assert client.post(COMMITTEE, {"action": "member", "name": "한위원장", "role": "chair"}).status_code == 302
    refused = client.post(COMMITTEE, {"action": "member", "name": "두번째", "role": "chair"})
    assert refused.status_code == 400 and "위원장이 이미 있습니다" in refused.content.decode()
    bad = client.post(COMMITTEE, {"action": "meeting", "held_at": "2026-13-01 10:00", "place": ""})
    assert bad.status_code == 400 and "날짜와 시각 형식이 아닙니다" in bad.content.decode()
    made = client.post(COMMITTEE, {"action": "meeting", "held_at": "2026-12-04 14:00", "place": "구청 3층"})
    assert made.status_code == 302
    assert "제1차" in client.get(COMMITTEE).content.decode()
    login_as(client, personas.auditor)
    assert client.get(COMMITTEE).status_code == 200
    assert client.post(COMMITTEE, {"action": "member", "name": "감사", "role": "member"}).status_code == 403


def test_the_summary_page_charts_states_and_granted_amounts(client, personas: Personas, client_record,  # type: ignore[no-untyped-def]
                                                           meeting) -> None:
    application = chest.agenda_add(actor=personas.other_staff, application=_apply(personas, client_record),
                                   meeting=meeting)
    chest.application_decide(actor=personas.other_staff, application=application, outcome="granted", votes_for=3)
    _apply(personas, client_record)
    login_as(client, personas.other_staff)
    response = client.get(SUMMARY)
    html = response.content.decode()
    assert html.count('<svg role="img" class="bar-chart"') == 2
    # The one dong granted money gets the longest bar: it and its amount fill the site chart's width exactly.
    (bar,) = response.context["dong_chart"].bars
    assert bar.shown == "800,000" and bar.value_x + charts.text_width(bar.shown) == pytest.approx(charts.WIDTH, abs=0.1)
    assert "800,000원" in html and personas.dong.name in html and "박" not in html.split("<main", 1)[-1].split("</main>")[0]


def test_the_staff_home_counts_applications_waiting_for_a_decision(client, personas: Personas, client_record,  # type: ignore[no-untyped-def]
                                                                   dong_staff) -> None:
    _apply(personas, client_record)
    _apply(personas, client_record)
    other = services.client_register(actor=personas.other_staff, name="이둘셋", dong=personas.other_dong, consent=True)
    _apply(personas, other)
    tile = re.compile(r'공동모금회 지원</a></h3>\s*<p><span class="count">(\d+)</span> 건 결정 대기')
    login_as(client, personas.other_staff)
    assert tile.search(client.get("/staff/").content.decode()).group(1) == "3"  # type: ignore[union-attr]
    login_as(client, dong_staff["own"])  # their dong's households only
    assert tile.search(client.get("/staff/").content.decode()).group(1) == "2"  # type: ignore[union-attr]
