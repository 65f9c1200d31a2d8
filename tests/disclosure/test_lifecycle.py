"""Every transition of a request, and the illegal ones refused with a reason."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from opengu.core.models import AuditEvent, Consent
from opengu.disclosure import services
from opengu.disclosure.models import Deadline, Decision, State, Transition
from opengu.disclosure.services import DisclosureError, GroundInput
from tests.disclosure.conftest import assign, file, refuse, register

pytestmark = pytest.mark.django_db


def test_filing_receives_today_records_consent_and_computes_the_decision_date(personas):
    request = file(personas)
    assert request.state == State.RECEIVED
    assert request.received_on == timezone.localdate()
    assert request.number.startswith(f"{request.received_on.year}-")
    assert Consent.objects.filter(subject_id=str(request.pk)).count() == 1
    kinds = set(request.deadlines.values_list("kind", flat=True))
    # Undecided: the window to object if no decision comes by day 20 (법 제18조제1항) is dated too.
    assert kinds == {Deadline.Kind.DECISION, Deadline.Kind.REMEDY, Deadline.Kind.OBJECTION_WINDOW}
    assert AuditEvent.objects.filter(action="disclosure.request.file", target_id=str(request.pk)).exists()


def test_filing_needs_a_name_and_some_contact_and_writes_nothing_otherwise(personas):
    with pytest.raises(DisclosureError) as error:
        services.request_file(actor=personas.resident, data=services.RequesterData(name="홍길동"),
                              subject="제목", content="내용", method="electronic", delivery="online")
    assert error.value.field == "requester_phone" and "연락처" in error.value.message
    with pytest.raises(DisclosureError) as error:
        services.request_file(actor=personas.resident, data=services.RequesterData(name=" ", phone="010-1"),
                              subject="제목", content="내용", method="electronic", delivery="online")
    assert error.value.field == "requester_name"
    assert not Transition.objects.exists()


def test_staff_cannot_file_online_and_residents_cannot_register_paper(personas):
    with pytest.raises(DisclosureError):
        file(type(personas)(**{**personas.__dict__, "resident": personas.staff}))
    with pytest.raises(DisclosureError):
        services.request_register(actor=personas.resident, data=services.RequesterData(name="가", phone="010"),
                                  subject="s", content="c", method="copy", delivery="visit", channel="paper",
                                  received_on=dt.date.today())


def test_assign_then_reassign_keeps_the_state_and_logs_both(personas):
    request = assign(personas, file(personas))
    assert request.state == State.ASSIGNED and request.department == personas.department
    services.request_assign(actor=personas.disclosure_officer, request=request, department=personas.other_department)
    request.refresh_from_db()
    assert request.department == personas.other_department and request.state == State.ASSIGNED
    assert list(request.transitions.values_list("action", flat=True)) == ["file", "assign", "reassign"]


def test_only_the_disclosure_office_assigns(personas):
    request = file(personas)
    with pytest.raises(DisclosureError):
        services.request_assign(actor=personas.staff, request=request, department=personas.department)


@pytest.mark.parametrize("service, kwargs, state", [
    (services.request_transfer, {"agency": "서울특별시", "reason": "서울시가 보유한 정보"}, State.TRANSFERRED),
    (services.request_treat_as_petition, {"ground": 2, "result": "질의에 답변함"}, State.PETITION),
    (services.request_terminate, {"ground": "published", "explanation": "이미 공개", "location": "https://sdm.example/x"},
     State.TERMINATED),
    (services.request_withdraw, {}, State.WITHDRAWN),
])
def test_ending_steps_are_final_and_refuse_anything_after(personas, assigned, service, kwargs, state):
    service(actor=personas.staff, request=assigned, **kwargs)
    assert assigned.state == state and assigned.closed_at is not None
    with pytest.raises(DisclosureError, match="상태에서는"):
        services.request_extend(actor=personas.staff, request=assigned, reason=1, explanation="x")
    with pytest.raises(DisclosureError, match="취하할 수 없습니다"):
        services.request_withdraw(actor=personas.resident, request=assigned)


def test_published_termination_must_say_where(personas, assigned):
    with pytest.raises(DisclosureError) as error:
        services.request_terminate(actor=personas.staff, request=assigned, ground="published", explanation="공개됨")
    assert error.value.field == "location"
    assert assigned.state == State.ASSIGNED


def test_extension_once_at_most_ten_days_with_a_decree_reason(personas, assigned):
    with pytest.raises(DisclosureError, match="1일부터 10일"):
        services.request_extend(actor=personas.staff, request=assigned, reason=1, explanation="복잡", days=11)
    with pytest.raises(DisclosureError, match="시행령 제7조"):
        services.request_extend(actor=personas.staff, request=assigned, reason=9, explanation="복잡")
    services.request_extend(actor=personas.staff, request=assigned, reason=1, explanation="자료가 많음", days=10)
    assert assigned.state == State.EXTENDED
    first = assigned.deadlines.get(kind=Deadline.Kind.DECISION)
    extended = assigned.deadlines.get(kind=Deadline.Kind.EXTENDED)
    assert extended.start == first.due + dt.timedelta(days=1)
    assert len(extended.working["counted"]) == 10
    with pytest.raises(DisclosureError, match="한 번만"):
        services.request_extend(actor=personas.staff, request=assigned, reason=1, explanation="또")


def test_extension_refused_after_the_first_deadline_passed(personas):
    request = assign(personas, register(personas, dt.date(2026, 9, 21)))
    with pytest.raises(DisclosureError, match="이미 지나"):
        services.request_extend(actor=personas.staff, request=request, reason=4, explanation="업무 폭주")


def test_other_department_cannot_work_on_the_request(personas, assigned):
    with pytest.raises(DisclosureError):
        services.request_draft_decision(actor=personas.other_staff, request=assigned, kind="disclose")
    with pytest.raises(DisclosureError):
        services.request_decide(actor=personas.auditor, request=assigned)


def test_full_disclosure_path_without_review(personas, assigned):
    services.request_notify_third_party(actor=personas.staff, request=assigned, name="(주)가나건설")
    services.request_draft_decision(actor=personas.staff, request=assigned, kind="disclose",
                                    disclosure_place="정보공개 누리집")
    decision = services.request_decide(actor=personas.staff, request=assigned)
    assert assigned.state == State.DECIDED and decision.disclosure_on == decision.issued_on
    kinds = set(assigned.deadlines.values_list("kind", flat=True))
    assert {Deadline.Kind.OBJECTION_WINDOW, Deadline.Kind.DISCLOSURE} <= kinds
    with pytest.raises(DisclosureError, match="전부 공개"):
        services.request_object(actor=personas.resident, request=assigned, grounds="불만")
    services.request_disclose(actor=personas.staff, request=assigned)
    services.request_close(actor=personas.staff, request=assigned)
    assert assigned.state == State.CLOSED
    notice = assigned.transitions.get(action="decide").notice
    assert "공개 일시" in notice and "정보공개 누리집" in notice


def test_decision_content_is_validated(personas, assigned):
    draft = services.request_draft_decision
    with pytest.raises(DisclosureError) as error:
        draft(actor=personas.staff, request=assigned, kind="withhold")
    assert error.value.field == "grounds"
    with pytest.raises(DisclosureError) as error:
        draft(actor=personas.staff, request=assigned, kind="not_held")
    assert error.value.field == "not_held_reason"
    with pytest.raises(DisclosureError) as error:
        draft(actor=personas.staff, request=assigned, kind="withhold", grounds=[GroundInput(5, "검토 중")])
    assert error.value.field == "process_stage"
    with pytest.raises(DisclosureError, match="제1호부터 제8호"):
        draft(actor=personas.staff, request=assigned, kind="withhold", grounds=[GroundInput(9, "x")])
    with pytest.raises(DisclosureError) as error:
        draft(actor=personas.staff, request=assigned, kind="partial", grounds=[GroundInput(6, "개인정보")])
    assert error.value.field == "disclosed_part"
    assert not Decision.objects.exists()


def test_refusal_notice_names_the_item_and_how_to_object(personas, assigned):
    refuse(personas, assigned, item=5)
    notice = assigned.transitions.get(action="decide").notice
    assert "제9조제1항제5호" in notice and "종료 예정일" in notice and "이의신청" in notice


def test_objection_within_30_days_then_committee_or_written_exception(personas, assigned):
    refuse(personas, assigned)
    services.request_object(actor=personas.resident, request=assigned, grounds="공익상 필요")
    assert assigned.state == State.OBJECTED
    due = assigned.deadlines.get(kind=Deadline.Kind.OBJECTION_DECISION)
    assert due.days == 7 and due.counting == "workdays"
    with pytest.raises(DisclosureError, match="심의회"):
        services.request_decide_objection(actor=personas.staff, request=assigned, outcome="dismissed", reason="이유")
    services.request_extend_objection(actor=personas.staff, request=assigned, reason="심의회 일정")
    extended = assigned.deadlines.get(kind=Deadline.Kind.OBJECTION_EXTENDED)
    assert extended.start == due.due + dt.timedelta(days=1) and extended.days == 7
    with pytest.raises(DisclosureError, match="한 번만"):
        services.request_extend_objection(actor=personas.staff, request=assigned, reason="또")
    services.request_decide_objection(actor=personas.staff, request=assigned, outcome="dismissed", reason="이유",
                                      committee_exception="repeated", committee_exception_reason="같은 청구 3회")
    assert assigned.state == State.CLOSED
    assert "행정심판" in assigned.transitions.get(action="objection_decide").notice


def test_objection_through_the_committee(personas, assigned):
    refuse(personas, assigned)
    services.request_object(actor=personas.resident, request=assigned, grounds="이유")
    item = services.request_refer_objection(actor=personas.staff, request=assigned)
    services.agenda_item_complete(actor=personas.disclosure_officer, item=item)
    services.request_decide_objection(actor=personas.staff, request=assigned, outcome="upheld", reason="공개함")
    assert assigned.state == State.REDECIDING  # the department now issues a new decision (test_redecision.py)


def test_objection_after_30_days_is_refused(personas):
    request = assign(personas, register(personas, dt.date(2026, 9, 1)))
    refuse(personas, request)
    with pytest.raises(DisclosureError) as error:
        services.request_object(actor=personas.staff, request=request, grounds="x",
                                filed_on=dt.date.today() + dt.timedelta(days=40))
    assert error.value.field == "filed_on"


def test_objection_without_decision_opens_after_day_20(personas):
    late = assign(personas, register(personas, dt.date(2026, 9, 1)))
    services.request_object(actor=personas.staff, request=late, grounds="20일이 지나도록 결정 없음",
                            filed_on=dt.date(2026, 10, 6))
    assert late.state == State.OBJECTED
    fresh = assign(personas, file(personas))
    with pytest.raises(DisclosureError, match="20일이 지난 뒤"):
        services.request_object(actor=personas.resident, request=fresh, grounds="x")


def test_third_party_objection_forces_thirty_days_before_disclosure(personas, assigned):
    notice = services.request_notify_third_party(actor=personas.staff, request=assigned, name="이웃 주민")
    assert notice.opinion_due > notice.notified_on
    services.request_record_third_party_opinion(actor=personas.staff, notice=notice, objects_to_disclosure=True,
                                                opinion="사생활 침해")
    today = dt.date.today()
    with pytest.raises(DisclosureError, match="30일"):
        services.request_draft_decision(actor=personas.staff, request=assigned, kind="disclose",
                                        disclosure_on=today + dt.timedelta(days=5))
    assert not Decision.objects.filter(request=assigned).exists()
    # A date 30 days after today is refused at issue when the decision is made before today.
    services.request_draft_decision(actor=personas.staff, request=assigned, kind="disclose",
                                    disclosure_on=today + dt.timedelta(days=30))
    with pytest.raises(DisclosureError, match="30일"):
        services.request_decide(actor=personas.staff, request=assigned, on=today + dt.timedelta(days=1))
    services.request_draft_decision(actor=personas.staff, request=assigned, kind="disclose")
    decision = services.request_decide(actor=personas.staff, request=assigned, on=today)
    assert decision.disclosure_on == today + dt.timedelta(days=30)
    with pytest.raises(DisclosureError, match="제21조제3항"):
        services.request_disclose(actor=personas.staff, request=assigned, on=today)


def test_disclosure_date_beyond_ten_days_is_refused_when_the_draft_is_saved(personas, assigned):
    today = dt.date.today()
    limit = services.disclosure_date_limit(assigned, today)[1]
    assert limit is not None and limit >= today + dt.timedelta(days=10)
    with pytest.raises(DisclosureError, match=f"{limit:%Y-%m-%d}까지") as error:
        services.request_draft_decision(actor=personas.staff, request=assigned, kind="disclose",
                                        disclosure_on=limit + dt.timedelta(days=1))
    assert error.value.field == "disclosure_on" and not Decision.objects.filter(request=assigned).exists()
    with pytest.raises(DisclosureError, match="결정일 이후"):
        services.request_draft_decision(actor=personas.staff, request=assigned, kind="disclose",
                                        disclosure_on=today - dt.timedelta(days=1))
    services.request_draft_decision(actor=personas.staff, request=assigned, kind="disclose", disclosure_on=limit)


def test_the_disclosure_date_is_checked_again_at_issue(personas, assigned):
    today = dt.date.today()
    limit = services.disclosure_date_limit(assigned, today)[1]
    assert limit is not None
    services.request_draft_decision(actor=personas.staff, request=assigned, kind="disclose", disclosure_on=limit)
    # Decided later, the date is before the decision; decided earlier, it is past that day's limit.
    with pytest.raises(DisclosureError, match="결정일 이후"):
        services.request_decide(actor=personas.staff, request=assigned, on=limit + dt.timedelta(days=1))
    with pytest.raises(DisclosureError, match="시행령 제12조제1항") as error:
        services.request_decide(actor=personas.staff, request=assigned, on=today - dt.timedelta(days=5))
    assert error.value.field == "disclosure_on" and assigned.state == State.ASSIGNED


def test_the_draft_form_shows_the_disclosure_date_limit(client, personas, assigned):
    limit = services.disclosure_date_limit(assigned, dt.date.today())[1]
    assert limit is not None
    client.force_login(personas.staff)
    page = client.get(f"/disclosure/staff/{assigned.pk}/").content.decode()
    assert f'max="{limit:%Y-%m-%d}"' in page and f"오늘 결정하면 {limit:%Y-%m-%d}까지로 정해야 합니다" in page
    late = client.post(f"/disclosure/staff/{assigned.pk}/draft/", {
        "kind": "disclose", "disclosure_on": (limit + dt.timedelta(days=1)).isoformat()}, follow=True)
    assert "시행령 제12조제1항" in late.content.decode()
    assert not Decision.objects.filter(request=assigned).exists()


def test_requester_may_withdraw_but_not_another_resident(personas, assigned):
    with pytest.raises(DisclosureError):
        services.request_withdraw(actor=personas.other_resident, request=assigned)
    services.request_withdraw(actor=personas.resident, request=assigned)
    assert assigned.state == State.WITHDRAWN
