"""법 제18조제1항: with no decision 20 days after the request, the requester may object within 30 days from the day
those 20 days passed. The window is a dated deadline with its working, offered on the pages while open."""

from __future__ import annotations

import datetime as dt

import pytest

from opengu.disclosure import services
from opengu.disclosure.models import Deadline, DisclosureRequest, State
from opengu.disclosure.services import DisclosureError
from opengu.lib.workdays import CIVIL
from tests.disclosure.conftest import assign, refuse, requester
from tests.personas import login_as

pytestmark = pytest.mark.django_db


def filed_days_ago(personas, days: int) -> DisclosureRequest:
    request = services.request_file(actor=personas.resident, data=requester(), subject="구청 청사 보수 계약서",
                                    content="계약서 일체", method="electronic", delivery="online")
    DisclosureRequest.objects.filter(pk=request.pk).update(received_on=dt.date.today() - dt.timedelta(days=days))
    request.refresh_from_db()
    services.deadlines_recompute(request=request)
    return assign(personas, request)


def test_an_undecided_request_carries_its_objection_window(personas):
    request = filed_days_ago(personas, 35)
    remedy = request.deadlines.get(kind=Deadline.Kind.REMEDY)
    window = request.deadlines.get(kind=Deadline.Kind.OBJECTION_WINDOW)
    assert (window.start, window.days, window.counting) == (remedy.due, 30, CIVIL)
    assert window.due == remedy.due + dt.timedelta(days=30) or window.working["skipped"]
    assert services.objection_window(request) == (remedy.due + dt.timedelta(days=1), window.due)
    # Once decided, the window runs from the notice instead.
    refuse(personas, request)
    window = request.deadlines.get(kind=Deadline.Kind.OBJECTION_WINDOW)
    assert window.start == request.decision.issued_on


def test_the_requester_may_object_only_while_the_window_is_open(client, personas):
    fresh = filed_days_ago(personas, 3)
    waiting = filed_days_ago(personas, 35)
    expired = filed_days_ago(personas, 120)
    login_as(client, personas.resident)
    assert "이의신청하기" not in client.get(f"/disclosure/mine/{fresh.number}/").content.decode()
    assert "이의신청하기" not in client.get(f"/disclosure/mine/{expired.number}/").content.decode()
    page = client.get(f"/disclosure/mine/{waiting.number}/").content.decode()
    assert "이의신청하기" in page and "이의신청 기한" in page
    client.post(f"/disclosure/mine/{waiting.number}/object/", {"grounds": "20일이 지나도록 결정이 없습니다"})
    waiting.refresh_from_db()
    assert waiting.state == State.OBJECTED
    with pytest.raises(DisclosureError) as refused:
        services.request_object(actor=personas.resident, request=expired, grounds="늦었지만 이의신청")
    assert refused.value.field == "filed_on"


def test_staff_record_a_paper_objection_once_day_20_passed(client, personas):
    waiting = filed_days_ago(personas, 35)
    fresh = filed_days_ago(personas, 3)
    login_as(client, personas.staff)
    assert f"/disclosure/staff/{fresh.pk}/object/" not in client.get(f"/disclosure/staff/{fresh.pk}/").content.decode()
    page = client.get(f"/disclosure/staff/{waiting.pk}/").content.decode()
    assert f"/disclosure/staff/{waiting.pk}/object/" in page


def test_each_deadline_is_shown_only_while_it_matters(client, personas):
    def kinds(request) -> set[str]:
        return {d.kind for d in services.deadlines_current(request)}

    def pages(request) -> list[str]:
        login_as(client, personas.resident)
        mine = client.get(f"/disclosure/mine/{request.number}/").content.decode()
        login_as(client, personas.staff)
        staff = client.get(f"/disclosure/staff/{request.pk}/").content.decode()
        return [page.split('id="deadlines-h"')[1].split("</section>")[0] for page in (mine, staff)]

    window_label, objection_label = "이의신청 기한(법 제18조제1항)", "이의신청 결정기한(법 제18조제3항)"
    fresh = filed_days_ago(personas, 0)
    # A brand-new request: the decision and day 20, no objection window yet (it opens after day 20).
    assert fresh.deadlines.filter(kind=Deadline.Kind.OBJECTION_WINDOW).exists()
    assert kinds(fresh) == {Deadline.Kind.DECISION, Deadline.Kind.REMEDY}
    assert all(window_label not in page and "공개 여부 결정기한" in page for page in pages(fresh))
    # Day 20 passed without a decision: the window is open and shown.
    waiting = filed_days_ago(personas, 35)
    assert Deadline.Kind.OBJECTION_WINDOW in kinds(waiting)
    # A refusal: the window runs from the notice; the decision dates are done with.
    refuse(personas, fresh)
    assert kinds(fresh) == {Deadline.Kind.OBJECTION_WINDOW}
    services.request_object(actor=personas.resident, request=fresh, grounds="공익을 위해 공개가 필요합니다")
    fresh.refresh_from_db()
    assert kinds(fresh) == {Deadline.Kind.OBJECTION_DECISION}
    assert all(window_label not in page and objection_label in page for page in pages(fresh))
    # Decided (기각): nothing is due any more, and the pages say so.
    services.request_decide_objection(actor=personas.staff, request=fresh, outcome="dismissed",
                                      reason="개인정보가 들어 있어 공개할 수 없음", committee_exception="already",
                                      committee_exception_reason="같은 사안을 심의회가 이미 심의함")
    fresh.refresh_from_db()
    assert fresh.deadlines.filter(kind=Deadline.Kind.OBJECTION_DECISION).exists()
    assert kinds(fresh) == set()
    for page in pages(fresh):
        assert objection_label not in page and window_label not in page and "지금 남은 기한이 없습니다." in page
