from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from opengu.messaging import solapi
from opengu.messaging.models import DeliveryAttempt, OutboxMessage
from opengu.messaging.services import alimtalk_send, messaging_deliver_due, messaging_poll_reports

pytestmark = pytest.mark.django_db


def test_an_alimtalk_goes_as_ata_with_its_template(sms_gateway, settings):
    settings.OPENGU_KAKAO_PF_ID = "KA01PF-seodaemun"
    message = alimtalk_send(to="01012345678", template_id="TPL-RESERVATION", text="홍길동님 예약이 확정되었습니다.",
                            variables={"#{이름}": "홍길동"})
    messaging_deliver_due()
    [received] = sms_gateway.received()
    assert received["type"] == "ATA"
    assert received["kakaoOptions"]["pfId"] == "KA01PF-seodaemun"
    assert received["kakaoOptions"]["templateId"] == "TPL-RESERVATION"
    assert received["kakaoOptions"]["variables"] == {"#{이름}": "홍길동"}
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT and not message.sms_fallback


def test_a_refused_alimtalk_falls_back_to_sms(sms_gateway, settings):
    settings.OPENGU_KAKAO_PF_ID = "KA01PF-seodaemun"
    sms_gateway.state.reject_types = {"ATA"}
    message = alimtalk_send(to="01012345678", template_id="TPL-1", text="예약이 확정되었습니다.")

    run = messaging_deliver_due()

    assert (run.fallbacks, run.sent) == (1, 1)
    [received] = sms_gateway.received()
    assert received["type"] == "SMS" and received["text"] == "예약이 확정되었습니다."
    assert received["customFields"][solapi.KEY_FIELD] == f"{message.key}:sms"
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT and message.sms_fallback
    outcomes = list(DeliveryAttempt.objects.filter(message=message).values_list("channel", "outcome"))
    assert outcomes == [("ATA", "fallback"), ("SMS", "sent")]


def test_without_a_sender_profile_alimtalk_falls_back_to_sms(sms_gateway):
    alimtalk_send(to="01012345678", template_id="TPL-1", text="안내")
    messaging_deliver_due()
    [received] = sms_gateway.received()
    assert received["type"] == "SMS"


def test_an_alimtalk_reported_undelivered_is_resent_as_sms(sms_gateway, settings):
    settings.OPENGU_KAKAO_PF_ID = "KA01PF-seodaemun"
    sms_gateway.state.undeliverable = {"01012345678"}
    message = alimtalk_send(to="01012345678", template_id="TPL-1", text="안내")
    messaging_deliver_due()
    assert messaging_poll_reports() == 1
    sms_gateway.state.undeliverable = set()
    messaging_deliver_due()
    types = [m["type"] for m in sms_gateway.received()]
    assert types == ["ATA", "SMS"]
    message.refresh_from_db()
    assert message.sms_fallback and message.status == OutboxMessage.Status.SENT


def test_alimtalk_needs_a_template():
    with pytest.raises(ValidationError) as caught:
        alimtalk_send(to="01012345678", template_id=" ", text="안내")
    assert "template_id" in caught.value.message_dict
