"""사전검토, 집중검토 and 직권심의."""

from __future__ import annotations

import pytest

from opengu.disclosure import services
from opengu.disclosure.models import CommitteeAgendaItem, State
from opengu.disclosure.services import DisclosureError, GroundInput
from tests.disclosure.conftest import assign, file, refuse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind, extra", [
    ("withhold", {"grounds": [GroundInput(6, "개인정보")]}),
    ("partial", {"grounds": [GroundInput(7, "영업비밀")], "disclosed_part": "계약 금액"}),
    ("not_held", {"not_held_reason": "해당 문서를 생산하지 않음"}),
])
def test_prior_review_blocks_an_unreviewed_refusal(personas, assigned, kind, extra):
    services.request_draft_decision(actor=personas.staff, request=assigned, kind=kind, **extra)
    with pytest.raises(DisclosureError, match="사전검토"):
        services.request_decide(actor=personas.staff, request=assigned)
    services.request_submit_for_review(actor=personas.staff, request=assigned)
    assert assigned.state == State.UNDER_REVIEW
    with pytest.raises(DisclosureError, match="상태에서는"):
        services.request_decide(actor=personas.staff, request=assigned)
    with pytest.raises(DisclosureError, match="정보공개 담당관"):
        services.request_review_complete(actor=personas.head, request=assigned, approve=True)
    services.request_review_complete(actor=personas.disclosure_officer, request=assigned, approve=True)
    assert assigned.state == State.ASSIGNED
    services.request_decide(actor=personas.staff, request=assigned)
    assert assigned.state == State.DECIDED


def test_a_returned_review_or_a_changed_draft_needs_a_new_review(personas, assigned):
    services.request_draft_decision(actor=personas.staff, request=assigned, kind="withhold",
                                    grounds=[GroundInput(6, "개인정보")])
    services.request_submit_for_review(actor=personas.staff, request=assigned)
    with pytest.raises(DisclosureError) as error:
        services.request_review_complete(actor=personas.disclosure_officer, request=assigned, approve=False)
    assert error.value.field == "comment"
    services.request_review_complete(actor=personas.disclosure_officer, request=assigned, approve=False,
                                     comment="부분공개 가능성 검토")
    with pytest.raises(DisclosureError, match="사전검토"):
        services.request_decide(actor=personas.staff, request=assigned)
    services.request_submit_for_review(actor=personas.staff, request=assigned)
    services.request_review_complete(actor=personas.disclosure_officer, request=assigned, approve=True)
    services.request_draft_decision(actor=personas.staff, request=assigned, kind="withhold",
                                    grounds=[GroundInput(6, "개인정보"), GroundInput(7, "영업비밀")])
    with pytest.raises(DisclosureError, match="사전검토"):
        services.request_decide(actor=personas.staff, request=assigned)


def test_disclosure_needs_no_review_and_cannot_be_submitted(personas, assigned):
    services.request_draft_decision(actor=personas.staff, request=assigned, kind="disclose")
    with pytest.raises(DisclosureError, match="사전검토 없이"):
        services.request_submit_for_review(actor=personas.staff, request=assigned)


def test_focused_review_needs_the_department_heads_approval(personas, assigned):
    with pytest.raises(DisclosureError):
        services.request_focus(actor=personas.staff, request=assigned, reason="x")
    services.request_focus(actor=personas.disclosure_officer, request=assigned, reason="언론 관심 사안")
    services.request_draft_decision(actor=personas.staff, request=assigned, kind="disclose")
    with pytest.raises(DisclosureError, match="부서장"):
        services.request_decide(actor=personas.staff, request=assigned)
    with pytest.raises(DisclosureError, match="부서장"):
        services.request_approve_focused(actor=personas.other_staff, request=assigned)
    services.request_approve_focused(actor=personas.head, request=assigned)
    services.request_decide(actor=personas.staff, request=assigned)
    assert assigned.state == State.DECIDED


def test_ex_officio_agenda_after_n_refusals_on_the_same_item(personas, settings):
    settings.DISCLOSURE_EX_OFFICIO_REFUSALS = 3
    settings.DISCLOSURE_EX_OFFICIO_MONTHS = 6
    for i in range(2):
        refuse(personas, assign(personas, file(personas, f"청구 {i}")), item=6)
    refuse(personas, assign(personas, file(personas, "다른 호")), item=7)
    assert not CommitteeAgendaItem.objects.exists()
    third = refuse(personas, assign(personas, file(personas, "세 번째")), item=6)
    item = CommitteeAgendaItem.objects.get()
    assert item.source == CommitteeAgendaItem.Source.EX_OFFICIO and item.article_9_item == 6
    assert item.department == personas.department and item.requests.count() == 3
    assert third in item.requests.all()
    refuse(personas, assign(personas, file(personas, "네 번째")), item=6)
    assert CommitteeAgendaItem.objects.get().requests.count() == 4


def test_ex_officio_counts_per_department(personas, settings):
    settings.DISCLOSURE_EX_OFFICIO_REFUSALS = 2
    refuse(personas, assign(personas, file(personas)), item=6)
    other = file(personas)
    services.request_assign(actor=personas.disclosure_officer, request=other, department=personas.other_department)
    refuse(type(personas)(**{**personas.__dict__, "staff": personas.other_staff}), other, item=6)
    assert not CommitteeAgendaItem.objects.exists()


def test_the_reviewer_and_the_head_see_the_whole_draft(client, personas, assigned):
    import datetime as dt

    from opengu.disclosure.models import FeeRate

    on = dt.date.today() + dt.timedelta(days=3)
    electronic = FeeRate.objects.filter(method="electronic", active=True).first()
    assert electronic is not None
    services.request_draft_decision(actor=personas.staff, request=assigned, kind="partial",
                                    grounds=[GroundInput(6, "계약 상대방 대표의 주민등록번호")],
                                    disclosed_part="계약서 본문과 설계변경 내역", disclosure_on=on,
                                    disclosure_place="정보공개 누리집에서 내려받기", fee_rate=electronic, fee_quantity=1)
    services.request_focus(actor=personas.disclosure_officer, request=assigned, reason="언론 보도")
    services.request_submit_for_review(actor=personas.staff, request=assigned)
    for who, button in ((personas.disclosure_officer, "보완 요구"), (personas.head, None)):
        if who is personas.head:
            services.request_review_complete(actor=personas.disclosure_officer, request=assigned, approve=True)
            button = "집중검토 결정안 승인(부서장)"
        client.force_login(who)
        page = client.get(f"/disclosure/staff/{assigned.pk}/").content.decode()
        assert button in page
        draft_block = page.split('id="draft-h"')[1].split('aria-labelledby="act-h"')[0]
        for shown in ("계약 상대방 대표의 주민등록번호", "계약서 본문과 설계변경 내역", f"{on:%Y-%m-%d}",
                      "정보공개 누리집에서 내려받기", f"{electronic}", "무료("):
            assert shown in draft_block, (who, shown)
