"""상권분석 pages: the public page with filters, charts and tables, its downloads and its JSON API."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from opengu.core import charts
from opengu.core.exports import table_response
from opengu.opendata import commerce, map_views, permissions, selectors
from opengu.opendata.models import Resource


class FilterError(ValueError):
    def __init__(self, message: str, field_name: str) -> None:
        super().__init__(message)
        self.field_name = field_name


def _resource(request: HttpRequest, resource_id: int) -> tuple[Resource, Any]:
    """The resource and its live version, when the user may see its dataset and the table is LOCALDATA."""
    resource = selectors.resource_get(str(resource_id))
    if resource is None or not permissions.can_view_dataset(request.user, resource.dataset):
        raise Http404
    version = resource.live_version
    if version is None or not version.table_name or not commerce.is_localdata(version.columns):
        raise Http404(_("LOCALDATA 인허가 형식의 표가 아닙니다."))
    return resource, version


def _analyse(request: HttpRequest, version: Any) -> commerce.Figures:
    area = commerce.current_area()
    if area is None:
        raise Http404
    filters = commerce.Filters(dong=request.GET.get("dong", "").strip(), trade=request.GET.get("trade", "").strip())
    figures = commerce.analyse_version(version, area, filters=filters, as_of=timezone.localdate())
    if filters.dong and filters.dong not in figures.dong_options:
        raise FilterError(_("동: '%(value)s'은(는) 이 구의 행정동이 아닙니다.") % {"value": filters.dong[:30]}, "dong")
    if filters.trade and filters.trade not in figures.trade_options:
        raise FilterError(_("업태: '%(value)s'은(는) 이 자료에 없는 업태입니다.") % {"value": filters.trade[:30]}, "trade")
    return figures


def _percent(rate: float | None) -> str:
    return "" if rate is None else f"{rate * 100:.1f}"


OPENING_COLOUR = "#1f4e8c"
CLOSURE_COLOUR = "#b3261e"  # both reach 4.5:1 against white, and the bar's label says which it is


def _bars(chart_id: str, title: str, items: list[tuple[str, float, str]],
          colours: tuple[str, ...] = (OPENING_COLOUR,)) -> charts.BarChart:
    """A horizontal bar chart of (label, value, shown value), each label above its bar; bars take `colours` in
    turn and the largest value fills the chart."""
    top = max((value for _label, value, _shown in items), default=0) or 1
    rows = [charts.Row(label=label, value=value, shown=shown, colour=colours[i % len(colours)])
            for i, (label, value, shown) in enumerate(items)]
    desc = "; ".join(f"{label} {shown}" for label, _value, shown in items)
    return charts.bar_chart(chart_id, rows, maximum=top, title=title, desc=desc)


def _tables(figures: commerce.Figures) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """Each result table as (header, rows): the same rows on the page and in the downloads."""
    survival = [[f"{n}년", value["cohort"], value["survived"], _percent(value["rate"])]
                for n, value in figures.survival.items()]
    return {
        "years": ([_("연도"), _("개업"), _("폐업")],
                  [[row["year"], row["openings"], row["closures"]] for row in figures.years]),
        "survival": ([_("기간"), _("관찰 가능한 개업"), _("영업 유지"), _("생존율(%)")], survival),
        "cohorts": ([_("개업 연도"), _("개업"), *[_("%(n)s년 생존율(%%)") % {"n": n} for n in commerce.SURVIVAL_YEARS]],
                    [[c["year"], c["opened"], *[_percent(c["rates"][n]) for n in commerce.SURVIVAL_YEARS]]
                     for c in figures.cohorts]),
        "dongs": ([_("행정동"), _("영업 중"), _("전체"), _("면적(km²)"), _("밀도(개/km²)")],
                  [[row["dong"], row["open_now"], row["total"], "" if row["area_km2"] is None else row["area_km2"],
                    "" if row["density"] is None else round(row["density"], 1)] for row in figures.by_dong]),
        "trades": ([_("업태"), _("영업 중"), _("전체"), _("폐업")],
                   [[row["trade"], row["open_now"], row["total"], row["closed"]] for row in figures.by_trade]),
    }


TABLE_TITLES = {"years": "연도별 개업·폐업", "survival": "생존율", "cohorts": "개업 연도별 생존율",
                "dongs": "행정동별 영업 중 업소와 밀도", "trades": "업태별 업소"}


def commerce_page(request: HttpRequest, resource_id: int) -> HttpResponseBase:
    """GET: the figures for the filters; ?export=csv|xlsx&table=<name> downloads one table."""
    resource, version = _resource(request, resource_id)
    try:
        figures = _analyse(request, version)
    except FilterError as exc:
        return render(request, "opendata/commerce.html", {"resource": resource, "error": str(exc),
                                                          "error_field": exc.field_name}, status=400)
    tables = _tables(figures)
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        name = request.GET.get("table", "years")
        if name not in tables:
            raise Http404
        header, rows = tables[name]
        return table_response(export, f"commerce-{resource.pk}-{name}-{figures.as_of:%Y%m%d}.{export}",
                              [str(h) for h in header], rows)
    params = request.GET.copy()
    for key in ("export", "table"):
        params.pop(key, None)
    years_chart = _bars("years-chart", _("연도별 개업·폐업"), [item for row in figures.years[-15:] for item in (
        (f"{row['year']} {_('개업')}", row["openings"], str(row["openings"])),
        (f"{row['year']} {_('폐업')}", row["closures"], str(row["closures"])))],
        colours=(OPENING_COLOUR, CLOSURE_COLOUR))
    survival_chart = _bars("survival-chart", _("1·3·5년 생존율"), [(f"{n}{_('년 생존율')}", value["rate"] or 0, f"{_percent(value['rate']) or '-'}%")
                            for n, value in figures.survival.items()])
    dong_chart = _bars("dong-chart", _("행정동별 영업 중 업소 수"), [(row["dong"], row["open_now"], str(row["open_now"])) for row in figures.by_dong])
    located = (version.coordinates or {}).get("located", 0)
    commerce_map = None
    if located:
        commerce_map = {
            "points_url": reverse("opendata:commerce_points", args=[resource.pk]) + (f"?{params.urlencode()}" if params else ""),
            "id": "commerce-map", "label": _("업소 위치 지도"), "map": map_views.map_settings(),
            "summary": _("조건에 맞는 업소 가운데 위치가 있는 곳을 지도에 표시합니다(파랑: 영업 중, 빨강: 폐업). "
                         "같은 수치가 위 요약과 아래 행정동별 표에 있습니다."),
        }
    return render(request, "opendata/commerce.html", {
        "resource": resource, "dataset": resource.dataset, "version": version, "figures": figures,
        "commerce_map": commerce_map,
        "tables": [(name, _(TABLE_TITLES[name]), tables[name][0], tables[name][1]) for name in tables],
        "years_chart": years_chart, "survival_chart": survival_chart, "dong_chart": dong_chart,
        "query": params.urlencode(), "dong": request.GET.get("dong", ""), "trade": request.GET.get("trade", ""),
    })


def commerce_api(request: HttpRequest, resource_id: int) -> HttpResponse:
    """The same figures as JSON; 400 with {"error", "field"} for a filter that does not exist."""
    _resource_, version = _resource(request, resource_id)
    try:
        figures = _analyse(request, version)
    except FilterError as exc:
        return JsonResponse({"error": str(exc), "field": exc.field_name}, status=400,
                            json_dumps_params={"ensure_ascii": False})
    return JsonResponse(commerce.as_json(figures), json_dumps_params={"ensure_ascii": False})


def commerce_points(request: HttpRequest, resource_id: int) -> HttpResponse:
    """GeoJSON of the district's businesses matching the filters that have a position."""
    _resource_, version = _resource(request, resource_id)
    area = commerce.current_area()
    if area is None:
        raise Http404
    try:
        _analyse(request, version)  # the same filter checks (and messages) as the page
    except FilterError as exc:
        return JsonResponse({"error": str(exc), "field": exc.field_name}, status=400,
                            json_dumps_params={"ensure_ascii": False})
    filters = commerce.Filters(dong=request.GET.get("dong", "").strip(), trade=request.GET.get("trade", "").strip())
    found, total = commerce.located_businesses(version, area, filters=filters, limit=map_views.MAP_POINTS)
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [b.lon, b.lat]},
                 "properties": {"label": b.name, "dong": b.dong, "trade": b.trade, "closed": b.closed,
                                "dong_by_position": b.dong_by_position}} for b in found]
    return JsonResponse({"type": "FeatureCollection", "features": features, "total": total,
                         "truncated": total > len(features)}, json_dumps_params={"ensure_ascii": False})
