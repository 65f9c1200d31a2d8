"""기록물 전수조사 (plan §5-1): read a department's records list (CSV or xlsx) and compare two lists.

A list has a header row naming at least 등록번호; 제목, 보존기간 and 공개구분 are read when present.
CSV may be UTF-8 (with or without BOM) or CP949 (`opengu.lib.encodings`). Nothing here writes:
`parse_upload` gives rows and per-row Korean errors for the preview, `compare` gives the mismatches
that `services.inventory_import` stores.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from opengu.disclosure.models import RETENTION_PERIODS, DocumentClass, MismatchKind
from opengu.lib.encodings import UndecodableError, decode_bytes

MAX_ROWS = 50_000

# Header spellings seen in department lists (기록관리시스템 exports and hand-made sheets).
COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("등록번호", "기록물등록번호", "생산등록번호", "번호"),
    "title": ("제목", "기록물명", "기록물철제목", "건명"),
    "retention": ("보존기간",),
    "disclosure_class": ("공개구분", "공개여부", "공개등급"),
}
CLASS_BY_LABEL = {str(choice.label): str(choice.value) for choice in DocumentClass}
CLASS_LABELS = {value: label for label, value in CLASS_BY_LABEL.items()}


@dataclass(frozen=True)
class ListRow:
    row: int  # the spreadsheet row number (the header is row 1)
    number: str
    title: str = ""
    retention: str = ""
    disclosure_class: str = ""  # a DocumentClass value or ""


@dataclass
class Parsed:
    rows: list[ListRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row, message); row 0 for the whole file
    encoding: str = ""


@dataclass(frozen=True)
class Difference:
    number: str
    kind: str  # a MismatchKind value
    title: str
    registered_value: str
    held_value: str


def _key(header: str) -> str:
    return "".join(str(header or "").split()).replace("·", "")


def _table(data: bytes, filename: str) -> tuple[list[list[Any]], str]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise ValueError("엑셀 파일을 열 수 없습니다. xlsx 형식인지 확인해 주세요.") from exc
        sheet = book.worksheets[0]
        rows = [list(values) for values in sheet.iter_rows(values_only=True)]
        book.close()
        return rows, "xlsx"
    try:
        text, detected = decode_bytes(data)
    except UndecodableError as exc:
        raise ValueError(str(exc)) from exc
    return [list(values) for values in csv.reader(io.StringIO(text))], detected.label


def _cell(values: Sequence[Any], index: int | None) -> str:
    if index is None or index >= len(values) or values[index] is None:
        return ""
    value = values[index]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def parse_upload(data: bytes, filename: str) -> Parsed:
    """Rows and every problem found, each with its row number and a Korean message."""
    parsed = Parsed()
    try:
        table, parsed.encoding = _table(data, filename)
    except ValueError as exc:
        parsed.errors.append((0, str(exc)))
        return parsed
    while table and not any(_cell(table[0], i) for i in range(len(table[0]))):
        table.pop(0)
    if not table:
        parsed.errors.append((0, "파일에 자료가 없습니다. 첫 줄에 등록번호, 제목, 보존기간, 공개구분 열 이름을 적어 주세요."))
        return parsed
    headers = [_key(h) for h in table[0]]
    index: dict[str, int | None] = {}
    for name, spellings in COLUMNS.items():
        index[name] = next((i for i, h in enumerate(headers) if h in spellings), None)
    if index["number"] is None:
        parsed.errors.append((0, "첫 줄에 ‘등록번호’ 열이 없습니다. 열 이름을 확인해 주세요."))
        return parsed
    if len(table) - 1 > MAX_ROWS:
        parsed.errors.append((0, f"한 번에 {MAX_ROWS:,}행까지 올릴 수 있습니다."))
        return parsed
    seen: dict[str, int] = {}
    for row_number, values in enumerate(table[1:], start=2):
        cells = {name: _cell(values, i) for name, i in index.items()}
        if not any(cells.values()):
            continue
        number = cells["number"]
        problems: list[str] = []
        if not number:
            problems.append("등록번호가 비어 있습니다.")
        elif len(number) > 60:
            problems.append("등록번호는 60자 이내여야 합니다.")
        elif number in seen:
            problems.append(f"등록번호 ‘{number}’이(가) {seen[number]}행과 겹칩니다.")
        retention = cells["retention"]
        if retention and retention not in RETENTION_PERIODS:
            problems.append(f"보존기간 ‘{retention}’은(는) {', '.join(RETENTION_PERIODS)} 중 하나여야 합니다.")
        label = cells["disclosure_class"]
        if label and label not in CLASS_BY_LABEL:
            problems.append(f"공개구분 ‘{label}’은(는) 공개, 부분공개, 비공개 중 하나여야 합니다.")
        if problems:
            parsed.errors.extend((row_number, message) for message in problems)
            continue
        seen[number] = row_number
        parsed.rows.append(ListRow(row=row_number, number=number, title=cells["title"][:300], retention=retention,
                                   disclosure_class=CLASS_BY_LABEL.get(label, "")))
    if not parsed.rows and not parsed.errors:
        parsed.errors.append((0, "파일에 기록물 행이 없습니다."))
    return parsed


def compare(registered: Iterable[ListRow], held: Iterable[ListRow]) -> list[Difference]:
    """Registered but missing, held but unregistered, and retention or class differences.

    A blank retention or class on either side is not a difference: one list did not say.
    """
    reg = {r.number: r for r in registered}
    got = {r.number: r for r in held}
    out: list[Difference] = []
    for number in sorted(reg.keys() | got.keys()):
        r, h = reg.get(number), got.get(number)
        if h is None and r is not None:
            out.append(Difference(number, MismatchKind.MISSING, r.title, r.title, ""))
        elif r is None and h is not None:
            out.append(Difference(number, MismatchKind.UNREGISTERED, h.title, "", h.title))
        elif r is not None and h is not None:
            title = r.title or h.title
            if r.retention and h.retention and r.retention != h.retention:
                out.append(Difference(number, MismatchKind.RETENTION, title, r.retention, h.retention))
            if r.disclosure_class and h.disclosure_class and r.disclosure_class != h.disclosure_class:
                out.append(Difference(number, MismatchKind.CLASS, title, CLASS_LABELS[r.disclosure_class],
                                      CLASS_LABELS[h.disclosure_class]))
    return out
