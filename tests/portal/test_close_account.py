from __future__ import annotations

import pytest
from django.db import connection

from opengu.core.models import AuditEvent, Consent, Resident
from tests.personas import PASSWORD, login_as


@pytest.mark.django_db
def test_closing_the_account_withdraws_consent_and_erases_personal_data(client, personas):
    resident = personas.resident.resident
    login_as(client, personas.resident)
    response = client.post("/accounts/close/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.name == "탈퇴 회원" and resident.phone == "" and resident.email == ""
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, email FROM core_resident WHERE id = %s", [resident.pk])
        assert cursor.fetchone() == ("", "")
    user = resident.user
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()
    assert all(c.withdrawn_at for c in Consent.objects.filter(subject_id=str(resident.pk)))
    assert AuditEvent.objects.filter(action="core.resident.close").exists()
    assert client.post("/accounts/login/", {"username": "resident", "password": PASSWORD}).status_code == 200


@pytest.mark.django_db
def test_a_wrong_password_or_no_confirmation_changes_nothing(client, personas):
    login_as(client, personas.resident)
    assert client.post("/accounts/close/", {"password": "wrong", "confirm": "on"}).status_code == 200
    assert client.post("/accounts/close/", {"password": PASSWORD}).status_code == 200
    assert Resident.objects.get(pk=personas.resident.resident.pk).name == "홍길동"


@pytest.mark.django_db
def test_staff_have_no_account_to_close(client, personas):
    login_as(client, personas.staff)
    assert client.post("/accounts/close/", {"password": PASSWORD, "confirm": "on"}).status_code == 302
    personas.staff.refresh_from_db()
    assert personas.staff.is_active
