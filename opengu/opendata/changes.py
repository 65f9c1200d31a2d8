"""What changed between two versions of a resource: rows added, changed and removed.

Both versions' tables sit in the same database, so the comparison is SQL over them, never rows
held in Python. Rows are matched by a key column: the one staff chose for the resource, else one
detected (present in both, never blank, unique in both; names like 번호/코드/ID first). Without a
key, whole rows are compared (every common column, blanks equal to blanks): a row edited in place
then shows as one removed and one added, and exact duplicate rows count once.
Columns are matched by their field id; one whose type changed is compared as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from opengu.opendata import datastore

KINDS = ("added", "changed", "removed")
_KEY_LIKE = re.compile(r"(번호|코드|아이디|식별|id$|^id|key|code|no$)", re.IGNORECASE)


class ChangeError(ValueError):
    """A comparison that cannot be made; Korean message."""


@dataclass
class Comparison:
    old_table: str
    new_table: str
    old_columns: list[dict[str, Any]]
    new_columns: list[dict[str, Any]]
    key: str = ""  # field id, "" for whole-row comparison
    key_source: str = "row"  # "staff", "detected" or "row"
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    note: str = ""

    @property
    def common(self) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        new_by_id = {col["id"]: col for col in self.new_columns}
        return [(col, new_by_id[col["id"]]) for col in self.old_columns if col["id"] in new_by_id]


def _q(name: str) -> str:
    return f'"{name}"'


def _pair(alias_old: str, old: dict[str, Any], alias_new: str, new: dict[str, Any]) -> tuple[str, str]:
    left, right = f"{alias_old}.{_q(old['name'])}", f"{alias_new}.{_q(new['name'])}"
    if old["type"] != new["type"]:
        left, right = f"CAST({left} AS TEXT)", f"CAST({right} AS TEXT)"
    return left, right


def _distinct(left: str, right: str) -> str:
    return f"{left} IS DISTINCT FROM {right}" if connection.vendor == "postgresql" else f"{left} IS NOT {right}"


def _unique_in(table: str, column: dict[str, Any]) -> bool:
    name = _q(column["name"])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), COUNT({name}), COUNT(DISTINCT {name}) FROM {_q(table)}")
        total, filled, distinct = cursor.fetchone()
    return bool(total) and total == filled == distinct


def _detect_key(comparison: Comparison) -> str:
    pairs = comparison.common
    pairs.sort(key=lambda pair: 0 if _KEY_LIKE.search(pair[0]["id"]) else 1)
    for old, new in pairs:
        if _unique_in(comparison.old_table, old) and _unique_in(comparison.new_table, new):
            return str(old["id"])
    return ""


def compare(old_table: str, old_columns: list[dict[str, Any]], new_table: str, new_columns: list[dict[str, Any]],
            key: str = "") -> Comparison:
    """Counts of rows added, changed and removed from the old table to the new one, by `key`
    (the staff's choice) when it fits, else a detected key, else whole rows."""
    for table in (old_table, new_table):
        if not datastore.table_exists(table):
            raise ChangeError("비교할 판의 표가 없습니다(보관 기간이 지나 지웠을 수 있습니다).")
    comparison = Comparison(old_table=old_table, new_table=new_table, old_columns=old_columns,
                            new_columns=new_columns)
    old_ids, new_ids = {c["id"] for c in old_columns}, {c["id"] for c in new_columns}
    comparison.columns_added = [c["id"] for c in new_columns if c["id"] not in old_ids]
    comparison.columns_removed = [c["id"] for c in old_columns if c["id"] not in new_ids]
    if not comparison.common:
        raise ChangeError("두 판에 같은 이름의 열이 하나도 없어 비교할 수 없습니다.")
    if key:
        pair = next((p for p in comparison.common if p[0]["id"] == key), None)
        if pair is None:
            comparison.note = f"지정한 키 열 '{key}'이(가) 두 판 모두에 있지 않아 "
        elif not (_unique_in(old_table, pair[0]) and _unique_in(new_table, pair[1])):
            comparison.note = f"지정한 키 열 '{key}'에 비었거나 겹치는 값이 있어 "
        else:
            comparison.key, comparison.key_source = key, "staff"
    if not comparison.key:
        detected = _detect_key(comparison)
        if detected:
            comparison.key, comparison.key_source = detected, "detected"
            comparison.note += f"키 열 '{detected}'(으)로 맞춰 보았습니다." if comparison.note else ""
        else:
            comparison.note += "행 전체를 비교했습니다." if comparison.note else ""
    for kind in KINDS:
        if kind == "changed" and not comparison.key:
            comparison.counts[kind] = 0
            continue
        sql, params = _select(comparison, kind)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS found", params)
            comparison.counts[kind] = int(cursor.fetchone()[0])
    return comparison


def _select(comparison: Comparison, kind: str) -> tuple[str, list[Any]]:
    old, new = _q(comparison.old_table), _q(comparison.new_table)
    common = comparison.common
    if not comparison.key:
        old_cols = ", ".join(_pair("o", a, "n", b)[0] for a, b in common)
        new_cols = ", ".join(_pair("o", a, "n", b)[1] for a, b in common)
        if kind == "added":
            return f"SELECT {new_cols} FROM {new} n EXCEPT SELECT {old_cols} FROM {old} o", []
        return f"SELECT {old_cols} FROM {old} o EXCEPT SELECT {new_cols} FROM {new} n", []
    key_old, key_new = next((a, b) for a, b in common if a["id"] == comparison.key)
    left, right = _pair("o", key_old, "n", key_new)
    if kind == "added":
        columns = ", ".join(f"n.{_q(c['name'])}" for c in comparison.new_columns)
        return f"SELECT n._id, {columns} FROM {new} n WHERE NOT EXISTS (SELECT 1 FROM {old} o WHERE {left} = {right})", []
    if kind == "removed":
        columns = ", ".join(f"o.{_q(c['name'])}" for c in comparison.old_columns)
        return f"SELECT o._id, {columns} FROM {old} o WHERE NOT EXISTS (SELECT 1 FROM {new} n WHERE {left} = {right})", []
    others = [(a, b) for a, b in common if a["id"] != comparison.key]
    if not others:
        return f"SELECT n._id FROM {new} n JOIN {old} o ON {left} = {right} WHERE 1 = 0", []
    differs = " OR ".join(_distinct(*_pair("o", a, "n", b)) for a, b in others)
    columns = ", ".join(f"o.{_q(a['name'])}, n.{_q(b['name'])}" for a, b in others)
    return f"SELECT n._id, {columns} FROM {new} n JOIN {old} o ON {left} = {right} WHERE {differs}", []


def rows(comparison: Comparison, kind: str, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """One page of the rows of `kind`: added and removed rows whole (with their `_id` when keyed);
    changed rows as the new `_id`, the key and each changed field's `[before, after]`."""
    if kind not in KINDS:
        raise ChangeError("종류는 added, changed, removed 가운데 하나입니다.")
    if kind == "changed" and not comparison.key:
        return []
    sql, params = _select(comparison, kind)
    order = "1" if not comparison.key else "_id"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM ({sql}) AS found ORDER BY {order} LIMIT %s OFFSET %s", [*params, limit, offset])
        found = cursor.fetchall()
    common = comparison.common
    result: list[dict[str, Any]] = []
    if not comparison.key:
        for row in found:
            source = [b for _a, b in common] if kind == "added" else [a for a, _b in common]
            result.append({col["id"]: _text(col, value, row_type_changed(common, col)) for col, value
                           in zip(source, row, strict=True)})
        return result
    if kind in {"added", "removed"}:
        source = comparison.new_columns if kind == "added" else comparison.old_columns
        for row in found:
            record: dict[str, Any] = {"_id": row[0]}
            record.update({col["id"]: datastore.from_db(col, value) for col, value in zip(source, row[1:], strict=True)})
            result.append(record)
        return result
    others = [(a, b) for a, b in common if a["id"] != comparison.key]
    for row in found:
        record = {"_id": row[0], "changes": {}}
        for index, (a, b) in enumerate(others):
            before = datastore.from_db(a, row[1 + 2 * index])
            after = datastore.from_db(b, row[2 + 2 * index])
            if before != after:
                record["changes"][a["id"]] = [before, after]
        result.append(record)
    _attach_keys(comparison, result)
    return result


def row_type_changed(common: list[tuple[dict[str, Any], dict[str, Any]]], column: dict[str, Any]) -> bool:
    return any((a is column or b is column) and a["type"] != b["type"] for a, b in common)


def _text(column: dict[str, Any], value: Any, as_text: bool) -> Any:
    return value if as_text else datastore.from_db(column, value)


def _attach_keys(comparison: Comparison, records: list[dict[str, Any]]) -> None:
    if not records:
        return
    key_column = next(c for c in comparison.new_columns if c["id"] == comparison.key)
    ids = [record["_id"] for record in records]
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "_id", {_q(key_column["name"])} FROM {_q(comparison.new_table)} '
                       f'WHERE "_id" IN ({", ".join(["%s"] * len(ids))})', ids)
        keys = dict(cursor.fetchall())
    for record in records:
        record["key"] = datastore.from_db(key_column, keys.get(record["_id"]))
