"""Open Referral HSDS 3.0 read API under /api/hsds/ (public: the directory holds no personal data).

Endpoints follow the HSDS API reference: services, services/{id} (nested), organizations,
organizations/{id}, service_at_locations, taxonomies, taxonomy_terms. Lists take `page`,
`per_page` (≤ 100), `search`, `modified_after` (ISO 8601) and `format=ndjson`, and answer with
HSDS paging fields (total_items, total_pages, page_number, size, first_page, last_page,
empty, contents). `format=ndjson` alone streams every item, a line each (a bulk export); with
`page` or `per_page` it gives that page's lines and the total in X-Total-Count. Ids are the
records' UUIDs. Errors, unknown addresses and other methods than GET answer in JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import uuid
from collections.abc import Callable
from typing import Any, cast

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import is_naive, make_aware

from opengu.welfare import selectors
from opengu.welfare.models import (
    Contact,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 50


class BadRequest(ValueError):
    pass


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"detail": message}, status=status, json_dumps_params={"ensure_ascii": False})


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def phone_json(phone: Phone) -> dict[str, Any]:
    return {"id": str(phone.uid), "number": phone.number, "extension": None, "type": phone.type,
            "description": phone.description or None, "languages": [], "attributes": [], "metadata": []}


def schedule_json(schedule: Schedule) -> dict[str, Any]:
    return {
        "id": str(schedule.uid),
        "service_id": str(schedule.service.uid) if schedule.service is not None else None,
        "location_id": str(schedule.location.uid) if schedule.location is not None else None,
        "service_at_location_id": (str(schedule.service_at_location.uid)
                                   if schedule.service_at_location is not None else None),
        "valid_from": None, "valid_to": None, "dtstart": schedule.dtstart.isoformat(), "timezone": 9,
        "until": _iso(schedule.until), "count": None, "wkst": "MO", "freq": schedule.freq,
        "interval": schedule.interval, "byday": schedule.byday or None, "byweekno": None, "bymonthday": None,
        "byyearday": None, "description": schedule.description or None,
        "opens_at": schedule.opens_at.strftime("%H:%M"), "closes_at": schedule.closes_at.strftime("%H:%M"),
        "schedule_link": None, "attending_type": None, "notes": schedule.rrule, "attributes": [], "metadata": [],
    }


def contact_json(contact: Contact) -> dict[str, Any]:
    return {"id": str(contact.uid), "organization_id": None, "service_id": None, "name": contact.name,
            "title": contact.title or None, "department": contact.department or None,
            "email": contact.email or None, "phones": [], "attributes": [], "metadata": []}


def taxonomy_json(taxonomy: Taxonomy) -> dict[str, Any]:
    return {"id": str(taxonomy.uid), "name": taxonomy.name, "description": taxonomy.description or taxonomy.name,
            "uri": taxonomy.uri or f"urn:opengu:taxonomy:{taxonomy.key}", "version": taxonomy.version or None,
            "metadata": []}


def taxonomy_term_json(term: TaxonomyTerm) -> dict[str, Any]:
    return {
        "id": str(term.uid), "code": term.code, "name": term.name, "description": term.description or term.name,
        "parent_id": str(term.parent.uid) if term.parent is not None else None, "taxonomy": term.taxonomy.name,
        "taxonomy_detail": taxonomy_json(term.taxonomy), "language": "ko", "taxonomy_id": str(term.taxonomy.uid),
        "term_uri": None, "metadata": [],
    }


def attribute_json(term: TaxonomyTerm, link_id: uuid.UUID) -> dict[str, Any]:
    return {"id": str(uuid.uuid5(link_id, str(term.uid))), "link_id": str(link_id), "link_type": "service",
            "link_entity": "service", "value": None, "taxonomy_term_id": str(term.uid),
            "taxonomy_term": taxonomy_term_json(term), "label": term.name, "metadata": []}


def location_json(location: Location) -> dict[str, Any]:
    return {
        "id": str(location.uid), "location_type": "physical", "url": None,
        "organization_id": str(location.organization.uid), "name": location.name,
        "alternate_name": location.dong.name if location.dong is not None else None,
        "description": location.description or None, "transportation": None,
        "latitude": float(location.latitude) if location.latitude is not None else None,
        "longitude": float(location.longitude) if location.longitude is not None else None,
        "external_identifier": None, "external_identifier_type": None, "languages": [],
        "addresses": [{"id": str(uuid.uuid5(location.uid, "address")), "location_id": str(location.uid),
                       "attention": None, "address_1": location.address, "address_2": None,
                       "city": location.city or "", "region": location.region or None,
                       "state_province": location.region or "", "postal_code": location.postal_code or "",
                       "country": "KR", "address_type": "physical", "attributes": [], "metadata": []}]
        if location.address else [],
        "contacts": [], "accessibility": [], "phones": [phone_json(p) for p in location.phones.all()],
        "schedules": [schedule_json(s) for s in location.schedules.all()], "attributes": [], "metadata": [],
    }


def organization_json(organization: Organization, *, nested: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(organization.uid), "name": organization.name, "alternate_name": organization.alternate_name or None,
        "description": organization.description or organization.name, "email": organization.email or None,
        "website": organization.website or None, "tax_status": None, "tax_id": None,
        "year_incorporated": None, "legal_status": organization.legal_status or organization.get_sector_display(),
        "logo": None, "uri": None, "parent_organization_id": None,
        "funding": [], "contacts": [], "phones": [], "locations": [], "programs": [], "organization_identifiers": [],
        "attributes": [], "metadata": [],
    }
    if nested:
        data["locations"] = [location_json(loc) for loc in organization.locations.all()]
        data["phones"] = [phone_json(p) for p in organization.phones.all()]
    return data


def service_at_location_json(sal: ServiceAtLocation) -> dict[str, Any]:
    return {"id": str(sal.uid), "service_id": str(sal.service.uid), "location_id": str(sal.location.uid),
            "description": sal.description or None, "service_areas": [], "contacts": [], "phones": [],
            "schedules": [schedule_json(s) for s in sal.schedules.all()], "location": location_json(sal.location),
            "attributes": [], "metadata": []}


def service_json(service: Service, *, nested: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(service.uid), "organization_id": str(service.organization.uid), "program_id": None,
        "name": service.name, "alternate_name": service.alternate_name or None,
        "description": service.description or None, "url": service.url or None, "email": service.email or None,
        "status": service.status, "interpretation_services": None,
        "application_process": service.application_process or None, "fees_description": service.fees_description or None,
        "wait_time": None, "fees": None, "accreditations": None,
        "eligibility_description": service.eligibility_description or None,
        "minimum_age": service.minimum_age, "maximum_age": service.maximum_age,
        "assured_date": _iso(service.assured_date), "assurer_email": service.assurer_email or None,
        "licenses": None, "alert": None, "last_modified": service.modified_at.isoformat(),
        "attributes": [attribute_json(t, service.uid) for t in service.taxonomy_terms.all()],
        "metadata": [],
    }
    if nested:
        data |= {
            "organization": organization_json(service.organization) | {
                "phones": [phone_json(p) for p in service.organization.phones.all()]},
            "phones": [phone_json(p) for p in service.phones.all()],
            "schedules": [schedule_json(s) for s in service.schedules.all()],
            "service_at_locations": [service_at_location_json(sal) for sal in service.service_at_locations.all()],
            "contacts": [contact_json(c) for c in service.contacts.all()],
            "required_documents": [
                {"id": str(uuid.uuid5(service.uid, f"document:{i}")), "service_id": str(service.uid),
                 "document": text, "uri": None, "attributes": [], "metadata": []}
                for i, text in enumerate(service.document_list)],
            "service_areas": [], "languages": [], "funding": [], "cost_options": [], "program": None,
            "capacities": [],
        }
    return data


def _page_args(request: HttpRequest) -> tuple[int, int]:
    try:
        page = int(request.GET.get("page", "1"))
        per_page = int(request.GET.get("per_page", str(DEFAULT_PER_PAGE)))
    except ValueError as exc:
        raise BadRequest("page와 per_page는 정수여야 합니다.") from exc
    if page < 1:
        raise BadRequest("page는 1 이상이어야 합니다.")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise BadRequest(f"per_page는 1부터 {MAX_PER_PAGE}까지입니다.")
    return page, per_page


def _modified_after(request: HttpRequest) -> dt.datetime | None:
    raw = request.GET.get("modified_after", "").strip()
    if not raw:
        return None
    moment = parse_datetime(raw)
    if moment is None:
        day = parse_date(raw)
        moment = dt.datetime.combine(day, dt.time()) if day else None
    if moment is None:
        raise BadRequest("modified_after는 ISO 8601 날짜·시각이어야 합니다(예: 2025-01-31T00:00:00+09:00).")
    return make_aware(moment) if is_naive(moment) else moment


def _whole_ndjson(request: HttpRequest) -> bool:
    """`format=ndjson` without `page` or `per_page`: every item, one a line (a bulk export); with
    either, that page's items as lines, the total in the X-Total-Count header."""
    fmt = request.GET.get("format", "")
    if fmt not in ("", "json", "ndjson"):
        raise BadRequest("format은 json이나 ndjson만 됩니다.")
    return fmt == "ndjson" and "page" not in request.GET and "per_page" not in request.GET


def _listing(request: HttpRequest, items: QuerySet[Any] | list[Any], render_item: Callable[[Any], dict[str, Any]]) -> HttpResponse:
    page, per_page = _page_args(request)
    if _whole_ndjson(request):
        rows = items if isinstance(items, list) else items.iterator(chunk_size=500)
        lines = (json.dumps(render_item(item), ensure_ascii=False) + "\n" for item in rows)
        return cast(HttpResponse, StreamingHttpResponse(lines, content_type="application/x-ndjson; charset=utf-8"))
    total = len(items) if isinstance(items, list) else items.count()
    total_pages = max(1, math.ceil(total / per_page))
    chunk = items[(page - 1) * per_page: page * per_page]
    contents = [render_item(item) for item in chunk]
    if request.GET.get("format") == "ndjson":
        response = HttpResponse("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in contents),
                                content_type="application/x-ndjson; charset=utf-8")
        response["X-Total-Count"] = str(total)
        return response
    return JsonResponse({
        "total_items": total, "total_pages": total_pages, "page_number": page, "size": len(contents),
        "first_page": page == 1, "last_page": page >= total_pages, "empty": not contents, "contents": contents,
    }, json_dumps_params={"ensure_ascii": False})


def _guard(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except BadRequest as exc:
            return _error(str(exc))
    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return _read_only(wrapped)


def _read_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET and HEAD only; anything else gets a JSON 405 (the API never answers in HTML)."""
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = _error("이 API는 읽기(GET)만 됩니다.", 405)
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)
    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@_read_only
def not_found(request: HttpRequest, rest: str) -> HttpResponse:
    """Any other address under /api/hsds/: a JSON 404 naming the endpoints there are."""
    return _error("그런 주소가 없습니다. /api/hsds/ 에서 쓸 수 있는 주소를 보세요.", 404)


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


SERVICE_PREFETCH = (Prefetch("taxonomy_terms", queryset=TaxonomyTerm.objects.select_related("taxonomy", "parent")),)


@_guard
def services(request: HttpRequest) -> HttpResponse:
    """Active services; `search` uses the Korean search (best first), `taxonomy_term_id` filters."""
    query = request.GET.get("search", "").strip()
    base = Service.objects.filter(status=Service.Status.ACTIVE)
    if (after := _modified_after(request)) is not None:
        base = base.filter(modified_at__gt=after)
    if term := request.GET.get("taxonomy_term_id"):
        base = base.filter(taxonomy_terms__uid=_uuid(term) or uuid.UUID(int=0))
    if org := request.GET.get("organization_id"):
        base = base.filter(organization__uid=_uuid(org) or uuid.UUID(int=0))
    related = base.select_related("organization").prefetch_related(*SERVICE_PREFETCH)
    if query:
        ids = selectors.service_search(selectors.SearchFilters(query=query)).ids
        allowed = set(base.filter(id__in=ids).values_list("id", flat=True))
        ordered = [i for i in ids if i in allowed]
        page, per_page = _page_args(request)
        if not _whole_ndjson(request):
            # Fetch only the page; the list of ids carries the total.
            window = set(ordered[(page - 1) * per_page: page * per_page])
            found = {s.id: s for s in related.filter(id__in=window)}
            items: list[Any] = [found.get(i) if i in window else i for i in ordered]
            return _listing(request, items, lambda s: service_json(s))
        found = {s.id: s for s in related.filter(id__in=ordered)}
        return _listing(request, [found[i] for i in ordered], service_json)
    return _listing(request, related.order_by("name", "id"), service_json)


@_guard
def service(request: HttpRequest, pk: str) -> HttpResponse:
    key = _uuid(pk)
    item = Service.objects.select_related("organization").prefetch_related(
        *SERVICE_PREFETCH, "phones", "schedules__service", "contacts",
        "service_at_locations__location__organization", "service_at_locations__location__dong",
        "service_at_locations__location__phones", "service_at_locations__location__schedules",
        "service_at_locations__schedules", "service_at_locations__service",
    ).filter(uid=key, status=Service.Status.ACTIVE).first() if key else None
    if item is None:
        return _error("서비스를 찾을 수 없습니다.", 404)
    return JsonResponse(service_json(item, nested=True), json_dumps_params={"ensure_ascii": False})


@_guard
def organizations(request: HttpRequest) -> HttpResponse:
    items = Organization.objects.order_by("name", "id")
    if query := request.GET.get("search", "").strip():
        items = items.filter(Q(name__icontains=query) | Q(description__icontains=query))
    if (after := _modified_after(request)) is not None:
        items = items.filter(modified_at__gt=after)
    return _listing(request, items, organization_json)


@_guard
def organization(request: HttpRequest, pk: str) -> HttpResponse:
    key = _uuid(pk)
    item = Organization.objects.prefetch_related(
        "phones", "locations__phones", "locations__schedules", "locations__dong", "locations__organization",
    ).filter(uid=key).first() if key else None
    if item is None:
        return _error("기관을 찾을 수 없습니다.", 404)
    data = organization_json(item, nested=True)
    data["services"] = [service_json(s) for s in item.services.filter(status=Service.Status.ACTIVE)
                        .select_related("organization").prefetch_related(*SERVICE_PREFETCH)]
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@_guard
def service_at_locations(request: HttpRequest) -> HttpResponse:
    items = ServiceAtLocation.objects.filter(service__status=Service.Status.ACTIVE).select_related(
        "service", "location__organization", "location__dong").prefetch_related(
        "schedules__service_at_location", "location__phones", "location__schedules").order_by("id")
    if query := request.GET.get("search", "").strip():
        items = items.filter(Q(service__name__icontains=query) | Q(location__name__icontains=query))
    if (after := _modified_after(request)) is not None:
        items = items.filter(modified_at__gt=after)
    return _listing(request, items, service_at_location_json)


@_guard
def taxonomies(request: HttpRequest) -> HttpResponse:
    items = Taxonomy.objects.order_by("order", "id")
    if query := request.GET.get("search", "").strip():
        items = items.filter(name__icontains=query)
    if (after := _modified_after(request)) is not None:
        items = items.filter(modified_at__gt=after)
    return _listing(request, items, taxonomy_json)


@_guard
def taxonomy_terms(request: HttpRequest) -> HttpResponse:
    items = TaxonomyTerm.objects.select_related("taxonomy", "parent").order_by("taxonomy__order", "order", "id")
    if query := request.GET.get("search", "").strip():
        items = items.filter(name__icontains=query)
    if taxonomy_id := request.GET.get("taxonomy_id"):
        items = items.filter(taxonomy__uid=_uuid(taxonomy_id) or uuid.UUID(int=0))
    if (after := _modified_after(request)) is not None:
        items = items.filter(modified_at__gt=after)
    return _listing(request, items, taxonomy_term_json)


@_read_only
def index(request: HttpRequest) -> HttpResponse:
    """HSDS API root: version and the endpoints offered."""
    return JsonResponse({"version": "3.0", "profile": "https://openreferral.org/",
                         "openapi_url": None,
                         "endpoints": ["services", "organizations", "service_at_locations", "taxonomies",
                                       "taxonomy_terms"]})
