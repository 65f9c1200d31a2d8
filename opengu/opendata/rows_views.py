"""Row exports of a resource (CSV, JSON, XML, XLSX) with the query's filters, as of any kept version."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _

from opengu.core.exports import XLSX_MAX_ROWS
from opengu.opendata import caching, datastore, exports, permissions, selectors
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
