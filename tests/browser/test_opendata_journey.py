"""The open-data loop in a real browser: staff create a dataset, upload a CP949 CSV, watch the
load's progress on the page while the worker runs it, and publish; a resident finds it by a
word inside a compound title and downloads a CSV that Excel opens (UTF-8 with BOM)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from opengu.demo import loader
from opengu.opendata import tasks
from opengu.opendata.models import Dataset, ResourceVersion
from tests.browser.conftest import audit, log_in

TITLE = "홍제천공영주차장현황"  # one word: the search must find 주차장 inside it
CSV_CP949 = "주차장명,주차면수,기본요금(원)\r\n홍제천 제1주차장,45,300\r\n홍제천 제2주차장,\"1,200\",400\r\n".encode("cp949")


def _login(name: str) -> tuple[str, str]:
    username, password, _role = next(login for login in loader.logins() if login[0] == name)
    return username, password


def test_staff_load_and_publish_a_cp949_file_a_resident_downloads_it_for_excel(page, tmp_path):
    log_in(page, *_login("staff"))
    audit(page)

    page.goto("/data/staff/new/")
    audit(page)
    page.get_by_label("제목").fill(TITLE)
    page.get_by_label("주소 이름").fill("hongje-parking-journey")
    page.get_by_label("분류").select_option(label="지역산업")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("저장|만들기")).click()
    audit(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    dataset = Dataset.objects.get(slug="hongje-parking-journey")
    assert not dataset.published

    upload = tmp_path / "홍제천주차장.csv"
    upload.write_bytes(CSV_CP949)
    page.get_by_label("파일(CSV, TSV, XLSX, JSON)").set_input_files(str(upload))
    with page.expect_navigation():
        page.get_by_role("button", name="올려서 새 판으로 적재").click()
    audit(page)
    # Queued for the worker, not loaded yet: the page shows the progress box waiting.
    progress = page.locator(".progress-box")
    expect(progress.locator("[data-progress-status]")).to_have_text("대기")
    version = ResourceVersion.objects.get(resource__dataset=dataset)
    assert version.status == ResourceVersion.Status.LOADING

    # What `opengu worker` runs for this queued task; the open page polls and shows the result.
    result = tasks.version_fill.call(version.pk)
    assert result == {"version": version.pk, "ok": True, "rows": 2}
    expect(progress.locator("[data-progress-status]")).to_have_text("완료")
    expect(progress.locator("[data-progress-done]")).to_have_text("2")

    page.reload()
    audit(page)
    expect(page.get_by_role("main")).to_contain_text("홍제천 제2주차장")
    with page.expect_navigation():
        page.get_by_role("button", name="공개하기").click()
    audit(page)
    dataset.refresh_from_db()
    assert dataset.published
    with page.expect_navigation():
        page.get_by_role("button", name="로그아웃").click()
    audit(page)

    log_in(page, *_login("resident"))
    audit(page)
    page.goto("/data/")
    audit(page)
    page.get_by_label("자료 검색").fill("주차장")
    with page.expect_navigation():
        page.get_by_role("button", name="검색", exact=True).click()
    audit(page)
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE).click()
    audit(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV 내려받기").click()
    data = download_info.value.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    assert data[3:].startswith("주차장명,주차면수,기본요금(원)".encode())
    assert "홍제천 제2주차장,1200,400".encode() in data
