"""Read the e-mail a test caused, wherever `messaging.services.email_send` put it.

`email_send` either sends at once (Django's test outbox) or queues an OutboxMessage for the
worker; a test asks for "mail to this address" and does not care which.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core import mail


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str


def mail_to(address: str) -> list[Mail]:
    found = [
        Mail(address, m.subject, m.body)
        for m in mail.outbox
        if any(address.lower() == to.lower() for to in m.to)
    ]
    try:
        outbox = apps.get_model("messaging", "OutboxMessage")
    except LookupError:
        return found
    for row in outbox.objects.all():
        if str(row.recipient).lower() == address.lower():
            found.append(Mail(address, getattr(row, "subject", ""), str(row.body)))
    return found


def all_recipients() -> list[str]:
    recipients = [to for m in mail.outbox for to in m.to]
    try:
        outbox = apps.get_model("messaging", "OutboxMessage")
    except LookupError:
        return recipients
    return recipients + [str(row.recipient) for row in outbox.objects.all()]
