"""The CKAN Action API (`/api/3/action/<name>`, `/api/action/<name>`) over our catalogue.

Clients written for CKAN (ckanapi, CKAN harvesters, data.gov-style tools) work unchanged:
same envelope {"help", "success", "result" | "error": {"__type", "message"}}, same error
types and status codes (Not Found Error 404, Authorization Error 403, Validation Error 409,
unknown action 400), GET query strings or a POSTed JSON body, booleans as "true"/"False"/"0",
unknown parameters ignored. Read-only actions; no CSRF (no cookies are trusted here).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

import opengu
from opengu.core.models import Department
from opengu.core.selectors import current_district
from opengu.opendata import caching, datastore, selectors, sql
from opengu.opendata.models import Category, Dataset, Resource, ResourceVersion

MAX_ROWS = 1000


class ActionError(Exception):
    status = 400
    type = "Bad Request"

    def __init__(self, message: str, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.fields = fields or {}


class NotFound(ActionError):
    status = 404
    type = "Not Found Error"


class ValidationFailed(ActionError):
    status = 409
    type = "Validation Error"


class NotAuthorized(ActionError):
    status = 403
    type = "Authorization Error"


def _bool(value: Any, default: bool) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() not in {"false", "0", "no", "off", "f"}


def _int(params: dict[str, Any], name: str, default: int, low: int = 0, high: int | None = None) -> int:
    value = params.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationFailed(f"{name}: 정수여야 합니다.", {name: ["Invalid integer"]}) from None
    if number < low or (high is not None and number > high):
        limit = f"{low}–{high}" if high is not None else f"{low} 이상"
        raise ValidationFailed(f"{name}: {limit}이어야 합니다.", {name: [f"Must be {limit}"]})
    return number


def _json_param(params: dict[str, Any], name: str, default: Any) -> Any:
    value = params.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            if name in {"fields", "facet.field"}:
                return [part.strip() for part in value.split(",") if part.strip()]
            raise ValidationFailed(f"{name}: JSON이 아닙니다.", {name: ["Cannot parse JSON"]}) from None
    return value


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# Shapes

def organization_dict(department: Department, count: int | None = None) -> dict[str, Any]:
    result = {"id": department.code, "name": department.code, "title": department.name,
              "display_name": department.name, "type": "organization", "state": "active",
              "is_organization": True, "description": "", "image_url": ""}
    if count is not None:
        result["package_count"] = count
    return result


def group_dict(category: Category, count: int | None = None) -> dict[str, Any]:
    result = {"id": category.slug, "name": category.slug, "title": category.name, "display_name": category.name,
              "type": "group", "state": "active", "is_organization": False, "description": category.get_kind_display()}
    if count is not None:
        result["package_count"] = count
    return result


def resource_dict(resource: Resource, request: HttpRequest) -> dict[str, Any]:
    version = resource.live_version
    url = resource.url
    if resource.kind == Resource.Kind.DATASTORE:
        url = request.build_absolute_uri(reverse("opendata:download", args=[resource.dataset.slug, resource.pk]))
    return {
        "id": str(resource.pk), "package_id": str(resource.dataset_id), "name": resource.name,
        "description": resource.description, "format": resource.format, "url": url,
        "datastore_active": bool(version and version.table_name),
        "created": resource.created_at.isoformat(),
        "last_modified": version.loaded_at.isoformat() if version and version.loaded_at else None,
        "position": resource.order, "state": "active",
        "version": version.number if version else None,
        "row_count": version.row_count if version else 0,
    }


def package_dict(dataset: Dataset, request: HttpRequest) -> dict[str, Any]:
    return {
        "id": str(dataset.pk), "name": dataset.slug, "title": dataset.title, "notes": dataset.description,
        "type": "dataset", "state": "active", "private": not dataset.published,
        "license_id": dataset.licence, "license_title": dataset.get_licence_display(),
        "metadata_created": dataset.created_at.isoformat(), "metadata_modified": dataset.updated_at.isoformat(),
        "organization": organization_dict(dataset.department), "owner_org": dataset.department.code,
        "groups": [group_dict(dataset.category)],
        "tags": [{"name": word, "display_name": word} for word in dataset.keywords],
        "num_tags": len(dataset.keywords),
        "resources": [resource_dict(r, request) for r in dataset.resources.all()],
        "num_resources": len(dataset.resources.all()),
        "maintainer": dataset.contact, "author": dataset.department.name,
        "url": request.build_absolute_uri(reverse("opendata:dataset", args=[dataset.slug])),
        "extras": [
            {"key": "update_cycle", "value": dataset.get_update_cycle_display()},
            {"key": "next_due", "value": dataset.next_due.isoformat() if dataset.next_due else ""},
            {"key": "temporal_from", "value": dataset.temporal_from.isoformat() if dataset.temporal_from else ""},
            {"key": "temporal_to", "value": dataset.temporal_to.isoformat() if dataset.temporal_to else ""},
            {"key": "spatial", "value": dataset.spatial},
            {"key": "national_portal_id", "value": dataset.national_portal_id},
        ],
    }


# Actions: each takes (request, params) and returns the result; they see only published data.

def _published(identifier: Any) -> Dataset:
    dataset = selectors.dataset_by_id_or_slug(str(identifier or ""))
    if dataset is None:
        raise NotFound("Dataset not found: 데이터셋을 찾을 수 없습니다.")
    if not dataset.published:
        # As CKAN answers for a private dataset: it exists, and the public may not read it.
        raise NotAuthorized("Access denied: 공개되지 않은 데이터셋입니다.")
    return dataset


def _required(params: dict[str, Any], name: str) -> Any:
    value = params.get(name)
    if value is None or value == "":
        raise ValidationFailed(f"{name}: 필수 값입니다.", {name: ["Missing value"]})
    return value


def package_list(request: HttpRequest, params: dict[str, Any]) -> list[str]:
    limit = _int(params, "limit", 0, 0)
    offset = _int(params, "offset", 0, 0)
    slugs = Dataset.objects.filter(published=True).order_by("slug").values_list("slug", flat=True)
    return list(slugs[offset:offset + limit] if limit else slugs[offset:])


FACET_FIELDS = {"organization": "department", "groups": "category", "res_format": "format",
                "license_id": "licence", "update_cycle": "update_cycle"}
SORTS = {"title_string": "title", "title": "title", "name": "slug", "metadata_modified": "updated_at",
         "metadata_created": "created_at"}


FQ_LOOKUPS = {"organization": "department__code", "owner_org": "department__code", "groups": "category__slug",
              "tags": "keywords", "res_format": "resources__format__iexact", "license_id": "licence",
              "update_cycle": "update_cycle", "name": "slug", "id": "pk"}
_FQ_TERM = re.compile(r'([+-]?)([\w.]+):("(?:[^"\\]|\\.)*"|\([^)]*\)|[^\s()]+)')


def fq_condition(fq: str) -> Q | None:
    """Solr filter queries as CKAN passes them: `field:value`, `field:"a b"`, `+field:x` (must),
    `-field:x` (must not), `field:(a OR b)`. Terms are ANDed; unknown fields are ignored, as
    CKAN's Solr would find nothing by them."""
    condition: Q | None = None
    for sign, name, raw in _FQ_TERM.findall(fq):
        lookup = FQ_LOOKUPS.get(name)
        if lookup is None:
            continue
        if raw.startswith("("):
            values = [v.strip().strip('"') for v in re.split(r"\s+OR\s+", raw[1:-1].strip(), flags=re.IGNORECASE)]
        else:
            values = [raw[1:-1].replace('\\"', '"') if raw.startswith('"') else raw]
        if lookup == "pk":
            values = [v for v in values if v.isdigit()]
        term = Q()
        if lookup == "keywords":
            # Tags match whole keywords; JSON text in SQLite escapes Korean, so match in Python.
            wanted = set(values)
            term = Q(pk__in=[pk for pk, words in Dataset.objects.values_list("pk", "keywords")
                             if wanted & set(words or [])])
        for value in values if lookup != "keywords" else []:
            term |= Q(**{lookup: value})
        if not values:
            term = Q(pk__in=[])
        term = ~term if sign == "-" else term
        condition = term if condition is None else condition & term
    return condition


def package_search(request: HttpRequest, params: dict[str, Any]) -> dict[str, Any]:
    rows = _int(params, "rows", 10, 0, MAX_ROWS)
    start = _int(params, "start", 0, 0)
    query = selectors.CatalogueQuery(q=str(params.get("q") or "").replace("*:*", "").strip())
    result = selectors.catalogue_search(query)
    datasets = result.datasets
    condition = fq_condition(str(params.get("fq") or ""))
    if condition is not None:
        datasets = datasets.filter(condition).distinct()
        result.facets = selectors.catalogue_facets(datasets)
    order = []
    for part in str(params.get("sort") or "").split(","):
        words = part.split()
        if words and words[0] in SORTS:
            descending = len(words) > 1 and words[1].lower() == "desc"
            order.append(("-" if descending else "") + SORTS[words[0]])
    if order:
        datasets = datasets.order_by(*order, "pk")
    count = datasets.count()
    page = list(datasets[start:start + rows]) if rows else []
    asked = _json_param(params, "facet.field", [])
    if not isinstance(asked, list):
        raise ValidationFailed("facet.field: 목록이어야 합니다.", {"facet.field": ["Must be a list"]})
    limit = _int(params, "facet.limit", 50, -1)
    search_facets: dict[str, Any] = {}
    facets: dict[str, Any] = {}
    for name in asked:
        attribute = FACET_FIELDS.get(str(name))
        if attribute is None:
            continue
        values = result.facets.get(attribute, [])
        if limit >= 0:
            values = values[:limit]
        search_facets[name] = {"title": name, "items": [
            {"name": v.value, "display_name": v.label, "count": v.count} for v in values]}
        facets[name] = {v.value: v.count for v in values}
    return {"count": count, "results": [package_dict(d, request) for d in page], "facets": facets,
            "search_facets": search_facets, "sort": str(params.get("sort") or "score desc, metadata_modified desc")}


def package_show(request: HttpRequest, params: dict[str, Any]) -> dict[str, Any]:
    return package_dict(_published(_required(params, "id")), request)


def _organization_counts() -> dict[int, int]:
    return dict(Dataset.objects.filter(published=True).values_list("department").annotate(n=Count("id")))


def organization_list(request: HttpRequest, params: dict[str, Any]) -> list[Any]:
    counts = _organization_counts()
    departments = Department.objects.filter(pk__in=counts).order_by("code")
    if _bool(params.get("all_fields"), False):
        return [organization_dict(d, counts[d.pk]) for d in departments]
    return [d.code for d in departments]


def organization_show(request: HttpRequest, params: dict[str, Any]) -> dict[str, Any]:
    identifier = str(_required(params, "id"))
    department = Department.objects.filter(Q(code=identifier)).first()
    counts = _organization_counts()
    if department is None or department.pk not in counts:
        raise NotFound("Organization not found: 기관을 찾을 수 없습니다.")
    result = organization_dict(department, counts[department.pk])
    if _bool(params.get("include_datasets"), False):
        datasets = selectors.catalogue_search(selectors.CatalogueQuery(department=department.code)).datasets
        result["packages"] = [package_dict(d, request) for d in datasets[:1000]]
    return result


def _group_counts() -> dict[int, int]:
    return dict(Dataset.objects.filter(published=True).values_list("category").annotate(n=Count("id")))


def group_list(request: HttpRequest, params: dict[str, Any]) -> list[Any]:
    counts = _group_counts()
    categories = Category.objects.all().order_by("kind", "order", "name")
    if _bool(params.get("all_fields"), False):
        return [group_dict(c, counts.get(c.pk, 0)) for c in categories]
    return [c.slug for c in categories]


def group_show(request: HttpRequest, params: dict[str, Any]) -> dict[str, Any]:
    category = Category.objects.filter(slug=str(_required(params, "id"))).first()
    if category is None:
        raise NotFound("Group not found: 분류를 찾을 수 없습니다.")
    return group_dict(category, _group_counts().get(category.pk, 0))


def tag_list(request: HttpRequest, params: dict[str, Any]) -> list[str]:
    words: set[str] = set()
    for keywords in Dataset.objects.filter(published=True).values_list("keywords", flat=True):
        words.update(keywords or [])
    query = str(params.get("query") or "")
    return sorted(word for word in words if query in word)


def _published_resource(identifier: Any) -> Resource:
    resource = selectors.resource_get(str(identifier or ""))
    if resource is None:
        raise NotFound("Resource was not found: 자원을 찾을 수 없습니다.")
    if not resource.dataset.published:
        raise NotAuthorized("Access denied: 공개되지 않은 데이터셋의 자원입니다.")
    return resource


def resource_show(request: HttpRequest, params: dict[str, Any]) -> dict[str, Any]:
    return resource_dict(_published_resource(_required(params, "id")), request)


def _sort(value: Any) -> list[tuple[str, bool]]:
    if not value:
        return []
    parts = value if isinstance(value, list) else str(value).split(",")
    result = []
    for part in parts:
        words = str(part).strip().split()
        if not words:
            continue
        name = words[0].strip('"')
        result.append((name, len(words) > 1 and words[1].lower() == "desc"))
    return result


class Unchanged(Exception):
    """The client holds this answer already (If-None-Match / If-Modified-Since): 304, no query."""

    def __init__(self, response: HttpResponseBase) -> None:
        super().__init__("not modified")
        self.response = response


def _version_for(resource: Resource, cursor: str, number: Any = None) -> ResourceVersion:
    """The live version, version `number` when asked ("as of" a kept version), or the version a
    cursor was made on while its table is kept, so that a client paging through keeps reading one
    version even if a new one goes live meanwhile."""
    version = resource.live_version
    if number not in (None, ""):
        try:
            asked = int(str(number))
        except ValueError:
            raise ValidationFailed("version: 판 번호(정수)여야 합니다.", {"version": ["Invalid integer"]}) from None
        version = resource.versions.filter(number=asked).first()
        if version is None or not version.table_name or not datastore.table_exists(version.table_name):
            raise NotFound(f"Version not found: {asked}판이 없거나 그 표를 더 이상 보관하지 않습니다.")
    table = datastore.cursor_table(cursor) if cursor else ""
    if table and (version is None or version.table_name != table):
        pinned = resource.versions.filter(table_name=table).first()
        if pinned is not None and datastore.table_exists(table):
            return pinned
        raise ValidationFailed("cursor: 이 cursor가 읽던 판이 더 이상 보관되지 않습니다. 첫 페이지부터 다시 조회해 주세요.",
                               {"cursor": ["Version no longer kept"]})
    if version is None or not version.table_name:
        raise NotFound("Resource has no datastore table: 데이터 표가 없는 자원입니다.")
    return version


def _table_for(identifier: Any, cursor: str, number: Any = None) -> selectors.LiveTable:
    """The table a datastore_search reads. The common case (the live version, no cursor pinned
    to an older one) costs one plain SQL statement; an asked version or a pinned cursor goes
    through `_version_for`. Same answers and errors either way."""
    live = selectors.live_table(str(identifier or ""))
    if live is None:
        raise NotFound("Resource was not found: 자원을 찾을 수 없습니다.")
    if not live.published:
        raise NotAuthorized("Access denied: 공개되지 않은 데이터셋의 자원입니다.")
    pinned = datastore.cursor_table(cursor) if cursor else ""
    if number in (None, "") and (not pinned or pinned == live.table_name):
        if live.version_id is None or not live.table_name:
            raise NotFound("Resource has no datastore table: 데이터 표가 없는 자원입니다.")
        return live
    version = _version_for(_published_resource(identifier), cursor, number)
    return selectors.LiveTable(resource_id=version.resource_id, published=True, version_id=version.pk,
                               number=version.number, table_name=version.table_name, columns=version.columns,
                               row_count=version.row_count, loaded_at=version.loaded_at)


def _conditional(request: HttpRequest, version_id: int | None, loaded_at: Any) -> None:
    etag = caching.etag_for("ckan", request.resolver_match.url_name if request.resolver_match else "",
                            version_id, caching.request_fingerprint(request))
    unchanged = caching.not_modified(request, etag=etag, last_modified=loaded_at)
    if unchanged is not None:
        raise Unchanged(unchanged)
    request._opendata_stamp = (etag, loaded_at)  # type: ignore[attr-defined]


def datastore_search(request: HttpRequest, params: dict[str, Any]) -> dict[str, Any]:
    cursor = str(params.get("cursor") or params.get("after") or "")
    version = _table_for(_required(params, "resource_id"), cursor, params.get("version"))
    _conditional(request, version.version_id, version.loaded_at)
    threshold = params.get("total_estimation_threshold")
    filters = _json_param(params, "filters", {})
    if not isinstance(filters, dict):
        raise ValidationFailed("filters: 객체여야 합니다.", {"filters": ["Not a JSON object"]})
    fields = _json_param(params, "fields", [])
    if isinstance(fields, str):
        fields = [fields]
    query = datastore.Query(
        filters=filters, q=str(params.get("q") or ""), fields=[str(f) for f in fields], sort=_sort(params.get("sort")),
        limit=_int(params, "limit", 100, 0, datastore.MAX_LIMIT), offset=_int(params, "offset", 0, 0),
        include_total=_bool(params.get("include_total"), True), distinct=_bool(params.get("distinct"), False),
        after=cursor,
        estimate_above=(_int(params, "total_estimation_threshold", 0, 0) if threshold not in (None, "")
                        else settings.OPENGU_OPENDATA_ESTIMATE_TOTAL_ABOVE),
    )
    try:
        found = datastore.search(version.table_name, version.columns, query, row_count=version.row_count)
    except datastore.QueryError as exc:
        raise ValidationFailed(str(exc), {exc.field_name or "query": [str(exc)]}) from exc
    records: Any = found.records
    if str(params.get("records_format") or "objects") == "lists":
        records = [[record.get(f["id"]) for f in found.fields] for record in found.records]
    start = f"/api/3/action/datastore_search?resource_id={version.resource_id}"
    following = f"{start}&cursor={found.next_cursor}" if cursor and found.next_cursor else \
        f"{start}&offset={query.offset + query.limit}"
    result: dict[str, Any] = {"resource_id": str(version.resource_id), "fields": found.fields, "records": records,
                              "limit": query.limit, "offset": query.offset, "version": version.number,
                              "next_cursor": found.next_cursor or None,
                              "_links": {"start": start, "next": following}}
    if found.total is not None:
        result["total"] = found.total
        result["total_was_estimated"] = found.total_was_estimated
    if filters:
        result["filters"] = filters
    if query.q:
        result["q"] = query.q
    if query.sort:
        result["sort"] = ", ".join(f"{name} {'desc' if desc else 'asc'}" for name, desc in query.sort)
    return result


def _sql_table(resource_id: str) -> sql.Table | None:
    resource = selectors.resource_get(resource_id)
    version = resource.live_version if resource is not None and resource.dataset.published else None
    if resource is None or version is None or not version.table_name:
        return None
    return sql.Table(resource_id=str(resource.pk), table=version.table_name, columns=version.columns)


def datastore_search_sql(request: HttpRequest, params: dict[str, Any]) -> dict[str, Any]:
    if not settings.OPENGU_OPENDATA_SQL:
        raise NotAuthorized("Access denied: datastore_search_sql은 이 사이트에서 꺼져 있습니다.")
    text = str(_required(params, "sql"))
    tables = [_sql_table(resource_id) for resource_id in sql.referenced_resources(text)]
    if all(tables) and tables:
        etag = caching.etag_for("sql", text, *(t.table for t in tables if t))
        unchanged = caching.not_modified(request, etag=etag, last_modified=None)
        if unchanged is not None:
            raise Unchanged(unchanged)
        request._opendata_stamp = (etag, None)  # type: ignore[attr-defined]
    try:
        found = sql.run(text, table_for=_sql_table, timeout_ms=settings.OPENGU_OPENDATA_SQL_TIMEOUT_MS)
    except sql.SqlForbidden as exc:
        raise NotAuthorized(f"Access denied: {exc}") from exc
    except sql.SqlError as exc:
        raise ValidationFailed(str(exc), {"sql": [str(exc)]}) from exc
    result: dict[str, Any] = {"sql": text, "fields": found.fields, "records": found.records}
    if found.truncated:
        result["records_truncated"] = True
    return result


def status_show(request: HttpRequest, params: dict[str, Any]) -> dict[str, Any]:
    district = current_district()
    return {"ckan_version": "2.10.4", "site_url": _site_url(request),
            "site_title": f"{district.name if district else ''} 열린데이터 광장".strip(),
            "site_description": "opengu", "locale_default": "ko", "extensions": ["datastore"],
            "opengu_version": opengu.__version__}


def help_show(request: HttpRequest, params: dict[str, Any]) -> str:
    name = str(_required(params, "name"))
    action = ACTIONS.get(name)
    if action is None:
        raise NotFound(f"Action function not found: {name}")
    return (action.__doc__ or name).strip()


ACTIONS: dict[str, Callable[[HttpRequest, dict[str, Any]], Any]] = {
    "package_list": package_list, "package_search": package_search, "package_show": package_show,
    "organization_list": organization_list, "organization_show": organization_show,
    "group_list": group_list, "group_show": group_show, "tag_list": tag_list,
    "resource_show": resource_show, "datastore_search": datastore_search,
    "datastore_search_sql": datastore_search_sql,
    "status_show": status_show, "help_show": help_show,
}
package_list.__doc__ = "공개된 데이터셋의 이름(slug) 목록. limit, offset."
package_search.__doc__ = "데이터셋 검색: q, fq, rows(≤1000), start, sort, facet.field."
package_show.__doc__ = "데이터셋 한 건: id(번호 또는 이름)."
datastore_search_sql.__doc__ = ('읽기 전용 SELECT 한 문장: sql. 표는 "자원번호", 열은 필드 이름(따옴표). '
                                "설정 OPENGU_OPENDATA_SQL로 켤 때만 씁니다.")
datastore_search.__doc__ = ("표 자원의 행: resource_id, filters, q, fields, sort, limit, offset 또는 cursor(앞 페이지의 "
                            "next_cursor), include_total, total_estimation_threshold, records_format, distinct, "
                            "version(보관 중인 이전 판 번호: 그 판 기준 조회).")


def _params(request: HttpRequest) -> dict[str, Any]:
    params: dict[str, Any] = {key: request.GET.get(key) for key in request.GET}
    if request.method == "POST":
        if request.content_type == "application/json" or request.body[:1] in (b"{",):
            try:
                body = json.loads(request.body or b"{}")
            except ValueError:
                raise ActionError("Bad request - JSON Error: 요청 본문이 JSON이 아닙니다.") from None
            if not isinstance(body, dict):
                raise ActionError("Bad request - JSON Error: 요청 본문은 객체여야 합니다.")
            params.update(body)
        else:
            params.update({key: request.POST.get(key) for key in request.POST})
    return params


@csrf_exempt
@require_http_methods(["GET", "POST"])
def action(request: HttpRequest, name: str) -> HttpResponseBase:
    help_url = request.build_absolute_uri(reverse("opendata:ckan_action", args=["help_show"])) + f"?name={name}"
    function = ACTIONS.get(name)
    try:
        if function is None:
            raise ActionError(f"Bad request - Action name not known: {name}")
        # Every action answers as the public would: drafts stay unseen whatever the cookies say.
        request.user = AnonymousUser()
        result = function(request, _params(request))
    except Unchanged as unchanged:
        return unchanged.response
    except ActionError as exc:
        error: dict[str, Any] = {"__type": exc.type, "message": str(exc)}
        error.update(exc.fields)
        return JsonResponse({"help": help_url, "success": False, "error": error}, status=exc.status,
                            json_dumps_params={"ensure_ascii": False})
    response = JsonResponse({"help": help_url, "success": True, "result": result}, safe=False,
                            json_dumps_params={"ensure_ascii": False})
    stamp = getattr(request, "_opendata_stamp", None)
    if stamp is not None:
        caching.stamp(response, etag=stamp[0], last_modified=stamp[1])
    return response

