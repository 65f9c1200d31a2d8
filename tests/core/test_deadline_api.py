"""GET /api/v1/deadline: the statutory deadline as JSON, with the office's own calendar."""

from __future__ import annotations

import re

import pytest

from opengu.core.models import OfficeDay
from opengu.lib.workdays import MAX_DAYS

URL = "/api/v1/deadline"
HANGUL = re.compile(r"[가-힣]")


@pytest.mark.django_db
def test_it_counts_working_days_across_seollal(client):
    response = client.get(URL, {"start": "2026-02-13", "days": 10, "counting": "workdays"})
    assert response.status_code == 200
    body = response.json()
    assert body["due"] == "2026-03-04"
    assert body["counting"] == "workdays"
    assert len(body["counted"]) == 10 and body["counted"][0] == "2026-02-13"
    skipped = {s["date"]: s["reason"] for s in body["skipped"]}
    assert "설날" in skipped["2026-02-17"]
    assert "대체" in skipped["2026-03-02"]


@pytest.mark.django_db
def test_counting_defaults_to_working_days(client):
    response = client.get(URL, {"start": "2026-09-23", "days": 10})
    assert response.status_code == 200
    assert response.json()["due"] == "2026-10-12"


@pytest.mark.django_db
def test_civil_counting_moves_a_saturday_last_day(client):
    response = client.get(URL, {"start": "2026-04-01", "days": 10, "counting": "civil"})
    assert response.status_code == 200
    body = response.json()
    assert body["due"] == "2026-04-13"
    assert "2026-04-01" not in body["counted"]


@pytest.mark.django_db
def test_office_days_from_the_database_apply(client):
    OfficeDay.objects.create(date="2026-04-08", kind=OfficeDay.Kind.CLOSED, reason="구 임시 휴무일")
    OfficeDay.objects.create(date="2026-06-03", kind=OfficeDay.Kind.OPEN, reason="근무일 지정")
    closed = client.get(URL, {"start": "2026-04-06", "days": 5}).json()
    assert closed["due"] == "2026-04-13"
    assert {"date": "2026-04-08", "reason": "구 임시 휴무일"} in closed["skipped"]
    opened = client.get(URL, {"start": "2026-06-01", "days": 3}).json()
    assert opened["due"] == "2026-06-03"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2026-02-30", "days": 10}, "start"),
        ({"start": "13 Feb 2026", "days": 10}, "start"),
        ({"start": "2026-02-13", "days": 0}, "days"),
        ({"start": "2026-02-13", "days": -3}, "days"),
        ({"start": "2026-02-13", "days": MAX_DAYS + 1}, "days"),
        ({"start": "2026-02-13", "days": 10**12}, "days"),
        ({"start": "2026-02-13", "days": "열흘"}, "days"),
        ({"start": "2026-02-13", "days": 10, "counting": "lunar"}, "counting"),
        ({"days": 10}, "start"),
        ({"start": "2026-02-13"}, "days"),
    ],
)
def test_bad_input_gets_400_with_a_korean_message_naming_the_field(client, params, field):
    response = client.get(URL, params)
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert HANGUL.search(detail), detail
    assert field in detail


@pytest.mark.django_db
def test_the_endpoint_is_in_the_openapi_document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/deadline" in response.json()["paths"]
