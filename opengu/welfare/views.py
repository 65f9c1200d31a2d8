"""Pages of the resource directory: public search and service pages, staff edit with history,
the stale-record queue and the synonym list. Thin: parse, check, call a selector or service."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from opengu.core.exports import table_response
from opengu.core.selectors import dong_list
from opengu.welfare import geo, permissions, selectors, services
from opengu.welfare.models import Service, SourceType, SynonymGroup, TaxonomyTerm

PER_PAGE = 20
EXPORT_HEADER = ["번호", "자원명", "기관", "자원 구분", "공공·민간", "상태", "요약", "지원 대상", "최소 나이", "최대 나이",
                 "비용", "분류", "확인일", "주소", "문의 전화"]


def stale_months() -> int:
    return int(getattr(settings, "OPENGU_WELFARE_STALE_MONTHS", 6))


def _filters(request: HttpRequest) -> selectors.SearchFilters:
    terms = [int(t) for t in request.GET.getlist("term") if t.isdigit()][:20]
    dong = request.GET.get("dong", "")
    source = request.GET.get("source", "")
    sector = request.GET.get("sector", "")
    return selectors.SearchFilters(
        query=request.GET.get("q", "").strip()[: selectors.MAX_QUERY],
        terms=terms,
        source_type=source if source in SourceType.values else "",
        sector=sector if sector in {"public", "private"} else "",
        dong=int(dong) if dong.isdigit() else None,
        open_now=request.GET.get("open") == "1",
        near=request.GET.get("near", "").strip()[:60],
        radius_km=_radius(request.GET.get("radius", "")),
    )


def _radius(raw: str) -> float:
    """The radius asked for, within 0.1–20 km; 1 km when missing or not a number."""
    try:
        value = float(raw)
    except ValueError:
        return 1.0
    return min(max(value, 0.1), geo.MAX_RADIUS_KM) if value == value else 1.0


def search(request: HttpRequest) -> HttpResponse:
    """Public search with facets; `format=csv|xlsx` exports the same results."""
    filters = _filters(request)
    near_error = ""
    if filters.near and filters.centre() is None:
        near_error = _("위치를 알 수 없습니다. 동을 고르거나 위도,경도로 적어 주세요(예: 37.5682,126.9302).")
        filters.near = ""
    outcome = selectors.service_search(filters)
    export = request.GET.get("format")
    if export in {"csv", "xlsx"}:
        return _export(selectors.services_by_ids(outcome.ids), export, "welfare-services")
    page = Paginator(outcome.ids, PER_PAGE).get_page(request.GET.get("page"))
    shown = selectors.service_cards(list(page.object_list))
    if filters.query:
        services.search_appearances_count(service_ids=[s.id for s in shown])
    point = geo.parse_point(filters.near)
    return render(request, "welfare/search.html", {
        "filters": filters, "outcome": outcome, "page": page,
        "results": [(s, geo.format_distance(outcome.distances[s.id]) if s.id in outcome.distances else "")
                    for s in shown],
        "dongs": dong_list(), "query_string": _query_string(filters), "radii": [(r, geo.format_distance(r) if r < 1 else f"{r:g} km") for r in geo.RADII_KM],
        "near_dong": int(filters.near[5:]) if filters.near.startswith("dong:") and filters.near[5:].isdigit() else None,
        "near_point": f"{point[0]:.4f},{point[1]:.4f}" if point else "", "near_error": near_error,
        "centre_phone": selectors.centre_phone(),
        # The facets that have something to pick (a 0건 page shows no empty headings).
        "facets": [(key, label, shown_values) for key, label, values in outcome.facets
                   if (shown_values := [v for v in values if v.count or v.selected])],
        "clear_facets": _query_string(dataclasses.replace(filters, terms=[], source_type="", sector="")),
        "more_open": bool(filters.dong or filters.near or filters.open_now),
    }, status=400 if near_error else 200)


def _query_string(filters: selectors.SearchFilters) -> str:
    from urllib.parse import urlencode

    return urlencode(filters.as_params(), doseq=True)


def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        service = selectors.service_detail(pk)
    except Service.DoesNotExist as exc:
        raise Http404 from exc
    if not permissions.can_view_service(request.user, service):
        raise Http404
    services.service_view_count(service=service)
    terms_by_taxonomy: dict[str, list[TaxonomyTerm]] = {}
    for term in service.taxonomy_terms.all():
        terms_by_taxonomy.setdefault(term.taxonomy.name, []).append(term)
    return render(request, "welfare/service.html", {
        "service": service, "terms_by_taxonomy": terms_by_taxonomy,
        "can_edit": permissions.can_edit_service(request.user, service),
        "can_view_history": permissions.can_view_service_history(request.user, service),
        "stale": service.is_stale(stale_months()),
    })


@login_required
def service_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff edit form and version history. Auditors see the history without the form."""
    try:
        service = selectors.service_detail(pk)
    except Service.DoesNotExist as exc:
        raise Http404 from exc
    if not permissions.can_view_service_history(request.user, service):
        raise PermissionDenied
    can_edit = permissions.can_edit_service(request.user, service)
    errors: dict[str, str] = {}
    values: dict[str, Any] = {name: getattr(service, name) for name in services.EDITABLE_FIELDS}
    selected_terms = {t.id for t in service.taxonomy_terms.all()}
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        data, errors = service_form_data(request.POST)
        errors = services.service_errors(values | data) | errors  # every problem at once
        if not request.POST.get("note", "").strip():
            errors["note"] = _("고친 까닭을 적어 주세요(예: 기관에 전화로 확인). 변경 이력에 남습니다.")
        selected_terms = {int(t) for t in request.POST.getlist("term") if t.isdigit()}
        values |= {k: request.POST.get(k, "") for k in services.EDITABLE_FIELDS if k in request.POST}
        if not errors:
            try:
                version = services.service_update(
                    actor=request.user, service=service, data=data,  # type: ignore[arg-type]
                    taxonomy_terms=TaxonomyTerm.objects.filter(id__in=selected_terms),
                    note=request.POST.get("note", "").strip())
            except services.WelfareInputError as exc:
                errors = exc.errors
            else:
                if version is None:
                    messages.info(request, _("바뀐 내용이 없습니다."))
                else:
                    messages.success(request, _("저장했습니다(%(n)s번째 판).") % {"n": version.number})
                return redirect("welfare:service_edit", pk=service.pk)
    status = 400 if errors else 200
    return render(request, "welfare/service_edit.html", {
        "service": service, "can_edit": can_edit, "errors": errors, "values": values,
        "statuses": Service.Status.choices, "selected_terms": selected_terms,
        "taxonomies": selectors.Taxonomy.objects.prefetch_related("terms"),
        "versions": selectors.service_versions(service, limit=50),
        "counts": service.monthly_counts.all()[:12],
    }, status=status)


def service_form_data(post: Any) -> tuple[dict[str, Any], dict[str, str]]:
    import datetime as dt

    data: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name in services.EDITABLE_FIELDS:
        if name not in post:
            continue
        raw = post.get(name, "").replace("\r\n", "\n").strip()
        if name in {"minimum_age", "maximum_age"}:
            if raw and not raw.isdigit():
                errors[name] = _("나이는 0 이상의 정수로 입력해 주세요.")
                continue
            data[name] = int(raw) if raw else None
        elif name == "assured_date":
            try:
                data[name] = dt.date.fromisoformat(raw) if raw else None
            except ValueError:
                errors[name] = _("확인일을 YYYY-MM-DD 형식으로 입력해 주세요.")
        else:
            data[name] = raw
    return data, errors


@login_required
def stale_queue(request: HttpRequest) -> HttpResponse:
    """Records not confirmed for N months, for the user's department (all for auditors)."""
    if not permissions.can_view_stale_queue(request.user):
        raise PermissionDenied
    rows = selectors.stale_services(months=stale_months(), user=request.user)
    export = request.GET.get("format")
    if export in {"csv", "xlsx"}:
        return _export(rows.prefetch_related("taxonomy_terms", "service_at_locations__location", "phones",
                                                "organization__phones"), export, "welfare-stale")
    institutions = selectors.stale_institutions(months=stale_months(), user=request.user)
    org_query = request.GET.get("org", "").strip()[:100]
    if org_query:
        institutions = [row for row in institutions if org_query in row.organization.name]
    return render(request, "welfare/stale.html", {
        "org_query": org_query,
        "page": Paginator(rows, 50).get_page(request.GET.get("page")), "months": stale_months(),
        "institutions": institutions[:100], "more_institutions": max(len(institutions) - 100, 0),
        "sendable": {row.organization.pk for row in institutions
                     if permissions.can_request_confirmation(request.user, row.organization)},
        "corrections": selectors.institution_corrections(user=request.user)[:50], "now": timezone.now(),
    })


@login_required
def synonyms(request: HttpRequest) -> HttpResponse:
    if not permissions.can_edit_synonyms(request.user):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if request.method == "POST":
        group = None
        if request.POST.get("group", "").isdigit():
            group = SynonymGroup.objects.filter(pk=int(request.POST["group"])).first()
            if group is None:
                raise Http404
        try:
            services.synonym_group_save(actor=request.user, phrases=request.POST.get("phrases", ""),  # type: ignore[arg-type]
                                        group=group, active=request.POST.get("active", "1") == "1")
        except services.WelfareInputError as exc:
            errors = exc.errors
        else:
            messages.success(request, _("동의어를 저장했습니다."))
            return redirect("welfare:synonyms")
    return render(request, "welfare/synonyms.html", {
        "groups": SynonymGroup.objects.all(), "errors": errors,
    }, status=400 if errors else 200)


def _export_rows(rows: Iterable[Service]) -> Iterator[list[Any]]:
    for service in rows:
        locations = [sal.location.address for sal in service.service_at_locations.all() if sal.location.address]
        yield [
            service.id, service.name, service.organization.name, service.organization.get_source_type_display(),
            service.organization.get_sector_display(), service.get_status_display(), service.description,
            service.eligibility_description, service.minimum_age if service.minimum_age is not None else "",
            service.maximum_age if service.maximum_age is not None else "", service.fees_description,
            ", ".join(t.name for t in service.taxonomy_terms.all()),
            service.assured_date.isoformat() if service.assured_date else "", " / ".join(locations),
            " / ".join(phone.number for phone in service.inquiry_phones),
        ]


def _export(rows: Iterable[Service], fmt: str, stem: str) -> HttpResponse:
    """CSV (UTF-8 with BOM) or xlsx of the rows, with the screen's filters applied."""
    return cast(HttpResponse, table_response(fmt, f"{stem}-{timezone.localdate():%Y%m%d}", EXPORT_HEADER,
                                             _export_rows(rows)))
