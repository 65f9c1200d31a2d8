"""Row exports of a resource: CSV (UTF-8 with BOM, CP949 on request), JSON, XML, XLSX, with the
query's filters, formulas neutralised, Excel's row limit, ETag/Last-Modified, flat memory."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
import xml.etree.ElementTree as ET

import openpyxl
import pytest
from django.utils.http import http_date

from opengu.core import exports as core_exports
from opengu.opendata import rows_views, services
from opengu.opendata.models import ResourceVersion
from tests.opendata.files import live_table

pytestmark = pytest.mark.django_db

TABLE = ("시설명,동,면수,비고,개설일\n"
         "연희 제1공영주차장,연희동,120,=HYPERLINK(\"http://x\"),2014.10.01\n"
         "신촌 제2공영,신촌동,\"1,024\",+82 2,20150301\n"
         "홍제천 주차장,홍제1동,30,@SUM(A1),2016-05-05\n"
         "북가좌 주차장,북가좌1동,45,-메모,2017-07-07\n"
         "이모지 주차장 😀,연희동,8,,2018-08-08\n")


@pytest.fixture
def published(dataset, personas):
    version = services.resource_version_load(actor=personas.staff, dataset=dataset,
                                             file=io.BytesIO(TABLE.encode()), source_name="parking.csv")
    services.dataset_publish(actor=personas.staff, dataset=dataset)
    return version


def _url(version: ResourceVersion, fmt: str) -> str:
    return f"/data/{version.resource.dataset.slug}/resources/{version.resource_id}/export.{fmt}"


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_csv_has_a_bom_the_filters_and_no_live_formulas(client, published):
    response = client.get(_url(published, "csv"), {"filters": json.dumps({"동": "연희동"}), "sort": "면수 desc"})
    assert response.status_code == 200
    body = _body(response).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0] == ["시설명", "동", "면수", "비고", "개설일"]
    assert [row[0] for row in rows[1:]] == ["연희 제1공영주차장", "이모지 주차장 😀"]
    assert rows[1][3] == "'=HYPERLINK(\"http://x\")"
    everything = list(csv.reader(io.StringIO(_body(client.get(_url(published, "csv"))).decode().lstrip("\ufeff"))))
    assert {row[3] for row in everything[1:]} >= {"'+82 2", "'@SUM(A1)", "'-메모"}


def test_cp949_on_request_and_a_clear_message_for_what_it_cannot_hold(client, published):
    response = client.get(_url(published, "csv"), {"encoding": "cp949", "q": "주차장", "filters": '{"동": "홍제1동"}'})
    assert response.status_code == 200 and "cp949" in response["Content-Type"]
    data = _body(response)
    assert not data.startswith(b"\xef\xbb\xbf")
    assert "홍제천 주차장" in data.decode("cp949")
    refused = client.get(_url(published, "csv"), {"encoding": "cp949"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "5행 &#x27;시설명&#x27; 열" in page and "CP949로 저장할 수 없습니다" in page and "UTF-8" in page
    assert client.get(_url(published, "csv"), {"encoding": "latin-1"}).status_code == 400


def test_json_and_xml_carry_types_and_filters(client, published):
    response = client.get(_url(published, "json"), {"filters": json.dumps({"면수": {"gte": 40}}), "fields": "시설명,면수"})
    assert response.status_code == 200
    data = json.loads(_body(response))
    assert data["version"] == published.number and [f["id"] for f in data["fields"]] == ["시설명", "면수"]
    assert data["records"] == [{"시설명": "연희 제1공영주차장", "면수": 120}, {"시설명": "신촌 제2공영", "면수": 1024},
                               {"시설명": "북가좌 주차장", "면수": 45}]
    root = ET.fromstring(_body(client.get(_url(published, "xml"), {"q": "홍제천"})))
    assert root.tag == "records" and root.get("version") == str(published.number)
    rows = root.findall("row")
    assert len(rows) == 1
    assert rows[0].findtext("시설명") == "홍제천 주차장" and rows[0].findtext("개설일") == "2016-05-05"


def test_xlsx_round_trips_and_excel_row_limit_is_refused_before_streaming(client, published, monkeypatch):
    response = client.get(_url(published, "xlsx"), {"sort": "면수"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(_body(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "시설명" and rows[1][0] == "이모지 주차장 😀" and rows[1][2] == 8
    assert "'@SUM(A1)" in [row[3] for row in rows]
    monkeypatch.setattr(core_exports, "XLSX_MAX_ROWS", 4)
    monkeypatch.setattr(rows_views, "XLSX_MAX_ROWS", 4)
    refused = client.get(_url(published, "xlsx"))
    assert refused.status_code == 400 and "엑셀 파일은 3행까지입니다(4행)" in refused.content.decode()
    assert client.get(_url(published, "xlsx"), {"filters": '{"동": "연희동"}'}).status_code == 200


def test_a_bad_query_gets_a_korean_message_naming_the_field(client, published):
    response = client.get(_url(published, "json"), {"filters": json.dumps({"면수": "많이"})})
    assert response.status_code == 400 and "&#x27;면수&#x27; 필드의 값" in response.content.decode()
    assert client.get(_url(published, "csv"), {"filters": "{not json"}).status_code == 400
    assert client.get(_url(published, "csv"), {"sort": "없는열"}).status_code == 400
    assert client.get(_url(published, "pdf")).status_code == 404


def test_etag_and_last_modified_answer_304(client, published):
    first = client.get(_url(published, "json"), {"q": "주차장"})
    etag, modified = first["ETag"], first["Last-Modified"]
    assert modified == http_date(published.loaded_at.timestamp())
    again = client.get(_url(published, "json"), {"q": "주차장"}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again["ETag"] == etag
    other = client.get(_url(published, "json"), {"q": "신촌"}, headers={"If-None-Match": etag})
    assert other.status_code == 200 and other["ETag"] != etag
    assert client.get(_url(published, "csv"), headers={"If-Modified-Since": modified}).status_code == 304
    download = client.get(f"/data/{published.resource.dataset.slug}/resources/{published.resource_id}/download.csv")
    assert download["ETag"] and download.status_code == 200


def test_drafts_stay_hidden(client, dataset, personas):
    version = services.resource_version_load(actor=personas.staff, dataset=dataset,
                                             file=io.BytesIO(TABLE.encode()), source_name="parking.csv")
    assert client.get(_url(version, "json")).status_code == 404
    client.force_login(personas.staff)
    assert client.get(_url(version, "json")).status_code == 200


def _peak(client, url: str) -> int:
    tracemalloc.start()
    try:
        response = client.get(url)
        assert response.status_code == 200
        size = 0
        for chunk in response.streaming_content:
            size += len(chunk)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert size > 0
    return peak


def test_memory_does_not_grow_with_rows(client, dataset, personas):
    services.dataset_publish(actor=personas.staff, dataset=dataset)
    small, large = live_table(dataset, 4_000), live_table(dataset, 40_000)
    for fmt in ("csv", "json", "xml", "xlsx"):
        low, high = _peak(client, _url(small, fmt)), _peak(client, _url(large, fmt))
        # Ten times the rows; a response held in memory would take about ten times the peak.
        assert high < 2 * low + 512 * 1024, (fmt, low, high)
