from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import audit


def test_ten_working_days_from_before_chuseok_2026_skip_the_holidays(page):
    page.goto("/deadline/")
    audit(page)

    page.get_by_label("시작일").fill("2026-09-21")
    page.get_by_label("기간(일)").fill("10")
    page.get_by_role("radio", name="근무일로 계산").check()
    page.get_by_role("button", name="계산").click()
    page.wait_for_url("**/deadline/?start=2026-09-21*")
    audit(page)

    # 9/21–23 count, 추석 연휴 9/24–26 and the weekend do not, 10/3 개천절 falls on a
    # Saturday so 10/5 is its substitute holiday: the tenth working day is 10/7.
    expect(page.locator("#due")).to_contain_text("2026년 10월 7일")
    expect(page.locator("#due")).to_have_attribute("datetime", "2026-10-07")
    skipped = page.get_by_role("list", name="세지 않은 날")
    expect(skipped).to_contain_text("2026-09-24")
    expect(skipped).to_contain_text("추석 전날")
    expect(skipped).to_contain_text("2026-09-25")
    expect(skipped).to_contain_text("추석")
    expect(skipped).to_contain_text("개천절 대체 휴일")


def test_a_bad_period_is_refused_with_a_message_naming_the_field(page):
    page.goto("/deadline/?start=2026-09-21&days=0&counting=workdays")
    audit(page)
    expect(page.get_by_role("alert")).to_contain_text("기간은 1부터")
    expect(page.locator("#due")).to_have_count(0)
