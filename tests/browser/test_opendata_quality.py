"""The per-department quality dashboard in a real browser, on a desktop and a 360 px phone:
charts with their text alternatives, the table, and no serious accessibility problem."""

from __future__ import annotations

from playwright.sync_api import expect

from opengu.demo import loader
from tests.browser.conftest import audit, log_in


def _staff() -> tuple[str, str]:
    username, password, _role = next(login for login in loader.logins() if login[0] == "staff")
    return username, password


def test_staff_reach_the_dashboard_from_their_workspace(page):
    log_in(page, *_staff())
    audit(page)
    page.goto("/staff/")
    audit(page)
    page.get_by_role("link", name="공공데이터 품질 현황").first.click()
    page.wait_for_url("**/data/staff/quality/")
    audit(page)
    expect(page.get_by_role("img", name="부서별 데이터셋 수와 품질 등급")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="합계")).to_be_visible()


def test_dashboard_fits_a_phone(phone_page):
    log_in(phone_page, *_staff())
    audit(phone_page)
    phone_page.goto("/data/staff/quality/")
    audit(phone_page)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
