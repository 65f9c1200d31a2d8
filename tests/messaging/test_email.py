from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from opengu.messaging.models import DeliveryAttempt, OutboxMessage
from opengu.messaging.services import email_send, messaging_deliver_due
from tests.messaging.conftest import free_port

pytestmark = pytest.mark.django_db


def test_a_real_smtp_server_receives_the_mail(smtp_server):
    message = email_send(to="hong@example.com", subject="정보공개 결정 통지", body="홍길동님, 결정서를 보내 드립니다.",
                         key="disclosure-42-decision")
    assert message.status == OutboxMessage.Status.QUEUED
    assert smtp_server.envelopes == []  # nothing goes before delivery runs

    run = messaging_deliver_due()

    assert run.sent == 1
    assert len(smtp_server.envelopes) == 1
    envelope = smtp_server.envelopes[0]
    assert envelope.rcpt_tos == ["hong@example.com"]
    content = envelope.content.decode()
    assert "Message-ID: <disclosure-42-decision@opengu.local>" in content
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.provider_message_id == "<disclosure-42-decision@opengu.local>"
    attempt = DeliveryAttempt.objects.get(message=message)
    assert (attempt.number, attempt.outcome, attempt.channel) == (1, DeliveryAttempt.Outcome.SENT, "email")


def test_a_mail_server_that_is_down_means_a_retry(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens there
    settings.EMAIL_TIMEOUT = 5
    message = email_send(to="hong@example.com", subject="안내", body="본문")

    run = messaging_deliver_due()

    assert (run.sent, run.retried) == (0, 1)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.QUEUED
    assert message.attempts == 1
    assert "메일 서버 오류" in message.reason


def test_recipient_and_body_are_encrypted_at_rest():
    message = email_send(to="secret.person@example.com", subject="안내", body="주민번호 없는 본문")
    with transaction.get_connection().cursor() as cursor:
        cursor.execute("SELECT recipient, body FROM messaging_outboxmessage WHERE id = %s", [message.pk])
        recipient, body = cursor.fetchone()
    assert "secret.person" not in recipient and "본문" not in body
    assert message.recipient_masked.startswith("se") and "secret.person" not in message.recipient_masked


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"to": "not-an-address", "subject": "안내", "body": "본문"}, "to"),
    ({"to": "a@example.com", "subject": "두 줄\n제목", "body": "본문"}, "subject"),
    ({"to": "a@example.com", "subject": "안내", "body": "  "}, "body"),
])
def test_bad_input_names_the_field_in_korean_and_writes_nothing(kwargs, field):
    with pytest.raises(ValidationError) as caught:
        email_send(**kwargs)
    assert field in caught.value.message_dict
    assert any("\uac00" <= ch <= "\ud7a3" for ch in caught.value.message_dict[field][0])
    assert not OutboxMessage.objects.exists()


def test_message_id_keeps_only_characters_allowed_there(smtp_server):
    email_send(to="hong@example.com", subject="비밀번호 재설정", body="본문", key="password-reset:MQ:c3d-abc")
    messaging_deliver_due()
    assert "Message-ID: <password-reset.MQ.c3d-abc@opengu.local>" in smtp_server.envelopes[0].content.decode()


def test_a_very_long_key_is_still_idempotent():
    key = "x" * 300
    first = email_send(to="a@example.com", subject="안내", body="본문", key=key)
    second = email_send(to="a@example.com", subject="안내", body="본문", key=key)
    assert first.pk == second.pk and first.key.startswith("sha256:")
