from __future__ import annotations

import pytest

from tests.personas import login_as


@pytest.mark.django_db
def test_staff_see_only_tiles_they_can_open(client, personas):
    login_as(client, personas.staff)
    page = client.get("/staff/").content.decode()
    assert "/staff/messages/" not in page
    login_as(client, personas.admin)
    page = client.get("/staff/").content.decode()
    assert "/staff/messages/" in page
