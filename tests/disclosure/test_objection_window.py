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
