from __future__ import annotations

import pytest

from opengu.core.progress import progress_advance, progress_finish, progress_start
from tests.personas import login_as


@pytest.mark.django_db
def test_progress_is_shown_to_whoever_started_it(client, personas):
    progress_start(key="load-1", label="적재", total=200, started_by=personas.staff)
    progress_advance(key="load-1", step=50)
    progress_advance(key="load-1", step=50)
    login_as(client, personas.staff)
    body = client.get("/progress/load-1/").json()
    assert body["done"] == 100 and body["total"] == 200 and body["percent"] == 50
    assert body["status"] == "running"
    progress_finish(key="load-1", ok=False, message="3행: 숫자가 아닙니다")
    body = client.get("/progress/load-1/").json()
    assert body["status"] == "failed" and "3행" in body["message"]


@pytest.mark.django_db
def test_progress_is_hidden_from_others(client, personas):
    progress_start(key="load-2", label="적재", started_by=personas.staff)
    assert client.get("/progress/load-2/").status_code == 302
    for other in (personas.other_staff, personas.resident):
        login_as(client, other)
        assert client.get("/progress/load-2/").status_code == 404
    login_as(client, personas.admin)
    assert client.get("/progress/load-2/").status_code == 200
