from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.personas import PASSWORD


@pytest.mark.django_db
def test_second_factor_keeps_the_whole_next_url(client, personas):
    target = "/staff/access-log/?actor=staff&action=view"
    response = client.post("/accounts/login/", {"username": "auditor", "password": PASSWORD, "next": target})
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert location.path == "/accounts/otp/"
    assert parse_qs(location.query)["next"] == [target]


@pytest.mark.django_db
def test_login_redirect_keeps_the_query_string(client, personas):
    response = client.get("/staff/access-log/?actor=staff&action=view")
    location = urlparse(response["Location"])
    assert parse_qs(location.query)["next"] == ["/staff/access-log/?actor=staff&action=view"]
