"""Row exports of one datastore table with a query's filters: CSV (UTF-8 with BOM, or CP949 on
request), JSON, XML and XLSX, every one read by keyset pages and written as it goes, so memory
does not grow with the table. CSV and xlsx come from `core.exports` like every other list in
the site (formula cells neutralised there); JSON and XML are written here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from django.http import HttpResponseBase, StreamingHttpResponse

from opengu.core import exports as core_exports
from opengu.opendata import datastore

FORMATS = ("csv", "json", "xml", "xlsx")
ENCODINGS = {"utf-8": "utf-8", "utf8": "utf-8", "cp949": "cp949", "euc-kr": "cp949", "euc_kr": "cp949"}
_INVALID_XML_NAME = re.compile(r"[^\w.-]")
_INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


class ExportError(ValueError):
    """A request that cannot be exported; the message is Korean and says what to change."""


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on", "t"}


def query_from_params(params: Mapping[str, Any]) -> datastore.Query:
    """The datastore query of a page or export URL, with CKAN's parameter names: filters (a JSON
    object), q, fields (comma list or JSON list), sort ("이름 desc, 번호"), distinct."""
    filters: Any = {}
    if params.get("filters"):
        try:
            filters = json.loads(str(params["filters"]))
        except ValueError:
            raise datastore.QueryError("filters는 JSON 객체여야 합니다. 예: {\"동\": \"연희동\"}", "filters") from None
        if not isinstance(filters, dict):
            raise datastore.QueryError("filters는 JSON 객체여야 합니다. 예: {\"동\": \"연희동\"}", "filters")
    fields: Any = []
    raw_fields = str(params.get("fields") or "").strip()
    if raw_fields.startswith("["):
        try:
            fields = [str(name) for name in json.loads(raw_fields)]
        except (ValueError, TypeError):
            raise datastore.QueryError("fields는 쉼표로 나눈 필드 이름이나 JSON 목록입니다.", "fields") from None
    elif raw_fields:
        fields = [part.strip() for part in raw_fields.split(",") if part.strip()]
    sort = []
    for part in str(params.get("sort") or "").split(","):
        words = part.strip().split()
        if words:
            sort.append((words[0].strip('"'), len(words) > 1 and words[1].lower() == "desc"))
    return datastore.Query(filters=filters, q=str(params.get("q") or "")[:200], fields=fields, sort=sort,
                           distinct=_flag(params.get("distinct")), include_total=False)


def _xml_name(column_id: str) -> str:
    name = _INVALID_XML_NAME.sub("_", column_id) or "_"
    return name if not name[0].isdigit() and not name.startswith(("-", ".")) else "_" + name


def _xml_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(_INVALID_XML_CHARS.sub("", str(value)))


def _json_lines(meta: dict[str, Any], columns: list[dict[str, Any]], rows: Iterable[list[Any]]) -> Iterator[bytes]:
    head = json.dumps({**meta, "fields": columns}, ensure_ascii=False)[:-1]
    yield (head + ', "records": [').encode()
    ids = [column["id"] for column in columns]
    first = True
    for row in rows:
        text = json.dumps(dict(zip(ids, row, strict=True)), ensure_ascii=False)
        yield (("\n" if first else ",\n") + text).encode()
        first = False
    yield b"\n]}\n"


def _xml_lines(meta: dict[str, Any], columns: list[dict[str, Any]], rows: Iterable[list[Any]]) -> Iterator[bytes]:
    attributes = " ".join(f"{name}={quoteattr(str(value))}" for name, value in meta.items() if value is not None)
    yield f'<?xml version="1.0" encoding="UTF-8"?>\n<records {attributes}>\n'.encode()
    names = [_xml_name(column["id"]) for column in columns]
    for row in rows:
        cells = "".join(f"<{name}/>" if value is None else f"<{name}>{_xml_text(value)}</{name}>"
                        for name, value in zip(names, row, strict=True))
        yield f"<row>{cells}</row>\n".encode()
    yield b"</records>\n"


def rows_response(*, fmt: str, filename: str, columns: list[dict[str, Any]],
                  rows: Callable[[], Iterator[list[Any]]], meta: dict[str, Any], encoding: str = "utf-8",
                  row_count: int | None = None) -> HttpResponseBase:
    """A streamed file of `rows()` (called once, or twice for a CP949 check) in `fmt`.

    Raises ExportError with the Korean reason before anything is sent: an unknown format or
    encoding, a CP949 file asked for text CP949 cannot hold, more rows than Excel takes."""
    if fmt not in FORMATS:
        raise ExportError("내려받기 형식은 csv, json, xml, xlsx 가운데 하나입니다.")
    header = [column["id"] for column in columns]
    if fmt == "csv":
        chosen = ENCODINGS.get(encoding.strip().lower())
        if chosen is None:
            raise ExportError("CSV 문자 인코딩은 utf-8 또는 cp949입니다.")
        if chosen == "cp949":
            problem = core_exports.cp949_problem(header, rows())
            if problem:
                raise ExportError(problem)
        return core_exports.csv_response(filename, header, rows(), encoding=chosen)
    if fmt == "xlsx":
        try:
            return core_exports.xlsx_streaming_response(filename, header, rows(), row_count=row_count)
        except core_exports.TooManyRows as exc:
            raise ExportError(str(exc)) from exc
    body = _json_lines(meta, columns, rows()) if fmt == "json" else _xml_lines(meta, columns, rows())
    content_type = "application/json" if fmt == "json" else "application/xml; charset=utf-8"
    response = StreamingHttpResponse(core_exports.chunked(body), content_type=content_type)
    response["Content-Disposition"] = core_exports.attachment_header(filename, fmt)
    return response
