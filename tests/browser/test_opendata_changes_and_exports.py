"""A resident follows a resource's change feed and its row exports in a real browser: the
dataset page links to what changed since the last version (a chart and the rows of each kind,
also at phone width), and every export link downloads a file its program opens: CSV with the
BOM Excel needs, CSV in CP949 for old Excel, XLSX, JSON and XML."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import openpyxl
from playwright.sync_api import expect

from opengu.core.models import Department
from opengu.opendata import services
from opengu.opendata.models import Category, Dataset

SLUG = "seats-changes-journey"
FIRST = "관리번호,업소명,좌석수\nA1,연희식당,20\nA2,신촌분식,12\nA3,홍제카페,8\n"
SECOND = "관리번호,업소명,좌석수\nA1,연희식당,24\nA3,홍제카페,8\nA4,북가좌국수,16\n"


def _two_versions() -> Dataset:
    dataset = Dataset.objects.filter(slug=SLUG).first()
    if dataset is not None:
        return dataset
    dataset = services.dataset_create(actor=None, title="좌석 수 바뀜 시험 자료", slug=SLUG,
                                      department=Department.objects.order_by("pk").first(),
                                      category=Category.objects.get(name="지역산업"), keywords=["좌석"])
    first = services.resource_version_load(actor=None, dataset=dataset, file=io.BytesIO(FIRST.encode()),
                                           source_name="seats.csv")
    services.resource_version_load(actor=None, dataset=dataset, resource=first.resource,
                                   file=io.BytesIO(SECOND.encode()), source_name="seats.csv")
    services.dataset_publish(actor=None, dataset=dataset)
    return dataset


def _download(page, name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=name, exact=True).click()
    return info.value.path().read_bytes()


def test_a_resident_sees_what_changed_between_versions(page, phone_page):
    from tests.browser.conftest import audit

    _two_versions()
    for current in (page, phone_page):
        current.goto(f"/data/{SLUG}/")
        audit(current)
        with current.expect_navigation():
            current.get_by_role("link", name="이전 판과 달라진 행").click()
        audit(current)
        main = current.get_by_role("main")
        expect(main.get_by_role("heading", level=1)).to_contain_text("판 사이에 바뀐 내용")
        expect(main).to_contain_text("1판 → 2판")
        expect(main).to_contain_text("관리번호")  # the key column the rows were matched by
        chart = main.get_by_role("img", name="바뀐 행 수")
        expect(chart).to_be_visible()
        expect(chart.locator("desc")).to_have_text("추가 1; 변경 1; 삭제 1")
        expect(main.get_by_role("heading", name="추가 1행")).to_be_visible()
        expect(main.get_by_role("region", name="추가", exact=True)).to_contain_text("북가좌국수")
        expect(main.get_by_role("region", name="삭제", exact=True)).to_contain_text("신촌분식")
        # Usable at 360 px: the page itself never scrolls sideways (wide tables scroll in their box).
        width = current.evaluate("document.documentElement.scrollWidth")
        assert width <= current.viewport_size["width"] + 1

    expect(page.get_by_role("region", name="변경", exact=True)).to_contain_text("좌석수: 20 → 24")
    # The same comparison as JSON, from the link the page gives (fetched, not opened: it is data).
    feed = page.request.get(page.get_by_role("link", name="같은 내용을 JSON으로").get_attribute("href")).json()
    assert feed["counts"] == {"added": 1, "changed": 1, "removed": 1}
    assert [r["업소명"] for r in feed["records"]] == ["북가좌국수"]


def test_every_export_link_downloads_a_file_its_program_opens(page):
    from tests.browser.conftest import audit

    _two_versions()
    page.goto(f"/data/{SLUG}/")
    audit(page)

    csv = _download(page, "CSV 내려받기")
    assert csv.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the file as UTF-8
    assert csv[3:].decode("utf-8").splitlines() == ["관리번호,업소명,좌석수", "A1,연희식당,24", "A3,홍제카페,8",
                                                   "A4,북가좌국수,16"]

    old_excel = _download(page, "CSV(CP949, 옛 엑셀용)")
    assert not old_excel.startswith(b"\xef\xbb\xbf")
    assert old_excel.decode("cp949").splitlines()[1] == "A1,연희식당,24"

    sheet = openpyxl.load_workbook(io.BytesIO(_download(page, "XLSX")), read_only=True).active
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        ["관리번호", "업소명", "좌석수"], ["A1", "연희식당", 24], ["A3", "홍제카페", 8], ["A4", "북가좌국수", 16]]

    records = json.loads(_download(page, "JSON"))["records"]
    assert [r["업소명"] for r in records] == ["연희식당", "홍제카페", "북가좌국수"]

    root = ET.fromstring(_download(page, "XML"))
    assert [row.findtext("좌석수") for row in root.findall("row")] == ["24", "8", "16"]
