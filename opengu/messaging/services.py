"""Outbound messages: queue in the caller's transaction, deliver later, retry, report.

    email_send / sms_send / alimtalk_send   write one OutboxMessage (keyword-only) and return it
    messaging_deliver_due                   claim and send what is due (task and `opengu messaging deliver`)
    messaging_poll_reports                  ask the SMS provider which sent messages arrived
    outbox_message_retry                    staff put a failed message back in the queue

Delivery never sends a message twice on purpose: a worker claims a row with a conditional
UPDATE (queued → sending), so two workers cannot both own it; a row left in `sending` by a
crashed worker is reclaimed after CLAIM_TIMEOUT and re-sent with the same idempotency key,
which the provider (or the local gateway) uses to drop the repeat.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from opengu.core.audit import audit_event_record
from opengu.core.models import User
from opengu.lib import pii
from opengu.messaging import backends
from opengu.messaging.models import DeliveryAttempt, OutboxMessage
from opengu.messaging.text import LMS_MAX_BYTES, MessageTooLong, QuietHours, phone_message_kind

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF_BASE = dt.timedelta(minutes=1)
BACKOFF_CAP = dt.timedelta(hours=2)
# A worker that has held a claim this long is presumed dead; its row is taken over.
CLAIM_TIMEOUT = dt.timedelta(minutes=10)
REPORT_WINDOW = dt.timedelta(days=3)
KEY_MAX_LENGTH = 120

Status = OutboxMessage.Status
Channel = OutboxMessage.Channel


def max_attempts() -> int:
    return int(getattr(settings, "OPENGU_MESSAGING_MAX_ATTEMPTS", MAX_ATTEMPTS))


def backoff(attempts: int) -> dt.timedelta:
    """Wait after the `attempts`-th failed try: 1, 2, 4, 8 … minutes, at most two hours."""
    return min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)


def quiet_hours() -> QuietHours | None:
    return QuietHours.parse(settings.OPENGU_QUIET_HOURS)


def quiet_release(now: dt.datetime) -> dt.datetime | None:
    """When non-urgent phone messages may go, if `now` is inside the quiet hours; else None."""
    window = quiet_hours()
    return window.release_time(timezone.localtime(now)) if window else None


# ---------------------------------------------------------------- queueing

def _queue(*, channel: str, recipient: str, masked: str, subject: str, body: str, urgent: bool,
           key: str | None, actor: User | None, **extra: Any) -> OutboxMessage:
    now = timezone.now()
    # Phones ring at night; mailboxes do not. Quiet hours hold back non-urgent phone messages only.
    release = None if urgent or channel == Channel.EMAIL else quiet_release(now)
    key = key or uuid.uuid4().hex
    if len(key) > KEY_MAX_LENGTH:
        # Still deterministic, so a repeated call still finds the first message.
        key = "sha256:" + hashlib.sha256(key.encode()).hexdigest()
    with transaction.atomic():
        try:
            # A savepoint: a repeated key leaves the caller's transaction usable.
            with transaction.atomic():
                message = OutboxMessage.objects.create(
                    key=key, channel=channel, recipient=recipient, recipient_masked=masked, subject=subject,
                    body=body, urgent=urgent, next_attempt_at=release or now, created_by=actor, created_at=now,
                    **extra,
                )
        except IntegrityError:
            existing = OutboxMessage.objects.filter(key=key).first()
            if existing is None:
                raise
            return existing  # the same request made twice: one message
        audit_event_record(actor=actor, action=f"messaging.{channel}.queue", target=message,
                           summary=f"{message.get_channel_display()} {masked}", urgent=urgent,
                           deferred_until=release.isoformat() if release else None)
    run_after = release
    transaction.on_commit(lambda: _enqueue_delivery(run_after))
    return message


def _enqueue_delivery(run_after: dt.datetime | None) -> None:
    """Ask a worker to deliver; if the queue is away, `opengu messaging deliver` catches up."""
    from opengu.messaging.tasks import deliver_due

    try:
        (deliver_due.using(run_after=run_after) if run_after else deliver_due).enqueue()
    except Exception:
        log.exception("could not enqueue message delivery; the periodic deliver command will send it")


def _check_subject(subject: str) -> None:
    if "\n" in subject or "\r" in subject:
        raise ValidationError({"subject": "제목에는 줄바꿈을 넣을 수 없습니다."})
    if len(subject) > 200:
        raise ValidationError({"subject": "제목은 200자까지 쓸 수 있습니다."})


def _check_phone(to: str) -> str:
    phone = pii.normalize_phone(to)
    if phone is None:
        raise ValidationError({"to": f"받는 사람 전화번호가 올바르지 않습니다: {pii.mask_phone(to)}"})
    return phone


def _check_phone_text(text: str, field: str = "text") -> str:
    if not text.strip():
        raise ValidationError({field: "문자 내용을 입력해 주세요."})
    try:
        return phone_message_kind(text)
    except MessageTooLong as error:
        raise ValidationError({field: (
            f"문자 내용이 {error.size:,}바이트로 너무 깁니다. "
            f"{LMS_MAX_BYTES:,}바이트(한글 약 1,000자)까지 보낼 수 있습니다.")}) from error


def email_send(*, to: str, subject: str, body: str, urgent: bool = False, key: str | None = None,
               actor: User | None = None) -> OutboxMessage:
    """Queue one e-mail in the caller's transaction and return it; a repeated `key` returns the
    message already queued under it. Raises ValidationError naming the bad field."""
    to = (to or "").strip()
    try:
        validate_email(to)
    except ValidationError as error:
        raise ValidationError({"to": f"받는 사람 전자우편 주소가 올바르지 않습니다: {pii.mask_email(to)}"}) from error
    _check_subject(subject)
    if not body.strip():
        raise ValidationError({"body": "내용을 입력해 주세요."})
    return _queue(channel=Channel.EMAIL, recipient=to, masked=pii.mask_email(to), subject=subject, body=body,
                  urgent=urgent, key=key, actor=actor)


def sms_send(*, to: str, text: str, urgent: bool = False, key: str | None = None, subject: str = "",
             actor: User | None = None) -> OutboxMessage:
    """Queue one SMS (≤ 90 EUC-KR bytes) or LMS (≤ 2,000; `subject` used for LMS only).
    Non-urgent messages written in the quiet hours wait until they end."""
    phone = _check_phone(to)
    kind = _check_phone_text(text)
    _check_subject(subject)
    return _queue(channel=Channel.SMS, recipient=phone, masked=pii.mask_phone(phone), subject=subject, body=text,
                  urgent=urgent, key=key, actor=actor, phone_kind=kind)


def alimtalk_send(*, to: str, template_id: str, text: str, variables: dict[str, str] | None = None,
                  urgent: bool = False, key: str | None = None, actor: User | None = None) -> OutboxMessage:
    """Queue one 알림톡 (KakaoTalk business message from an approved template). `text` is the
    filled template; if the 알림톡 fails it is sent as SMS/LMS instead, so it obeys SMS limits."""
    phone = _check_phone(to)
    if not (template_id or "").strip():
        raise ValidationError({"template_id": "알림톡 템플릿을 지정해 주세요."})
    kind = _check_phone_text(text)
    return _queue(channel=Channel.ALIMTALK, recipient=phone, masked=pii.mask_phone(phone), subject="", body=text,
                  urgent=urgent, key=key, actor=actor, phone_kind=kind, template_id=template_id.strip(),
                  template_variables=json.dumps(variables or {}, ensure_ascii=False))


# ---------------------------------------------------------------- delivery

@dataclass
class DeliveryRun:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    fallbacks: int = 0
    deferred: int = 0


def _due(now: dt.datetime, release: dt.datetime | None) -> Any:
    stale = now - CLAIM_TIMEOUT
    due = OutboxMessage.objects.filter(
        Q(status=Status.QUEUED, next_attempt_at__lte=now) | Q(status=Status.SENDING, claimed_at__lt=stale)
    )
    if release is not None:
        due = due.filter(Q(urgent=True) | Q(channel=Channel.EMAIL))
    return due


def _claim(message_id: int, now: dt.datetime, release: dt.datetime | None) -> str | None:
    """Take the row for this worker with one conditional UPDATE; None if someone else has it."""
    token = uuid.uuid4().hex
    claimed = _due(now, release).filter(pk=message_id).update(
        status=Status.SENDING, claimed_at=now, claim_token=token, attempts=F("attempts") + 1, updated_at=now,
    )
    return token if claimed == 1 else None


def _finish(message: OutboxMessage, token: str, attempt: DeliveryAttempt, **changes: Any) -> bool:
    """Record the attempt and the outcome, unless our claim was taken over meanwhile."""
    with transaction.atomic():
        updated = OutboxMessage.objects.filter(pk=message.pk, claim_token=token, status=Status.SENDING).update(
            updated_at=timezone.now(), **changes)
        if not updated:
            attempt.detail = (attempt.detail + " (다른 작업자가 이어받아 결과를 반영하지 않음)")[:500]
        attempt.save()
    return bool(updated)


def _deliver_claimed(message_id: int, token: str, now: dt.datetime, run: DeliveryRun) -> None:
    message = OutboxMessage.objects.get(pk=message_id)
    channel = message.delivery_channel
    attempt = DeliveryAttempt(
        message=message, number=message.attempts,
        channel="ATA" if channel == Channel.ALIMTALK else (message.phone_kind if channel == Channel.SMS else "email"),
        started_at=timezone.now(),
    )
    try:
        sent = backends.send(message)
    except Exception as error:
        retryable = error.retryable if isinstance(error, backends.DeliveryError) else True
        if not isinstance(error, backends.DeliveryError):
            log.exception("unexpected error delivering message %s", message_id)
        attempt.finished_at = timezone.now()
        attempt.http_status = getattr(error, "http_status", None)
        reason = str(error)[:300]
        attempt.detail = reason
        if channel == Channel.ALIMTALK:
            attempt.outcome = DeliveryAttempt.Outcome.FALLBACK
            if _finish(message, token, attempt, status=Status.QUEUED, sms_fallback=True, next_attempt_at=now,
                       reason=f"알림톡 실패, 문자로 대체: {reason}"[:300]):
                run.fallbacks += 1
        elif retryable and message.attempts < max_attempts():
            attempt.outcome = DeliveryAttempt.Outcome.RETRY
            if _finish(message, token, attempt, status=Status.QUEUED, reason=reason,
                       next_attempt_at=now + backoff(message.attempts)):
                run.retried += 1
        else:
            attempt.outcome = DeliveryAttempt.Outcome.FAILED
            if _finish(message, token, attempt, status=Status.FAILED, reason=reason):
                run.failed += 1
        return
    attempt.finished_at = timezone.now()
    attempt.outcome = DeliveryAttempt.Outcome.SENT
    attempt.provider_message_id = sent.provider_message_id[:100]
    attempt.http_status = sent.http_status
    attempt.detail = sent.detail[:500]
    if _finish(message, token, attempt, status=Status.SENT, sent_at=attempt.finished_at, reason="",
               provider_message_id=sent.provider_message_id[:100]):
        run.sent += 1


def messaging_deliver_due(*, limit: int = 500, now: dt.datetime | None = None) -> DeliveryRun:
    """Send every message due at `now` (default: the current time), at most `limit` attempts.

    Safe to run in any number of processes at once. During quiet hours non-urgent phone
    messages are pushed to the end of the window instead of being sent."""
    now = now or timezone.now()
    run = DeliveryRun()
    release = quiet_release(now)
    if release is not None:
        run.deferred = (OutboxMessage.objects.filter(status=Status.QUEUED, urgent=False, next_attempt_at__lt=release)
                        .exclude(channel=Channel.EMAIL).update(next_attempt_at=release, updated_at=now))
    attempts = 0
    while attempts < limit:
        ids = list(_due(now, release).order_by("next_attempt_at", "id").values_list("id", flat=True)[: limit - attempts])
        if not ids:
            break
        progressed = False
        for message_id in ids:
            token = _claim(message_id, now, release)
            if token is None:
                continue  # another worker has it
            progressed = True
            attempts += 1
            _deliver_claimed(message_id, token, now, run)
        if not progressed:
            break
    return run


def next_due_at() -> dt.datetime | None:
    """When the earliest queued message becomes due (to schedule the next delivery task)."""
    return OutboxMessage.objects.filter(status=Status.QUEUED).aggregate(at=Min("next_attempt_at"))["at"]


def messaging_poll_reports(*, limit: int = 500) -> int:
    """Ask the SMS provider about sent phone messages; mark them delivered or failed (a failed
    알림톡 is then re-queued as SMS). Returns how many changed."""
    since = timezone.now() - REPORT_WINDOW
    pending = (OutboxMessage.objects.filter(status=Status.SENT, sent_at__gte=since)
               .exclude(channel=Channel.EMAIL).exclude(provider_message_id="").order_by("sent_at")[:limit])
    changed = 0
    for message in pending:
        report = backends.phone_report(message)
        if report is None or report.delivered is None:
            continue
        now = timezone.now()
        attempt = DeliveryAttempt(message=message, number=message.attempts, started_at=now, finished_at=now,
                                  channel="report", provider_message_id=message.provider_message_id,
                                  detail=report.detail[:500])
        current = OutboxMessage.objects.filter(pk=message.pk, status=Status.SENT,
                                               provider_message_id=message.provider_message_id)
        with transaction.atomic():
            if report.delivered:
                attempt.outcome = DeliveryAttempt.Outcome.DELIVERED
                updated = current.update(status=Status.DELIVERED, delivered_at=now, updated_at=now)
            elif message.delivery_channel == Channel.ALIMTALK:
                attempt.outcome = DeliveryAttempt.Outcome.FALLBACK
                updated = current.update(status=Status.QUEUED, sms_fallback=True, next_attempt_at=now,
                                         reason=f"알림톡 수신 실패, 문자로 대체: {report.detail}"[:300], updated_at=now)
            else:
                attempt.outcome = DeliveryAttempt.Outcome.UNDELIVERED
                updated = current.update(status=Status.FAILED, reason=f"수신 실패: {report.detail}"[:300],
                                         updated_at=now)
            if updated:
                attempt.save()
                changed += 1
    return changed


@transaction.atomic
def outbox_message_retry(*, actor: User, message: OutboxMessage) -> OutboxMessage:
    """Put a failed message back in the queue with a fresh count of attempts."""
    if message.status != Status.FAILED:
        raise ValidationError({"status": "실패한 메시지만 다시 보낼 수 있습니다."})
    now = timezone.now()
    OutboxMessage.objects.filter(pk=message.pk, status=Status.FAILED).update(
        status=Status.QUEUED, attempts=0, next_attempt_at=now, reason="", claim_token="", updated_at=now)
    audit_event_record(actor=actor, action="messaging.message.retry", target=message,
                       summary=f"{message.get_channel_display()} {message.recipient_masked}")
    transaction.on_commit(lambda: _enqueue_delivery(None))
    message.refresh_from_db()
    return message
