from __future__ import annotations

from playwright.sync_api import expect

from opengu.demo import loader
from tests.browser.conftest import audit


def test_the_home_page_fits_a_360px_phone_without_sideways_scrolling(phone_page):
    loader.load(stdout=lambda line: None)
    phone_page.goto("/")
    audit(phone_page)
    expect(phone_page.get_by_role("heading", level=1)).to_contain_text("서대문구")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone_page.evaluate("document.body.scrollWidth") <= 360


def test_the_skip_link_moves_keyboard_focus_to_the_main_content(phone_page):
    phone_page.goto("/")
    audit(phone_page)

    phone_page.keyboard.press("Tab")
    skip = phone_page.get_by_role("link", name="본문 바로가기")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # hidden until focused, then visible to sighted keyboard users

    phone_page.keyboard.press("Enter")
    expect(phone_page.locator("main")).to_be_focused()
    assert phone_page.evaluate("document.activeElement.id") == "main"
