"""The monitoring report in a real browser at 360 and 1280 px and on paper: every chart label and value
inside the chart, the table scrolling inside its box on screen and fitting the page when printed."""

from __future__ import annotations

from typing import Any

from opengu.demo import loader
from tests.browser.conftest import audit, log_in

CHARTS = ".monitoring-chart svg, .panel-chart svg"
OVERFLOWING_TEXT = """() => [...document.querySelectorAll('CHARTS')].flatMap(svg => {
  const box = svg.viewBox.baseVal;
  return [...svg.querySelectorAll('text')].filter(t => {
    const b = t.getBBox();
    return b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5;
  }).map(t => t.textContent);
})""".replace("CHARTS", CHARTS)
# The smallest drawn size of the charts' 14-unit text once the page has scaled each chart to fit.
SMALLEST_TEXT = """() => Math.min(...[...document.querySelectorAll('CHARTS')].map(
  svg => 14 * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width))""".replace("CHARTS", CHARTS)
TABLE = """() => { const w = document.querySelector('.monitoring-table');
  return {box: w.clientWidth, table: w.scrollWidth, overflow: getComputedStyle(w).overflowX,
          page: document.documentElement.scrollWidth}; }"""

# Korean words in the table's header cells broken across lines ("이의신 / 청"): each run of Hangul must lie on one line.
BROKEN_HEADER_WORDS = """() => [...document.querySelectorAll('.monitoring-table thead th')].flatMap(th => {
  const text = th.firstChild; if (!text || text.nodeType !== 3) return [];
  return [...text.data.matchAll(/[\uac00-\ud7a3]+/g)].filter(m => {
    const r = document.createRange(); r.setStart(text, m.index); r.setEnd(text, m.index + m[0].length);
    return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size > 1;
  }).map(m => m[0]);
})"""


def _check_submit_button(page: Any) -> None:
    """The 집계 button is styled like the site's other primary buttons, not stretched over its grid row."""
    button = page.get_by_role("button", name="집계")
    box = button.bounding_box()
    assert box is not None and 44 <= box["height"] <= 56 and box["width"] < 160, box
    # The primary colour on white text, as the queue's 찾기; a native button is light grey with black text.
    look = button.evaluate("b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color]")
    assert look[1] == "rgb(255, 255, 255)" and look[0] not in ("rgb(239, 239, 239)", "rgba(0, 0, 0, 0)"), look


def _report(page: Any, path: str = "/disclosure/staff/monitoring/") -> None:
    log_in(page, "staff", loader.DEMO_PASSWORD)
    audit(page)
    page.goto(path)
    audit(page)


def _check_screen(page: Any, width: int) -> None:
    assert page.locator(".monitoring-chart svg text").count() >= 2 and page.locator(".panel-chart svg").count() >= 1
    assert page.evaluate(OVERFLOWING_TEXT) == []
    assert page.evaluate(SMALLEST_TEXT) >= 12  # legible on a phone, not shrunk to a few pixels
    table = page.evaluate(TABLE)
    assert table["page"] <= width and table["overflow"] == "auto", table
    # The score never breaks across lines.
    score = page.locator(".monitoring-table td.number").nth(1)
    assert score.evaluate("c => getComputedStyle(c).whiteSpace") == "nowrap"
    assert page.evaluate(BROKEN_HEADER_WORDS) == []
    _check_submit_button(page)


def test_the_report_fits_a_phone(phone_page):
    _report(phone_page)
    _check_screen(phone_page, 360)
    # On a phone the table is wider than its box and scrolls inside it, the department's name staying in view.
    table = phone_page.evaluate(TABLE)
    assert table["table"] > table["box"]
    phone_page.evaluate("document.querySelector('.monitoring-table').scrollLeft = 400")
    box = phone_page.locator(".monitoring-table").bounding_box()
    name = phone_page.locator(".monitoring-table tbody th").first.bounding_box()
    assert box is not None and name is not None
    assert box["x"] <= name["x"] and name["x"] + name["width"] <= box["x"] + box["width"], (box, name)


def test_the_report_on_a_desk_and_on_paper(page):
    _report(page)
    _check_screen(page, 1280)
    page.goto("/disclosure/staff/monitoring/?format=print")
    audit(page)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 1000, "height": 700})  # about an A4 landscape page's printable width
    assert page.evaluate(OVERFLOWING_TEXT) == []
    table = page.evaluate(TABLE)
    assert table["overflow"] == "visible" and table["table"] <= table["box"] and table["page"] <= 1000, table
