"""Tell the requester about a step of their request, by e-mail or SMS, once the step is committed."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction

from opengu.disclosure.models import DisclosureRequest, Transition
from opengu.messaging import services as messaging

log = logging.getLogger(__name__)


def requester_tell(request: DisclosureRequest, step: Transition, notice: str) -> None:
    """Queue one message to the requester's contact in the step's own transaction (the outbox
    sends it only if the step commits); the key makes repeats harmless.

    E-mail carries the full notice; SMS only says something happened (the notice may be long),
    and points to the portal. A request registered without any electronic contact gets a letter.
    """
    email = (request.requester_email or "").strip()
    phone = (request.requester_phone or "").strip()
    number = request.number
    key = f"disclosure-{request.pk}-{step.pk}"

    def send() -> None:
        # A bad address must not undo the step: the savepoint drops only the message.
        try:
            with transaction.atomic():
                if email:
                    messaging.email_send(to=email, subject=f"[정보공개 {number}] 처리 안내",
                                         body=notice + "\n\n누리집 ‘나의 정보공개 청구’에서 자세한 내용과 기한 계산 근거를 볼 수 있습니다.",
                                         key=key)
                elif phone:
                    messaging.sms_send(to=phone, text=f"[정보공개 {number}] 처리 상황이 바뀌었습니다. "
                                                       f"누리집 ‘나의 정보공개 청구’에서 확인해 주세요.", key=key)
        except (ValueError, ValidationError):
            log.warning("disclosure notice for request %s not queued: the contact is not valid", request.pk)

    send()
