"""Every list exports the same way: CSV in UTF-8 with a BOM (Excel in Korea opens it as
Korean) and xlsx, both streamed or spooled so memory stays flat, and both safe to open:
text cells starting with = + - @ (or a tab/CR) are prefixed with ' so no spreadsheet runs them.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.utils import timezone

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_ROWS = 1_048_576
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class TooManyRows(ValueError):
    pass


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text; numbers and dates pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def _disposition(filename: str, extension: str) -> str:
    from urllib.parse import quote

    name = f"{filename}.{extension}"
    if name.isascii():
        return f'attachment; filename="{name}"'
    fallback = name.encode("ascii", "ignore").decode().strip("-_ .") or "export"
    if not fallback.endswith(f".{extension}"):
        fallback = f"export.{extension}"
    return f"attachment; filename*=UTF-8''{quote(name)}; filename=\"{fallback}\""


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def generate() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(header)
        for row in rows:
            yield writer.writerow([safe_cell(v) for v in row])

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _disposition(filename, "csv")
    return response


def xlsx_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    """A write-only workbook spooled to a temporary file, so memory holds the compressed file
    at most, never a cell object per value."""
    return workbook_response(filename, [("", header, rows)])


def table_response(fmt: str, filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> HttpResponseBase:
    """`fmt` is "csv" or "xlsx"."""
    if fmt == "xlsx":
        return xlsx_response(filename, header, rows)
    if fmt == "csv":
        return csv_response(filename, header, rows)
    raise ValueError("내려받기 형식은 csv 또는 xlsx입니다.")


def workbook_response(filename: str,
                      sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> HttpResponse:
    """A report of several tables as one xlsx, a sheet per (title, header, rows); an empty title keeps
    openpyxl's default name. Written and spooled as `xlsx_response` describes."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=title[:31] or None)
        sheet.append(list(header))
        for count, row in enumerate(rows, start=2):
            if count > XLSX_MAX_ROWS:
                raise TooManyRows(f"엑셀 파일은 {XLSX_MAX_ROWS - 1:,}행까지입니다. CSV로 내려받거나 조건을 좁혀 주세요.")
            sheet.append([safe_cell(v) for v in row])
    with tempfile.TemporaryFile() as spool:
        book.save(spool)
        spool.seek(0)
        response = HttpResponse(spool.read(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = _disposition(filename, "xlsx")
    return response
