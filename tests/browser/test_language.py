from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import audit


def test_switching_to_english_and_back_to_korean(page):
    page.goto("/deadline/")
    audit(page)
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("heading", level=1)).to_have_text("기한 계산기")

    page.get_by_role("button", name="English").click()
    page.wait_for_function("document.documentElement.lang === 'en'")
    audit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Deadline calculator")
    expect(page.get_by_role("navigation", name="Main menu")).to_contain_text("Site search")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_attached()
    expect(page.get_by_label("Period (days)")).to_be_visible()

    page.get_by_role("button", name="한국어").click()
    page.wait_for_function("document.documentElement.lang === 'ko'")
    audit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("기한 계산기")
    expect(page.get_by_role("navigation", name="주 메뉴")).to_contain_text("통합검색")
