"""Row exports of a resource (CSV, JSON, XML, XLSX) with the query's filters, as of any kept version,
and the change feed between two kept versions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from opengu.core import charts
from opengu.core.exports import XLSX_MAX_ROWS
from opengu.opendata import caching, changes, datastore, exports, permissions, selectors, services
from opengu.opendata.models import Dataset, Resource, ResourceVersion


def visible_resource(request: HttpRequest, slug: str, resource_id: int) -> tuple[Dataset, Resource]:
    dataset = selectors.dataset_get(slug)
    if dataset is None or not permissions.can_view_dataset(request.user, dataset):
        raise Http404
    resource = next((r for r in dataset.resources.all() if r.pk == resource_id), None)
    if resource is None:
        raise Http404
    return dataset, resource


class VersionGone(ValueError):
    pass


def chosen_version(resource: Resource, number: str | None) -> ResourceVersion | None:
    """The live version, or version `number` when asked ("as of"); VersionGone (Korean) when that
    version's table is no longer kept or never loaded."""
    if not number:
        return resource.live_version
    if not number.strip().isdigit():
        raise VersionGone(_("판 번호는 숫자입니다: '%(value)s'") % {"value": number[:20]})
    version = selectors.version_by_number(resource, int(number))
    if version is None:
        raise VersionGone(_("%(number)s판이 없습니다.") % {"number": number})
    if not version.table_name or not datastore.table_exists(version.table_name):
        raise VersionGone(_("%(number)s판의 표는 보관 기간이 지나 지웠거나 적재되지 않았습니다.") % {"number": number})
    return version


def _refuse(request: HttpRequest, dataset: Dataset, message: str, status: int = 400) -> HttpResponseBase:
    return render(request, "opendata/row_export_error.html", {"dataset": dataset, "message": message},
                  status=status)


def export(request: HttpRequest, slug: str, resource_id: int, fmt: str) -> HttpResponseBase:
    """`/data/<slug>/resources/<id>/export.<csv|json|xml|xlsx>?filters=&q=&fields=&sort=&distinct=
    &encoding=cp949&version=N`: every matching row, streamed."""
    dataset, resource = visible_resource(request, slug, resource_id)
    if fmt not in exports.FORMATS:
        raise Http404
    try:
        version = chosen_version(resource, request.GET.get("version"))
    except VersionGone as exc:
        return _refuse(request, dataset, str(exc), status=404)
    if version is None or not version.table_name:
        raise Http404
    etag = caching.etag_for("export", version.pk, fmt, caching.request_fingerprint(request))
    unchanged = caching.not_modified(request, etag=etag, last_modified=version.loaded_at)
    if unchanged is not None:
        return unchanged
    try:
        query = exports.query_from_params(request.GET)
        columns, _rows = datastore.iterate(version.table_name, version.columns, query)
        row_count = None
        if fmt == "xlsx":
            row_count = datastore.count_capped(version.table_name, version.columns, query, XLSX_MAX_ROWS)
        response = exports.rows_response(
            fmt=fmt, filename=f"{dataset.slug}-{resource.pk}-v{version.number}", columns=columns,
            rows=lambda: datastore.iterate(version.table_name, version.columns, query)[1],
            meta={"dataset": dataset.slug, "resource_id": str(resource.pk), "version": version.number},
            encoding=request.GET.get("encoding", "utf-8"), row_count=row_count,
        )
    except (datastore.QueryError, exports.ExportError) as exc:
        return _refuse(request, dataset, str(exc))
    return caching.stamp(response, etag=etag, last_modified=version.loaded_at)


# Change feed: rows added, changed and removed between two kept versions.

CHANGE_PAGE_ROWS = 50


def _kept_versions(resource: Resource) -> list[ResourceVersion]:
    return [v for v in selectors.versions_of(resource) if v.table_name]


def _comparison(request: HttpRequest, resource: Resource) -> tuple[ResourceVersion, ResourceVersion,
                                                                   changes.Comparison]:
    """The two versions asked (`from`, `to`; by default the previous kept one and the live one)
    and their comparison; VersionGone or changes.ChangeError (Korean) when that cannot be."""
    kept = _kept_versions(resource)
    new = chosen_version(resource, request.GET.get("to"))
    if new is None:
        raise VersionGone(_("아직 게시된 판이 없습니다."))
    if request.GET.get("from"):
        old = chosen_version(resource, request.GET.get("from"))
    else:
        old = next((v for v in kept if v.number < new.number), None)
    if old is None:
        raise VersionGone(_("비교할 이전 판이 없습니다. 새 판을 올리면 무엇이 바뀌었는지 보여 드립니다."))
    if old.number >= new.number:
        raise VersionGone(_("'from' 판(%(old)s)이 'to' 판(%(new)s)보다 앞서야 합니다.") % {"old": old.number,
                                                                               "new": new.number})
    assert old is not None
    comparison = changes.compare(old.table_name, old.columns, new.table_name, new.columns, key=resource.key_column)
    return old, new, comparison


def changes_api(request: HttpRequest, slug: str, resource_id: int) -> HttpResponseBase:
    """`changes.json?from=&to=&kind=added|changed|removed&limit=&offset=`: counts and one page of rows."""
    dataset, resource = visible_resource(request, slug, resource_id)
    kind = request.GET.get("kind", "added")
    try:
        limit = int(request.GET.get("limit", "100"))
        offset = int(request.GET.get("offset", "0"))
        if not (0 <= limit <= 1000 and offset >= 0):
            raise ValueError
        old, new, comparison = _comparison(request, resource)
        etag = caching.etag_for("changes", old.pk, new.pk, comparison.key, caching.request_fingerprint(request))
        unchanged = caching.not_modified(request, etag=etag, last_modified=new.loaded_at)
        if unchanged is not None:
            return unchanged
        records = changes.rows(comparison, kind, limit=limit, offset=offset)
    except ValueError as exc:  # VersionGone and ChangeError are ValueErrors with a Korean message
        message = str(exc) if isinstance(exc, (VersionGone, changes.ChangeError)) else \
            _("limit은 0부터 1000까지, offset은 0 이상의 정수입니다.")
        return JsonResponse({"error": message}, status=400, json_dumps_params={"ensure_ascii": False})
    response = JsonResponse({
        "dataset": dataset.slug, "resource_id": str(resource.pk), "from": old.number, "to": new.number,
        "key": comparison.key or None, "key_source": comparison.key_source, "note": comparison.note,
        "columns_added": comparison.columns_added, "columns_removed": comparison.columns_removed,
        "counts": comparison.counts, "kind": kind, "limit": limit, "offset": offset, "records": records,
    }, json_dumps_params={"ensure_ascii": False})
    return caching.stamp(response, etag=etag, last_modified=new.loaded_at)


def changes_page(request: HttpRequest, slug: str, resource_id: int) -> HttpResponseBase:
    """The same comparison for people: counts as a chart and table, the first rows of each kind,
    and for the department's staff the choice of key column."""
    dataset, resource = visible_resource(request, slug, resource_id)
    can_change = permissions.can_change_dataset(request.user, dataset)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        try:
            services.resource_key_column_set(actor=request.user, resource=resource,  # type: ignore[arg-type]
                                             key_column=request.POST.get("key_column", ""))
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("키 열을 저장했습니다."))
        return redirect(request.get_full_path())
    context: dict[str, object] = {"dataset": dataset, "resource": resource, "kept": _kept_versions(resource),
                                  "can_change": can_change, "query": request.GET.urlencode()}
    try:
        old, new, comparison = _comparison(request, resource)
    except (VersionGone, changes.ChangeError) as exc:
        context["error"] = str(exc)
        return render(request, "opendata/changes.html", context, status=400 if request.GET else 200)
    labels = {"added": _("추가"), "changed": _("변경"), "removed": _("삭제")}
    colours = {"added": "#1b6e3a", "changed": "#8a5a00", "removed": "#a4262c"}
    bars = [{"kind": kind, "label": labels[kind], "count": comparison.counts[kind]} for kind in changes.KINDS]
    chart = charts.bar_chart(
        "changes-chart",
        [charts.Row(label=str(labels[kind]), value=comparison.counts[kind], shown=f"{comparison.counts[kind]:,}",
                    colour=colours[kind]) for kind in changes.KINDS],
        maximum=max(comparison.counts.values()) or 1, title=_("바뀐 행 수"),
        desc="; ".join(f"{labels[kind]} {comparison.counts[kind]:,}" for kind in changes.KINDS))
    sections = []
    for kind in changes.KINDS:
        records = changes.rows(comparison, kind, limit=CHANGE_PAGE_ROWS)
        if kind == "changed":
            shown = [[r["key"], "; ".join(f"{name}: {before} → {after}" for name, (before, after) in r["changes"].items())]
                     for r in records]
            header = [comparison.key, _("바뀐 값")]
        else:
            columns = new.columns if kind == "added" else old.columns
            header = [c["id"] for c in columns]
            shown = [[r.get(name) for name in header] for r in records]
        sections.append({"kind": kind, "label": labels[kind], "count": comparison.counts[kind], "header": header,
                         "rows": shown})
    context.update({"old": old, "new": new, "comparison": comparison, "bars": bars, "chart": chart,
                    "sections": sections,
                    "columns": [c["id"] for c in new.columns]})
    return render(request, "opendata/changes.html", context)
