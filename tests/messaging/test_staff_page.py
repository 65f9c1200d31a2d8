from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from opengu.core.models import PersonalDataAccess
from opengu.messaging.services import email_send, messaging_deliver_due, sms_send
from tests.personas import as_each, login_as

pytestmark = pytest.mark.django_db
URL = "/staff/messages/"


def test_only_administrators_and_auditors_see_the_outbox(client, personas):
    codes = as_each(client, personas, URL)
    assert codes["anonymous"] == 302
    for name in ["resident", "other_resident", "staff", "other_staff", "head", "disclosure_officer"]:
        assert codes[name] == 403, name
    assert codes["auditor"] == 200 and codes["admin"] == 200


def test_exports_are_for_the_same_people_only(client, personas):
    codes = as_each(client, personas, URL, data={"format": "csv", "purpose": "점검"})
    assert codes["anonymous"] == 302
    for name in ["resident", "other_resident", "staff", "other_staff", "head", "disclosure_officer"]:
        assert codes[name] == 403, name
    assert codes["auditor"] == 200 and codes["admin"] == 200


def test_the_list_shows_masked_recipients_and_is_logged(client, personas):
    message = sms_send(to="010-1234-5678", text="안내")
    login_as(client, personas.auditor)
    response = client.get(URL)
    page = response.content.decode()
    assert "010-****-5678" in page and "010-1234-5678" not in page
    access = PersonalDataAccess.objects.get(action="list", subject="messaging.outboxmessage")
    assert access.actor == personas.auditor and access.record_ids == [str(message.pk)]


def test_status_filter(client, personas):
    email_send(to="sent@example.com", subject="보낸 메일", body="본문")
    messaging_deliver_due()
    email_send(to="queued@example.com", subject="대기 메일", body="본문")
    login_as(client, personas.admin)
    page = client.get(URL, {"status": "queued"}).content.decode()
    assert "대기 메일" in page and "보낸 메일" not in page


def test_csv_export_needs_a_purpose_and_keeps_the_filters(client, personas):
    sms_send(to="010-1234-5678", text="안내")
    email_send(to="hong@example.com", subject="메일 안내", body="본문")
    login_as(client, personas.auditor)
    refused = client.get(URL, {"format": "csv"})
    assert refused.status_code == 400
    assert "내려받는 목적을 적어 주세요" in refused.content.decode()

    response = client.get(URL, {"format": "csv", "channel": "sms", "purpose": "발송 실패 점검"})
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff번호,")
    assert "010-****-5678" in body and "010-1234-5678" not in body
    assert "메일 안내" not in body
    export = PersonalDataAccess.objects.get(action="export")
    assert export.purpose == "발송 실패 점검" and export.record_count == 1


def test_xlsx_export(client, personas):
    sms_send(to="010-1234-5678", text="안내")
    login_as(client, personas.admin)
    response = client.get(URL, {"format": "xlsx", "purpose": "월간 보고"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "번호" and rows[1][4] == "010-****-5678"


def test_the_staff_workspace_shows_the_tile(client, personas):
    login_as(client, personas.admin)
    assert "알림 발송 내역" in client.get("/staff/").content.decode()


def test_the_admin_lists_masked_recipients_and_retries_failed(client, personas):
    from opengu.messaging.models import OutboxMessage

    message = sms_send(to="010-1234-5678", text="안내")
    OutboxMessage.objects.filter(pk=message.pk).update(status="failed", attempts=5, reason="시험")
    login_as(client, personas.admin)
    listing = client.get("/admin/messaging/outboxmessage/").content.decode()
    assert "010-****-5678" in listing and "010-1234-5678" not in listing
    detail = client.get(f"/admin/messaging/outboxmessage/{message.pk}/change/")
    assert detail.status_code == 200 and "010-1234-5678" not in detail.content.decode()
    client.post("/admin/messaging/outboxmessage/", {"action": "retry_failed", "_selected_action": [message.pk]})
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("queued", 0)
