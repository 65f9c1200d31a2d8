"""Every page with a bar chart, on a 360 px phone and a desk in a real browser: no chart text drawn smaller
than a phone can read, every name and value inside its chart, and nothing wider than the screen."""

from __future__ import annotations

from typing import Any

from opengu.core.models import User
from opengu.demo import loader
from opengu.disclosure.models import PanelRound
from opengu.opendata.models import Dataset
from opengu.welfare import selectors, services
from opengu.welfare.models import OutreachCampaign
from tests.browser.conftest import audit, log_in
from tests.browser.test_opendata_changes_and_exports import _two_versions

# Each chart's text as drawn: its box height on screen and whether it stays inside the chart's viewBox.
CHART_TEXT = """() => [...document.querySelectorAll('svg[role=img]')].flatMap(svg => {
  const box = svg.viewBox.baseVal;
  return [...svg.querySelectorAll('text')].map(t => {
    const b = t.getBBox();
    return {text: t.textContent, height: t.getBoundingClientRect().height,
            inside: b.x >= box.x - 0.5 && b.x + b.width <= box.x + box.width + 0.5};
  });
})"""
# A 14-unit line of Hangul drawn at 12 px has a box about 17 px high; 11 px text, about 15 px.
SMALLEST_BOX = 15


def _pages() -> list[tuple[str, str]]:
    """(persona, path) of every page that draws a bar chart from the demo district's data."""
    commerce = Dataset.objects.get(slug="seodaemun-restaurants").resources.get()
    panel_round = PanelRound.objects.order_by("pk").first()
    assert panel_round is not None  # the demo has a closed 모니터단 round
    if not OutreachCampaign.objects.exists():  # the demo has no 맞춤형 안내 yet: one, so the uptake chart is drawn
        services.outreach_campaign_create(actor=User.objects.get(username="staff2"),
                                          benefit=next(iter(selectors.benefit_names())), title="기초연금 안내",
                                          message="기초연금을 신청하실 수 있습니다.")
    changed = _two_versions().resources.get()
    return [("staff", "/disclosure/staff/monitoring/"), ("staff", "/disclosure/staff/inventory/"),
            ("staff", f"/disclosure/staff/panel/rounds/{panel_round.pk}/"),
            ("staff", "/data/staff/quality/"), ("resident", "/data/requests/"),
            ("staff", "/data/requests/priorities/"), ("resident", f"/data/commerce/{commerce.pk}/"),
            ("staff2", "/welfare/centre/chest/summary/"), ("staff2", "/welfare/centre/sponsorships/summary/"),
            ("staff2", "/welfare/centre/stats/"), ("staff2", "/welfare/centre/outreach/"),
            ("resident", f"/data/{changed.dataset.slug}/resources/{changed.pk}/changes/"),
            ("resident", "/data/seodaemun-air-quality-month/"), ("resident", "/data/seodaemun-waste-by-dong/")]


def _check(page: Any, width: int) -> None:
    for persona, path in _pages():
        log_in(page, persona, loader.DEMO_PASSWORD)
        page.goto(path)
        audit(page)
        texts = page.evaluate(CHART_TEXT)
        assert texts, path
        small = [t for t in texts if t["height"] < SMALLEST_BOX]
        assert not small, (path, small[:3])
        assert [t["text"] for t in texts if not t["inside"]] == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        page.context.clear_cookies()


def test_every_chart_reads_on_a_phone(phone_page):
    _check(phone_page, 360)


def test_every_chart_fits_a_desk(page):
    _check(page, 1280)
