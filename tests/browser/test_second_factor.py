from __future__ import annotations

import re

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from opengu.demo import loader
from tests.browser.conftest import audit, log_in


def test_an_administrator_passes_the_otp_page_with_the_demo_authenticator(page):
    loader.load(stdout=lambda line: None)
    username, password, role = next(login for login in loader.logins() if login[0] == "admin")
    assert "OTP" in role

    log_in(page, username, password)
    expect(page).to_have_url(re.compile(r"/accounts/otp/"))
    audit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("2단계 인증")

    # Until the second factor passes, staff pages send the administrator back here.
    page.goto("/staff/")
    expect(page).to_have_url(re.compile(r"/accounts/otp/\?next=(/|%2F)staff(/|%2F)"))
    audit(page)

    page.get_by_label("인증 앱의 6자리 숫자").fill(_token(username))
    page.get_by_role("button", name="확인").click()
    page.wait_for_url(re.compile(r"/staff/$"))
    audit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("직원 업무")
    expect(page.get_by_role("link", name="관리자(백오피스)")).to_be_visible()


def _token(username: str) -> str:
    """What the demo authenticator app shows now: TOTP over the device's demo secret."""
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    assert device.key == loader.DEMO_TOTP_HEX
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"
