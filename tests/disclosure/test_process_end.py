"""법 제9조제1항제5호 단서: a refusal because a decision-making or review process is under way names
its stage and expected end; when the process ends the requester is told, and staff are reminded."""

from __future__ import annotations

import datetime as dt

import pytest

from opengu.disclosure import services
from opengu.disclosure.models import Decision
from opengu.disclosure.services import DisclosureError
from opengu.messaging.models import OutboxMessage
from tests.disclosure.conftest import assign, file, refuse

pytestmark = pytest.mark.django_db


def test_the_requester_is_told_once_when_the_process_ends(personas):
    request = refuse(personas, assign(personas, file(personas)), item=5)
    assert services.process_end_pending(request)
    ended = dt.date.today() - dt.timedelta(days=1)
    services.request_notify_process_end(actor=personas.staff, request=request, ended_on=ended, note="다시 청구해 주세요.")
    decision = Decision.objects.get(request=request)
    assert decision.process_end_notified_on == dt.date.today()
    step = request.transitions.get(action="process_end_notice")
    assert step.action_label == "의사결정 과정 종료 통지" and "내부 검토" in step.notice
    told = OutboxMessage.objects.get(key=f"disclosure-{request.pk}-{step.pk}")
    assert told.recipient == "hong@example.com"
    assert "법 제9조제1항제5호 단서" in told.body and "다시 청구해 주세요." in told.body
    assert not services.process_end_pending(request)
    with pytest.raises(DisclosureError):  # told once
        services.request_notify_process_end(actor=personas.staff, request=request, ended_on=ended)


def test_only_an_item_5_refusal_and_only_its_department(personas):
    other = refuse(personas, assign(personas, file(personas, subject="청사 보안 점검 결과")), item=6)
    assert not services.process_end_pending(other)
    with pytest.raises(DisclosureError):
        services.request_notify_process_end(actor=personas.staff, request=other, ended_on=dt.date.today())
    request = refuse(personas, assign(personas, file(personas)), item=5)
    with pytest.raises(DisclosureError):  # another department's staff
        services.request_notify_process_end(actor=personas.other_staff, request=request, ended_on=dt.date.today())
    with pytest.raises(DisclosureError) as error:  # not in the future
        services.request_notify_process_end(actor=personas.staff, request=request,
                                            ended_on=dt.date.today() + dt.timedelta(days=1))
    assert error.value.field == "ended_on"
    assert Decision.objects.get(request=request).process_end_notified_on is None


def test_staff_are_reminded_before_the_expected_end_until_the_requester_is_told(personas):
    request = refuse(personas, assign(personas, file(personas)), item=5)
    end = Decision.objects.get(request=request).process_expected_end
    reminders = OutboxMessage.objects.filter(key__startswith=f"disclosure-reminder-{request.pk}-process-")
    services.deadline_reminders_send(today=end - dt.timedelta(days=5), within_days=3)
    assert not reminders.exists()
    services.deadline_reminders_send(today=end - dt.timedelta(days=2), within_days=3)
    message = reminders.get()
    assert message.recipient == personas.head.email and "홍길동" not in message.body
    services.request_notify_process_end(actor=personas.staff, request=request, ended_on=dt.date.today())
    services.deadline_reminders_send(today=end - dt.timedelta(days=1), within_days=3)
    assert reminders.count() == 1


def test_the_staff_page_offers_the_notice_and_sends_it(personas, client):
    request = refuse(personas, assign(personas, file(personas)), item=5)
    client.force_login(personas.staff)
    page = client.get(f"/disclosure/staff/{request.pk}/")
    assert "과정 종료 통지" in page.content.decode()
    bad = client.post(f"/disclosure/staff/{request.pk}/process_end/", {"ended_on": "어제"}, follow=True)
    assert "YYYY-MM-DD" in bad.content.decode()
    client.post(f"/disclosure/staff/{request.pk}/process_end/", {"ended_on": dt.date.today().isoformat()})
    assert Decision.objects.get(request=request).process_end_notified_on == dt.date.today()
    after = client.get(f"/disclosure/staff/{request.pk}/").content.decode()
    assert "과정 종료 통지(" not in after
    assert f"종료 통지: {dt.date.today():%Y-%m-%d}" in after


def test_a_refused_end_date_comes_back_in_the_field(personas, client):
    request = refuse(personas, assign(personas, file(personas)), item=5)
    client.force_login(personas.staff)
    today = dt.date.today()
    page = client.get(f"/disclosure/staff/{request.pk}/").content.decode()
    assert f'name="ended_on" required max="{today:%Y-%m-%d}"' in page and "종료 통지:" not in page
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    bad = client.post(f"/disclosure/staff/{request.pk}/process_end/", {"ended_on": tomorrow}, follow=True)
    text = bad.content.decode()
    assert "과정이 끝난 날은 오늘이나 그 전이어야 합니다." in text and f'value="{tomorrow}"' in text
    assert Decision.objects.get(request=request).process_end_notified_on is None
