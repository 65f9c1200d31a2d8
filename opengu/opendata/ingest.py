"""Read a tabular file (CSV, TSV, XLSX, JSON) into typed rows, in constant memory.

`profile` reads every row once to settle headers, column types, the quality report and the
personal-data scan; `typed_rows` reads it again and yields values converted to those types.
A `RowSink` given to `profile` receives every cleaned row of that first read, so a database
that can type text in SQL (PostgreSQL) loads in one pass (see `datastore.Staging`). Nothing
here touches the database, so each quirk of Korean public files is a plain function with a
plain test.

Quirks handled: UTF-8 with or without BOM, else CP949; every value quoted; a trailing comma on
every line; blank trailing rows (",,,,") left by Excel; quoted numbers with thousands
separators; CRLF or no final newline; HTML entities; duplicate or blank headers; commas inside
quoted headers; mixed date formats in one column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import IO, Any, Protocol

from opengu.lib import korean, pii
from opengu.lib.encodings import UndecodableError, detect_encoding

OpenStream = Callable[[], IO[bytes]]

FORMATS = {"csv": "CSV", "tsv": "TSV", "txt": "CSV", "xlsx": "XLSX", "json": "JSON"}
TYPES = ("integer", "decimal", "date", "datetime", "boolean", "text")
TYPE_LABELS = {
    "integer": "정수", "decimal": "실수", "date": "날짜", "datetime": "날짜·시각",
    "boolean": "참/거짓", "text": "문자",
}
# Order of preference when every value of a column fits several types: 20141001 is a date
# before it is a number; "Y"/"N" is a boolean before it is text.
PREFERENCE = ("boolean", "date", "datetime", "integer", "decimal")
PII_SAMPLE = 2000  # values scanned per column: enough to flag, cheap on a million rows
PII_MIN_SHARE = 0.2  # phones and e-mails: flagged when this share of the sample holds one
MAX_COLUMNS = 1000
csv.field_size_limit(16 * 1024 * 1024)


class RowSink(Protocol):
    """Receives the cleaned cells of every data row while `profile` reads the file."""

    def start(self, width: int) -> None:
        """The header is read: rows will have `width` cells."""

    def row(self, cells: list[str]) -> None:
        """One non-blank row, cleaned (`korean.clean_text`), exactly `width` cells, '' for blank."""


class IngestError(ValueError):
    """A file that cannot be loaded; the message is Korean and says what to fix."""


@dataclass
class Column:
    id: str  # the field name of the API: the cleaned, unique header
    name: str  # the SQL column name: c1, c2 … (Korean headers never reach SQL text)
    type: str = "text"
    source_index: int = 0
    label: str = ""  # Korean label for people; the header unless staff change it
    unit: str = ""
    description: str = ""
    reason: str = ""  # why a column that looked typed stayed text

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Issue:
    code: str  # blank-header, duplicate-label, missing-cell, blank-row, type-error …
    message: str
    count: int = 1


@dataclass
class Profile:
    format: str
    encoding: str
    columns: list[Column]
    row_count: int
    issues: list[Issue] = field(default_factory=list)
    personal_data: list[dict[str, Any]] = field(default_factory=list)
    header_row: int = 1  # 1-based line of the header in the file

    def quality(self) -> dict[str, Any]:
        return {"grade": quality_grade(self.issues, self.row_count),
                "issues": [asdict(issue) for issue in self.issues],
                "format": self.format, "encoding": self.encoding}


def source_format(name: str) -> str:
    """'CSV', 'TSV', 'XLSX' or 'JSON' from the file name; IngestError for anything else."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in FORMATS:
        return FORMATS[extension]
    if extension in {"hwp", "hwpx", "pdf", "doc", "docx"}:
        raise IngestError("HWP·PDF·DOC 문서는 표로 읽을 수 없습니다. CSV, TSV, XLSX, JSON 중 하나로 올려 주세요.")
    if extension == "xls":
        raise IngestError("옛 엑셀 형식(XLS)은 읽을 수 없습니다. 엑셀에서 XLSX 또는 CSV로 다시 저장해 주세요.")
    raise IngestError(f"'{name}'의 형식을 알 수 없습니다. CSV, TSV, XLSX, JSON 파일을 올려 주세요.")


# Readers: each yields lists of strings, the header row first, in constant memory.

def _delimiter(open_stream: OpenStream, encoding: str, fmt: str) -> str:
    if fmt == "TSV":
        return "\t"
    with open_stream() as raw:
        first = io.TextIOWrapper(raw, encoding=encoding, newline="").readline()
    return "\t" if "\t" in first and "," not in first else ","


def _csv_rows(open_stream: OpenStream, encoding: str, delimiter: str) -> Iterator[list[str]]:
    with open_stream() as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, newline="")
        reader = csv.reader(text, delimiter=delimiter)
        try:
            yield from reader
        except csv.Error as exc:
            raise IngestError(f"{reader.line_num}번째 줄을 CSV로 읽을 수 없습니다: {exc}") from exc
        except UnicodeDecodeError as exc:  # the file changed since its encoding was detected
            raise IngestError(f"{reader.line_num}번째 줄 근처에서 글자를 읽을 수 없습니다({encoding}).") from exc


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds" if value.second else "minutes")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _xlsx_rows(open_stream: OpenStream) -> Iterator[list[str]]:
    from zipfile import BadZipFile

    import openpyxl

    with open_stream() as raw:
        try:
            book = openpyxl.load_workbook(raw, read_only=True, data_only=True)
        except (BadZipFile, KeyError, OSError) as exc:
            raise IngestError("XLSX 파일을 열 수 없습니다. 엑셀에서 다시 저장해 올려 주세요.") from exc
        try:
            sheet = book.worksheets[0]
            for row in sheet.iter_rows(values_only=True):
                yield [_cell_text(value) for value in row]
        finally:
            book.close()


def _json_prefix(open_stream: OpenStream) -> str:
    """Where the records are: the top-level array, or the first array of objects inside."""
    import ijson

    with open_stream() as raw:
        previous: tuple[str, str] | None = None
        try:
            for prefix, event, _value in ijson.parse(raw):
                if event == "start_map" and previous and previous[1] == "start_array" \
                        and prefix == (f"{previous[0]}.item" if previous[0] else "item"):
                    return prefix
                previous = (prefix, event)
        except ijson.JSONError as exc:
            raise IngestError(f"JSON을 읽을 수 없습니다: {exc}") from exc
    raise IngestError("JSON에서 레코드 배열([{...}, ...])을 찾을 수 없습니다.")


def _json_rows(open_stream: OpenStream) -> Iterator[list[str]]:
    """Objects become rows; keys, in order of first appearance, become the header."""
    import ijson

    prefix = _json_prefix(open_stream)
    keys: dict[str, int] = {}
    with open_stream() as raw:
        for record in ijson.items(raw, prefix):
            if isinstance(record, dict):
                for key in record:
                    keys.setdefault(str(key), len(keys))
    yield list(keys)
    with open_stream() as raw:
        for record in ijson.items(raw, prefix):
            if isinstance(record, dict):
                row = [""] * len(keys)
                for key, value in record.items():
                    row[keys[str(key)]] = _cell_text(value)
                yield row


def raw_rows(open_stream: OpenStream, fmt: str, encoding: str = "") -> Iterator[list[str]]:
    if fmt in {"CSV", "TSV"}:
        return _csv_rows(open_stream, encoding, _delimiter(open_stream, encoding, fmt))
    if fmt == "XLSX":
        return _xlsx_rows(open_stream)
    if fmt == "JSON":
        return _json_rows(open_stream)
    raise IngestError(f"지원하지 않는 형식입니다: {fmt}")


def detect(open_stream: OpenStream, source_name: str) -> tuple[str, str]:
    """(format, encoding) of a stored file; encoding is '' for XLSX."""
    fmt = source_format(source_name)
    if fmt in {"CSV", "TSV", "JSON"}:
        try:
            encoding = detect_encoding(open_stream).encoding
        except UndecodableError as exc:
            raise IngestError(str(exc)) from exc
        return fmt, "utf-8-sig" if fmt == "JSON" and encoding == "utf-8" else encoding
    return fmt, ""


# Headers

def _is_blank(row: list[str]) -> bool:
    return all(not cell.strip() for cell in row)


def unique_labels(headers: list[str]) -> tuple[list[str], list[Issue]]:
    """Clean labels; name blank ones 열N and number repeats 이름(2), reporting both."""
    labels: list[str] = []
    seen: dict[str, int] = {}
    blank: list[int] = []
    duplicated: list[str] = []
    for index, header in enumerate(headers, start=1):
        label = korean.clean_label(header)
        if not label:
            blank.append(index)
            label = f"열{index}"
        if label in seen:
            seen[label] += 1
            duplicated.append(label)
            candidate = f"{label}({seen[label]})"
            while candidate in seen:
                seen[label] += 1
                candidate = f"{label}({seen[label]})"
            label = candidate
        seen.setdefault(label, 1)
        labels.append(label)
    issues = []
    if blank:
        issues.append(Issue("blank-header", f"머리글이 빈 열이 있어 이름을 붙였습니다: {', '.join(f'{i}번째 열' for i in blank)}",
                            len(blank)))
    if duplicated:
        issues.append(Issue("duplicate-label", f"같은 머리글이 여러 번 나옵니다: {', '.join(sorted(set(duplicated)))}",
                            len(duplicated)))
    return labels, issues


# Type inference

_CHECKS = {
    "boolean": korean.parse_boolean, "date": korean.parse_date, "datetime": korean.parse_datetime,
    "integer": korean.parse_integer,
}
# What a value fitting the first type proves about the second: a date is a datetime at
# midnight, an integer is a decimal. The second check is then skipped (it costs on every cell).
_IMPLIED = {"datetime": "date", "decimal": "integer"}
_TYPED_START = frozenset("0123456789+-YNynTtFf예아")


@dataclass
class _ColumnStats:
    filled: int = 0
    alive: list[str] = field(default_factory=lambda: list(PREFERENCE))  # types every value so far fits
    fits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PREFERENCE, 0))  # run before a misfit
    misfit: dict[str, tuple[int, str]] = field(default_factory=dict)  # first value that did not fit
    leading_zero: tuple[int, str] | None = None
    pii_scanned: int = 0
    pii_hits: dict[str, int] = field(default_factory=dict)
    pii_example: dict[str, str] = field(default_factory=dict)

    def observe(self, text: str, line: int) -> None:
        self.filled += 1
        if self.alive:
            # A type ruled out once is never checked again, so a text column costs nothing here.
            typed_start = text[0] in _TYPED_START
            fitted: set[str] = set()
            dead: list[str] = []
            for kind in self.alive:  # in PREFERENCE order: date before datetime, integer before decimal
                if not typed_start:
                    ok = False
                elif _IMPLIED.get(kind) in fitted:
                    ok = True
                elif kind == "decimal":
                    ok = korean.fits_decimal(text)
                else:
                    ok = _CHECKS[kind](text) is not None
                if ok:
                    self.fits[kind] += 1
                    fitted.add(kind)
                else:
                    dead.append(kind)
                    self.misfit[kind] = (line, text)
            for kind in dead:
                self.alive.remove(kind)
        if self.leading_zero is None and text[0] == "0" and korean.has_leading_zero(text) and text.isdigit():
            self.leading_zero = (line, text)
        if self.pii_scanned < PII_SAMPLE:
            self.pii_scanned += 1
            for detection in pii.scan(text):
                kind = "rrn" if detection.kind == "foreigner_number" else detection.kind
                self.pii_hits[kind] = self.pii_hits.get(kind, 0) + 1
                self.pii_example.setdefault(kind, detection.value)
                break

    @property
    def settled(self) -> bool:
        """Nothing more to learn from this column: text for sure (the leading-zero reason, if
        any, was taken with the value that ruled out integers) and its personal-data sample full."""
        return self.filled > 0 and not self.alive and self.pii_scanned >= PII_SAMPLE

    def decide(self) -> tuple[str, str, bool]:
        """(type, reason, mixed): the first preferred type that every filled value fits, else
        text with the reason; `mixed` when some values fitted a type and others did not."""
        if self.filled == 0:
            return "text", "", False
        for kind in PREFERENCE:
            if kind in self.alive:
                return kind, "", False
        integer_misfit = self.misfit.get("integer")
        if self.leading_zero is not None and integer_misfit and korean.has_leading_zero(integer_misfit[1]) \
                and integer_misfit[1].isdigit():
            line, value = self.leading_zero
            return "text", f"앞자리가 0인 코드(예: {line}행 '{value}')가 있어 숫자로 바꾸지 않았습니다.", False
        best = max(PREFERENCE, key=lambda kind: self.fits[kind])
        if self.fits[best] == 0:
            return "text", "", False
        line, value = self.misfit[best]
        return "text", (f"{TYPE_LABELS[best]} 형식이 아닌 값이 있어 문자로 두었습니다"
                        f"(처음: {line}행 '{value[:40]}', 그 앞 {self.fits[best]:,}개는 {TYPE_LABELS[best]})."), True

    def personal_data(self, column: Column) -> dict[str, Any] | None:
        kinds = []
        for kind, hits in sorted(self.pii_hits.items()):
            share = hits / max(self.pii_scanned, 1)
            if kind == "rrn" or share >= PII_MIN_SHARE:
                kinds.append({"kind": kind, "hits": hits, "scanned": self.pii_scanned,
                              "example": mask_example(kind, self.pii_example[kind])})
        if not kinds:
            return None
        return {"column": column.id, "kinds": kinds}


def mask_example(kind: str, value: str) -> str:
    if kind == "rrn":
        return pii.mask_rrn(value)
    if kind == "phone":
        return pii.mask_phone(value)
    if kind == "email":
        return pii.mask_email(value)
    return "*" * len(value)


PII_LABELS = {"rrn": "주민등록번호·외국인등록번호", "phone": "전화번호", "email": "전자우편"}


def convert(kind: str, text: str) -> Any:
    """The typed value of a cleaned, non-empty cell; the profile guarantees it fits."""
    if kind == "integer":
        return korean.parse_integer(text)
    if kind == "decimal":
        return korean.parse_decimal(text)
    if kind == "date":
        return korean.parse_date(text)
    if kind == "datetime":
        return korean.parse_datetime(text)
    if kind == "boolean":
        return korean.parse_boolean(text)
    return text


def _rows_after_header(rows: Iterator[list[str]]) -> tuple[list[str], int, Iterator[tuple[int, list[str]]]]:
    """Skip leading blank rows; return the header, its line, and numbered data rows."""
    line = 0
    for row in rows:
        line += 1
        if not _is_blank(row):
            header = row
            break
    else:
        raise IngestError("파일에 머리글 행이 없습니다(빈 파일).")

    def numbered() -> Iterator[tuple[int, list[str]]]:
        number = line
        for data in rows:
            number += 1
            yield number, data

    return header, line, numbered()


def profile(open_stream: OpenStream, source_name: str, sink: RowSink | None = None) -> Profile:
    """Read the whole file once: headers, types, quality issues, personal-data flags.

    Every cleaned row also goes to `sink` when one is given (a one-pass load). Raises
    IngestError with a Korean message for files that cannot be loaded as they are.
    """
    fmt, encoding = detect(open_stream, source_name)
    header, header_line, rows = _rows_after_header(raw_rows(open_stream, fmt, encoding))
    if len(header) > MAX_COLUMNS:
        raise IngestError(f"열이 너무 많습니다({len(header):,}개, 최대 {MAX_COLUMNS:,}개).")
    width = len(header)
    stats = [_ColumnStats() for _ in range(width)]
    if sink is not None:
        sink.start(width)
    row_count = blank_rows = short_rows = 0
    watched = list(range(width))
    first_short: int | None = None
    for line, row in rows:
        if _is_blank(row):
            blank_rows += 1
            continue
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            raise IngestError(
                f"{line}행에 머리글({width}개)보다 많은 값({len(row)}개)이 있습니다. "
                "값 안의 쉼표는 따옴표로 감싸야 합니다."
            )
        if len(row) < width:
            short_rows += 1
            first_short = first_short or line
        row_count += 1
        cleaned = [korean.clean_text(cell) for cell in row[:width]]
        if row_count % 1024 == 0:  # settled text columns cost nothing from here on
            watched = [i for i in watched if not stats[i].settled]
        for index in watched:
            if index < len(cleaned) and (text := cleaned[index]):
                stats[index].observe(text, line)
        if sink is not None:
            if len(cleaned) < width:
                cleaned.extend([""] * (width - len(cleaned)))
            sink.row(cleaned)
    # A blank header over an all-blank column is the trailing comma of every line, not data.
    keep = [i for i in range(width) if korean.clean_label(header[i]) or stats[i].filled]
    if not keep:
        raise IngestError("읽을 수 있는 열이 없습니다.")
    labels, issues = unique_labels([header[i] for i in keep])
    columns: list[Column] = []
    personal: list[dict[str, Any]] = []
    type_errors = 0
    for number, (index, label) in enumerate(zip(keep, labels, strict=True), start=1):
        kind, reason, mixed = stats[index].decide()
        column = Column(id=label, name=f"c{number}", type=kind, source_index=index, label=label, reason=reason)
        columns.append(column)
        type_errors += mixed
        flagged = stats[index].personal_data(column)
        if flagged:
            personal.append(flagged)
    if blank_rows:
        issues.append(Issue("blank-row", f"빈 행 {blank_rows:,}개를 건너뛰었습니다.", blank_rows))
    if short_rows:
        issues.append(Issue("missing-cell", f"값이 모자란 행이 {short_rows:,}개 있습니다(처음: {first_short}행). "
                                            "빈 값으로 채웠습니다.", short_rows))
    if type_errors:
        issues.append(Issue("type-error", f"형식이 섞인 열 {type_errors}개를 문자로 두었습니다.", type_errors))
    if personal:
        names = ", ".join(p["column"] for p in personal)
        issues.append(Issue("personal-data", f"개인정보로 보이는 값이 있는 열: {names}. 공개 전 검토가 필요합니다.",
                            len(personal)))
    if row_count == 0:
        issues.append(Issue("no-rows", "자료 행이 없습니다."))
    return Profile(format=fmt, encoding=encoding, columns=columns, row_count=row_count, issues=issues,
                   personal_data=personal, header_row=header_line)


def typed_rows(open_stream: OpenStream, prof: Profile) -> Iterator[list[Any]]:
    """The data rows converted to the profiled types; blank rows skipped, short rows padded.

    Raises IngestError if the file no longer matches its profile (it changed in between).
    """
    _header, _line, rows = _rows_after_header(raw_rows(open_stream, prof.format, prof.encoding))
    for line, row in rows:
        if _is_blank(row):
            continue
        values: list[Any] = []
        for column in prof.columns:
            text = korean.clean_text(row[column.source_index]) if column.source_index < len(row) else ""
            if not text:
                values.append(None)
                continue
            value = convert(column.type, text)
            if value is None:
                raise IngestError(f"{line}행 '{column.id}' 열의 값 '{text[:40]}'이(가) "
                                  f"{TYPE_LABELS[column.type]} 형식이 아닙니다. 파일이 적재 중에 바뀌었습니다.")
            values.append(value)
        yield values


def quality_grade(issues: list[Issue], row_count: int) -> str:
    """A–D: A has no issue; each kind of issue costs a grade, personal data or no rows → D."""
    codes = {issue.code for issue in issues}
    if codes & {"personal-data", "no-rows"}:
        return "D"
    penalty = len(codes)
    return "ABCD"[min(penalty, 3)]


def regrade_after_decision(quality: dict[str, Any], row_count: int) -> dict[str, Any]:
    """The quality record once staff have recorded the personal-data decision: that issue is
    marked resolved and no longer counts, so the grade reflects the file's other issues."""
    issues = [dict(issue) for issue in quality.get("issues", [])]
    for issue in issues:
        if issue["code"] == "personal-data" and not issue.get("resolved"):
            issue["resolved"] = True
            issue["message"] += " 검토 결정을 기록했습니다."
    counted = [Issue(issue["code"], issue["message"], issue.get("count", 1)) for issue in issues
               if not issue.get("resolved")]
    return dict(quality, issues=issues, grade=quality_grade(counted, row_count))
