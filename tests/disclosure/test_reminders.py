"""Reminders before due dates: the right requests, the right people, once per due date."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from opengu.disclosure import services
from opengu.disclosure.models import Deadline
from opengu.messaging.models import OutboxMessage
from tests.disclosure.conftest import assign, file

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
