"""정보공개 모니터링 page: the ranking, a bar chart drawn on the server, xlsx/CSV and a printable report."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from opengu.core.exports import workbook_response
from opengu.disclosure import monitoring, panel, permissions
from opengu.disclosure.exports import csv_response
from opengu.disclosure.models import ARTICLE_9_ITEMS

# The chart is drawn narrow, each department's name above its bar, so that it stays legible when a phone scales it
# down and no name or value is cut off: a bar spans the width left after the room its value text needs.
ROW_HEIGHT = 44
CHART_WIDTH = 360
FONT_SIZE = 14
VALUE_GAP = 6
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
                errors.append((name, _("%(f)s을(를) YYYY-MM-DD 형식으로 입력해 주세요.") % {"f": labels[name]}))
    if not errors and values["start"] > values["end"]:
        errors.append(("end", _("종료일은 시작일과 같거나 뒤여야 합니다.")))
    return values["start"], values["end"], errors


def text_width(text: str, size: int = FONT_SIZE) -> float:
    """A generous estimate of the drawn width: Hangul and other wide characters one em, the rest 0.6 em."""
    return sum(size if unicodedata.east_asian_width(char) in "WF" else 0.6 * size for char in text)


def value_text(f: monitoring.DepartmentFigures) -> str:
    return f"{f.score} {f.grade}"


def _bars(figures: list[monitoring.DepartmentFigures]) -> list[dict[str, Any]]:
    """Geometry of one bar per ranked department: its name on one line, under it the bar (score 0–100 scaled to
    the width left after the widest value text) and the value at the bar's end."""
    ranked = [f for f in figures if f.rank is not None]
    span = CHART_WIDTH - VALUE_GAP - max((text_width(value_text(f)) for f in ranked), default=0.0)
    bars = []
    for i, f in enumerate(ranked):
        width = round(span * (f.score or 0) / 100, 1)
        label = f"{f.rank}. {f.department}"
        # A name too long for the chart is drawn narrower rather than cut off.
        fit = CHART_WIDTH if text_width(label) > CHART_WIDTH else None
        bars.append({"f": f, "label": label, "label_fit": fit, "label_y": i * ROW_HEIGHT + 16,
                     "bar_y": i * ROW_HEIGHT + 22, "width": width, "value": value_text(f),
                     "value_x": round(width + VALUE_GAP, 1), "value_y": i * ROW_HEIGHT + 35, "css": GRADE_CLASS[f.grade]})
    return bars


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
    bars = _bars(figures)
    context = {
        "start": start, "end": end, "errors": errors, "error_fields": {name for name, _message in errors},
        "figures": figures, "bars": bars, "chart_height": max(len(bars), 1) * ROW_HEIGHT,
        "chart_width": CHART_WIDTH, "unranked": [f for f in figures if f.rank is None], "weights": monitoring.WEIGHTS,
        "excellent_from": monitoring.EXCELLENT_FROM, "poor_below": monitoring.POOR_BELOW,
        "articles": ARTICLE_9_ITEMS, "filters": f"start={start.isoformat()}&end={end.isoformat()}",
        "printable": export == "print", "panel_results": panel_results, "panel_chart_width": panel.CHART_WIDTH,
    }
    template = "disclosure/monitoring_print.html" if export == "print" else "disclosure/monitoring.html"
    return render(request, template, context, status=400 if errors else 200)
