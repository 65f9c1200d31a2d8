"""Every public and staff page the district shows, checked with axe at desktop and phone widths."""

from __future__ import annotations

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from opengu.demo import loader
from tests.browser.conftest import audit, log_in

PUBLIC = [
    ("/", "서대문구 열린 구정"),
    ("/search/?q=주차", "통합검색"),
    ("/deadline/?start=2026-09-21&days=10&counting=workdays", "기한 계산기"),
    ("/accounts/login/", "로그인"),
    ("/accounts/signup/", "구민 회원가입"),
    ("/accounts/password-reset/", "비밀번호 재설정"),
    ("/accounts/password-reset/sent/", "메일을 보냈습니다"),
    ("/no-such-page/", "페이지를 찾을 수 없습니다"),
]


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_public_pages_have_no_serious_accessibility_problems(request, viewport):
    page = request.getfixturevalue(viewport)
    loader.load(stdout=lambda line: None)
    for path, heading in PUBLIC:
        page.goto(path)
        audit(page)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"], path


def test_resident_pages_have_no_serious_accessibility_problems(page):
    loader.load(stdout=lambda line: None)
    log_in(page, "resident", loader.DEMO_PASSWORD)
    audit(page)
    for path, heading in [("/accounts/me/", "내 정보"), ("/accounts/verify/", "본인인증"), ("/staff/", "권한이 없습니다")]:
        page.goto(path)
        audit(page)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def test_the_auditor_sees_the_access_log_and_its_filters(page):
    loader.load(stdout=lambda line: None)
    log_in(page, "auditor", loader.DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/otp/"))
    audit(page)
    device = TOTPDevice.objects.get(user__username="auditor", confirmed=True)
    page.get_by_label("인증 앱의 6자리 숫자").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="확인").click()
    page.wait_for_load_state("load")
    audit(page)

    page.goto("/staff/access-log/")
    audit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("개인정보 접속기록")
    page.get_by_role("button", name="위·변조 검사").click()
    page.wait_for_url("**verify=1*")
    audit(page)
    expect(page.get_by_role("status")).to_contain_text("온전합니다")
    page.goto("/staff/")
    audit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("직원 업무")
