"""Maps of a resource's rows: the GeoJSON of positioned rows, filtered by a bounding box."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opengu.lib import coordinates
from opengu.opendata import datastore, permissions, selectors, services

MAP_POINTS = 5000  # points sent to a map at most; the summary says when there are more
LABEL_COLUMNS = ("사업장명", "시설명", "명칭", "이름", "상호")


def map_settings() -> dict[str, str]:
    lat, lon = settings.OPENGU_MAP_CENTER
    return {"center": f"{lat},{lon}", "tiles": settings.OPENGU_MAP_TILES,
            "attribution": settings.OPENGU_MAP_ATTRIBUTION}


def label_column(columns: list[dict[str, Any]]) -> str | None:
    """The column that names a row on the map: 사업장명, 시설명 … else the first text column."""
    ids = [c["id"] for c in columns if not c.get("derived")]
    for name in LABEL_COLUMNS:
        if name in ids:
            return name
    return next((c["id"] for c in columns if c["type"] == "text" and not c.get("derived")), None)


def resource_map(dataset_slug: str, resource_id: int, version: Any) -> dict[str, Any] | None:
    """What the dataset page needs to draw a map of a version, or None when no row has a position."""
    located = (version.coordinates or {}).get("located", 0) if version is not None else 0
    if not located:
        return None
    record = version.coordinates
    summary = _("%(located)s개 행의 위치(%(system)s, 열 %(x)s·%(y)s)를 지도에 표시합니다. "
                "같은 자료가 아래 미리 보기 표와 CSV에 있습니다.") % {
        "located": f"{located:,}", "system": record["system"], "x": record["x"], "y": record["y"]}
    if located > MAP_POINTS:
        summary += " " + _("지도에는 처음 %(n)s개만 표시합니다.") % {"n": f"{MAP_POINTS:,}"}
    return {"points_url": reverse("opendata:points", args=[dataset_slug, resource_id]), "summary": summary,
            "id": f"map-{resource_id}", "label": _("위치 지도"), "map": map_settings()}


def bounding_box(text: str) -> dict[str, dict[str, float]]:
    """`bbox=서경,남위,동경,북위` (GeoJSON order) as datastore range filters; ValueError in Korean."""
    if not text:
        lat_min, lat_max, lon_min, lon_max = coordinates.KOREA
        return {"_lat": {"gte": lat_min, "lte": lat_max}, "_lon": {"gte": lon_min, "lte": lon_max}}
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError:
        raise ValueError(_("bbox는 '서쪽 경도,남쪽 위도,동쪽 경도,북쪽 위도' 네 숫자입니다.")) from None
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise ValueError(_("bbox의 범위가 맞지 않습니다(서 ≤ 동, 남 ≤ 북)."))
    return {"_lat": {"gte": south, "lte": north}, "_lon": {"gte": west, "lte": east}}


def feature_collection(version: Any, box: dict[str, dict[str, float]], *, limit: int = MAP_POINTS) -> dict[str, Any]:
    label = label_column(version.columns)
    fields = [name for name in (label, "_lat", "_lon") if name]
    result = datastore.search(version.table_name, version.columns,
                              datastore.Query(filters=box, fields=fields, limit=limit, include_total=True))
    features = [{"type": "Feature", "id": record["_id"],
                 "geometry": {"type": "Point", "coordinates": [record["_lon"], record["_lat"]]},
                 "properties": {"_id": record["_id"], "label": record.get(label) if label else None}}
                for record in result.records]
    return {"type": "FeatureCollection", "features": features, "total": result.total,
            "truncated": bool(result.total and result.total > len(features))}


def points(request: HttpRequest, slug: str, resource_id: int) -> JsonResponse:
    """GeoJSON of a resource's positioned rows (WGS84), at most MAP_POINTS; ?bbox= filters."""
    dataset = selectors.dataset_get(slug)
    if dataset is None or not permissions.can_view_dataset(request.user, dataset):
        raise Http404
    resource = next((r for r in dataset.resources.all() if r.pk == resource_id), None)
    version = resource.live_version if resource else None
    if version is None or not version.table_name or not (version.coordinates or {}).get("located"):
        raise Http404
    try:
        box = bounding_box(request.GET.get("bbox", "").strip())
    except ValueError as exc:
        return JsonResponse({"error": str(exc), "field": "bbox"}, status=400, json_dumps_params={"ensure_ascii": False})
    return JsonResponse(feature_collection(version, box), json_dumps_params={"ensure_ascii": False})


@login_required
@require_POST
def coordinate_system(request: HttpRequest, slug: str, resource_id: int) -> HttpResponse:
    """Staff set the coordinate system of a resource's x/y columns ("" = detect)."""
    dataset = selectors.dataset_get(slug)
    if dataset is None or not permissions.can_view_dataset(request.user, dataset):
        raise Http404
    if not permissions.can_change_dataset(request.user, dataset):
        raise PermissionDenied
    resource = next((r for r in dataset.resources.all() if r.pk == resource_id), None)
    if resource is None:
        raise Http404
    try:
        services.resource_coordinate_system_set(actor=request.user, resource=resource,  # type: ignore[arg-type]
                                                system=request.POST.get("system", "").strip())
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("좌표계를 저장하고 위치를 다시 계산했습니다."))
    return redirect("opendata:dataset", dataset.slug)
