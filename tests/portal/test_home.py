from __future__ import annotations

import pytest

from tests.personas import as_each


@pytest.mark.django_db
def test_home_names_the_district_in_korean(client, personas):
    response = client.get("/")
    assert response.status_code == 200
    assert "서대문구" in response.content.decode()


@pytest.mark.django_db
def test_staff_workspace_is_for_staff_only(client, personas):
    codes = as_each(client, personas, "/staff/")
    assert codes["anonymous"] == 302
    assert codes["resident"] == 403 and codes["other_resident"] == 403
    for name in ["staff", "other_staff", "head", "disclosure_officer", "auditor", "admin"]:
        assert codes[name] == 200, name
