"""Personal data is ciphertext in the database and plain text in Python; keys rotate."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from opengu.cli import main as opengu_main
from opengu.core.crypto import keyring, reset_keyring
from opengu.core.fields import blind_index
from opengu.core.forms import ResidentPasswordResetForm
from opengu.core.models import Resident, User
from opengu.core.services import resident_register
from opengu.lib.crypto import DecryptionError, KeyRing, new_key
from tests.core.cli import keep_test_connection


def raw_columns(resident: Resident) -> tuple[str, str, str]:
    table = Resident._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name, phone, email FROM {table} WHERE id = %s", [resident.pk])
        return cursor.fetchone()


@pytest.fixture
def fresh_keyring():
    """Clear the cached key ring before and after, so settings changes take effect and do not leak."""
    reset_keyring()
    yield
    reset_keyring()


def register(username: str, name: str, email: str) -> Resident:
    return resident_register(username=username, password="long-pass-2026!", name=name, phone="01098765432", email=email)


@pytest.mark.django_db
def test_the_database_holds_only_ciphertext(fresh_keyring):
    resident = register("hong", "홍길동", "hong@example.com")
    name, phone, email = raw_columns(resident)
    for raw, plain in [(name, "홍길동"), (phone, "9876"), (email, "hong@example.com")]:
        assert raw.startswith("g1:")
        assert plain not in raw
    assert "hong" not in email


@pytest.mark.django_db
def test_values_come_back_decrypted(fresh_keyring):
    resident = register("hong", "홍길동", "hong@example.com")
    again = Resident.objects.get(pk=resident.pk)
    assert (again.name, again.phone, again.email) == ("홍길동", "010-9876-5432", "hong@example.com")


@pytest.mark.django_db
def test_encrypted_fields_cannot_be_searched_by_content(fresh_keyring):
    register("hong", "홍길동", "hong@example.com")
    with pytest.raises(TypeError):
        list(Resident.objects.filter(name__icontains="길동"))


@pytest.mark.django_db
def test_an_altered_column_is_refused_on_read(fresh_keyring):
    resident = register("hong", "홍길동", "hong@example.com")
    name, _, _ = raw_columns(resident)
    altered = name[:-2] + ("AA" if not name.endswith("AA") else "BB")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Resident._meta.db_table} SET name = %s WHERE id = %s", [altered, resident.pk])
    with pytest.raises(DecryptionError):
        Resident.objects.get(pk=resident.pk)


@pytest.mark.django_db
def test_rotate_key_re_encrypts_everything_and_keeps_blind_indexes_working(settings, fresh_keyring, monkeypatch):
    keep_test_connection(monkeypatch)
    old, new = new_key(), new_key()
    settings.OPENGU_ENCRYPTION_KEY = old
    reset_keyring()
    hong = register("hong", "홍길동", "Hong@Example.com")
    kim = register("kimyh", "김영희", "kim@example.com")
    assert User.objects.get(pk=hong.user_id).email_index == blind_index("hong@example.com")

    # New key first, old key kept so the command can read what it rewrites.
    settings.OPENGU_ENCRYPTION_KEY = f"{new},{old}"
    reset_keyring()
    opengu_main(["opengu", "rotate-key"])

    settings.OPENGU_ENCRYPTION_KEY = new
    reset_keyring()
    new_id = keyring().current_id
    assert new_id != KeyRing.from_strings([old]).current_id
    for resident, name, email in [(hong, "홍길동", "Hong@Example.com"), (kim, "김영희", "kim@example.com")]:
        for raw in raw_columns(resident):
            assert raw.split(":")[1] == new_id
        fresh = Resident.objects.get(pk=resident.pk)
        assert (fresh.name, fresh.email) == (name, email)
        found = list(ResidentPasswordResetForm().get_users(email.upper()))
        assert [u.pk for u in found] == [resident.user_id]


@pytest.mark.django_db
def test_without_rotation_the_new_key_alone_cannot_read_old_data(settings, fresh_keyring):
    """The counterpart of the rotation test: it shows that test would fail if rotation did nothing."""
    settings.OPENGU_ENCRYPTION_KEY = new_key()
    reset_keyring()
    hong = register("hong", "홍길동", "hong@example.com")
    settings.OPENGU_ENCRYPTION_KEY = new_key()
    reset_keyring()
    with pytest.raises(DecryptionError):
        Resident.objects.get(pk=hong.pk)
    assert not list(ResidentPasswordResetForm().get_users("hong@example.com"))


@pytest.mark.django_db
def test_rotate_key_reports_what_it_did(settings, fresh_keyring, capsys):
    settings.OPENGU_ENCRYPTION_KEY = new_key()
    reset_keyring()
    register("hong", "홍길동", "hong@example.com")
    call_command("rotate_key")
    out = capsys.readouterr().out
    assert "core.Resident: 1건" in out
    assert "완료" in out
