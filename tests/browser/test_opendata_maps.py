"""Maps in a real browser: the demo's LOCALDATA licences (좌표정보 in EPSG:5174) on the dataset
page and on the 상권분석 page, with the tile server unreachable (a closed network): the points
still draw on the plain background, the map takes the keyboard, and axe finds nothing serious."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from opengu.opendata.models import Dataset
from tests.browser.conftest import audit

SLUG = "seodaemun-restaurants"


def _block_tiles(page) -> list[str]:
    blocked: list[str] = []

    def abort(route):
        blocked.append(route.request.url)
        route.abort()

    page.route("https://tile.openstreetmap.org/**", abort)
    return blocked


def test_dataset_map_draws_points_without_tiles_and_is_keyboard_reachable(page):
    blocked = _block_tiles(page)
    resource = Dataset.objects.get(slug=SLUG).resources.get()
    total = page.request.get(f"/data/{SLUG}/resources/{resource.pk}/points.geojson").json()["total"]
    assert total > 1000  # the demo's restaurants, every one positioned
    page.goto(f"/data/{SLUG}/")
    audit(page)
    figure = page.locator("[data-od-map]")
    expect(figure).to_have_attribute("data-loaded", str(total))
    assert page.locator(".od-map path.leaflet-interactive").count() == total  # one circle per business
    assert blocked, "the page asked for tiles"
    expect(figure).to_have_class(re.compile(r"\bod-map-plain\b"))  # tiles failed: plain background
    expect(page.get_by_text(f"{total:,}개 행의 위치(EPSG:5174")).to_be_visible()
    figure.focus()
    assert page.evaluate("document.activeElement.hasAttribute('data-od-map')")
    before = page.locator(".leaflet-map-pane").get_attribute("style")
    page.keyboard.press("ArrowRight")
    expect(page.locator(".leaflet-map-pane")).not_to_have_attribute("style", before or "")


def test_commerce_map_follows_the_dong_filter(page):
    _block_tiles(page)
    resource = Dataset.objects.get(slug=SLUG).resources.get()
    page.goto(f"/data/commerce/{resource.pk}/?dong=연희동")
    audit(page)
    figure = page.locator("[data-od-map]")
    page.wait_for_function("document.querySelector('[data-od-map]').dataset.loaded !== undefined")
    shown = int(figure.get_attribute("data-loaded") or 0)
    total = page.request.get(f"/data/commerce/{resource.pk}/points.geojson?dong=연희동").json()["total"]
    everywhere = page.request.get(f"/data/commerce/{resource.pk}/points.geojson").json()["total"]
    assert 0 < shown == total < everywhere
