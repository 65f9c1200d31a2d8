"""Reminders before due dates: the right requests, the right people, once per due date."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from opengu.disclosure import services
from opengu.disclosure.models import Deadline, Objection, State
from opengu.messaging.models import OutboxMessage
from opengu.messaging.services import messaging_deliver_due
from tests.disclosure.conftest import assign, file, refuse
from tests.messaging.conftest import smtp_server  # noqa: F401 (fixture)
from tests.personas import login_as

pytestmark = pytest.mark.django_db


def reminders():
    # The requester's own notices share the outbox; reminders have their own keys.
    return OutboxMessage.objects.filter(key__startswith="disclosure-reminder-")


def _due(request) -> dt.date:
    return Deadline.objects.get(request=request, kind=Deadline.Kind.DECISION).due


def test_the_department_head_is_reminded_once_when_the_decision_falls_due(personas):
    request = assign(personas, file(personas))
    due = _due(request)
    assert services.deadline_reminders_send(today=due - dt.timedelta(days=4), within_days=3) == 0
    assert services.deadline_reminders_send(today=due - dt.timedelta(days=2), within_days=3) == 1
    assert services.deadline_reminders_send(today=due - dt.timedelta(days=1), within_days=3) == 1  # same reminder
    message = reminders().get()
    assert message.recipient == personas.head.email
    assert request.number in message.subject and "공개 여부 결정기한" in message.subject
    # Staff get the subject and the link, never the requester's identity.
    assert "홍길동" not in message.body and f"/disclosure/staff/{request.pk}/" in message.body


def test_decided_and_unassigned_requests_are_not_reminded(personas):
    unassigned = file(personas)
    decided = assign(personas, file(personas, subject="경로당 운영비"))
    services.request_draft_decision(actor=personas.staff, request=decided, kind="disclose")
    services.request_decide(actor=personas.staff, request=decided)
    assert services.deadline_reminders_send(today=_due(unassigned) - dt.timedelta(days=1)) == 0
    assert not reminders().exists()


def test_the_command_reports_how_many(personas):
    request = assign(personas, file(personas))
    out = io.StringIO()
    call_command("disclosure", "remind", "--within", "30", stdout=out)
    assert "기한 알림 1건" in out.getvalue()
    assert reminders().filter(subject__contains=request.number).count() == 1


def test_the_task_reminds_and_books_tomorrow_morning(personas):
    from django_tasks_db.models import DBTaskResult

    from opengu.disclosure.tasks import REMINDER_HOUR, send_deadline_reminders

    assign(personas, file(personas))
    assert send_deadline_reminders.call(30) == 1
    booked = DBTaskResult.objects.get(task_path="opengu.disclosure.tasks.send_deadline_reminders")
    local = timezone.localtime(booked.run_after)
    assert local.date() == timezone.localdate() + dt.timedelta(days=1) and local.hour == REMINDER_HOUR


def _mail_text(envelope) -> str:
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    return str(message.get_body().get_content())  # type: ignore[union-attr]


def test_the_re_decision_is_reminded_before_it_is_due_and_flagged_once_overdue(client, personas, settings,
                                                                              smtp_server):  # noqa: F811
    settings.OPENGU_QUIET_HOURS = "off"  # whatever the clock says
    request = assign(personas, file(personas))
    refuse(personas, request)
    services.request_object(actor=personas.resident, request=request, grounds="공익을 위해 공개가 필요합니다")
    objection = services.request_decide_objection(
        actor=personas.staff, request=request, outcome="upheld", reason="개인정보를 가리면 공개할 수 있습니다.",
        committee_exception="already", committee_exception_reason="같은 사안을 심의회가 이미 심의함")
    request.refresh_from_db()
    assert request.state == State.REDECIDING
    due = Deadline.objects.get(request=request, kind=Deadline.Kind.REDECISION).due
    already = OutboxMessage.objects.count()  # the requester's notices
    assert services.deadline_reminders_send(today=due - dt.timedelta(days=4), within_days=3) == 0
    assert services.deadline_reminders_send(today=due - dt.timedelta(days=2), within_days=3) == 1
    assert services.deadline_reminders_send(today=due, within_days=3) == 1  # the same reminder, not a second one
    assert reminders().count() == 1 and OutboxMessage.objects.count() == already + 1
    smtp_server.envelopes.clear()
    messaging_deliver_due()
    [mail] = [e for e in smtp_server.envelopes if e.rcpt_tos == [personas.head.email]]
    text = _mail_text(mail)
    assert "이의신청 인용 후 재결정 기한" in text and f"{due.year}년 {due.month}월 {due.day}일" in text
    assert f"/disclosure/staff/{request.pk}/" in text and "홍길동" not in text
    # Past its date the re-decision is flagged like the other deadlines, at the head of the queue.
    Objection.objects.filter(pk=objection.pk).update(decided_on=dt.date.today() - dt.timedelta(days=30))
    services.deadlines_recompute(request=request)
    late = Deadline.objects.get(request=request, kind=Deadline.Kind.REDECISION).due
    assert late < dt.date.today()
    fresh = assign(personas, file(personas, subject="경로당 운영비"))
    login_as(client, personas.staff)
    page = client.get("/disclosure/staff/").content.decode()
    assert page.index(request.number) < page.index(fresh.number)
    row = page.split(request.number)[1].split("</tr>")[0]
    assert f">{late.isoformat()}<" in row and ">재결정<" in row and ">초과<" in row
    assert services.deadline_reminders_send(today=dt.date.today()) == 0  # overdue is flagged, not reminded
