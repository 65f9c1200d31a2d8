from __future__ import annotations

import pytest
from django.utils import timezone

from opengu.messaging.models import OutboxMessage
from opengu.messaging.services import email_send, messaging_deliver_due, sms_send
from opengu.messaging.text import QuietHours

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiet_now(settings):  # type: ignore[no-untyped-def]
    """Quiet hours that contain the present moment, whatever time the tests run."""
    hour = timezone.localtime().hour
    settings.OPENGU_QUIET_HOURS = f"{hour:02d}-{(hour + 2) % 24:02d}"
    return QuietHours(hour, (hour + 2) % 24).end_after(timezone.localtime())


def test_a_non_urgent_sms_waits_until_the_quiet_hours_end(sms_gateway, quiet_now):
    message = sms_send(to="01012345678", text="행사 안내")
    assert message.next_attempt_at == quiet_now
    assert messaging_deliver_due().sent == 0
    assert sms_gateway.received() == []
    # At the end of the window it goes.
    assert messaging_deliver_due(now=quiet_now).sent == 1
    assert len(sms_gateway.received()) == 1


def test_an_urgent_sms_goes_at_once(sms_gateway, quiet_now):
    message = sms_send(to="01012345678", text="[재난] 대피하십시오", urgent=True)
    assert message.next_attempt_at <= timezone.now()
    assert messaging_deliver_due().sent == 1
    assert len(sms_gateway.received()) == 1


def test_a_message_queued_before_the_quiet_hours_is_held_when_they_begin(sms_gateway, settings):
    message = sms_send(to="01012345678", text="행사 안내")
    hour = timezone.localtime().hour
    settings.OPENGU_QUIET_HOURS = f"{hour:02d}-{(hour + 1) % 24:02d}"
    run = messaging_deliver_due()
    assert (run.sent, run.deferred) == (0, 1)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.QUEUED and message.next_attempt_at > timezone.now()


def test_mail_is_not_held(quiet_now):
    message = email_send(to="a@example.com", subject="안내", body="본문")
    assert message.next_attempt_at <= timezone.now()
    assert messaging_deliver_due().sent == 1
