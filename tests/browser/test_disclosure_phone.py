"""The public disclosure pages at 360 px: no list scrolls sideways, the filing form shows every problem."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from opengu.demo import loader
from tests.browser.conftest import audit, log_in

LISTS = ["/disclosure/register/", "/disclosure/proactive/", "/disclosure/documents/", "/disclosure/documents/?q=계약",
         "/disclosure/meetings/"]


@pytest.mark.parametrize("url", LISTS)
def test_every_public_disclosure_list_fits_a_360px_phone(phone_page, url):
    loader.load(stdout=lambda line: None)
    phone_page.goto(url)
    audit(phone_page)
    assert phone_page.locator("table tbody tr").count() >= 1
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360, url
    # Each row is a card whose cells name their column, and a title is not cut into a syllable a line.
    first_cell = phone_page.locator("table tbody tr td[data-label]").first
    expect(first_cell).to_be_visible()
    assert first_cell.bounding_box()["width"] > 250
    if url.startswith("/disclosure/documents/"):
        link = phone_page.get_by_role("link", name="PDF 내려받기").first
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360


def test_the_filing_form_lists_every_problem_next_to_its_field_on_a_phone(phone_page):
    loader.load(stdout=lambda line: None)
    log_in(phone_page, "resident", loader.DEMO_PASSWORD)
    phone_page.goto("/disclosure/new/")
    audit(phone_page)
    phone_page.locator("#requester_name").fill("")
    phone_page.locator("#subject").fill("연희동 공원 정비 공사 계약서 010-1234-5678로 연락주세요")
    phone_page.evaluate("document.querySelector('form.stack').noValidate = true")
    with phone_page.expect_navigation():
        phone_page.get_by_role("button", name="청구하기").click()
    audit(phone_page)
    expect(phone_page.locator("#requester_name")).to_have_accessible_description("성명을 입력해 주세요.")
    expect(phone_page.locator("#subject")).to_have_accessible_description(
        "청구 제목에 전화번호(010-****-5678)가 있습니다. 개인정보를 지우고 다시 적어 주세요. "
        "결과를 받을 연락처는 위의 전화번호·전자우편 칸에 적으면 됩니다.")
    expect(phone_page.locator("#subject")).to_have_value("연희동 공원 정비 공사 계약서 010-1234-5678로 연락주세요")
    expect(phone_page.get_by_role("alert")).to_contain_text("고칠 곳이")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    phone_page.screenshot(path="/tmp/fixa-file-errors-phone.png", full_page=True)
