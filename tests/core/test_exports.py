from __future__ import annotations

import csv
import datetime as dt
import io
import zoneinfo

import openpyxl
import pytest

from opengu.core.exports import csv_response, safe_cell, table_response

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


def test_formulas_are_neutralised_and_numbers_are_not():
    assert safe_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("-1+2") == "'-1+2"
    assert safe_cell(-3) == -3
    # Negative numbers kept as text (a 증감 column typed as text) stay as they are.
    assert safe_cell("-3") == "-3"
    assert safe_cell("+1.5") == "'+1.5"
    assert safe_cell("-1,234.5") == "-1,234.5"
    assert safe_cell("-3-1") == "'-3-1"
    assert safe_cell("홍제동") == "홍제동"


def test_csv_has_a_bom_and_korean_text():
    response = csv_response("목록", ["이름", "값"], [["연희동", "=1+1"], ["신촌동", 3]])
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows == [["이름", "값"], ["연희동", "'=1+1"], ["신촌동", "3"]]
    assert "filename*=UTF-8''%EB%AA%A9%EB%A1%9D.csv" in response["Content-Disposition"]


def test_xlsx_round_trips_with_local_times():
    when = dt.datetime(2026, 9, 24, 0, 30, tzinfo=dt.UTC)
    response = table_response("xlsx", "list", ["일시", "내용"], [[when, "+82"]])
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == ("일시", "내용")
    assert rows[1] == (dt.datetime(2026, 9, 24, 9, 30), "'+82")


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        table_response("pdf", "x", ["a"], [])
