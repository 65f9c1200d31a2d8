"""Outbound messages. (Interim: sends at once; the outbox replaces this.)"""

from __future__ import annotations

from django.core.mail import send_mail


def email_send(*, to: str, subject: str, body: str, urgent: bool = False, key: str | None = None) -> None:
    send_mail(subject, body, None, [to])
