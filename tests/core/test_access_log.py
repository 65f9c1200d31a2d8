"""The personal-data access log: staff reads are logged, the hash chain exposes tampering."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import RequestFactory

from opengu.cli import main as opengu_main
from opengu.core.accesslog import GENESIS, record_access, verify_chain
from opengu.core.models import PersonalDataAccess
from opengu.core.services import resident_update, resident_view_for_staff
from tests.core.cli import keep_test_connection

TABLE = PersonalDataAccess._meta.db_table


def raw_sql(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def log_some(personas, n: int = 4) -> list[PersonalDataAccess]:  # type: ignore[no-untyped-def]
    resident = personas.resident.resident
    return [
        record_access(actor=personas.staff, action=PersonalDataAccess.Action.VIEW, subject="core.resident",
                      record_ids=[resident.pk], purpose=f"상담 {i}")
        for i in range(n)
    ]


@pytest.mark.django_db
def test_a_staff_read_of_a_resident_is_logged(personas):
    resident = personas.resident.resident
    request = RequestFactory().get("/staff/residents/1/", REMOTE_ADDR="10.1.2.3")
    before = PersonalDataAccess.objects.count()
    returned = resident_view_for_staff(actor=personas.staff, resident=resident, request=request, purpose="민원 상담")
    assert returned == resident
    assert PersonalDataAccess.objects.count() == before + 1
    row = PersonalDataAccess.objects.latest("id")
    assert row.actor == personas.staff
    assert row.actor_username == "staff"
    assert row.actor_department == personas.department.name
    assert row.action == PersonalDataAccess.Action.VIEW
    assert row.subject == "core.resident"
    assert row.record_ids == [str(resident.pk)]
    assert row.record_count == 1
    assert row.ip == "10.1.2.3"
    assert row.path == "/staff/residents/1/"
    assert row.purpose == "민원 상담"


@pytest.mark.django_db
def test_a_staff_edit_of_a_resident_is_logged(personas):
    resident = personas.resident.resident
    resident_update(resident=resident, actor=personas.admin, phone="01055556666")
    row = PersonalDataAccess.objects.latest("id")
    assert (row.actor, row.action, row.record_ids) == (personas.admin, PersonalDataAccess.Action.UPDATE, [str(resident.pk)])


@pytest.mark.django_db
def test_a_resident_editing_their_own_profile_is_not_a_staff_access(personas):
    resident = personas.resident.resident
    resident_update(resident=resident, actor=personas.resident, phone="01055556666")
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.django_db
def test_a_failed_edit_writes_nothing(personas):
    resident = personas.resident.resident
    with pytest.raises(ValueError, match="바꿀 수 없는 항목"):
        resident_update(resident=resident, actor=personas.staff, user_id=1)
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.django_db
def test_an_export_needs_a_purpose(personas):
    with pytest.raises(ValueError, match="목적"):
        record_access(actor=personas.staff, action=PersonalDataAccess.Action.EXPORT, subject="core.resident",
                      record_ids=[1, 2], purpose="  ")
    assert not PersonalDataAccess.objects.exists()
    row = record_access(actor=personas.staff, action=PersonalDataAccess.Action.EXPORT, subject="core.resident",
                        record_ids=[1, 2], purpose="분기 점검")
    assert row.record_count == 2


@pytest.mark.django_db
def test_the_chain_links_every_row_to_the_one_before(personas):
    rows = log_some(personas)
    assert rows[0].previous_hash == GENESIS
    for before, after in zip(rows, rows[1:], strict=False):
        assert after.previous_hash == before.row_hash
    report = verify_chain()
    assert report.ok and report.checked == 4


@pytest.mark.django_db
def test_an_altered_row_is_detected(personas):
    rows = log_some(personas)
    raw_sql(f"UPDATE {TABLE} SET purpose = %s WHERE id = %s", ["다른 목적", rows[2].pk])
    report = verify_chain()
    assert not report.ok
    assert report.first_bad_id == rows[2].pk
    assert report.checked == 2
    assert "변경" in report.problem


@pytest.mark.django_db
def test_an_altered_row_with_a_recomputed_hash_breaks_the_next_link(personas):
    rows = log_some(personas)
    raw_sql(f"UPDATE {TABLE} SET row_hash = %s WHERE id = %s", ["f" * 64, rows[1].pk])
    report = verify_chain()
    assert not report.ok
    assert report.first_bad_id == rows[1].pk


@pytest.mark.django_db
@pytest.mark.parametrize("index", [0, 2])
def test_a_deleted_row_is_detected(personas, index):
    rows = log_some(personas)
    raw_sql(f"DELETE FROM {TABLE} WHERE id = %s", [rows[index].pk])
    report = verify_chain()
    assert not report.ok
    assert report.first_bad_id == rows[index + 1].pk
    assert "끊겼" in report.problem


@pytest.mark.django_db
def test_audit_verify_command_exits_non_zero_on_tampering(personas, capsys, monkeypatch):
    keep_test_connection(monkeypatch)
    rows = log_some(personas)
    opengu_main(["opengu", "audit", "verify"])  # returns normally when the chain is whole
    assert "4건" in capsys.readouterr().out
    raw_sql(f"DELETE FROM {TABLE} WHERE id = %s", [rows[1].pk])
    with pytest.raises(SystemExit) as exit_info:
        opengu_main(["opengu", "audit", "verify"])
    assert exit_info.value.code not in (0, None)
    assert f"{rows[2].pk}번" in capsys.readouterr().err
    with pytest.raises(CommandError):
        call_command("audit", "verify")


@pytest.mark.django_db
def test_the_model_refuses_update_and_delete(personas):
    row = log_some(personas, 1)[0]
    row.purpose = "고침"
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()
    stored = PersonalDataAccess.objects.get(pk=row.pk)
    assert stored.purpose == "상담 0"
    assert verify_chain().ok


@pytest.mark.django_db
def test_bulk_queryset_writes_are_refused(personas):
    log_some(personas, 2)
    with pytest.raises(PermissionError):
        PersonalDataAccess.objects.all().update(purpose="고침")
    with pytest.raises(PermissionError):
        PersonalDataAccess.objects.all().delete()
