"""Discovery and case management: channels, every step a service, dong scoping."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from opengu.core.models import AuditEvent, Consent, PersonalDataAccess, Tong
from opengu.welfare import services
from opengu.welfare.models import Case
from tests.personas import Personas, login_as


def _case(personas: Personas) -> Case:
    return services.case_report(actor=personas.other_staff, channel="council", situation="집세가 석 달 밀린 가구",
                                dong=personas.dong, subject_name="최영수")


def test_staff_of_another_dong_cannot_open_the_case_unless_assigned(client, personas: Personas,  # type: ignore[no-untyped-def]
                                                                    dong_staff) -> None:
    case = _case(personas)
    login_as(client, dong_staff["own"])
    assert client.get(f"/welfare/cases/{case.pk}/").status_code == 200
    login_as(client, dong_staff["other"])
    assert client.get(f"/welfare/cases/{case.pk}/").status_code == 403
    assert "최*수" not in client.get("/welfare/cases/").content.decode()
    services.case_triage(actor=personas.other_staff, case=case, urgency="urgent")
    services.case_assign(actor=personas.other_staff, case=case, dong=personas.dong, assignee=dong_staff["other"])
    assert client.get(f"/welfare/cases/{case.pk}/").status_code == 200
    assert "최*수" in client.get("/welfare/cases/").content.decode()
    login_as(client, personas.staff)
    assert client.get(f"/welfare/cases/{case.pk}/").status_code == 403


def test_a_case_runs_from_report_to_closure(client, personas: Personas, client_record, service, dong_staff) -> None:  # type: ignore[no-untyped-def]
    case = _case(personas)
    worker = dong_staff["own"]
    services.case_triage(actor=personas.other_staff, case=case, urgency="normal")
    services.case_assign(actor=personas.other_staff, case=case, dong=personas.dong, assignee=worker)
    login_as(client, worker)
    url = f"/welfare/cases/{case.pk}/"
    past = f"{timezone.localdate() - dt.timedelta(days=1):%Y-%m-%d}T14:00"
    refused = client.post(url, {"step": "visit", "visit_at": past, "note": "방문간호사 동행"})
    assert refused.status_code == 400 and "방문 일시가 이미 지났습니다" in refused.content.decode()
    visit = f"{timezone.localdate() + dt.timedelta(days=3):%Y-%m-%d}T14:00"
    assert client.post(url, {"step": "visit", "visit_at": visit, "note": "방문간호사 동행"}).status_code == 302
    assert client.post(url, {"step": "plan", "plan": "주거급여 신청"}).status_code == 400  # assess first
    assert client.post(url, {"step": "assess", "assessment": "주거비와 식사가 급함", "client": client_record.pk}).status_code == 302
    assert client.post(url, {"step": "plan", "plan": "주거급여 신청, 도시락 연계"}).status_code == 302
    held = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    empty = client.post(url, {"step": "meeting", "held_at": held, "attendees": "", "decision": ""})
    assert empty.status_code == 400 and "참석한 사람이나 기관을 적어 주세요" in empty.content.decode()
    later = f"{timezone.localdate() + dt.timedelta(days=2):%Y-%m-%d}T10:00"
    assert client.post(url, {"step": "meeting", "held_at": later, "attendees": "복지동장", "decision": "도시락 연계하기로"}).status_code == 400
    assert client.post(url, {"step": "meeting", "held_at": held, "attendees": "복지동장, 방문간호사, 연희노인복지관",
                             "decision": "도시락 배달과 주거급여 신청을 나누어 맡음"}).status_code == 302
    assert client.post(url, {"step": "link", "service": service.pk, "note": "도시락"}).status_code == 302
    case.refresh_from_db()
    assert case.stage == "services_linked" and case.referrals.get().service == service
    waiting = client.post(url, {"step": "close", "reason": "지원 연계 완료"})
    assert waiting.status_code == 400 and "회신을 기다리는 의뢰가 1건 있습니다" in waiting.content.decode()
    assert client.post(url, {"step": "close", "reason": "지원 연계 완료", "despite_waiting": "1"}).status_code == 302
    case.refresh_from_db()
    assert case.stage == "closed"
    assert [s.stage for s in case.steps.all()] == ["reported", "triaged", "assigned", "visit_scheduled", "assessed",
                                                   "planned", "meeting", "services_linked", "closed"]
    actions = set(AuditEvent.objects.filter(target_id=str(case.pk), action__startswith="welfare.case").values_list(
        "action", flat=True))
    assert {"welfare.case.reported", "welfare.case.assessed", "welfare.case.closed"} <= actions
    page = client.get(url).content.decode()
    assert "종결" in page and f"{visit.replace('T', ' ')} 방문 · 방문간호사 동행" in page and service.name in page
    assert "사례회의" in page and "참석: 복지동장, 방문간호사, 연희노인복지관 · 결정: 도시락 배달과 주거급여 신청을 나누어 맡음" in page
    assert PersonalDataAccess.objects.filter(subject="welfare.case", action="view").exists()


def test_steps_go_in_order(personas: Personas) -> None:
    case = _case(personas)
    with pytest.raises(services.WelfareInputError) as caught:
        services.case_visit_schedule(actor=personas.other_staff, case=case, visit_at=timezone.now())
    assert "갈 수 없습니다" in caught.value.errors["stage"]
    services.case_triage(actor=personas.other_staff, case=case, urgency="not_a_case", note="이미 지원 중")
    case.refresh_from_db()
    assert case.stage == "closed"
    with pytest.raises(services.WelfareInputError):
        services.case_close(actor=personas.other_staff, case=case, reason="다시")


def test_a_tongjang_report_needs_its_tong(personas: Personas) -> None:
    with pytest.raises(services.WelfareInputError) as caught:
        services.case_report(actor=personas.other_staff, channel="tongjang", situation="혼자 사는 어르신이 아픔",
                             dong=personas.dong)
    assert "통" in caught.value.errors["tong"]
    tong = Tong.objects.create(dong=personas.dong, number=7)
    case = services.case_report(actor=personas.other_staff, channel="tongjang", situation="혼자 사는 어르신이 아픔",
                                tong=tong)
    assert case.dong == personas.dong


def test_residents_report_without_logging_in(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    form = client.get("/welfare/report/")
    assert form.status_code == 200 and "동의" in form.content.decode()
    refused = client.post("/welfare/report/", {"dong": personas.dong.pk, "situation": "옆집 어르신이 며칠째 안 보여요"})
    assert refused.status_code == 400 and "동의" in refused.content.decode()
    assert not Case.objects.exists()
    sent = client.post("/welfare/report/", {"dong": personas.dong.pk, "situation": "옆집 어르신이 며칠째 안 보여요",
                                            "consent": "1"})
    assert sent.status_code == 302
    case = Case.objects.get()
    assert case.channel == "resident" and case.created_by is None and case.stage == "reported"
    assert Consent.objects.filter(subject_id=str(case.pk), notice__key=services.REPORT_NOTICE).exists()


def test_auditors_read_cases_but_do_not_move_them(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    case = _case(personas)
    login_as(client, personas.auditor)
    assert client.get(f"/welfare/cases/{case.pk}/").status_code == 200
    assert client.post(f"/welfare/cases/{case.pk}/", {"step": "triage", "urgency": "urgent"}).status_code == 403
    export = client.get("/welfare/cases/", {"format": "csv", "purpose": "점검"})
    assert "최*수" in b"".join(export.streaming_content).decode()  # type: ignore[attr-defined]
