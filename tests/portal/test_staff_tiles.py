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


@pytest.mark.django_db
def test_the_review_tile_is_for_the_disclosure_office(client, personas):
    login_as(client, personas.staff)
    assert "/disclosure/staff/review/" not in client.get("/staff/").content.decode()
    login_as(client, personas.disclosure_officer)
    assert "/disclosure/staff/review/" in client.get("/staff/").content.decode()
