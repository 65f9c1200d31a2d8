from __future__ import annotations

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from opengu.core.models import AuditEvent
from opengu.messaging.models import OutboxMessage
from opengu.messaging.services import email_send, messaging_deliver_due, sms_send

pytestmark = pytest.mark.django_db


class BusinessFailure(Exception):
    pass


def test_a_rolled_back_caller_sends_nothing(sms_gateway, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(BusinessFailure):
            with transaction.atomic():
                sms_send(to="01012345678", text="접수되었습니다")
                raise BusinessFailure
    assert callbacks == []  # no delivery task was asked for
    assert not OutboxMessage.objects.exists()
    assert messaging_deliver_due().sent == 0
    assert sms_gateway.received() == []


def test_a_committed_caller_enqueues_delivery_once_committed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = sms_send(to="01012345678", text="접수되었습니다")
        assert not DBTaskResult.objects.exists()
    assert len(callbacks) == 1
    callbacks[0]()
    task = DBTaskResult.objects.get()
    assert task.task_path == "opengu.messaging.tasks.deliver_due"
    assert message.status == OutboxMessage.Status.QUEUED


def test_the_same_key_twice_is_one_message_even_inside_a_transaction():
    with transaction.atomic():
        first = email_send(to="a@example.com", subject="안내", body="본문", key="notice-7")
        second = email_send(to="a@example.com", subject="안내", body="본문", key="notice-7")
        # The caller's transaction is still usable after the duplicate.
        third = email_send(to="b@example.com", subject="안내", body="본문")
    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 2
    assert third.pk != first.pk


def test_queueing_is_audited_without_the_recipient(personas):
    message = email_send(to="hong.gildong@example.com", subject="안내", body="본문", actor=personas.staff)
    event = AuditEvent.objects.get(action="messaging.email.queue")
    assert event.actor == personas.staff and event.target_id == str(message.pk)
    assert "hong.gildong" not in event.summary


def test_the_task_delivers_what_is_due(sms_gateway):
    from opengu.messaging.tasks import deliver_due

    sms_send(to="01012345678", text="안내")
    result = deliver_due.call()
    assert result["sent"] == 1
    assert len(sms_gateway.received()) == 1


def test_the_deliver_command_sends_and_reports(sms_gateway):
    from io import StringIO

    from django.core.management import call_command

    sms_send(to="01012345678", text="안내")
    out = StringIO()
    call_command("messaging", "deliver", stdout=out)
    assert "발송 1" in out.getvalue() and "수신 결과 반영 1" in out.getvalue()
    assert len(sms_gateway.received()) == 1
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.DELIVERED
