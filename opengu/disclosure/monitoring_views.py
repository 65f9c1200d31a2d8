"""정보공개 모니터링 page: the ranking, a bar chart drawn on the server, xlsx/CSV and a printable report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from opengu.core import charts
from opengu.core.exports import workbook_response
from opengu.disclosure import monitoring, panel, permissions
from opengu.disclosure.exports import csv_response
from opengu.disclosure.models import ARTICLE_9_ITEMS
from opengu.lib.korean import with_eul

# Bar colours by grade; the chart itself is core.charts' (each name above its bar, legible at 360 px).
GRADE_COLOUR = {"excellent": "#1b5e20", "poor": "#b3261e"}
GRADE_CLASS = {"우수": "excellent", "보통": "fair", "부진": "poor", "해당 없음": "none"}


def _period(get: Any) -> tuple[dt.date, dt.date, list[tuple[str, str]]]:
    """(start, end, errors): this year to today unless the query says otherwise."""
    today = timezone.localdate()
    values = {"start": dt.date(today.year, 1, 1), "end": today}
    errors: list[tuple[str, str]] = []
    labels = {"start": _("시작일"), "end": _("종료일")}
    for name in ("start", "end"):
        raw = (get.get(name) or "").strip()
        if raw:
            try:
                values[name] = dt.date.fromisoformat(raw)
            except ValueError:
                korean = (get_language() or "ko").startswith("ko")
                label = with_eul(labels[name]) if korean else labels[name]
                errors.append((name, _("%(label)s YYYY-MM-DD 형식으로 입력해 주세요.") % {"label": label}))
    if not errors and values["start"] > values["end"]:
        errors.append(("end", _("종료일은 시작일과 같거나 뒤여야 합니다.")))
    return values["start"], values["end"], errors


def value_text(f: monitoring.DepartmentFigures) -> str:
    return f"{f.score} {f.grade_label}"


def _chart(figures: list[monitoring.DepartmentFigures]) -> charts.BarChart:
    """One bar per ranked department: score 0–100, coloured by grade."""
    ranked = [f for f in figures if f.rank is not None]
    rows = [charts.Row(label=f"{f.rank}. {f.department}", value=f.score, shown=value_text(f),
                       colour=GRADE_COLOUR.get(GRADE_CLASS[f.grade], "#5c6670"), css=GRADE_CLASS[f.grade])
            for f in ranked]
    desc = "; ".join(f"{f.rank}. {f.department} {f.score}{_('점')} {f.grade_label}" for f in ranked)
    return charts.bar_chart("chart", rows, maximum=100, title=_("부서별 정보공개 점수(100점 만점)"), desc=desc)


@login_required
def monitoring_report(request: HttpRequest) -> HttpResponseBase:
    if not permissions.can_view_monitoring(request.user):
        raise PermissionDenied
    start, end, errors = _period(request.GET)
    figures = [] if errors else monitoring.department_figures(start=start, end=end)
    panel_results = [] if errors else panel.rounds_in_period(start=start, end=end)
    export = request.GET.get("format")
    if export in ("csv", "xlsx", "panel-csv") and not errors:
        name = f"disclosure-monitoring-{start:%Y%m%d}-{end:%Y%m%d}"
        rows = [monitoring.export_row(f) for f in figures]
        if export == "xlsx":
            return workbook_response(name, [(_("부서별 평가"), monitoring.EXPORT_HEADER, rows),
                                    (_("모니터단 설문"), panel.EXPORT_HEADER, panel.export_rows(panel_results))])
        if export == "panel-csv":
            return csv_response(f"{name}-panel", panel.EXPORT_HEADER, panel.export_rows(panel_results))
        return csv_response(name, monitoring.EXPORT_HEADER, rows)
    context = {
        "start": start, "end": end, "errors": errors, "error_fields": {name for name, _message in errors},
        "figures": figures, "chart": _chart(figures), "unranked": [f for f in figures if f.rank is None], "weights": monitoring.WEIGHTS,
        "excellent_from": monitoring.EXCELLENT_FROM, "poor_below": monitoring.POOR_BELOW,
        "articles": ARTICLE_9_ITEMS, "filters": f"start={start.isoformat()}&end={end.isoformat()}",
        "printable": export == "print", "panel_results": panel_results,
    }
    template = "disclosure/monitoring_print.html" if export == "print" else "disclosure/monitoring.html"
    return render(request, template, context, status=400 if errors else 200)
