from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from opengu.messaging.models import DeliveryAttempt, OutboxMessage
from opengu.messaging.services import MAX_ATTEMPTS, messaging_deliver_due, sms_send

pytestmark = pytest.mark.django_db


def test_a_failing_gateway_means_retries_with_backoff_then_failed(sms_gateway):
    sms_gateway.state.fail_next = 100
    message = sms_send(to="01012345678", text="안내")
    clock = timezone.now()
    waits = []
    for _ in range(MAX_ATTEMPTS):
        run = messaging_deliver_due(now=clock)
        message.refresh_from_db()
        if message.status == OutboxMessage.Status.QUEUED:
            assert run.retried == 1
            waits.append(message.next_attempt_at - clock)
            # Nothing is sent before the wait is over.
            assert messaging_deliver_due(now=message.next_attempt_at - dt.timedelta(seconds=1)).retried == 0
            clock = message.next_attempt_at
    assert waits == [dt.timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == MAX_ATTEMPTS
    assert "HTTP 500" in message.reason
    outcomes = list(DeliveryAttempt.objects.filter(message=message).values_list("outcome", flat=True))
    assert outcomes == ["retry"] * (MAX_ATTEMPTS - 1) + ["failed"]
    assert sms_gateway.state.requests == MAX_ATTEMPTS
    assert sms_gateway.received() == []


def test_a_gateway_that_recovers_gets_the_message_once(sms_gateway):
    sms_gateway.state.fail_next = 2
    message = sms_send(to="01012345678", text="안내")
    clock = timezone.now()
    for _ in range(3):
        messaging_deliver_due(now=clock)
        message.refresh_from_db()
        clock = message.next_attempt_at
    assert message.status == OutboxMessage.Status.SENT and message.attempts == 3
    assert len(sms_gateway.received()) == 1
