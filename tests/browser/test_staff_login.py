from __future__ import annotations

import re

from playwright.sync_api import expect

from opengu.demo import loader
from tests.browser.conftest import audit, log_in


def test_a_demo_staff_login_opens_the_staff_workspace(page):
    loader.load(stdout=lambda line: None)
    username, password, role = next(login for login in loader.logins() if login[0] == "staff")
    assert "직원" in role

    log_in(page, username, password)

    expect(page).to_have_url(re.compile(r"/staff/$"))
    audit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("직원 업무")
    expect(page.get_by_role("main").get_by_text("자치행정과")).to_be_visible()
    expect(page.get_by_role("button", name="로그아웃")).to_be_visible()


def test_a_wrong_password_is_told_in_korean_and_stays_on_the_login_page(page):
    loader.load(stdout=lambda line: None)

    log_in(page, "staff", "not-the-password")

    audit(page)
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("alert")).to_contain_text("아이디 또는 비밀번호가 맞지 않습니다.")


def test_the_dong_demo_login_works_on_its_own_dongs_cases_and_is_refused_another_dongs(page):
    from opengu.welfare.models import Case

    loader.load(stdout=lambda line: None)
    username, password, role = next(login for login in loader.logins() if login[0] == "dong")
    assert "충현동" in role
    own = Case.objects.filter(dong__name="충현동").order_by("id").first()
    other = Case.objects.exclude(dong__name="충현동").filter(assigned_to__username=None).order_by("id").first()
    assert own is not None and other is not None, "the demo has cases in 충현동 and elsewhere"

    log_in(page, username, password)
    page.goto("/welfare/cases/")
    audit(page)
    shown = page.get_by_role("main").get_by_role("table")
    expect(shown).to_contain_text("충현동")
    expect(shown).not_to_contain_text(other.dong.name)

    page.goto(f"/welfare/cases/{own.pk}/")
    audit(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(own.pk))

    answer = page.goto(f"/welfare/cases/{other.pk}/")
    audit(page)
    assert answer is not None and answer.status == 403
