"""The staff queue on a phone and on a desk: overdue first, the overdue tile, Korean history; the monitor
panel survey filled by a resident and read in the monitoring report."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from opengu.demo import loader
from tests.browser.conftest import audit, log_in


def _as(page: Any, username: str) -> None:
    log_in(page, username, loader.DEMO_PASSWORD)
    audit(page)


def test_the_queue_fits_a_360px_phone_with_rows_as_cards(phone_page):
    _as(phone_page, "disclosure")
    phone_page.goto("/disclosure/staff/")
    audit(phone_page)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    first = phone_page.locator("table.stack-on-phone tbody tr").first
    # Overdue first: the demo has a request assigned 40 days ago and never decided.
    expect(first).to_contain_text("초과")
    cell = first.locator("td").nth(1)
    expect(cell).to_have_attribute("data-label", "접수일")  # shown before the value by the stylesheet
    assert cell.evaluate("c => getComputedStyle(c).display") == "block"
    assert cell.evaluate("c => getComputedStyle(c, '::before').content") == '"접수일: "'
    box = first.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 360
    # The caption spans the card list instead of being squeezed into a column.
    caption = phone_page.locator("table.stack-on-phone caption").bounding_box()
    assert caption is not None and caption["width"] >= 300


def test_the_staff_request_page_with_the_draft_form_fits_a_360px_phone(phone_page):
    from opengu.core.models import User
    from opengu.disclosure.models import DisclosureRequest, State

    staff = User.objects.get(username="staff")
    request = DisclosureRequest.objects.filter(state=State.ASSIGNED, department=staff.staff.department,
                                               focused_review=False).order_by("id").first()
    _as(phone_page, "staff")
    phone_page.goto(f"/disclosure/staff/{request.pk}/")
    audit(phone_page)
    # The fee dropdown's options are long; the form must not widen the page.
    expect(phone_page.get_by_label("수수료 항목")).to_be_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_council_page_fits_a_360px_phone(phone_page):
    from opengu.disclosure.models import Committee

    council = Committee.objects.get(disclosure_council=True)
    _as(phone_page, "disclosure")
    phone_page.goto(f"/disclosure/staff/council/{council.pk}/")
    audit(phone_page)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    # Each table fits its frame: nothing to scroll sideways inside it either.
    tables = phone_page.locator("table.stack-on-phone")
    expect(tables.first).to_contain_text("위원장")
    assert tables.count() == 2
    for table in tables.all():
        assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth")


def test_the_overdue_tile_opens_the_overdue_list_and_the_history_speaks_korean(page):
    _as(page, "disclosure")
    page.goto("/staff/")
    audit(page)
    with page.expect_navigation():
        page.get_by_role("link", name="정보공개 청구 기한 초과").click()
    audit(page)
    assert "overdue=1" in page.url
    rows = page.locator("table.stack-on-phone tbody tr")
    expect(rows.first).to_contain_text("초과")
    for index in range(rows.count()):
        expect(rows.nth(index)).to_contain_text("초과")
    with page.expect_navigation():
        rows.first.get_by_role("link").first.click()
    audit(page)
    history = page.locator("section[aria-labelledby=hist-h]")
    expect(history).to_contain_text("처리 부서 배부")
    expect(history).not_to_contain_text("assign (")
    expect(history).not_to_contain_text("register")


def test_a_panel_member_fills_the_survey_and_staff_read_it_in_the_report(page):
    _as(page, "resident")
    page.goto("/disclosure/panel/")
    audit(page)
    with page.expect_navigation():
        page.get_by_role("link", name="2차 정보공개 모니터링").click()
    audit(page)
    for index, group in enumerate(page.locator("fieldset").all()):
        group.get_by_label("4 적절" if index else "2 미흡").check()
    page.get_by_label("의견(선택, 개인정보는 적지 마세요)").first.fill("정보공개 메뉴가 너무 깊이 있습니다")
    with page.expect_navigation():
        page.get_by_role("button", name="응답 보내기").click()
    audit(page)
    expect(page.get_by_role("main")).to_contain_text("응답함")
    page.get_by_role("button", name="로그아웃").click()
    page.wait_for_url("**/")
    audit(page)
    _as(page, "disclosure")
    page.goto("/disclosure/staff/monitoring/")
    audit(page)
    report = page.locator("section[aria-labelledby=panel-h]")
    expect(report.locator("svg").first).to_be_visible()
    expect(report).to_contain_text("2차 정보공개 모니터링")
    with page.expect_navigation():
        report.get_by_role("link", name="2차 정보공개 모니터링").click()
    audit(page)
    expect(page.get_by_role("main")).to_contain_text("정보공개 메뉴가 너무 깊이 있습니다")
