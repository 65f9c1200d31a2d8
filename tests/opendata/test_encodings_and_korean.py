from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opengu.lib import korean
from opengu.lib.encodings import UndecodableError, decode_bytes, detect_encoding
from tests.opendata.files import from_bytes


def test_utf8_with_and_without_bom():
    assert detect_encoding(from_bytes("\ufeff이름\n".encode())).encoding == "utf-8-sig"
    assert detect_encoding(from_bytes("이름\n".encode())).encoding == "utf-8"


def test_cp949_only_syllables_are_read_as_cp949_not_rejected_as_euc_kr():
    data = "똠양꿍,햏\n".encode("cp949")
    with pytest.raises(UnicodeDecodeError):
        data.decode("euc_kr")
    assert detect_encoding(from_bytes(data)).encoding == "cp949"
    assert decode_bytes(data)[0] == "똠양꿍,햏\n"


def test_hangul_late_in_a_long_ascii_file_still_decides_the_encoding():
    data = b"a,b\n" * 100_000 + "서대문\n".encode("cp949")
    assert detect_encoding(from_bytes(data)).encoding == "cp949"


def test_bytes_neither_utf8_nor_cp949_get_a_korean_message():
    with pytest.raises(UndecodableError, match="CP949"):
        detect_encoding(from_bytes(b"ok\n\xff\xff\xff"))


@pytest.mark.parametrize("text, expected", [
    ("1,234", 1234), ("-5", -5), ("0", 0), ("1234567", 1234567),
    ("0164", None), ("01012345678", None), ("1,23", None), ("12a", None), ("1.0", None), ("99999999999999999999", None),
])
def test_parse_integer_keeps_codes_as_text(text, expected):
    assert korean.parse_integer(text) == expected


def test_parse_decimal():
    assert korean.parse_decimal("1,234.50") == Decimal("1234.50")
    assert korean.parse_decimal("12") == Decimal(12)
    assert korean.parse_decimal("01.5") is None


@pytest.mark.parametrize("text", ["2014.10.01", "20141001", "2014-10-01", "2014/10/01", "2014. 10. 1.", "2014년 10월 1일"])
def test_parse_date_formats(text):
    assert korean.parse_date(text) == dt.date(2014, 10, 1)


def test_parse_datetime_formats_and_impossible_dates():
    assert korean.parse_datetime("2014-10-01 13:28") == dt.datetime(2014, 10, 1, 13, 28)
    assert korean.parse_datetime("2014-10-01 9:05") == dt.datetime(2014, 10, 1, 9, 5)
    assert korean.parse_datetime("2014.10.01") == dt.datetime(2014, 10, 1)
    assert korean.parse_date("20141332") is None
    assert korean.parse_datetime("2014-10-01 25:00") is None


def test_clean_text_unescapes_html_entities():
    assert korean.clean_text(" 가&amp;나 &lt;다&gt; &#39;라&#39;&nbsp;") == "가&나 <다> '라'"


def test_search_terms_drop_particles_and_split_compounds():
    assert korean.search_terms("주차장을") == ["주차장"]
    assert "주차" in korean.search_terms("거주자우선주차")
    assert korean.search_terms("CCTV") == ["CCTV"]
