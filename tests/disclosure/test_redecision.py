"""Re-decision after an upheld objection: the request goes back to the department for a new decision with its own
deadline, audited; the new decision must give what the objection won; the requester is told at each step."""

from __future__ import annotations

import datetime as dt

import pytest

from opengu.core.models import AuditEvent
from opengu.disclosure import selectors, services
from opengu.disclosure.models import Deadline, Decision, Objection, State
from opengu.disclosure.services import DisclosureError, GroundInput
from opengu.messaging.models import OutboxMessage
from tests.disclosure.conftest import refuse
from tests.personas import login_as

pytestmark = pytest.mark.django_db


def uphold(personas, request, outcome="upheld"):
    services.request_object(actor=personas.resident, request=request, grounds="공익을 위해 필요합니다")
    return services.request_decide_objection(actor=personas.staff, request=request, outcome=outcome,
                                             reason="개인정보를 가리면 공개할 수 있음", committee_exception="already",
                                             committee_exception_reason="같은 사안을 심의회가 이미 심의함")


def told(text: str) -> bool:
    return any(text in m.body for m in OutboxMessage.objects.all() if m.recipient == "hong@example.com")


def test_an_upheld_objection_reopens_the_decision_with_its_own_deadline(personas, assigned):
    refuse(personas, assigned)
    objection = uphold(personas, assigned)
    assigned.refresh_from_db()
    assert assigned.state == State.REDECIDING
    assert objection.decision_before == {"kind": "withhold", "issued_on": objection.decision_before["issued_on"],
                                         "items": [6]}
    due = assigned.deadlines.get(kind=Deadline.Kind.REDECISION)
    assert (due.start, due.days, due.counting) == (objection.decided_on, 10, "workdays")
    decision = Decision.objects.get(request=assigned)
    assert decision.issued_on is None and decision.revision == 2
    step = assigned.transitions.get(action="objection_decide")
    assert step.to_state == State.REDECIDING and step.params["decision_before"]["kind"] == "withhold"
    assert f"{due.due.year}년 {due.due.month}월 {due.due.day}일까지 다시 결정해" in step.notice
    # Reasons written without a full stop still end their sentence before the next one begins.
    assert "이유: 개인정보를 가리면 공개할 수 있음. 정보공개심의회를 열지 않았습니다" in step.notice
    assert "같은 사안을 심의회가 이미 심의함. 처리 부서가" in step.notice
    assert told("다시 결정해 알려 드립니다")
    assert AuditEvent.objects.filter(action="disclosure.request.objection_decide").exists()


def test_after_a_full_uphold_the_new_decision_must_be_disclose(personas, assigned):
    refuse(personas, assigned)
    uphold(personas, assigned)
    with pytest.raises(DisclosureError) as refused:
        services.request_decide(actor=personas.staff, request=assigned)
    assert "공개’여야" in refused.value.message
    services.request_draft_decision(actor=personas.staff, request=assigned, kind="disclose",
                                    disclosure_place="정보공개 누리집")
    services.request_decide(actor=personas.staff, request=assigned)
    assigned.refresh_from_db()
    assert assigned.state == State.DECIDED
    step = assigned.transitions.get(action="redecide")
    assert step.notice.startswith("이의신청이 받아들여져 다시 결정했습니다.") and "‘공개’" in step.notice
    assert told("이의신청이 받아들여져 다시 결정했습니다")
    # No second objection: the requester turns to 행정심판 or 행정소송 now.
    assert not services.can_object_now(assigned)


def test_a_partly_upheld_objection_allows_a_partial_disclosure_after_prior_review(personas, assigned):
    refuse(personas, assigned)
    uphold(personas, assigned, outcome="partly")
    # The old 비공개 draft is still there but cannot be issued, and a new 비공개 draft is refused when saved.
    with pytest.raises(DisclosureError, match="부분공개’여야"):
        services.request_decide(actor=personas.staff, request=assigned)
    with pytest.raises(DisclosureError, match="부분공개’여야") as refused:
        services.request_draft_decision(actor=personas.staff, request=assigned, kind="withhold",
                                        grounds=[GroundInput(6, "이유")])
    assert refused.value.field == "kind" and Decision.objects.get(request=assigned).revision == 2
    services.request_draft_decision(actor=personas.staff, request=assigned, kind="partial",
                                    grounds=[GroundInput(6, "주민등록번호")], disclosed_part="계약서 본문")
    with pytest.raises(DisclosureError, match="사전검토"):
        services.request_decide(actor=personas.staff, request=assigned)
    services.request_submit_for_review(actor=personas.staff, request=assigned)
    services.request_review_complete(actor=personas.disclosure_officer, request=assigned, approve=True)
    assigned.refresh_from_db()
    assert assigned.state == State.REDECIDING  # 사전검토 returns to the re-decision, not to 처리 중
    services.request_decide(actor=personas.staff, request=assigned)
    assigned.refresh_from_db()
    assert assigned.state == State.DECIDED and assigned.decision.kind == "partial"


def test_after_a_full_uphold_a_withholding_draft_is_refused_when_saved(personas, assigned):
    refuse(personas, assigned)
    uphold(personas, assigned)
    for kind, extra in (("withhold", {"grounds": [GroundInput(6, "이유")]}),
                        ("partial", {"grounds": [GroundInput(6, "이유")], "disclosed_part": "본문"}),
                        ("not_held", {"not_held_reason": "없음"})):
        with pytest.raises(DisclosureError, match="공개’여야") as refused:
            services.request_draft_decision(actor=personas.staff, request=assigned, kind=kind, **extra)
        assert refused.value.field == "kind"
    assert Decision.objects.get(request=assigned).kind == "withhold"


def test_a_dismissed_objection_still_closes_the_request(personas, assigned):
    refuse(personas, assigned)
    uphold(personas, assigned, outcome="dismissed")
    assigned.refresh_from_db()
    assert assigned.state == State.CLOSED and not assigned.deadlines.filter(kind=Deadline.Kind.REDECISION).exists()


def test_an_objection_upheld_against_no_decision_leaves_the_kind_to_the_department(personas):
    from tests.disclosure.conftest import assign, register

    late = assign(personas, register(personas, dt.date.today() - dt.timedelta(days=35)))
    services.request_object(actor=personas.staff, request=late, grounds="20일이 지나도록 결정 없음")
    services.request_decide_objection(actor=personas.staff, request=late, outcome="upheld", reason="지체됨",
                                      committee_exception="repeated", committee_exception_reason="단순 지연")
    late.refresh_from_db()
    assert late.state == State.REDECIDING and Objection.objects.get(request=late).decision_before == {}
    refuse_again = services.request_draft_decision(actor=personas.staff, request=late, kind="not_held",
                                                   not_held_reason="해당 문서를 생산하지 않음")
    services.request_submit_for_review(actor=personas.staff, request=late)
    services.request_review_complete(actor=personas.disclosure_officer, request=late, approve=True)
    services.request_decide(actor=personas.staff, request=late)
    late.refresh_from_db()
    assert late.state == State.DECIDED and refuse_again.kind == "not_held"


def test_an_overdue_re_decision_heads_the_queue(personas, assigned):
    refuse(personas, assigned)
    objection = uphold(personas, assigned)
    Objection.objects.filter(pk=objection.pk).update(decided_on=dt.date.today() - dt.timedelta(days=30))
    services.deadlines_recompute(request=assigned)
    overdue = selectors.staff_queue(personas.staff, overdue=True)
    assert [r.pk for r in overdue] == [assigned.pk]


def test_the_pages_show_the_re_decision(client, personas, assigned):
    refuse(personas, assigned)
    uphold(personas, assigned)
    login_as(client, personas.staff)
    page = client.get(f"/disclosure/staff/{assigned.pk}/").content.decode()
    assert "결정안 작성" in page and "재결정 중" in page and "이의신청 결정 (이의신청 처리 중 → 재결정 중)" in page
    # The form says what the new decision must give and does not offer the old 비공개 again.
    assert "이의신청을 인용했으므로 다시 하는 결정은 ‘공개’여야 합니다." in page
    assert 'value="withhold" disabled' in page and 'value="withhold" checked' not in page
    refused = client.post(f"/disclosure/staff/{assigned.pk}/draft/", {
        "kind": "withhold", "ground_6": "1", "ground_6_reason": "이유"}, follow=True).content.decode()
    assert "이의신청을 인용했으므로 다시 하는 결정은 ‘공개’여야 합니다." in refused.split("결정안 작성")[0]
    assert Decision.objects.get(request=assigned).revision == 2
    login_as(client, personas.resident)
    mine = client.get(f"/disclosure/mine/{assigned.number}/").content.decode()
    assert "이의신청이 받아들여져 담당 부서에서 다시 결정하고 있습니다." in mine
    assert "이의신청 인용 후 다시 결정할 기한" in mine
