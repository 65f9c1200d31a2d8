"""One typed table per resource version in the application database (SQLite or PostgreSQL).

Tables are named `od_v<version id>` and their columns `c1 … cN`; people's headers live only in
the column dictionary, so no user text is ever spliced into SQL. Values travel as parameters.
SQLite loads with executemany batches, one transaction per batch, so a long load never holds
the write lock for long and its progress is visible to other sessions. PostgreSQL loads in one
pass over the file: `Staging` COPYs the cleaned text of each row into a temporary table while
the profile reads it, then `fill_from_staging` types every column in SQL with one INSERT …
SELECT whose conversions mirror `lib.korean.parse_*` exactly (a value they cannot type aborts
the INSERT, and the caller falls back to typing in Python). `insert_rows` (COPY of typed
values) remains for that fallback.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import DataError, connection, transaction

from opengu.lib import korean

BATCH = 5000
MAX_LIMIT = 32000  # CKAN's default ceiling for datastore_search
_TABLE = re.compile(r"od_v\d+")
_STAGING = re.compile(r"od_s\d+")
_COLUMN = re.compile(r"c\d+|_lat|_lon")  # _lat/_lon: WGS84 added by geo.locate

SQL_TYPES = {
    "sqlite": {"integer": "INTEGER", "decimal": "REAL", "date": "TEXT", "datetime": "TEXT",
               "boolean": "INTEGER", "text": "TEXT"},
    "postgresql": {"integer": "BIGINT", "decimal": "NUMERIC", "date": "DATE", "datetime": "TIMESTAMP",
                   "boolean": "BOOLEAN", "text": "TEXT"},
}
CKAN_TYPES = {"integer": "int8", "decimal": "numeric", "date": "date", "datetime": "timestamp",
              "boolean": "bool", "text": "text"}


class QueryError(ValueError):
    """A query naming an unknown field or a value of the wrong type; Korean message, field named."""

    def __init__(self, message: str, field_name: str = "") -> None:
        super().__init__(message)
        self.field_name = field_name


def table_name_for(version_id: int) -> str:
    return f"od_v{int(version_id)}"


def _check(name: str, pattern: re.Pattern[str]) -> str:
    if not pattern.fullmatch(name):
        raise ValueError(f"not a datastore identifier: {name!r}")
    return name


def _q(name: str) -> str:
    return f'"{name}"'


def create_table(table: str, columns: list[dict[str, Any]]) -> None:
    types = SQL_TYPES[connection.vendor if connection.vendor == "postgresql" else "sqlite"]
    id_type = "BIGINT" if connection.vendor == "postgresql" else "INTEGER"
    parts = [f'"_id" {id_type} PRIMARY KEY'] + [
        f"{_q(_check(col['name'], _COLUMN))} {types[col['type']]}" for col in columns
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {_q(_check(table, _TABLE))} ({', '.join(parts)})")


# Columns people sort by (amounts, counts, dates) get an index once the rows are in, so a sorted page
# reads the top of the index instead of sorting the whole table. Text columns are filtered and
# searched more than sorted, and an index each would double the file; they stay unindexed.
SORTABLE_TYPES = frozenset({"integer", "decimal", "date", "datetime"})


def index_sortable(table: str, columns: list[dict[str, Any]]) -> int:
    """Index each sortable column of a filled table; returns how many indexes were made. Built after
    the rows are in (one sort each, faster than keeping them up to date row by row). Descending:
    pages sorted largest or newest first (the usual case) then read the index in order on both
    databases, NULLs last as `order_sql` puts them."""
    _check(table, _TABLE)
    made = 0
    with connection.cursor() as cursor:
        for position, col in enumerate(columns):
            if col["type"] not in SORTABLE_TYPES:
                continue
            name = _q(_check(col["name"], _COLUMN))
            key = f"{name} DESC NULLS LAST" if connection.vendor == "postgresql" else name
            cursor.execute(f"CREATE INDEX {_q(f'{table}_s{position}')} ON {_q(table)} ({key})")
            made += 1
    return made


def drop_table(table: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_q(_check(table, _TABLE))}")


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool):
        return int(value)
    return value


def insert_rows(table: str, columns: list[dict[str, Any]], rows: Iterable[list[Any]],
                on_batch: Callable[[int], None] | None = None) -> int:
    """Append rows (numbered _id from 1) and return how many; `on_batch(total so far)` after each batch."""
    names = ["_id"] + [_check(col["name"], _COLUMN) for col in columns]
    _check(table, _TABLE)
    if connection.vendor == "postgresql":
        loaded = _copy_rows(table, names, rows, on_batch)
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {_q(table)}")  # statistics for the planner's estimated totals
        return loaded
    sql = f"INSERT INTO {_q(table)} ({', '.join(map(_q, names))}) VALUES ({', '.join('?' * len(names))})"
    count = 0
    batch: list[list[Any]] = []
    for row in rows:
        count += 1
        batch.append([count, *(_sqlite_value(v) for v in row)])
        if len(batch) >= BATCH:
            _sqlite_batch(sql, batch)
            batch = []
            if on_batch:
                on_batch(count)
    if batch:
        _sqlite_batch(sql, batch)
    if on_batch:
        on_batch(count)
    return count


def _sqlite_batch(sql: str, batch: list[list[Any]]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        # Django's cursor wrapper rewrites %s; the raw sqlite3 cursor takes ? and is faster.
        cursor.cursor.executemany(sql, batch)


def _copy_rows(table: str, names: list[str], rows: Iterable[list[Any]],
               on_batch: Callable[[int], None] | None) -> int:
    count = 0
    sql = f"COPY {_q(table)} ({', '.join(map(_q, names))}) FROM STDIN"
    iterator = iter(rows)
    while True:
        written = 0
        with transaction.atomic(), connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in iterator:
                count += 1
                copy.write_row([count, *row])
                written += 1
                if written >= BATCH:
                    break
        if on_batch:
            on_batch(count)
        if written < BATCH:
            return count


# One-pass PostgreSQL load: cleaned text into a temporary table, typed in SQL.

def staging_name_for(version_id: int) -> str:
    return f"od_s{int(version_id)}"


class Staging:
    """An `ingest.RowSink` that COPYs cleaned rows into a TEMP table, `BATCH` rows a COPY.

    TEMP: no WAL, invisible to other sessions, gone with the connection, so a worker killed
    mid-load leaves nothing behind. `on_batch(rows so far)` follows each batch.
    """

    def __init__(self, table: str, on_batch: Callable[[int], None] | None = None) -> None:
        self.table = _check(table, _STAGING)
        self.on_batch = on_batch
        self.count = 0
        self.width = 0
        self._batch: list[list[Any]] = []

    def start(self, width: int) -> None:
        self.width = width
        columns = ", ".join(['"_id" BIGINT'] + [f'"s{i}" TEXT' for i in range(1, width + 1)])
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {_q(self.table)}")
            cursor.execute(f"CREATE TEMP TABLE {_q(self.table)} ({columns})")

    def row(self, cells: list[str]) -> None:
        self.count += 1
        self._batch.append([self.count, *cells])
        if len(self._batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self._batch:
            with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {_q(self.table)} FROM STDIN") as copy:
                for row in self._batch:
                    copy.write_row(row)
            self._batch = []
        if self.on_batch:
            self.on_batch(self.count)

    def drop(self) -> None:
        drop_staging(self.table)


def drop_staging(table: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_q(_check(table, _STAGING))}")


_SQL_DATE = r"^(\d{4})[-./년]?\s?(\d{1,2})[-./월]?\s?(\d{1,2})"
_SQL_DATETIME = _SQL_DATE + r"[.일]?\s*[Tt]?\s*(?:(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*$"


def _typed_sql(kind: str, source: str) -> str:
    """SQL typing the cleaned text `source` (a quoted staging column) as `kind`.

    Only ever applied to columns whose every value `ingest.profile` found to fit `kind`, so
    each expression handles exactly the forms `lib.korean` accepts: thousands separators go,
    the five date layouts reduce to year, month and day (20141001 included), a time follows.
    The common layouts (20141001, 2014-10-01, 2014.10.01, 2014-10-01 13:28) take plain string
    tests and a cast; only the rest pay for a regular expression (PostgreSQL's are slow on
    Korean character classes). Where an expression yields NULL for a non-blank value, the
    cast of that value with an 'x' prefix fails, aborting the INSERT: never a silent NULL.
    """
    text = f"NULLIF({source}, '')"
    if kind == "text":
        return text
    if kind == "integer":
        return f"replace({text}, ',', '')::BIGINT"
    if kind == "decimal":
        return f"replace({text}, ',', '')::NUMERIC"
    if kind == "boolean":
        return f"(lower({text}) IN ('true', 'y', 'yes', '예'))"
    s = source
    plain = f"strpos({s}, ' ') = 0 AND strpos({s}, '년') = 0"
    if kind == "date":
        parts = f"regexp_match({s}, '{_SQL_DATE}')"
        typed = (
            f"CASE WHEN length({s}) = 8 AND {plain} AND strpos({s}, '-') = 0 AND strpos({s}, '.') = 0"
            f" AND strpos({s}, '/') = 0 THEN {s}::DATE"
            f" WHEN length({s}) = 10 AND {plain} AND substr({s}, 5, 1) IN ('-', '.', '/')"
            f" AND substr({s}, 8, 1) = substr({s}, 5, 1)"
            f" THEN (substr({s}, 1, 4) || '-' || substr({s}, 6, 2) || '-' || substr({s}, 9, 2))::DATE"
            f" ELSE (SELECT (p[1] || '-' || p[2] || '-' || p[3])::DATE FROM (SELECT {parts} AS p) AS m) END"
        )
        return f"CASE WHEN {text} IS NULL THEN NULL ELSE COALESCE({typed}, ('x' || {s})::DATE) END"
    if kind == "datetime":
        parts = f"regexp_match({s}, '{_SQL_DATETIME}')"
        typed = (
            f"CASE WHEN length({s}) BETWEEN 15 AND 26 AND substr({s}, 5, 1) = '-' AND substr({s}, 8, 1) = '-'"
            f" AND substr({s}, 11, 1) IN (' ', 'T') AND strpos(substr({s}, 12), ' ') = 0"
            f" AND strpos({s}, '년') = 0 THEN {s}::TIMESTAMP"
            f" ELSE (SELECT (p[1] || '-' || p[2] || '-' || p[3] || ' ' || COALESCE(p[4], '0') || ':'"
            f" || COALESCE(p[5], '00') || ':' || COALESCE(p[6], '00') || COALESCE('.' || p[7], ''))::TIMESTAMP"
            f" FROM (SELECT {parts} AS p) AS m) END"
        )
        return f"CASE WHEN {text} IS NULL THEN NULL ELSE COALESCE({typed}, ('x' || {s})::TIMESTAMP) END"
    raise ValueError(f"unknown column type {kind!r}")


class StagingMismatch(Exception):
    """The SQL typing refused a value the profile accepted; the caller types in Python instead."""


def fill_from_staging(table: str, columns: list[dict[str, Any]], staging: str) -> int:
    """Fill `table` from the staging table in one INSERT … SELECT; returns the rows inserted.

    Each column reads staging column s<source_index + 1>. All or nothing: on StagingMismatch
    the table is as empty as before.
    """
    _check(table, _TABLE)
    _check(staging, _STAGING)
    names = ["_id"] + [_check(col["name"], _COLUMN) for col in columns]
    values = ['"_id"'] + [_typed_sql(col["type"], _q(f"s{int(col['source_index']) + 1}")) for col in columns]
    sql = (f"INSERT INTO {_q(table)} ({', '.join(map(_q, names))}) "
           f"SELECT {', '.join(values)} FROM {_q(staging)} ORDER BY \"_id\"")
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
            return int(cursor.rowcount)
    except DataError as exc:
        raise StagingMismatch(str(exc)) from exc


# Queries

@dataclass
class Query:
    filters: dict[str, Any] = field(default_factory=dict)  # field → value, list (IN) or {"gte":…, "lt":…}
    q: str = ""
    fields: list[str] = field(default_factory=list)
    sort: list[tuple[str, bool]] = field(default_factory=list)  # (field, descending)
    limit: int = 100
    offset: int = 0
    include_total: bool = True
    distinct: bool = False  # unique combinations of the chosen fields, without _id
    after: str = ""  # keyset cursor from a previous page's `next_cursor`
    # Above this many matching rows a filtered total may be estimated (and flagged); None: always exact.
    estimate_above: int | None = None


@dataclass
class Result:
    fields: list[dict[str, Any]]
    records: list[dict[str, Any]]
    total: int | None
    total_was_estimated: bool = False
    next_cursor: str = ""  # keyset cursor of the row after this page; "" when the page was the last


RANGE_OPERATORS = {"gt": ">", "gte": ">=", "lt": "<", "lte": "<="}
MAX_SORT_FIELDS = 10
ESTIMATE_SAMPLE = 100_000  # SQLite: rows read from the start of the table to scale a filtered total
_ID_COLUMN = {"id": "_id", "name": "_id", "type": "integer"}


def _parameter(column: dict[str, Any], value: Any) -> Any:
    """A filter value as the column's type; QueryError names the field when it does not fit."""
    kind = column["type"]
    text = "" if value is None else str(value).strip()
    if isinstance(value, bool) and kind == "boolean":
        parsed: Any = value
    elif kind == "text":
        return text
    else:
        parsed = {"integer": korean.parse_integer, "decimal": korean.parse_decimal, "date": korean.parse_date,
                  "datetime": korean.parse_datetime, "boolean": korean.parse_boolean}[kind](text)
    if parsed is None:
        from opengu.opendata.ingest import TYPE_LABELS

        raise QueryError(f"'{column['id']}' 필드의 값 '{text[:40]}'이(가) {TYPE_LABELS[kind]} 형식이 아닙니다.",
                         column["id"])
    return _sqlite_value(parsed) if connection.vendor != "postgresql" else parsed


def from_db(column: dict[str, Any], value: Any) -> Any:
    """A stored value as the API shows it (dates as ISO text, decimals as numbers)."""
    return _from_db(column, value)


def _from_db(column: dict[str, Any], value: Any) -> Any:
    if value is None:
        return None
    kind = column["type"]
    if kind == "boolean":
        return bool(value)
    if isinstance(value, Decimal):
        return float(value)
    if kind in {"date", "datetime"} and not isinstance(value, str):
        return value.isoformat()
    if kind == "datetime" and isinstance(value, str):
        return value.replace(" ", "T")
    return value


def _boolean(value: Any) -> Any:
    return None if value is None else bool(value)


def _number(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def _date(value: Any) -> Any:
    return value if value is None or isinstance(value, str) else value.isoformat()


def _datetime(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace(" ", "T")
    return None if value is None else value.isoformat()


# Per column type, what `_from_db` does to its values; None: nothing (text and integers come
# out of both databases as the API shows them).
_CONVERTERS: dict[str, Callable[[Any], Any] | None] = {
    "boolean": _boolean, "decimal": _number, "date": _date, "datetime": _datetime, "text": None, "integer": None,
}


def _records(chosen: list[dict[str, Any]], rows: list[tuple[Any, ...]], distinct: bool) -> list[dict[str, Any]]:
    """A page's rows as API records: the keys zipped onto each row, and only the columns whose
    type needs it converted (a page is 100 × 20 values or more; this is its hottest loop)."""
    keys = ([] if distinct else ["_id"]) + [col["id"] for col in chosen]
    offset = 0 if distinct else 1
    converted = [(col["id"], offset + index, converter) for index, col in enumerate(chosen)
                 if (converter := _CONVERTERS.get(col["type"], _number)) is not None]
    # zip stops at the last key: sort columns selected after the chosen ones (for the cursor) drop.
    records = [dict(zip(keys, row, strict=False)) for row in rows]
    for key, position, converter in converted:
        for record, row in zip(records, rows, strict=True):
            record[key] = converter(row[position])
    return records


@dataclass
class _Compiled:
    table: str
    where: list[str]
    params: list[Any]
    chosen: list[dict[str, Any]]
    keys: list[tuple[dict[str, Any], bool]]  # the full order: sort fields, then _id (or every chosen field)
    distinct: bool

    @property
    def where_sql(self) -> str:
        return f" WHERE {' AND '.join(self.where)}" if self.where else ""

    @property
    def extra(self) -> list[dict[str, Any]]:
        """Sort columns not among the chosen fields: selected too (after them) for the cursor."""
        if self.distinct:
            return []
        return [col for col, _desc in self.keys if col is not _ID_COLUMN and col not in self.chosen]

    @property
    def selected(self) -> list[dict[str, Any]]:
        return ([] if self.distinct else [_ID_COLUMN]) + self.chosen + self.extra

    @property
    def select(self) -> str:
        names = [_q(col["name"]) for col in self.chosen]
        if self.distinct:
            return "DISTINCT " + ", ".join(names)
        return ", ".join(['"_id"', *names, *(_q(col["name"]) for col in self.extra)])

    def values(self, row: tuple[Any, ...]) -> tuple[Any, ...]:
        """The chosen fields' values of a selected row."""
        start = 0 if self.distinct else 1
        return row[start:start + len(self.chosen)]

    @property
    def order_sql(self) -> str:
        # NULLS LAST on both databases (their defaults differ), so keyset pages agree with the order.
        # _id is never NULL: without the clause PostgreSQL reads `_id DESC` backwards off its index.
        return ", ".join(f"{_q(col['name'])} {'DESC' if desc else 'ASC'}{'' if col is _ID_COLUMN else ' NULLS LAST'}"
                         for col, desc in self.keys)

    def signature(self) -> str:
        import hashlib

        text = "|".join([self.table, str(self.distinct)] + [f"{col['name']}:{desc}" for col, desc in self.keys])
        return hashlib.sha1(text.encode()).hexdigest()[:12]


def _compile(table: str, columns: list[dict[str, Any]], query: Query) -> _Compiled:
    _check(table, _TABLE)
    by_id = {col["id"]: col for col in columns}
    where: list[str] = []
    params: list[Any] = []
    placeholder = "%s"
    for name, value in query.filters.items():
        if name == "_id":
            column = _ID_COLUMN
        elif name in by_id:
            column = by_id[name]
        else:
            raise QueryError(f"'{name}' 필드가 없습니다.", name)
        sql_name = _q(column["name"])
        if isinstance(value, dict):
            if not value or set(value) - set(RANGE_OPERATORS):
                raise QueryError(f"'{name}' 범위 조건은 gt, gte, lt, lte만 쓸 수 있습니다.", name)
            for operator, bound in value.items():
                where.append(f"{sql_name} {RANGE_OPERATORS[operator]} {placeholder}")
                params.append(_parameter(column, bound))
        elif isinstance(value, list):
            if not value:
                where.append("1 = 0")
                continue
            where.append(f"{sql_name} IN ({', '.join([placeholder] * len(value))})")
            params.extend(_parameter(column, item) for item in value)
        else:
            where.append(f"{sql_name} = {placeholder}")
            params.append(_parameter(column, value))
    if query.q.strip():
        text_columns = [col for col in columns if col["type"] == "text"]
        for word in query.q.split()[:10]:
            if not text_columns:
                where.append("1 = 0")
                break
            like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            operator = "ILIKE" if connection.vendor == "postgresql" else "LIKE"
            where.append("(" + " OR ".join(f"{_q(col['name'])} {operator} {placeholder} ESCAPE '\\'"
                                           for col in text_columns) + ")")
            params.extend([like] * len(text_columns))
    chosen = columns
    if query.fields:
        unknown = [name for name in query.fields if name != "_id" and name not in by_id]
        if unknown:
            raise QueryError(f"'{unknown[0]}' 필드가 없습니다.", unknown[0])
        chosen = [by_id[name] for name in query.fields if name in by_id]
    if len(query.sort) > MAX_SORT_FIELDS:
        raise QueryError(f"정렬 필드는 {MAX_SORT_FIELDS}개까지입니다.", "sort")
    keys: list[tuple[dict[str, Any], bool]] = []
    for name, descending in query.sort:
        if name != "_id" and name not in by_id:
            raise QueryError(f"정렬할 '{name}' 필드가 없습니다.", name)
        if query.distinct and (name == "_id" or by_id[name] not in chosen):
            raise QueryError(f"distinct에서는 고른 필드로만 정렬할 수 있습니다: '{name}'", name)
        keys.append((_ID_COLUMN if name == "_id" else by_id[name], descending))
    if query.distinct:
        # Every chosen column closes the order, so pages of a distinct query are stable.
        keys.extend((col, False) for col in chosen)
    elif not any(col is _ID_COLUMN for col, _desc in keys):
        keys.append((_ID_COLUMN, False))
    if not 0 <= query.limit <= MAX_LIMIT:
        raise QueryError(f"limit은 0부터 {MAX_LIMIT}까지입니다.", "limit")
    if query.offset < 0:
        raise QueryError("offset은 0 이상이어야 합니다.", "offset")
    return _Compiled(table=table, where=where, params=params, chosen=chosen, keys=keys, distinct=query.distinct)


# Keyset cursors: the sort values of the last row of a page, so the next page starts right after
# it whatever was inserted before it meanwhile, and a deep page costs what the first one does.

def _cursor_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"d": str(value)}
    if isinstance(value, dt.datetime):
        return {"t": value.isoformat()}
    if isinstance(value, dt.date):
        return {"a": value.isoformat()}
    return value


def _cursor_parse(value: Any) -> Any:
    if isinstance(value, dict):
        kind, text = next(iter(value.items()))
        parsers: dict[str, Callable[[str], Any]] = {"d": Decimal, "t": dt.datetime.fromisoformat,
                                                     "a": dt.date.fromisoformat}
        return parsers[kind](text)
    return value


def cursor_encode(compiled: _Compiled, row: tuple[Any, ...] | list[Any]) -> str:
    import base64
    import json

    position = {col["name"]: index for index, col in enumerate(compiled.selected)}
    values = [_cursor_value(row[position[col["name"]]]) for col, _desc in compiled.keys]
    data = json.dumps({"s": compiled.signature(), "t": compiled.table, "k": values}, ensure_ascii=False,
                      separators=(",", ":"))
    return base64.urlsafe_b64encode(data.encode()).decode().rstrip("=")


def cursor_table(token: str) -> str:
    """The table a cursor was made on ("" when the token is not ours): its next pages read it again."""
    data = _cursor_data(token, quiet=True)
    table = str(data.get("t", "")) if data else ""
    return table if _TABLE.fullmatch(table) else ""


def _cursor_data(token: str, quiet: bool = False) -> dict[str, Any] | None:
    import base64
    import binascii
    import json

    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        if not isinstance(data, dict) or not isinstance(data.get("k"), list):
            raise ValueError
        return data
    except (ValueError, binascii.Error, UnicodeDecodeError):
        if quiet:
            return None
        raise QueryError("cursor 값이 올바르지 않습니다. 앞 페이지의 next_cursor를 그대로 보내 주세요.", "cursor") from None


def _keyset_condition(compiled: _Compiled, token: str) -> tuple[str, list[Any]]:
    data = _cursor_data(token)
    assert data is not None
    if data.get("s") != compiled.signature() or len(data["k"]) != len(compiled.keys):
        raise QueryError("cursor가 이 조회(표, 정렬, 필드)와 맞지 않습니다. 첫 페이지부터 다시 조회해 주세요.", "cursor")
    values = [_cursor_parse(value) for value in data["k"]]
    # after(i) = strictly after on key i, or equal on key i and after(i + 1); nothing is after the
    # last key, which is unique (_id, or the whole distinct row). NULLs sort last in both directions.
    condition, params = "1 = 0", list[Any]()
    for (col, desc), value in reversed(list(zip(compiled.keys, values, strict=True))):
        name = _q(col["name"])
        operator = "<" if desc else ">"
        if col is _ID_COLUMN:
            # Never NULL and unique: a plain range on the primary key, which both databases answer
            # from the key's index (with the IS NULL branches SQLite scanned from the first row).
            if condition == "1 = 0":
                condition, params = f"{name} {operator} %s", [value]
            else:
                condition = f"({name} {operator} %s OR ({name} = %s AND {condition}))"
                params = [value, value, *params]
            continue
        if value is None:
            condition, params = f"({name} IS NULL AND {condition})", params
        else:
            condition = f"({name} {operator} %s OR {name} IS NULL OR ({name} = %s AND {condition}))"
            params = [value, value, *params]
    return condition, params


def search(table: str, columns: list[dict[str, Any]], query: Query, row_count: int | None = None) -> Result:
    """Rows of one version's table: filters (equality, IN, ranges), q over text columns, chosen
    fields, sort, limit with offset or a keyset cursor (`after`), and the total when asked.

    `row_count` (the count stored at load; a version's table never changes) answers an unfiltered
    total for free. A filtered total above `query.estimate_above` rows is estimated and flagged."""
    compiled = _compile(table, columns, query)
    where, params = list(compiled.where), list(compiled.params)
    if query.after:
        if query.offset:
            raise QueryError("cursor와 offset은 함께 쓸 수 없습니다.", "offset")
        condition, extra = _keyset_condition(compiled, query.after)
        where.append(condition)
        params.extend(extra)
    records: list[dict[str, Any]] = []
    next_cursor = ""
    total: int | None = None
    estimated = False
    with connection.cursor() as cursor:
        offset = query.offset
        if offset and not where and not compiled.distinct and len(compiled.keys) == 1 \
                and row_count is not None and _dense(cursor, table, row_count):
            # A version's _id run 1..row_count with no gaps: the offset is a range on the primary
            # key, answered from its index instead of walking `offset` rows.
            descending = compiled.keys[0][1]
            where.append('"_id" <= %s' if descending else '"_id" > %s')
            params.append(row_count - offset if descending else offset)
            offset = 0
        where_sql = f" WHERE {' AND '.join(where)}" if where else ""
        if query.limit:
            cursor.execute(
                f"SELECT {compiled.select} FROM {_q(table)}{where_sql} ORDER BY {compiled.order_sql} LIMIT %s OFFSET %s",
                [*params, query.limit, offset],
            )
            rows = cursor.fetchall()
            records = _records(compiled.chosen, rows, query.distinct)
            if len(rows) == query.limit:
                next_cursor = cursor_encode(compiled, rows[-1])
        if query.include_total:
            total, estimated = _total(cursor, compiled, row_count, query.estimate_above)
    fields = ([] if query.distinct else [{"id": "_id", "type": "int"}]) + [
        {"id": col["id"], "type": CKAN_TYPES[col["type"]], "info": {"label": col.get("label", col["id"]),
                                                                     "unit": col.get("unit", ""),
                                                                     "notes": col.get("description", "")}}
        for col in compiled.chosen
    ]
    return Result(fields=fields, records=records, total=total, total_was_estimated=estimated,
                  next_cursor=next_cursor)


def _dense(cursor: Any, table: str, row_count: int) -> bool:
    """Whether the table's _id values are exactly 1..row_count (its rows as loaded, none removed):
    two probes of the primary key's index. A version's table never changes after its load, which
    counted `row_count`; a table that does not fit simply takes the general path."""
    # Two subqueries: SQLite answers a lone MIN or MAX from the index, but both in one SELECT by
    # reading every row.
    cursor.execute(f'SELECT (SELECT MIN("_id") FROM {_q(table)}), (SELECT MAX("_id") FROM {_q(table)})')
    low, high = cursor.fetchone()
    return row_count > 0 and low == 1 and high == row_count


def _total(cursor: Any, compiled: _Compiled, row_count: int | None, estimate_above: int | None) -> tuple[int, bool]:
    """(total, estimated) of the query without its cursor: every matching row."""
    table, where_sql, params = _q(compiled.table), compiled.where_sql, compiled.params
    if not compiled.where and not compiled.distinct and row_count is not None:
        return row_count, False
    if compiled.distinct:
        cursor.execute(f"SELECT COUNT(*) FROM (SELECT {compiled.select} FROM {table}{where_sql}) AS counted", params)
        return int(cursor.fetchone()[0]), False
    if estimate_above is not None and (row_count is None or row_count > estimate_above):
        if connection.vendor == "postgresql":
            # The planner's estimate from the table's statistics (ANALYZE runs after each load).
            cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {table}{where_sql}", params)
            plan = cursor.fetchone()[0]
            plan = plan if isinstance(plan, list) else __import__("json").loads(plan)
            guess = int(plan[0]["Plan"]["Plan Rows"])
            if guess > estimate_above:
                return guess, True
        else:
            cursor.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM {table}{where_sql} LIMIT %s) AS capped",
                           [*params, estimate_above + 1])
            capped = int(cursor.fetchone()[0])
            if capped <= estimate_above:
                return capped, False
            # Scale the share matching among the first rows (file order) up to the whole table.
            extra = " AND " if where_sql else " WHERE "
            cursor.execute(f'SELECT COUNT(*) FROM {table}{where_sql}{extra}"_id" <= %s', [*params, ESTIMATE_SAMPLE])
            sample = int(cursor.fetchone()[0])
            whole = row_count if row_count is not None else _count_all(cursor, table)
            return max(capped, round(sample * whole / max(1, min(whole, ESTIMATE_SAMPLE)))), True
    cursor.execute(f"SELECT COUNT(*) FROM {table}{where_sql}", params)
    return int(cursor.fetchone()[0]), False


def _count_all(cursor: Any, table: str) -> int:
    cursor.execute(f"SELECT COUNT(*) FROM {table}")
    return int(cursor.fetchone()[0])


def count_capped(table: str, columns: list[dict[str, Any]], query: Query, cap: int) -> int:
    """Matching rows, counting no further than `cap` (cheap even on a huge table)."""
    compiled = _compile(table, columns, query)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM {_q(table)}{compiled.where_sql} LIMIT %s) AS capped",
                       [*compiled.params, cap])
        return int(cursor.fetchone()[0])


def iterate(table: str, columns: list[dict[str, Any]], query: Query,
            chunk: int = 2000) -> tuple[list[dict[str, Any]], Iterator[list[Any]]]:
    """(chosen columns, every matching row as a list) in the query's order, read by keyset pages
    of `chunk` rows: constant memory on any table size. limit/offset are ignored."""
    compiled = _compile(table, columns, dataclasses.replace(query, limit=chunk, offset=0, after=""))

    def rows() -> Iterator[list[Any]]:
        after = ""
        while True:
            where, params = list(compiled.where), list(compiled.params)
            if after:
                condition, extra = _keyset_condition(compiled, after)
                where.append(condition)
                params.extend(extra)
            where_sql = f" WHERE {' AND '.join(where)}" if where else ""
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {compiled.select} FROM {_q(table)}{where_sql} ORDER BY {compiled.order_sql} "
                               "LIMIT %s", [*params, chunk])
                page = cursor.fetchall()
            for row in page:
                yield [_from_db(col, value) for col, value in zip(compiled.chosen, compiled.values(row), strict=True)]
            if len(page) < chunk:
                return
            after = cursor_encode(compiled, page[-1])

    return compiled.chosen, rows()


def stream_rows(table: str, columns: list[dict[str, Any]], chunk: int = 2000) -> Iterator[list[Any]]:
    """Every row in _id order, by keyset pages: constant memory on any table size."""
    for rows in keyed_rows(table, [col["name"] for col in columns], chunk):
        for row in rows:
            yield [_from_db(col, value) for col, value in zip(columns, row[1:], strict=True)]


def table_exists(table: str) -> bool:
    return _check(table, _TABLE) in connection.introspection.table_names()


# Positions (see geo.py): WGS84 latitude and longitude added beside the loaded columns.

POINT_COLUMNS = ("_lat", "_lon")


def add_point_columns(table: str) -> None:
    """Add the nullable _lat/_lon columns to a version's table, if it has none yet."""
    _check(table, _TABLE)
    existing = {column.name for column in connection.introspection.get_table_description(
        connection.cursor(), table)}
    kind = "DOUBLE PRECISION" if connection.vendor == "postgresql" else "REAL"
    with connection.cursor() as cursor:
        for name in POINT_COLUMNS:
            if name not in existing:
                cursor.execute(f"ALTER TABLE {_q(table)} ADD COLUMN {_q(name)} {kind}")


def keyed_rows(table: str, names: list[str], chunk: int = 5000) -> Iterator[list[tuple[Any, ...]]]:
    """Chunks of (_id, *values) of the named columns, in _id order (keyset pages)."""
    _check(table, _TABLE)
    select = ", ".join(['"_id"'] + [_q(_check(name, _COLUMN)) for name in names])
    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT {select} FROM {_q(table)} WHERE "_id" > %s ORDER BY "_id" LIMIT %s', [last, chunk])
            rows = cursor.fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def set_points(table: str, points: list[tuple[float | None, float | None, int]]) -> None:
    """Write (lat, lon, _id) triples into the _lat/_lon columns."""
    _check(table, _TABLE)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One statement a chunk, the chunk's values as three arrays: a row-by-row UPDATE took
            # most of a million-row load's time on PostgreSQL.
            lats, lons, ids = (list(values) for values in zip(*points, strict=True)) if points else ([], [], [])
            cursor.execute(f'UPDATE {_q(table)} AS t SET "_lat" = v.lat, "_lon" = v.lon '
                           'FROM unnest(%s::double precision[], %s::double precision[], %s::bigint[]) AS v(lat, lon, id) '
                           'WHERE t."_id" = v.id', [lats, lons, ids])
        else:
            cursor.cursor.executemany(f'UPDATE {_q(table)} SET "_lat" = ?, "_lon" = ? WHERE "_id" = ?', points)
