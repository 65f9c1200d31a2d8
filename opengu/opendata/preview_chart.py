"""The chart on a dataset page: each resource's figures as the site's bar chart.

A short table whose rows each have their own name (a value per 동, per month) is drawn a bar a
row, with its first number column; any other table as rows counted (or a number column summed)
by the values of a column with few of them (업태, 행정동), the largest twelve. Readers choose
the column to group by and the figure from the columns the table has. A version's table never
changes after its load, so each chart is computed once per process and version and kept.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.utils.translation import gettext as _

from opengu.core import charts
from opengu.opendata import datastore

PER_ROW_LIMIT = 60  # a table this short is drawn a bar a row when its names are all different
PER_ROW_SHOWN = 24  # of a longer one, its last rows (a monthly series: the latest two years)
# Numbers that are not figures (serial numbers, codes, positions) and names that are codes.
NOT_FIGURES = ("연번", "번호", "순번", "코드", "위도", "경도", "좌표", "_lat", "_lon")
CODE_NAMES = ("코드", "번호", "아이디", "ID", "id")
PERIODS = {"연도", "년도", "년", "월", "일", "연월", "기준월", "기준연도", "기준년도", "기준년월", "분기"}
TOP = 12  # groups drawn
MAX_GROUPS = 60  # a column with more different values than this is no grouping for a chart
SAMPLE_ROWS = 50_000  # columns are judged on the first rows of a big table
COUNT = "_count"
CACHE_SECONDS = 24 * 60 * 60


@dataclass
class ResourceChart:
    chart: charts.BarChart | None
    rows: list[tuple[str, str]] = field(default_factory=list)  # (name, figure as shown) for the table beside it
    by: str = ""
    value: str = COUNT
    by_choices: list[tuple[str, str]] = field(default_factory=list)  # (column id, label)
    value_choices: list[tuple[str, str]] = field(default_factory=list)
    caption: str = ""


def _label(column: dict[str, Any]) -> str:
    return str(column.get("label") or column["id"])


def yes_no(value: bool) -> str:
    """True and false in words of the page's language (the preview table says them the same way)."""
    return _("예") if value else _("아니요")


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float):
        return f"{value:,.1f}" if value != int(value) else f"{int(value):,}"
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value)


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float | Decimal) else 0.0


def resource_chart(version: Any, *, by: str = "", value: str = "") -> ResourceChart | None:
    """The chart of a loaded version (None when the table has nothing to draw)."""
    if version is None or not version.table_name or not version.row_count:
        return None
    columns = [c for c in version.columns if not c.get("derived")]
    numbers = [c for c in columns if c["type"] in {"integer", "decimal"}
               and not any(part in str(c["id"]) for part in NOT_FIGURES) and str(c["id"]).strip() not in PERIODS]
    ids = {c["id"] for c in columns}
    by, value = (by if by in ids else ""), (value if value in ids else "")  # a bounded set of cache keys
    parts = f"{version.table_name}|{version.row_count}|{version.loaded_at}|{by}|{value}"
    key = "opendata-chart:" + hashlib.sha1(parts.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = _compute(version, columns, numbers, by=by, value=value) or False
        cache.set(key, found, CACHE_SECONDS)
    return found or None


def _distinct(table: str, column: dict[str, Any], row_count: int) -> int:
    sample = f' WHERE "_id" <= {SAMPLE_ROWS}' if row_count > SAMPLE_ROWS else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM (SELECT DISTINCT {datastore._q(column['name'])} FROM "
                       f"{datastore._q(table)}{sample}) AS d")
        return int(cursor.fetchone()[0])


def _grouped(table: str, by: dict[str, Any], value: dict[str, Any] | None) -> list[tuple[str, float, str]]:
    """(name, figure, figure as shown) of the largest TOP groups: rows counted, or `value` summed."""
    aggregate = f"SUM({datastore._q(value['name'])})" if value else "COUNT(*)"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {datastore._q(by['name'])}, {aggregate} AS figure FROM {datastore._q(table)} "
                       f"GROUP BY {datastore._q(by['name'])} ORDER BY figure DESC, 1 LIMIT %s", [TOP])
        return [(_shown(name) or _("(빈 값)"), _number(amount), _shown(amount)) for name, amount in cursor.fetchall()]


def _compute(version: Any, columns: list[dict[str, Any]], numbers: list[dict[str, Any]], *, by: str,
             value: str) -> ResourceChart | None:
    table, row_count = version.table_name, version.row_count
    candidates = sorted((c for c in columns if c["type"] in {"text", "date", "boolean"}),
                        key=lambda c: any(part in str(c["id"]) for part in CODE_NAMES))  # codes last
    distinct = {c["id"]: _distinct(table, c, row_count) for c in candidates}
    by_id = {c["id"]: c for c in columns}
    value_column = by_id.get(value) if value in {c["id"] for c in numbers} else None
    per_row = [c for c in candidates if distinct[c["id"]] == row_count] if row_count <= PER_ROW_LIMIT else []
    groups = [c for c in candidates if 1 < distinct[c["id"]] <= MAX_GROUPS and distinct[c["id"]] < row_count]
    chosen = by_id.get(by) if by in {c["id"] for c in per_row + groups} else None
    if chosen is None:
        if per_row and numbers:
            chosen = per_row[0]
        elif groups:
            chosen = groups[0]
        else:
            return None
    if chosen in per_row:
        value_column = value_column or (numbers[0] if numbers else None)
        if value_column is None:
            return None
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {datastore._q(chosen['name'])}, {datastore._q(value_column['name'])} FROM "
                           f'{datastore._q(table)} ORDER BY "_id" DESC LIMIT %s', [PER_ROW_SHOWN])
            figures = [(_shown(name), _number(amount), _shown(amount)) for name, amount in cursor.fetchall()][::-1]
        title = _("%(value)s: %(by)s별") % {"value": _label(value_column), "by": _label(chosen)}
        if row_count > PER_ROW_SHOWN:
            title += " " + _("(마지막 %(n)s행)") % {"n": PER_ROW_SHOWN}
    else:
        figures = _grouped(table, chosen, value_column)
        if value_column is None and not value and numbers and len({amount for _n, amount, _s in figures}) == 1:
            # Every group has as many rows (a table of 동 × 연도): the first figure summed says more.
            value_column = numbers[0]
            figures = _grouped(table, chosen, value_column)
        title = (_("%(by)s별 %(value)s 합계") % {"by": _label(chosen), "value": _label(value_column)} if value_column
                 else _("%(by)s별 행 수") % {"by": _label(chosen)})
        if distinct[chosen["id"]] > TOP:
            title += " " + _("(상위 %(n)s개)") % {"n": TOP}
    if not figures:
        return None
    top = max((amount for _name, amount, _shown_value in figures), default=0) or 1
    rows = [charts.Row(label=name, value=max(amount, 0), shown=shown) for name, amount, shown in figures]
    chart = charts.bar_chart(f"chart-{version.pk}", rows, maximum=top, title=title,
                             desc="; ".join(f"{name} {shown}" for name, _amount, shown in figures))
    return ResourceChart(
        chart=chart, rows=[(name, shown) for name, _amount, shown in figures], by=chosen["id"],
        value=value_column["id"] if value_column else COUNT, caption=title,
        by_choices=[(c["id"], _label(c)) for c in per_row + [g for g in groups if g not in per_row]],
        value_choices=[(COUNT, _("행 수")), *[(c["id"], _label(c)) for c in numbers]],
    )
