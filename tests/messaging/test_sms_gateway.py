from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from django.core.exceptions import ValidationError

from opengu.messaging import solapi
from opengu.messaging.gateway import GatewayState, serve_in_thread
from opengu.messaging.models import DeliveryAttempt, OutboxMessage
from opengu.messaging.services import messaging_deliver_due, messaging_poll_reports, sms_send
from tests.messaging.conftest import API_KEY, API_SECRET

pytestmark = pytest.mark.django_db


def test_the_local_gateway_receives_a_signed_sms(sms_gateway):
    message = sms_send(to="010-1234-5678", text="[서대문구] 신청하신 서류가 준비되었습니다.")

    run = messaging_deliver_due()

    assert run.sent == 1
    [received] = sms_gateway.received()
    assert received["to"] == "01012345678"
    assert received["from"] == "023301300"
    assert received["type"] == "SMS"
    assert received["text"] == "[서대문구] 신청하신 서류가 준비되었습니다."
    assert received["customFields"][solapi.KEY_FIELD] == message.key
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.provider_message_id == received["messageId"]


def test_a_long_text_goes_as_lms_with_its_subject(sms_gateway):
    sms_send(to="01012345678", text="가" * 46, subject="서대문구 안내")
    messaging_deliver_due()
    [received] = sms_gateway.received()
    assert (received["type"], received["subject"]) == ("LMS", "서대문구 안내")


def test_a_wrong_secret_is_refused_by_the_gateway_and_not_retried(sms_gateway, settings):
    settings.OPENGU_SMS_API_SECRET = "not-the-secret"
    message = sms_send(to="01012345678", text="안내")

    run = messaging_deliver_due()

    assert run.failed == 1 and sms_gateway.received() == []
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert "SignatureDoesNotMatch" in message.reason
    assert DeliveryAttempt.objects.get(message=message).http_status == 403


def test_the_gateway_refuses_unsigned_stale_and_replayed_requests(sms_gateway):
    url = sms_gateway.server.url + solapi.SEND_PATH
    body = json.dumps({"messages": [{"to": "01012345678", "from": "023301300", "text": "x"}]}).encode()

    def post(header: str | None) -> tuple[int, str]:
        request = urllib.request.Request(url, data=body, method="POST")
        if header:
            request.add_header("Authorization", header)
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, ""
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())["errorCode"]

    import datetime as dt
    assert post(None) == (403, "InvalidAuthorizationHeader")
    old = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=20)
    assert post(solapi.authorization_header(API_KEY, API_SECRET, now=old)) == (403, "RequestTimeTooSkewed")
    assert post(solapi.authorization_header("OTHERKEY", API_SECRET)) == (403, "InvalidAPIKey")
    header = solapi.authorization_header(API_KEY, API_SECRET)
    assert post(header)[0] == 200
    assert post(header) == (403, "DuplicatedSignature")
    assert len(sms_gateway.received()) == 1


def test_the_delivery_report_marks_delivered_or_failed(sms_gateway):
    sms_gateway.state.undeliverable = {"01099998888"}
    good = sms_send(to="01012345678", text="안내")
    bad = sms_send(to="010-9999-8888", text="안내")
    messaging_deliver_due()

    assert messaging_poll_reports() == 2

    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.status == OutboxMessage.Status.DELIVERED and good.delivered_at is not None
    assert bad.status == OutboxMessage.Status.FAILED and bad.reason.startswith("수신 실패")
    assert messaging_poll_reports() == 0  # nothing left to ask about


def test_without_a_gateway_url_sms_go_to_a_file(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    message = sms_send(to="01012345678", text="개발용")
    messaging_deliver_due()
    line = json.loads((tmp_path / "sms" / "outbox.jsonl").read_text().splitlines()[0])
    assert (line["to"], line["text"]) == ("01012345678", "개발용")
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT


def test_the_gateway_remembers_across_restarts(tmp_path):
    store = tmp_path / "gw.jsonl"
    first = serve_in_thread(GatewayState(api_key=API_KEY, api_secret=API_SECRET, store=store))
    client = solapi.SolapiClient(first.url, API_KEY, API_SECRET)
    sent = client.send_one({"to": "01012345678", "from": "023301300", "text": "a",
                            "customFields": {solapi.KEY_FIELD: "k-1"}})
    first.shutdown()
    first.server_close()
    second = serve_in_thread(GatewayState(api_key=API_KEY, api_secret=API_SECRET, store=store))
    try:
        again = solapi.SolapiClient(second.url, API_KEY, API_SECRET).send_one(
            {"to": "01012345678", "from": "023301300", "text": "a", "customFields": {solapi.KEY_FIELD: "k-1"}})
        assert again["messageId"] == sent["messageId"]
        assert len(second.state.received) == 1 and second.state.duplicates == 1
    finally:
        second.shutdown()
        second.server_close()


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"to": "12345", "text": "안내"}, "to"),
    ({"to": "01012345678", "text": ""}, "text"),
    ({"to": "01012345678", "text": "가" * 1000 + "a"}, "text"),
])
def test_bad_sms_input_names_the_field(kwargs, field):
    with pytest.raises(ValidationError) as caught:
        sms_send(**kwargs)
    assert field in caught.value.message_dict
    assert not OutboxMessage.objects.exists()


def test_too_long_text_says_how_long_in_korean():
    with pytest.raises(ValidationError) as caught:
        sms_send(to="01012345678", text="가" * 1000 + "a")
    assert "2,001바이트" in caught.value.message_dict["text"][0]
