"""Each quirk of real Korean public files: the right rows and types, or a clear Korean message."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from opengu.opendata import ingest
from tests.opendata.files import opener, write


def load(path):
    profile = ingest.profile(opener(path), path.name)
    return profile, list(ingest.typed_rows(opener(path), profile))


def types(profile):
    return {c.id: c.type for c in profile.columns}


def test_every_value_quoted_with_trailing_comma_and_blank_trailing_rows(tmp_path):
    path = write(tmp_path, "a.csv", '"업소명","인원",\r\n"가게","3",\r\n"나게","4",\r\n,,\r\n,,\r\n')
    profile, rows = load(path)
    assert [c.id for c in profile.columns] == ["업소명", "인원"]  # the trailing empty column is gone
    assert rows == [["가게", 3], ["나게", 4]]
    assert any(i.code == "blank-row" and i.count == 2 for i in profile.issues)


def test_trailing_comma_only_on_data_lines(tmp_path):
    path = write(tmp_path, "a.csv", "이름,수\n가,1,\n나,2,\n")
    profile, rows = load(path)
    assert rows == [["가", 1], ["나", 2]]


def test_quoted_numbers_with_thousands_separators(tmp_path):
    path = write(tmp_path, "a.csv", '구분,금액,면적\n"가","1,234,567","1,234.5"\n"나","12","0.25"\n')
    profile, rows = load(path)
    assert types(profile) == {"구분": "text", "금액": "integer", "면적": "decimal"}
    assert rows[0][1] == 1234567 and float(rows[0][2]) == 1234.5


def test_crlf_and_no_final_newline(tmp_path):
    path = write(tmp_path, "a.csv", "이름,수\r\n가,1\r\n나,2")
    assert load(path)[1] == [["가", 1], ["나", 2]]


def test_html_entities_in_text_and_headers(tmp_path):
    path = write(tmp_path, "a.csv", "상호&amp;명,비고\nA&amp;B,&lt;신규&gt;\n")
    profile, rows = load(path)
    assert profile.columns[0].id == "상호&명"
    assert rows == [["A&B", "<신규>"]]


def test_duplicate_and_blank_headers_are_named_and_reported(tmp_path):
    path = write(tmp_path, "a.csv", "이름,이름,,수\n가,나,다,1\n")
    profile, rows = load(path)
    assert [c.id for c in profile.columns] == ["이름", "이름(2)", "열3", "수"]
    assert rows == [["가", "나", "다", 1]]
    codes = {i.code for i in profile.issues}
    assert {"duplicate-label", "blank-header"} <= codes


def test_headers_with_commas_inside_quotes(tmp_path):
    path = write(tmp_path, "a.csv", '"면적(㎡, 전용)","주소"\n"12.5","서울 서대문구, 연희동"\n')
    profile, rows = load(path)
    assert [c.id for c in profile.columns] == ["면적(㎡, 전용)", "주소"]
    assert rows == [[pytest.approx(12.5), "서울 서대문구, 연희동"]]


def test_mixed_date_formats_in_one_column(tmp_path):
    path = write(tmp_path, "a.csv", "날짜,일시\n2014.10.01,2014-10-01 13:28\n20141002,2014-10-01 9:05\n2014-10-03,2014.10.02\n")
    profile, rows = load(path)
    assert types(profile) == {"날짜": "date", "일시": "datetime"}
    assert [r[0] for r in rows] == [dt.date(2014, 10, 1), dt.date(2014, 10, 2), dt.date(2014, 10, 3)]
    assert rows[1][1] == dt.datetime(2014, 10, 1, 9, 5)


def test_codes_with_leading_zeros_or_letters_stay_text(tmp_path):
    path = write(tmp_path, "a.csv", "코드,전화,품번\n0164,01012345678,0164A\n0200,01098765432,12\n")
    profile, rows = load(path)
    assert types(profile) == {"코드": "text", "전화": "text", "품번": "text"}
    assert rows[0] == ["0164", "01012345678", "0164A"]
    assert "앞자리가 0" in profile.columns[0].reason


def test_a_column_that_does_not_all_fit_stays_text_and_says_why(tmp_path):
    path = write(tmp_path, "a.csv", "수\n1\n2\n셋\n4\n")
    profile, rows = load(path)
    assert profile.columns[0].type == "text"
    assert "정수 형식이 아닌 값" in profile.columns[0].reason and "4행 '셋'" in profile.columns[0].reason
    assert [r[0] for r in rows] == ["1", "2", "셋", "4"]
    assert any(i.code == "type-error" for i in profile.issues)


def test_cp949_file(tmp_path):
    path = write(tmp_path, "a.csv", "업소명,업태\n똠양꿍하우스,태국\n", encoding="cp949")
    profile, rows = load(path)
    assert profile.encoding == "cp949"
    assert rows == [["똠양꿍하우스", "태국"]]


def test_utf8_bom_does_not_reach_the_first_header(tmp_path):
    path = write(tmp_path, "a.csv", "\ufeff이름,수\n가,1\n")
    profile, _rows = load(path)
    assert profile.columns[0].id == "이름"


def test_short_rows_are_padded_and_reported(tmp_path):
    path = write(tmp_path, "a.csv", "가,나,다\n1,2,3\n4,5\n")
    profile, rows = load(path)
    assert rows[1] == [4, 5, None]
    assert any(i.code == "missing-cell" for i in profile.issues)


def test_extra_values_are_refused_with_the_line(tmp_path):
    path = write(tmp_path, "a.csv", "가,나\n1,2\n3,4,5\n")
    with pytest.raises(ingest.IngestError, match="3행"):
        ingest.profile(opener(path), path.name)


def test_tsv(tmp_path):
    path = write(tmp_path, "a.tsv", "이름\t수\n가, 나\t1\n")
    assert load(path)[1] == [["가, 나", 1]]


def test_xlsx_numbers_dates_and_codes(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["이름", "수", "날짜", "코드"])
    sheet.append(["가", 3, dt.datetime(2014, 10, 1), "0164"])
    sheet.append(["나", 4.5, dt.datetime(2014, 10, 2), "0165"])
    path = tmp_path / "a.xlsx"
    book.save(path)
    profile, rows = load(path)
    assert types(profile) == {"이름": "text", "수": "decimal", "날짜": "date", "코드": "text"}
    assert rows[0][2] == dt.date(2014, 10, 1)


def test_json_records_nested_under_a_key(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"DESCRIPTION": {}, "DATA": [{"이름": "가", "수": 1}, {"이름": "나", "수": 2, "비고": "x"}]},
                               ensure_ascii=False), encoding="utf-8")
    profile, rows = load(path)
    assert [c.id for c in profile.columns] == ["이름", "수", "비고"]
    assert rows == [["가", 1, None], ["나", 2, "x"]]


@pytest.mark.parametrize("name, message", [("a.hwp", "HWP"), ("a.xls", "XLSX"), ("a.zip", "형식")])
def test_unsupported_formats_get_a_korean_message(name, message):
    with pytest.raises(ingest.IngestError, match=message):
        ingest.source_format(name)


def test_personal_data_columns_are_flagged(tmp_path):
    rows = "".join(f"사람{i},010-{1000 + i}-5678,p{i}@example.com,서울\n" for i in range(10))
    path = write(tmp_path, "a.csv", "이름,연락처,메일,주소\n" + rows + "가,900101-1234568,x,서울\n")
    profile, _rows = load(path)
    flagged = {p["column"]: {k["kind"] for k in p["kinds"]} for p in profile.personal_data}
    assert flagged["연락처"] >= {"phone", "rrn"}
    assert flagged["메일"] == {"email"}
    assert "주소" not in flagged and "이름" not in flagged
    assert profile.quality()["grade"] == "D"
    assert "1234568" not in json.dumps(profile.personal_data)  # examples are masked


def test_empty_file(tmp_path):
    with pytest.raises(ingest.IngestError, match="머리글"):
        load(write(tmp_path, "a.csv", "\n\n"))
