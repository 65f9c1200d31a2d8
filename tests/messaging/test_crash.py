from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from opengu.messaging.models import OutboxMessage
from opengu.messaging.services import CLAIM_TIMEOUT, _claim, messaging_deliver_due, sms_send

pytestmark = pytest.mark.django_db


def _crash_after_claim(message: OutboxMessage, minutes_ago: float) -> None:
    """What a worker leaves behind when it dies after claiming (and maybe after sending)."""
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.SENDING, claim_token="dead-worker",
        claimed_at=timezone.now() - dt.timedelta(minutes=minutes_ago))


def test_a_crash_after_the_gateway_accepted_never_duplicates(sms_gateway):
    message = sms_send(to="01012345678", text="한 번만 받아야 합니다")
    messaging_deliver_due()
    [first] = sms_gateway.received()
    # The worker died before it could record the send: the row is still "sending".
    _crash_after_claim(message, minutes_ago=CLAIM_TIMEOUT.total_seconds() / 60 + 1)

    run = messaging_deliver_due()

    assert run.sent == 1
    assert len(sms_gateway.received()) == 1  # the gateway dropped the repeat by our key
    assert sms_gateway.state.duplicates == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.provider_message_id == first["messageId"]
    assert message.attempts == 2


def test_a_claim_that_is_not_yet_stale_is_left_alone(sms_gateway):
    message = sms_send(to="01012345678", text="안내")
    _crash_after_claim(message, minutes_ago=1)
    assert messaging_deliver_due().sent == 0
    assert sms_gateway.state.requests == 0


def test_only_one_worker_can_claim_a_row():
    message = sms_send(to="01012345678", text="안내")
    now = timezone.now()
    first = _claim(message.pk, now, None)
    second = _claim(message.pk, now, None)
    assert first is not None and second is None
    message.refresh_from_db()
    assert (message.status, message.claim_token, message.attempts) == ("sending", first, 1)


def test_a_stale_worker_cannot_overwrite_the_new_owner(sms_gateway):
    message = sms_send(to="01012345678", text="안내")
    _crash_after_claim(message, minutes_ago=60)
    messaging_deliver_due()
    message.refresh_from_db()
    assert message.claim_token != "dead-worker"
    # The dead worker wakes up and tries to record a failure with its old token: nothing changes.
    updated = OutboxMessage.objects.filter(pk=message.pk, claim_token="dead-worker").update(status="failed")
    assert updated == 0
