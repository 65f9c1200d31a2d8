"""Accounts: idle staff sessions, password reset by e-mail, signup consent, verification, profile."""

from __future__ import annotations

import re
import time

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from opengu.core.fields import blind_index
from opengu.core.middleware import SESSION_LAST_SEEN
from opengu.core.models import Consent, PrivacyNotice, Resident, User
from opengu.core.services import RESIDENT_SIGNUP_NOTICE, consents_for, resident_register
from tests.personas import PASSWORD, login_as
from tests.portal.mail import all_recipients, mail_to

RESET_LINK = re.compile(r"/accounts/reset/[^/\s]+/[^/\s]+/")
NEW_PASSWORD = "Seodaemun-new-2026!"


def set_last_seen(client, seconds_ago: float) -> None:  # type: ignore[no-untyped-def]
    session = client.session
    session[SESSION_LAST_SEEN] = time.time() - seconds_ago
    session.save()


class TestIdleSessions:
    def test_the_default_idle_limit_is_thirty_minutes(self):
        assert django_settings.STAFF_IDLE_MINUTES == 30

    @pytest.mark.django_db
    def test_staff_are_logged_out_after_thirty_idle_minutes(self, client, personas):
        login_as(client, personas.staff)
        assert client.get("/staff/").status_code == 200
        set_last_seen(client, 31 * 60)
        response = client.get("/staff/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        assert "_auth_user_id" not in client.session
        assert "오래 사용하지 않아 로그아웃되었습니다" in client.get(response["Location"]).content.decode()
        assert client.get("/staff/").status_code == 302

    @pytest.mark.django_db
    def test_staff_stay_logged_in_within_the_limit(self, client, personas):
        login_as(client, personas.staff)
        client.get("/staff/")
        set_last_seen(client, 29 * 60)
        assert client.get("/staff/").status_code == 200
        # Each request restarts the clock.
        assert time.time() - client.session[SESSION_LAST_SEEN] < 60

    @pytest.mark.django_db
    def test_the_clock_is_written_at_most_once_a_minute(self, client, personas):
        login_as(client, personas.staff)
        set_last_seen(client, 10)
        before = client.session[SESSION_LAST_SEEN]
        assert client.get("/staff/").status_code == 200
        assert client.session[SESSION_LAST_SEEN] == before
        set_last_seen(client, 61)
        assert client.get("/staff/").status_code == 200
        assert time.time() - client.session[SESSION_LAST_SEEN] < 5

    @pytest.mark.django_db
    def test_residents_are_not_logged_out_when_idle(self, client, personas):
        login_as(client, personas.resident)
        set_last_seen(client, 24 * 60 * 60)
        assert client.get("/accounts/me/").status_code == 200
        assert client.session["_auth_user_id"] == str(personas.resident.pk)


def complete_reset(client, body: str) -> None:  # type: ignore[no-untyped-def]
    link = RESET_LINK.search(body)
    assert link, body
    response = client.get(link.group(0))
    assert response.status_code == 302  # to the same view with the token hidden from the address
    response = client.post(response["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/reset/done/"


class TestPasswordReset:
    @pytest.mark.django_db
    def test_staff_reset_their_password_by_work_email(self, client, personas):
        response = client.post("/accounts/password-reset/", {"email": "STAFF@sdm.test"})
        assert response.status_code == 302
        assert response["Location"] == "/accounts/password-reset/sent/"
        [message] = mail_to("staff@sdm.test")
        complete_reset(client, message.body)
        assert User.objects.get(pk=personas.staff.pk).check_password(NEW_PASSWORD)

    @pytest.mark.django_db
    def test_a_resident_is_found_by_the_blind_index_of_their_email(self, client, personas):
        resident = resident_register(username="parksy", password=PASSWORD, name="박서연", phone="01022223333",
                                     email="Park.Seoyeon@Example.com")
        assert resident.user.email == ""  # the address is only in the encrypted profile
        response = client.post("/accounts/password-reset/", {"email": "park.seoyeon@example.com"})
        assert response.status_code == 302
        [message] = mail_to("park.seoyeon@example.com")
        assert "" not in all_recipients()
        complete_reset(client, message.body)
        assert User.objects.get(pk=resident.user_id).check_password(NEW_PASSWORD)

    @pytest.mark.django_db
    def test_an_unknown_address_gets_the_same_answer_and_no_mail(self, client, personas):
        response = client.post("/accounts/password-reset/", {"email": "nobody@example.com"})
        assert response.status_code == 302
        assert response["Location"] == "/accounts/password-reset/sent/"
        assert all_recipients() == []


def signup_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": "parksy", "password": "Seodaemun-2026-pass", "name": "박서연", "phone": "010-2222-3333",
        "email": "park@example.com", "birth_year": "1985", "agree": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


class TestSignup:
    @pytest.mark.django_db
    def test_signup_shows_the_notice_and_records_consent_with_its_version(self, client, personas):
        today = timezone.localdate()
        PrivacyNotice.objects.create(key=RESIDENT_SIGNUP_NOTICE, version=1, title="가입 안내 v1", items="이름",
                                     purpose="회원 식별", retention="탈퇴 시까지", effective_from=today.replace(year=today.year - 1))
        PrivacyNotice.objects.create(key=RESIDENT_SIGNUP_NOTICE, version=2, title="가입 안내 v2",
                                     items="이름, 휴대전화", purpose="회원 식별, 안내", retention="탈퇴 시까지", effective_from=today)
        PrivacyNotice.objects.create(key=RESIDENT_SIGNUP_NOTICE, version=3, title="가입 안내 v3", items="이름",
                                     purpose="미래", retention="-", effective_from=today.replace(year=today.year + 1))
        assert "가입 안내 v2" in client.get("/accounts/signup/").content.decode()
        response = client.post("/accounts/signup/", signup_data(dong=personas.dong.pk))
        assert response.status_code == 302
        assert response["Location"] == "/accounts/me/"
        resident = Resident.objects.get(user__username="parksy")
        [consent] = consents_for(resident)
        assert consent.notice.version == 2
        assert (consent.items, consent.purpose) == ("이름, 휴대전화", "회원 식별, 안내")
        assert consent.active
        assert resident.phone == "010-2222-3333"
        assert resident.user.email_index == blind_index("park@example.com")
        assert resident.user.password.startswith("argon2$")
        assert client.session["_auth_user_id"] == str(resident.user_id)

    @pytest.mark.django_db
    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"agree": None}, "동의해야 가입할 수 있습니다"),
            ({"phone": "12345"}, "휴대전화 번호를 확인해 주세요"),
            ({"username": "resident"}, "이미 쓰이는 아이디입니다"),
            ({"username": "홍 길동"}, "아이디는 영문, 숫자, 밑줄로"),
            ({"password": "short"}, "비밀번호"),
        ],
    )
    def test_bad_input_is_named_and_nothing_is_written(self, client, personas, overrides, message):
        users_before = User.objects.count()
        response = client.post("/accounts/signup/", signup_data(**overrides))
        assert response.status_code == 200
        assert message in response.content.decode()
        assert User.objects.count() == users_before
        assert not Consent.objects.exists()


class TestIdentityVerification:
    @pytest.mark.django_db
    def test_the_page_says_it_is_a_development_verifier(self, client, personas):
        login_as(client, personas.resident)
        page = client.get("/accounts/verify/").content.decode()
        assert "개발용 본인인증" in page
        assert "실제로 신원을 확인하지 않으며" in page

    @pytest.mark.django_db
    def test_the_development_verifier_marks_the_resident_verified(self, client, personas):
        login_as(client, personas.resident)
        response = client.post("/accounts/verify/", {"name": "홍길동", "birth_date": "1960-05-05", "phone": "01012345678"})
        assert response.status_code == 302
        assert response["Location"] == "/accounts/me/"
        resident = Resident.objects.get(pk=personas.resident.resident.pk)
        assert resident.is_verified
        assert resident.verified_by == "개발용 인증"
        assert resident.birth_year == 1960
        assert "개발용 인증" in client.get("/accounts/me/").content.decode()

    @pytest.mark.django_db
    def test_missing_fields_leave_the_resident_unverified(self, client, personas):
        login_as(client, personas.resident)
        response = client.post("/accounts/verify/", {"name": "홍길동", "birth_date": "1960-05-05", "phone": ""})
        assert response.status_code == 200
        assert not Resident.objects.get(pk=personas.resident.resident.pk).is_verified

    @pytest.mark.django_db
    def test_staff_have_nothing_to_verify(self, client, personas):
        login_as(client, personas.staff)
        response = client.get("/accounts/verify/")
        assert response.status_code == 302 and response["Location"] == "/accounts/me/"


class TestOwnProfile:
    @pytest.mark.django_db
    def test_a_resident_sees_their_own_data_masked(self, client, personas):
        login_as(client, personas.resident)
        page = client.get("/accounts/me/").content.decode()
        assert "홍*동" in page
        assert "010-****-5678" in page
        assert "re******@example.com" in page
        assert "연희동" in page
        for plain in ["홍길동", "010-1234-5678", "resident@example.com"]:
            assert plain not in page

    @pytest.mark.django_db
    def test_a_resident_never_sees_another_residents_data(self, client, personas):
        login_as(client, personas.resident)
        other = personas.other_resident
        for url in ["/accounts/me/", f"/accounts/me/?user={other.pk}", f"/accounts/me/?resident={other.resident.pk}"]:
            page = client.get(url).content.decode()
            assert "홍*동" in page
            for foreign in ["김영희", "김*희", "other_resident@example.com", "ot************@example.com", "신촌동"]:
                assert foreign not in page, (url, foreign)

    @pytest.mark.django_db
    def test_staff_see_their_account_not_a_resident_profile(self, client, personas):
        login_as(client, personas.staff)
        page = client.get("/accounts/me/").content.decode()
        assert "staff직원" in page
        assert "홍*동" not in page
