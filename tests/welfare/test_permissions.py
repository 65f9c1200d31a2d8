"""Every welfare view across the personas."""

from __future__ import annotations

from opengu.welfare.models import Service
from tests.personas import Personas, as_each

PUBLIC = {name: 200 for name in ["anonymous", "resident", "other_resident", "staff", "other_staff", "head",
                                 "disclosure_officer", "auditor", "admin"]}


def test_public_pages_are_open_to_all(client, personas: Personas, service: Service) -> None:  # type: ignore[no-untyped-def]
    assert as_each(client, personas, "/welfare/") == PUBLIC
    assert as_each(client, personas, f"/welfare/services/{service.pk}/") == PUBLIC
    assert as_each(client, personas, "/api/hsds/services") == PUBLIC


def test_edit_page_belongs_to_the_managing_department(client, personas: Personas, service: Service) -> None:  # type: ignore[no-untyped-def]
    codes = as_each(client, personas, f"/welfare/staff/services/{service.pk}/")
    assert codes == {"anonymous": 302, "resident": 403, "other_resident": 403, "staff": 403, "other_staff": 200,
                     "head": 403, "disclosure_officer": 403, "auditor": 200, "admin": 200}


def test_only_editors_may_save(client, personas: Personas, service: Service) -> None:  # type: ignore[no-untyped-def]
    codes = as_each(client, personas, f"/welfare/staff/services/{service.pk}/", "post",
                    {"name": service.name, "status": "active", "note": "확인"})
    assert codes == {"anonymous": 302, "resident": 403, "other_resident": 403, "staff": 403, "other_staff": 302,
                     "head": 403, "disclosure_officer": 403, "auditor": 403, "admin": 302}


def test_stale_queue_is_for_staff(client, personas: Personas, service: Service) -> None:  # type: ignore[no-untyped-def]
    codes = as_each(client, personas, "/welfare/staff/stale/")
    assert codes == {"anonymous": 302, "resident": 403, "other_resident": 403, "staff": 200, "other_staff": 200,
                     "head": 200, "disclosure_officer": 200, "auditor": 200, "admin": 200}


def test_stale_queue_shows_only_the_department_s_records(client, personas: Personas, service: Service) -> None:  # type: ignore[no-untyped-def]
    from tests.personas import login_as

    login_as(client, personas.other_staff)
    assert service.name in client.get("/welfare/staff/stale/").content.decode()
    login_as(client, personas.staff)
    assert service.name not in client.get("/welfare/staff/stale/").content.decode()


def test_synonyms_are_edited_by_managing_staff(client, personas: Personas, service: Service) -> None:  # type: ignore[no-untyped-def]
    codes = as_each(client, personas, "/welfare/staff/synonyms/")
    assert codes == {"anonymous": 302, "resident": 403, "other_resident": 403, "staff": 403, "other_staff": 200,
                     "head": 403, "disclosure_officer": 403, "auditor": 403, "admin": 200}
