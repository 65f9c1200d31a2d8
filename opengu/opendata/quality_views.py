"""The per-department quality dashboard for staff: charts, the table and its CSV/xlsx export."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from opengu.core import charts
from opengu.core import permissions as core_permissions
from opengu.core.exports import table_response
from opengu.opendata import permissions, quality, selectors

# Grade colours, dark enough for white text and told apart by the legend and the table too.
GRADE_COLOURS = {"A": "#1b5e20", "B": "#1f4e8c", "C": "#8a5a00", "D": "#b3261e", quality.NOT_LOADED: "#5f6368"}


def _header() -> list[str]:
    return [_("부서"), _("데이터셋"), _("공개"), "A", "B", "C", "D", _("미적재"), _("A·B 비율(%)"),
            _("갱신 기한 지남"), _("개인정보 검토 대기")]


def _row(row: quality.DepartmentQuality) -> list[Any]:
    share = row.good_share
    return [row.name, row.datasets, row.published, *[row.grades[g] for g in quality.GRADES],
            row.grades[quality.NOT_LOADED], "" if share is None else round(share * 100, 1), row.overdue,
            row.pending_decisions]


def _stacked(rows: list[quality.DepartmentQuality]) -> charts.BarChart:
    """One stacked bar per department: datasets by grade."""
    top = max((row.datasets for row in rows), default=0) or 1
    bars, descs = [], []
    for row in rows:
        parts = tuple(charts.Part(value=row.grades[grade], colour=GRADE_COLOURS[grade], title=f"{grade} {row.grades[grade]}")
                      for grade in (*quality.GRADES, quality.NOT_LOADED) if row.grades[grade])
        bars.append(charts.Row(label=row.name, value=row.datasets, shown=str(row.datasets), parts=parts))
        descs.append(f"{row.name}: {row.datasets} ({', '.join(p.title for p in parts)})")
    return charts.bar_chart("grades", bars, maximum=top, title=_("부서별 데이터셋 수와 품질 등급"), desc="; ".join(descs))


def _pairs(rows: list[quality.DepartmentQuality]) -> charts.BarChart:
    """Geometry of two bars per department: overdue datasets and pending decisions."""
    from opengu.opendata.commerce_views import CLOSURE_COLOUR, OPENING_COLOUR, _bars

    items: list[tuple[str, float, str]] = [item for row in rows for item in (
        (f"{row.name} {_('기한 지남')}", float(row.overdue), str(row.overdue)),
        (f"{row.name} {_('검토 대기')}", float(row.pending_decisions), str(row.pending_decisions)))]
    return _bars("work-chart", _("부서별 갱신 기한 지남과 개인정보 검토 대기"), items, colours=(CLOSURE_COLOUR, OPENING_COLOUR))


@login_required
def quality_dashboard(request: HttpRequest) -> HttpResponseBase:
    if not permissions.can_use_opendata_workspace(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    rows = quality.by_department(selectors.quality_datasets(), today=today)
    total = quality.totals(rows)
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        return table_response(export, f"opendata-quality-{today:%Y%m%d}.{export}", _header(),
                              [_row(row) for row in (*rows, total)])
    own = core_permissions.user_department_id(request.user)
    return render(request, "opendata/quality_dashboard.html", {
        "header": _header(), "rows": [(row.department_id == own, _row(row)) for row in rows], "total": _row(total),
        "grades_chart": _stacked(rows), "work_chart": _pairs(rows), "today": today,
        "legend": [(grade, colour) for grade, colour in GRADE_COLOURS.items()],
    })
