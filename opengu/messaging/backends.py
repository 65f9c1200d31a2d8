"""Where messages go, chosen by settings.

- e-mail: Django's mail backend (SMTP when OPENGU_EMAIL_HOST is set, else files; see settings).
- SMS/LMS and 알림톡: Solapi's REST protocol at OPENGU_SMS_URL (Solapi itself, or the local
  gateway `opengu smsgateway`); with no URL, a JSON-lines file under the data directory.

Each send carries the message's idempotency key (Message-ID for mail, customFields for Solapi)
so that a repeat after a crash can be recognised downstream.
"""

from __future__ import annotations

import json
import re
import smtplib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone

from opengu.messaging import solapi
from opengu.messaging.models import OutboxMessage


class DeliveryError(Exception):
    """Sending failed; `retryable` says whether the same attempt later may succeed."""

    def __init__(self, message: str, *, retryable: bool, http_status: int | None = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.http_status = http_status


@dataclass(frozen=True)
class Sent:
    provider_message_id: str
    detail: str = ""
    http_status: int | None = None


def provider_key(message: OutboxMessage) -> str:
    """The key the provider deduplicates on; the SMS fallback of a 알림톡 is a different send."""
    return f"{message.key}:sms" if message.channel == OutboxMessage.Channel.ALIMTALK and message.sms_fallback else message.key


def message_id_header(message: OutboxMessage) -> str:
    """<key@sender-domain>, the key reduced to the characters RFC 5322 allows there."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "opengu.local"
    local = re.sub(r"[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]", ".", message.key).strip(".") or str(message.pk)
    return f"<{local}@{domain}>"


def send_email(message: OutboxMessage) -> Sent:
    msgid = message_id_header(message)
    email = EmailMessage(subject=message.subject, body=message.body, to=[message.recipient],
                         headers={"Message-ID": msgid})
    try:
        sent = get_connection(fail_silently=False).send_messages([email])
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as error:
        raise DeliveryError(f"수신 거부: {error}", retryable=False) from error
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryError(f"메일 서버 오류: {error}", retryable=True) from error
    if not sent:
        raise DeliveryError("메일 서버가 메시지를 받지 않았습니다.", retryable=True)
    return Sent(provider_message_id=msgid)


def _phone_digits(recipient: str) -> str:
    return "".join(ch for ch in recipient if ch.isdigit())


def solapi_payload(message: OutboxMessage) -> dict[str, Any]:
    """The Solapi message object for the next attempt of `message`."""
    payload: dict[str, Any] = {
        "to": _phone_digits(message.recipient),
        "from": _phone_digits(settings.OPENGU_SMS_SENDER),
        "text": message.body,
        "customFields": {solapi.KEY_FIELD: provider_key(message)},
    }
    if message.delivery_channel == OutboxMessage.Channel.ALIMTALK:
        payload["type"] = "ATA"
        payload["kakaoOptions"] = {
            "pfId": settings.OPENGU_KAKAO_PF_ID,
            "templateId": message.template_id,
            "variables": json.loads(message.template_variables or "{}"),
            # We fall back to SMS ourselves, so that the fallback is in our delivery log.
            "disableSms": True,
        }
    else:
        payload["type"] = message.phone_kind or "SMS"
        if payload["type"] == "LMS" and message.subject:
            payload["subject"] = message.subject
    return payload


def _client() -> solapi.SolapiClient:
    return solapi.SolapiClient(settings.OPENGU_SMS_URL, settings.OPENGU_SMS_API_KEY, settings.OPENGU_SMS_API_SECRET)


def send_phone(message: OutboxMessage) -> Sent:
    """SMS/LMS or 알림톡 through Solapi, or into the development file without OPENGU_SMS_URL."""
    if message.delivery_channel == OutboxMessage.Channel.ALIMTALK and not settings.OPENGU_KAKAO_PF_ID:
        raise DeliveryError("알림톡 발신 프로필(OPENGU_KAKAO_PF_ID)이 설정되지 않았습니다.", retryable=False)
    payload = solapi_payload(message)
    if not settings.OPENGU_SMS_URL:
        path = settings.DATA_DIR / "sms" / "outbox.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps({**payload, "at": timezone.now().isoformat()}, ensure_ascii=False) + "\n")
        return Sent(provider_message_id=f"file:{provider_key(message)}", detail=str(path))
    try:
        accepted = _client().send_one(payload)
    except solapi.SolapiError as error:
        raise DeliveryError(str(error), retryable=error.retryable, http_status=error.http_status) from error
    return Sent(provider_message_id=str(accepted["messageId"]),
                detail=f"{accepted.get('statusCode', '')} {accepted.get('statusMessage', '')}".strip(),
                http_status=200)


def send(message: OutboxMessage) -> Sent:
    if message.delivery_channel == OutboxMessage.Channel.EMAIL:
        return send_email(message)
    return send_phone(message)


@dataclass(frozen=True)
class Report:
    delivered: bool | None  # None: still in transit
    detail: str


def phone_report(message: OutboxMessage) -> Report | None:
    """The provider's delivery report for a sent phone message; None when it cannot tell."""
    if not settings.OPENGU_SMS_URL or not message.provider_message_id or message.provider_message_id.startswith("file:"):
        return None
    try:
        found = _client().message_status(message.provider_message_id)
    except solapi.SolapiError:
        return None  # ask again at the next poll
    if found is None:
        return None
    code = str(found.get("statusCode", ""))
    if code == solapi.STATUS_DELIVERED:
        return Report(True, code)
    if code in solapi.STATUS_IN_TRANSIT:
        return Report(None, code)
    return Report(False, f"{code} {found.get('reason') or found.get('statusMessage') or ''}".strip())
