"""Every list exports the same way: CSV in UTF-8 with a BOM (Excel in Korea opens it as
Korean) and xlsx, both streamed or spooled so memory stays flat, and both safe to open:
text cells starting with = + - @ (or a tab/CR) are prefixed with ' so no spreadsheet runs them.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import FileResponse, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.utils import timezone
from django.utils.functional import Promise

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# A negative number written as text ("-3", "-1,234.5") is data, not a formula: a spreadsheet reads it as
# the same number. ("+82" keeps its quote: read as a number it would lose its plus sign.)
_NEGATIVE_NUMBER = re.compile(r"-\d+(?:[.,]\d+)*")
XLSX_MAX_ROWS = 1_048_576
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A column header: text, or a lazy translation rendered in the language of the request.
HeaderCell = str | Promise


class TooManyRows(ValueError):
    pass


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text; numbers and dates pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and not _NEGATIVE_NUMBER.fullmatch(value):
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


def attachment_header(filename: str, extension: str) -> str:
    """Content-Disposition for a download named `filename.extension` (Korean names kept)."""
    return _disposition(filename, extension)


CHUNK_BYTES = 1 << 16


def chunked(parts: Iterable[bytes], size: int = CHUNK_BYTES) -> Iterator[bytes]:
    """Byte pieces joined into chunks of about `size` bytes: the server writes a chunk at a time,
    so one write a row would cost a system call a row (the export benchmark shows it)."""
    buffer: list[bytes] = []
    length = 0
    for data in parts:
        buffer.append(data)
        length += len(data)
        if length >= size:
            yield b"".join(buffer)
            buffer, length = [], 0
    if buffer:
        yield b"".join(buffer)


def csv_lines(header: Sequence[HeaderCell], rows: Iterable[Sequence[Any]], bom: bool = True) -> Iterator[str]:
    """CSV text a line at a time, formulas neutralised; with a BOM first unless `bom` is False."""
    writer = csv.writer(_Echo())
    yield ("\ufeff" if bom else "") + writer.writerow([safe_cell(str(h)) for h in header])
    for row in rows:
        yield writer.writerow(["" if v is None else safe_cell(v) for v in row])


def csv_response(filename: str, header: Sequence[HeaderCell], rows: Iterable[Sequence[Any]],
                 encoding: str = "utf-8") -> StreamingHttpResponse:
    """`encoding` "utf-8" (with a BOM) or "cp949" (no BOM; check `cp949_problem` first, since a
    character CP949 lacks cannot be reported once the response has started)."""
    lines = csv_lines(header, rows, bom=encoding == "utf-8")
    response = StreamingHttpResponse(chunked(line.encode(encoding) for line in lines),
                                     content_type=f"text/csv; charset={encoding}")
    response["Content-Disposition"] = _disposition(filename, "csv")
    return response


def xlsx_response(filename: str, header: Sequence[HeaderCell], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    """A write-only workbook spooled to a temporary file, so memory holds the compressed file
    at most, never a cell object per value."""
    return workbook_response(filename, [("", header, rows)])


def cp949_problem(header: Sequence[HeaderCell], rows: Iterable[Sequence[Any]]) -> str | None:
    """The first cell CP949 cannot hold, as a Korean message naming its row and column; None if all fit.

    Reads `rows` once, in constant memory, so a CP949 export can refuse before it starts."""
    header = [str(h) for h in header]
    for line, row in enumerate(_with_header(header, rows), start=0):
        for index, value in enumerate(row):
            if not isinstance(value, str):
                continue
            try:
                value.encode("cp949")
            except UnicodeEncodeError as exc:
                where = "머리글" if line == 0 else f"{line}행"
                character = value[exc.start:exc.end]
                return (f"{where} '{header[index] if index < len(header) else index + 1}' 열의 글자 "
                        f"'{character}'(U+{ord(character[0]):04X})은(는) CP949로 저장할 수 없습니다. "
                        "UTF-8로 내려받아 주세요(엑셀에서도 열립니다).")
    return None


def _with_header(header: Sequence[HeaderCell], rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    yield [str(h) for h in header]
    yield from rows


def xlsx_streaming_response(filename: str, header: Sequence[HeaderCell], rows: Iterable[Sequence[Any]],
                            row_count: int | None = None) -> FileResponse:
    """Like `xlsx_response` for tables of any size: openpyxl's write-only sheet writes rows to
    disk as they come, and the finished file is streamed from a temporary file, so memory stays
    flat. With `row_count` known, a table over Excel's limit is refused before any work."""
    from openpyxl import Workbook

    if row_count is not None and row_count + 1 > XLSX_MAX_ROWS:
        raise TooManyRows(f"엑셀 파일은 {XLSX_MAX_ROWS - 1:,}행까지입니다({row_count:,}행). "
                          "CSV로 내려받거나 조건을 좁혀 주세요.")
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([safe_cell(str(h)) for h in header])
    for count, row in enumerate(rows, start=2):
        if count > XLSX_MAX_ROWS:
            raise TooManyRows(f"엑셀 파일은 {XLSX_MAX_ROWS - 1:,}행까지입니다. CSV로 내려받거나 조건을 좁혀 주세요.")
        sheet.append([safe_cell(v) for v in row])
    spool = tempfile.TemporaryFile()
    book.save(spool)
    spool.seek(0)
    response = FileResponse(spool, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = _disposition(filename, "xlsx")
    return response


def table_response(fmt: str, filename: str, header: Sequence[HeaderCell], rows: Iterable[Sequence[Any]]) -> HttpResponseBase:
    """`fmt` is "csv" or "xlsx"."""
    if fmt == "xlsx":
        return xlsx_response(filename, header, rows)
    if fmt == "csv":
        return csv_response(filename, header, rows)
    raise ValueError("내려받기 형식은 csv 또는 xlsx입니다.")


def workbook_response(filename: str,
                      sheets: Sequence[tuple[str, Sequence[HeaderCell], Iterable[Sequence[Any]]]]) -> HttpResponse:
    """A report of several tables as one xlsx, a sheet per (title, header, rows); an empty title keeps
    openpyxl's default name. Written and spooled as `xlsx_response` describes."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=title[:31] or None)
        sheet.append([str(h) for h in header])  # headers may be lazy translations
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
