from __future__ import annotations

import json

import pytest

from tests.disclosure.conftest import file
from tests.personas import login_as

pytestmark = pytest.mark.django_db
PAYLOAD = {"requester_name": "홍길동", "requester_email": "hong@example.com", "subject": "주차장 조성 계획",
           "content": "2026년 계획서", "consent": True}


def test_resident_files_and_reads_status_with_working(client, personas):
    login_as(client, personas.resident)
    response = client.post("/api/v1/disclosure/requests", json.dumps(PAYLOAD), content_type="application/json")
    assert response.status_code == 201, response.content
    number = response.json()["number"]
    status = client.get(f"/api/v1/disclosure/requests/{number}").json()
    decision = next(d for d in status["deadlines"] if d["kind"] == "decision")
    assert decision["working"]["counting"] == "workdays" and len(decision["working"]["counted"]) == 10
    assert status["state"] == "received"


def test_api_refuses_without_consent_or_login_and_hides_other_requests(client, personas):
    assert client.post("/api/v1/disclosure/requests", json.dumps(PAYLOAD),
                       content_type="application/json").status_code == 401
    login_as(client, personas.resident)
    response = client.post("/api/v1/disclosure/requests", json.dumps({**PAYLOAD, "consent": False}),
                           content_type="application/json")
    assert response.status_code == 400 and response.json()["field"] == "consent"
    other = file(personas)
    login_as(client, personas.other_resident)
    assert client.get(f"/api/v1/disclosure/requests/{other.number}").status_code == 404
    login_as(client, personas.staff)
    assert client.post("/api/v1/disclosure/requests", json.dumps(PAYLOAD),
                       content_type="application/json").status_code == 403


def test_register_has_no_requester_data(client, personas):
    file(personas)
    rows = client.get("/api/v1/disclosure/register").json()
    assert len(rows) == 1 and "홍길동" not in json.dumps(rows, ensure_ascii=False)
    assert "/disclosure/requests" in json.dumps(client.get("/api/v1/openapi.json").json())
