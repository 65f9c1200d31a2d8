"""CKAN's `datastore_search_sql`: one read-only SELECT over published resource tables only.

Off unless OPENGU_OPENDATA_SQL is set. Tables are named as in CKAN, by resource id in double
quotes (`SELECT "시설명" FROM "12" WHERE "면수" > 100`); each becomes a common table expression over
its live version's `od_v<id>` table with the column ids as names, so people's headers still never
reach SQL text as identifiers of ours. Defence in depth, because this is SQL from anyone:

- one statement, SELECT (or WITH … SELECT) only, no comments, no dollar quotes or `U&` escapes;
- every function called is on an allowlist (aggregates, text, number and date helpers);
- SQLite: an authorizer lets the statement read the chosen od_v tables and call allowed
  functions, nothing else; a progress handler stops it at the time limit;
- PostgreSQL: a READ ONLY transaction with `statement_timeout`, and the plan (EXPLAIN) must read
  no relation but the chosen od_v tables;
- at most MAX_ROWS rows come back (`records_truncated` says when there were more).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from opengu.opendata import datastore

MAX_ROWS = datastore.MAX_LIMIT
_STRING = re.compile(r"'(?:[^']|'')*'")
_QUOTED = re.compile(r'"((?:[^"]|"")*)"')
_CALL = re.compile(r"([A-Za-z_][\w.$]*)\s*\(")
ALLOWED_FUNCTIONS = {
    "count", "sum", "avg", "min", "max", "total", "group_concat", "string_agg", "stddev", "variance",
    "lower", "upper", "length", "char_length", "substr", "substring", "trim", "ltrim", "rtrim", "replace",
    "instr", "position", "concat", "round", "abs", "ceil", "ceiling", "floor", "coalesce", "nullif", "ifnull",
    "greatest", "least", "cast", "date", "strftime", "extract", "date_part", "date_trunc", "to_char",
    "row_number", "rank", "dense_rank",
}
# Words that may stand before "(" without being a function call.
KEYWORDS = {"in", "exists", "as", "over", "filter", "values", "any", "all", "not", "and", "or", "on", "using",
            "select", "from", "where", "partition", "with", "recursive", "join", "by", "when", "then", "else",
            "between", "like", "is", "case", "union", "except", "intersect", "having", "distinct", "lateral"}


class SqlError(ValueError):
    """SQL refused or failed; the message is Korean (with the database's own words when it failed)."""


class SqlForbidden(SqlError):
    """SQL that tries to reach beyond the published resource tables."""


@dataclass
class Table:
    resource_id: str
    table: str
    columns: list[dict[str, Any]]


@dataclass
class SqlResult:
    fields: list[dict[str, str]]
    records: list[dict[str, Any]]
    truncated: bool
    tables: list[Table]


def _without_strings(sql: str) -> str:
    return _STRING.sub("''", sql)


def _check_text(sql: str) -> str:
    text = sql.strip()
    while text.endswith(";"):
        text = text[:-1].rstrip()
    if not text:
        raise SqlError("sql: SELECT 문을 적어 주세요.")
    bare = _without_strings(text)
    if "--" in bare or "/*" in bare:
        raise SqlError("sql: 주석은 쓸 수 없습니다.")
    if ";" in bare:
        raise SqlError("sql: 한 번에 한 문장(SELECT)만 실행할 수 있습니다.")
    if "$" in _QUOTED.sub('""', bare) or re.search(r"\bU&", bare, re.IGNORECASE):
        raise SqlError("sql: $ 인용과 U& 이스케이프는 쓸 수 없습니다.")
    first = bare.split(None, 1)[0].lower()
    if first not in {"select", "with"}:
        raise SqlError("sql: 읽기 전용 SELECT 문만 실행할 수 있습니다.")
    if re.search(r'"(?:[^"]|"")*"\s*\(', bare):
        raise SqlForbidden("sql: 따옴표로 감싼 이름의 함수는 쓸 수 없습니다.")
    unquoted = _QUOTED.sub('""', bare)
    for match in _CALL.finditer(unquoted):
        name = match.group(1)
        lowered = name.lower()
        if lowered not in ALLOWED_FUNCTIONS and lowered not in KEYWORDS:
            raise SqlForbidden(f"sql: 함수 '{name}'은(는) 쓸 수 없습니다. 쓸 수 있는 함수: {', '.join(sorted(ALLOWED_FUNCTIONS))}")
    if re.search(r"\b(pg_\w+|information_schema|sqlite_\w+)\b", unquoted, re.IGNORECASE):
        raise SqlForbidden("sql: 시스템 표는 읽을 수 없습니다.")
    return text


def referenced_resources(sql: str) -> list[str]:
    """Resource ids named as tables ("12"), in order of first use."""
    found: list[str] = []
    for match in _QUOTED.finditer(_without_strings(sql)):
        name = match.group(1)
        if name.isdigit() and name not in found:
            found.append(name)
    return found


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _with_tables(text: str, tables: list[Table]) -> str:
    ctes = ", ".join(
        f'{_quote(t.resource_id)} AS (SELECT "_id", '
        + ", ".join(f'"{c["name"]}" AS {_quote(c["id"])}' for c in t.columns)
        + f' FROM "{t.table}")' for t in tables)
    head = re.match(r"\s*with(\s+recursive)?\s", text, re.IGNORECASE)
    if head:
        keyword = "WITH RECURSIVE" if head.group(1) else "WITH"
        return f"{keyword} {ctes}, {text[head.end():]}"
    return f"WITH {ctes} {text}"


def _check_names(text: str, tables: list[Table]) -> None:
    """Every double-quoted name must be a resource, one of its fields, or an alias the statement
    defines. (SQLite would otherwise read an unknown "name" as a string and answer nonsense.)"""
    bare = _without_strings(text)
    known = {"_id"} | {t.resource_id for t in tables} | {c["id"] for t in tables for c in t.columns}
    known |= {m.group(1).replace('""', '"') for m in re.finditer(r'\bAS\s+"((?:[^"]|"")*)"', bare, re.IGNORECASE)}
    known |= {m.group(1).replace('""', '"') for m in re.finditer(r'"((?:[^"]|"")*)"\s+AS\s*\(', bare, re.IGNORECASE)}
    for match in _QUOTED.finditer(bare):
        name = match.group(1).replace('""', '"')
        if name not in known:
            raise SqlError(f"sql: '{name[:50]}' 필드나 자원이 없습니다. 필드 이름은 자원의 열 사전에 있는 그대로 적어 주세요.")


_CTE = re.compile(r'(?:\bWITH(?:\s+RECURSIVE)?|,)\s*("(?:[^"]|"")*"|\w+)\s+AS\s*\(', re.IGNORECASE)


def _cte_names(text: str) -> set[str]:
    return {name.strip('"').replace('""', '"') for name in _CTE.findall(_without_strings(text))}


def _field_type(values: list[Any]) -> str:
    sample = next((v for v in values if v is not None), None)
    if isinstance(sample, bool):
        return "bool"
    if isinstance(sample, int):
        return "int8"
    if isinstance(sample, float) or sample.__class__.__name__ == "Decimal":
        return "numeric"
    return "text"


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if value.__class__.__name__ == "Decimal":
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def run(sql: str, *, table_for: Callable[[str], Table | None], timeout_ms: int) -> SqlResult:
    """Run `sql` after the checks above. `table_for(resource id)` gives the published live table
    of a resource, or None (then SqlForbidden names it)."""
    text = _check_text(sql)
    ids = referenced_resources(text)
    if not ids:
        raise SqlError('sql: 읽을 자원을 "자원번호" 형식으로 적어 주세요. 예: SELECT * FROM "12"')
    tables = []
    for resource_id in ids:
        table = table_for(resource_id)
        if table is None:
            raise SqlForbidden(f"sql: 자원 {resource_id}은(는) 공개된 데이터 표가 아닙니다.")
        tables.append(table)
    _check_names(text, tables)
    final = _with_tables(text, tables)
    allowed = {t.table for t in tables}
    try:
        if connection.vendor == "postgresql":
            rows, names = _run_postgresql(final, allowed, timeout_ms)
        else:
            # SQLite reports reads of a (recursive) common table expression by its name; inside the
            # statement such a name can only mean the expression, never a table of ours.
            rows, names = _run_sqlite(final, allowed | _cte_names(text), timeout_ms)
    except SqlError:
        raise
    except Exception as exc:  # the database's own reason, e.g. a syntax error or the time limit
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        if "timeout" in message.lower() or "interrupt" in message.lower() or "cancel" in message.lower():
            raise SqlError(f"sql: 실행 시간 한도({timeout_ms:,}ms)를 넘겨 멈췄습니다.") from exc
        raise SqlError(f"sql: 실행하지 못했습니다: {message}") from exc
    truncated = len(rows) > MAX_ROWS
    rows = rows[:MAX_ROWS]
    fields = [{"id": name, "type": _field_type([row[i] for row in rows[:50]])} for i, name in enumerate(names)]
    records = [{name: _plain(value) for name, value in zip(names, row, strict=True)} for row in rows]
    return SqlResult(fields=fields, records=records, truncated=truncated, tables=tables)


def _run_sqlite(final: str, allowed: set[str], timeout_ms: int) -> tuple[list[tuple[Any, ...]], list[str]]:
    import sqlite3

    connection.ensure_connection()
    raw = connection.connection
    assert raw is not None

    def authorise(action: int, first: str | None, second: str | None, _db: str | None, _inner: str | None) -> int:
        if action == sqlite3.SQLITE_SELECT or action == sqlite3.SQLITE_RECURSIVE:
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_READ and first in allowed:
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_FUNCTION and (second or "").lower() in ALLOWED_FUNCTIONS | {"like", "glob"}:
            return sqlite3.SQLITE_OK
        return sqlite3.SQLITE_DENY

    deadline = time.monotonic() + timeout_ms / 1000
    raw.set_authorizer(authorise)
    raw.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 10_000)
    try:
        cursor = raw.execute(final)
        rows = cursor.fetchmany(MAX_ROWS + 1)
        names = [column[0] for column in cursor.description or []]
        cursor.close()
    except sqlite3.DatabaseError as exc:
        if "not authorized" in str(exc) or "prohibited" in str(exc):
            raise SqlForbidden("sql: 공개된 자원 표와 허용된 함수만 쓸 수 있습니다.") from exc
        raise
    finally:
        raw.set_authorizer(None)
        raw.set_progress_handler(None, 0)
    return rows, names


def _relations(plan: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(plan, dict):
        if "Relation Name" in plan:
            found.add(str(plan["Relation Name"]))
        if "Function Name" in plan:
            found.add("function:" + str(plan["Function Name"]))
        for value in plan.values():
            found |= _relations(value)
    elif isinstance(plan, list):
        for item in plan:
            found |= _relations(item)
    return found


def _run_postgresql(final: str, allowed: set[str], timeout_ms: int) -> tuple[list[tuple[Any, ...]], list[str]]:
    outermost = not connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        # Nothing stays: read-only when this is the transaction's first statement, and rolled back
        # (to the savepoint, inside an outer transaction) in every case.
        if outermost:
            cursor.execute("SET TRANSACTION READ ONLY")
        cursor.execute(f"SET LOCAL statement_timeout = {int(timeout_ms)}")
        cursor.execute("EXPLAIN (FORMAT JSON) " + final)
        plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        reached = _relations(plan) - allowed
        if reached:
            raise SqlForbidden("sql: 공개된 자원 표만 읽을 수 있습니다.")
        cursor.execute(final)
        rows = cursor.fetchmany(MAX_ROWS + 1)
        names = [column[0] for column in cursor.description or []]
        transaction.set_rollback(True)
    return rows, names
