from __future__ import annotations

import re

from playwright.sync_api import expect

from opengu.core.models import Resident
from opengu.core.services import RESIDENT_SIGNUP_NOTICE, consents_for, privacy_notice_current
from opengu.demo import loader
from tests.browser.conftest import audit, log_in

PASSWORD = "yeonhui-garden-2026"


def test_a_resident_signs_up_with_consent_logs_in_and_sees_own_data_masked(page):
    loader.load(stdout=lambda line: None)
    page.goto("/accounts/login/")
    audit(page)
    page.get_by_role("link", name="구민 회원가입").click()
    page.wait_for_url("**/accounts/signup/")
    audit(page)
    expect(page.get_by_role("heading", level=2).first).to_be_visible()  # the privacy notice

    page.get_by_role("textbox", name="아이디").fill("hong_yeonhui")
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("textbox", name="이름", exact=True).fill("홍연희")
    page.get_by_label("휴대전화").fill("010-2345-6789")
    page.get_by_label("전자우편(선택)").fill("hong.yeonhui@example.com")
    page.get_by_label("사는 동(선택)").select_option(label="연희동")

    # Without consent the browser holds the form back at the box (it is required), and
    # nothing is created.
    consent = page.get_by_role("checkbox", name="위 개인정보 수집·이용에 동의합니다.")
    page.get_by_role("button", name="가입하기").click()
    expect(consent).to_be_focused()
    assert consent.evaluate("box => box.validity.valueMissing")
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    assert not Resident.objects.filter(user__username="hong_yeonhui").exists()

    consent.check()
    page.get_by_role("button", name="가입하기").click()
    page.wait_for_url("**/accounts/me/")
    audit(page)
    expect(page.get_by_role("status")).to_contain_text("가입되었습니다")

    page.get_by_role("button", name="로그아웃").click()
    page.wait_for_url(re.compile(r"/$"))
    audit(page)
    expect(page.get_by_role("status")).to_contain_text("로그아웃되었습니다")

    log_in(page, "hong_yeonhui", PASSWORD)
    page.get_by_role("link", name="내 정보").click()
    page.wait_for_url("**/accounts/me/")
    audit(page)
    main = page.get_by_role("main")
    expect(main).to_contain_text("010-****-6789")
    expect(main).to_contain_text("ho**********@example.com")
    expect(main).not_to_contain_text("010-2345-6789")
    expect(main).not_to_contain_text("hong.yeonhui@example.com")
    expect(main).to_contain_text("연희동")
    expect(main.get_by_role("heading", name="개인정보 수집·이용 동의 내역")).to_be_visible()
    resident = Resident.objects.get(user__username="hong_yeonhui")
    notice = privacy_notice_current(RESIDENT_SIGNUP_NOTICE)
    assert [c.notice for c in consents_for(resident)] == [notice]
    expect(main).to_contain_text(notice.title)
