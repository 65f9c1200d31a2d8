"""Log in: argon2 hashes, lockout after repeated failures, TOTP for administrators and auditors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from opengu import settings as opengu_settings
from opengu.core import roles
from opengu.core.models import Staff, User
from tests.personas import PASSWORD

LOGIN = "/accounts/login/"
OTP = "/accounts/otp/"


def token_for(device: TOTPDevice) -> str:
    """What the authenticator app would show now for `device`."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def wrong_token_for(device: TOTPDevice) -> str:
    right = int(token_for(device))
    return f"{(right + 500000) % 1000000:06d}"


def logged_in_user_id(client) -> str | None:  # type: ignore[no-untyped-def]
    return client.session.get("_auth_user_id")


def test_production_hashes_passwords_with_full_cost_argon2():
    # Read the settings module itself: the tests' own conftest swaps in a cheap argon2.
    assert opengu_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.django_db
def test_passwords_are_stored_as_argon2_hashes(personas):
    user = User.objects.get(pk=personas.resident.pk)
    assert user.password.startswith("argon2$")
    assert PASSWORD not in user.password


@pytest.mark.django_db
def test_a_resident_logs_in_and_lands_on_the_home_page(client, personas):
    response = client.post(LOGIN, {"username": "resident", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert logged_in_user_id(client) == str(personas.resident.pk)


@pytest.mark.django_db
def test_staff_land_in_the_workspace_without_a_second_factor(client, personas):
    response = client.post(LOGIN, {"username": "staff", "password": PASSWORD})
    assert response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


@pytest.mark.django_db
def test_a_wrong_password_is_refused_in_korean(client, personas):
    response = client.post(LOGIN, {"username": "resident", "password": "wrong-password"})
    assert response.status_code == 200
    assert "아이디 또는 비밀번호가 맞지 않습니다" in response.content.decode()
    assert logged_in_user_id(client) is None


@pytest.mark.django_db
def test_the_account_locks_after_the_failure_limit_and_unlocks_after_the_period(client, personas, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_LOCKOUT_MINUTES = 15
    for _ in range(2):
        response = client.post(LOGIN, {"username": "resident", "password": "wrong-password"})
        assert "잠겼습니다" not in response.content.decode()
    response = client.post(LOGIN, {"username": "resident", "password": "wrong-password"})
    page = response.content.decode()
    assert "계정이 잠겼습니다" in page and "15분 뒤에" in page

    # While locked even the right password is refused.
    response = client.post(LOGIN, {"username": "resident", "password": PASSWORD})
    assert "계정이 잠겼습니다" in response.content.decode()
    assert logged_in_user_id(client) is None

    # The period passes.
    User.objects.filter(pk=personas.resident.pk).update(locked_until=timezone.now() - dt.timedelta(seconds=1))
    response = client.post(LOGIN, {"username": "resident", "password": PASSWORD})
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(personas.resident.pk)
    user = User.objects.get(pk=personas.resident.pk)
    assert user.failed_logins == 0 and user.locked_until is None


@pytest.mark.django_db
def test_a_success_resets_the_failure_count(client, personas, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(2):
        client.post(LOGIN, {"username": "resident", "password": "wrong-password"})
    client.post(LOGIN, {"username": "resident", "password": PASSWORD})
    client.logout()
    for _ in range(2):
        response = client.post(LOGIN, {"username": "resident", "password": "wrong-password"})
    assert "잠겼습니다" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["auditor", "admin"])
def test_auditors_and_administrators_are_sent_to_the_second_factor(client, personas, name):
    response = client.post(LOGIN, {"username": name, "password": PASSWORD, "next": "/staff/access-log/"})
    assert response.status_code == 302
    assert response["Location"].startswith(OTP)
    # Until the token is given, every page but the account pages sends them back there.
    for url in ["/staff/", "/staff/access-log/", "/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(OTP), url
    assert client.get(OTP).status_code == 200


@pytest.mark.django_db
def test_a_valid_token_passes_the_second_factor(client, personas):
    client.post(LOGIN, {"username": "auditor", "password": PASSWORD})
    device = TOTPDevice.objects.get(user=personas.auditor)
    response = client.post(OTP, {"token": token_for(device), "next": "/staff/access-log/"})
    assert response.status_code == 302
    assert response["Location"] == "/staff/access-log/"
    assert client.get("/staff/access-log/").status_code == 200


@pytest.mark.django_db
def test_a_wrong_token_fails(client, personas):
    client.post(LOGIN, {"username": "admin", "password": PASSWORD})
    device = TOTPDevice.objects.get(user=personas.admin)
    response = client.post(OTP, {"token": wrong_token_for(device)})
    assert response.status_code == 200
    assert "인증 번호가 맞지 않습니다" in response.content.decode()
    assert client.get("/staff/").status_code == 302


@pytest.mark.django_db
def test_a_new_auditor_sets_up_an_authenticator_on_first_login(client, personas):
    user = User.objects.create_user(username="new_auditor", password=PASSWORD, kind=User.Kind.STAFF)
    Staff.objects.create(user=user, name="새감사관", department=personas.department)
    user.groups.add(Group.objects.get_or_create(name=roles.AUDITOR)[0])
    client.post(LOGIN, {"username": "new_auditor", "password": PASSWORD})
    response = client.get(OTP)
    assert response.status_code == 200
    assert 'id="otp-secret"' in response.content.decode()
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    response = client.post(OTP, {"token": token_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/staff/access-log/").status_code == 200
