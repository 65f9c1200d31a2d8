"""Pages for proactive publication (사전정보공표) and original documents (원문공개)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opengu.core.models import Department, User
from opengu.disclosure import permissions, selectors, services
from opengu.disclosure.exports import csv_response, xlsx_response
from opengu.disclosure.models import (
    ARTICLE_9_ITEMS,
    PROACTIVE_FIELDS,
    RETENTION_PERIODS,
    Cycle,
    DisclosureRequest,
    DocumentClass,
    OriginalDocument,
    ProactiveItem,
    Redaction,
)
from opengu.disclosure.services import DisclosureError
from opengu.lib.korean import with_eul


def _department_id(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _date(value: str, field: str, label: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        korean = (get_language() or "ko").startswith("ko")
        raise DisclosureError(_("%(label)s YYYY-MM-DD 형식으로 입력해 주세요.")
                              % {"label": with_eul(label) if korean else label}, field) from None


def _pdf_response(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    # Document numbers are Korean ("자치행정과-123"): RFC 6266 filename*, or browsers show the
    # MIME-encoded header as garbage and open the file inline instead of saving it.
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.pdf") or "attachment"
    return response


# ------------------------------------------------------------------ proactive publication

PROACTIVE_HEADER = [
    gettext_lazy("분야"), gettext_lazy("공표 항목"), gettext_lazy("공표 범위"), gettext_lazy("주기"), gettext_lazy("시기"),
    gettext_lazy("담당 부서"), gettext_lazy("공표 장소"), gettext_lazy("최근 공표일"), gettext_lazy("다음 공표 예정일"),
]


def _proactive_row(item: ProactiveItem) -> list[object]:
    return [item.get_field_display(), item.title, item.scope, item.get_cycle_display(), item.timing,
            item.department.name, item.location,
            item.last_published_on.isoformat() if item.last_published_on else "",
            item.next_due_on.isoformat() if item.next_due_on else ""]


def _proactive_list(request: HttpRequest, *, staff: bool) -> HttpResponseBase:
    query = request.GET.get("q", "").strip()[:100]
    field = request.GET.get("field", "")
    field = field if field in PROACTIVE_FIELDS else ""
    department_id = _department_id(request.GET.get("department"))
    overdue = staff and request.GET.get("overdue") == "1"
    if overdue and "department" not in request.GET and not selectors.sees_every_department(request.user):
        # The staff tile counts the user's own department's overdue items: open the list on the same rows.
        department_id = request.user.staff.department_id  # type: ignore[union-attr]
    rows = selectors.proactive_catalogue(query=query, field=field, department_id=department_id, overdue=overdue)
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        data = (_proactive_row(r) for r in rows.iterator(chunk_size=1000))
        name = f"proactive-items-{timezone.localdate():%Y%m%d}"
        return csv_response(name, PROACTIVE_HEADER, data) if export == "csv" else xlsx_response(name, PROACTIVE_HEADER, data)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "disclosure/proactive_staff.html" if staff else "disclosure/proactive.html", {
        "page": page, "query": query, "field": field, "department_id": department_id or "", "overdue": overdue,
        "fields": sorted(PROACTIVE_FIELDS.items(), key=lambda x: x[1]),
        "departments": Department.objects.order_by("order", "name"), "filters": params.urlencode(),
        "today": timezone.localdate(), "cycles": Cycle.choices,
        "can_create": staff and permissions.can_create_proactive_item(request.user),
    })


def proactive_catalogue(request: HttpRequest) -> HttpResponseBase:
    return _proactive_list(request, staff=False)


def proactive_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(ProactiveItem.objects.select_related("department"), pk=pk, active=True)
    return render(request, "disclosure/proactive_item.html", {
        "item": item, "publications": item.publications.all()[:24],
        "can_record": permissions.can_manage_proactive_item(request.user, item), "today": timezone.localdate(),
    })


@login_required
def staff_proactive(request: HttpRequest) -> HttpResponseBase:
    if not permissions.can_use_publication_register(request.user):
        raise PermissionDenied
    if request.method == "POST":
        user: User = request.user  # type: ignore[assignment]
        department = Department.objects.filter(pk=_department_id(request.POST.get("department")) or 0).first()
        try:
            if department is None:
                raise DisclosureError(_("담당 부서를 선택해 주세요."), "department")
            item = services.proactive_item_create(
                actor=user, title=request.POST.get("title", ""), field=request.POST.get("field", ""),
                cycle=request.POST.get("cycle", ""), department=department,
                location=request.POST.get("location", ""), scope=request.POST.get("scope", ""),
                timing=request.POST.get("timing", ""),
            )
        except DisclosureError as exc:
            messages.error(request, exc.message)
            return redirect("disclosure:staff_proactive")
        messages.success(request, _("공표 항목을 등록했습니다."))
        return redirect("disclosure:proactive_item", pk=item.pk)
    return _proactive_list(request, staff=True)


@login_required
@require_POST
def staff_proactive_publish(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(ProactiveItem, pk=pk)
    if not permissions.can_manage_proactive_item(request.user, item):
        raise PermissionDenied
    try:
        services.proactive_publication_record(
            actor=request.user, item=item,  # type: ignore[arg-type]
            published_on=_date(request.POST.get("published_on", ""), "published_on", _("공표일")),
            location=request.POST.get("location", ""), note=request.POST.get("note", ""),
        )
        messages.success(request, _("공표를 기록했습니다."))
    except DisclosureError as exc:
        messages.error(request, exc.message)
    return redirect("disclosure:proactive_item", pk=pk)


# ------------------------------------------------------------------ original documents

DOCUMENT_HEADER = [
    gettext_lazy("문서번호"), gettext_lazy("판"), gettext_lazy("제목"), gettext_lazy("생산 부서"), gettext_lazy("결재일"),
    gettext_lazy("결재권자"), gettext_lazy("보존기간"), gettext_lazy("공개 구분"), gettext_lazy("제9조제1항"),
    gettext_lazy("원문 공개일"),
]


def _document_row(d: OriginalDocument) -> list[object]:
    return [d.number, d.version, d.title, d.department.name, d.approved_on.isoformat(), d.approver, d.retention,
            d.get_disclosure_class_display(), _("제%(n)s호") % {"n": d.article_9_item} if d.article_9_item else "",
            d.published_on.isoformat() if d.published_on else ""]


def _month(value: str) -> tuple[int, int] | None:
    try:
        year, month = (int(x) for x in value.split("-"))
        dt.date(year, month, 1)
    except (ValueError, TypeError):
        return None
    return year, month


def documents(request: HttpRequest) -> HttpResponseBase:
    query = request.GET.get("q", "").strip()[:100]
    department_id = _department_id(request.GET.get("department"))
    month = _month(request.GET.get("month", ""))
    rows = selectors.documents_published(query=query, department_id=department_id, month=month)
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        data = (_document_row(d) for d in rows.iterator(chunk_size=1000))
        name = f"original-documents-{timezone.localdate():%Y%m%d}"
        return csv_response(name, DOCUMENT_HEADER, data) if export == "csv" else xlsx_response(name, DOCUMENT_HEADER, data)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "disclosure/documents.html", {
        "page": page, "query": query, "department_id": department_id or "",
        "month": f"{month[0]:04d}-{month[1]:02d}" if month else "",
        "departments": Department.objects.order_by("order", "name"), "filters": params.urlencode(),
    })


def document_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The published (redacted where 부분공개) file of a listed document."""
    document = get_object_or_404(OriginalDocument, pk=pk, in_public_list=True, published_on__isnull=False)
    return _pdf_response(services._read(document.published_file), f"{document.number}-v{document.version}")


@login_required
def my_request_document(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    """Electronic delivery: the requester downloads the file published for their request."""
    document = get_object_or_404(OriginalDocument.objects.select_related("request"), pk=pk,
                                 request__number=number, published_on__isnull=False)
    if not permissions.can_download_request_document(request.user, document):
        raise Http404
    return _pdf_response(services._read(document.published_file), f"{document.number}-v{document.version}")


def _staff_document(user: Any, pk: int) -> OriginalDocument:
    document = get_object_or_404(OriginalDocument.objects.select_related("department", "request"), pk=pk)
    if not permissions.can_view_document_draft(user, document):
        raise PermissionDenied
    return document


@login_required
def staff_documents(request: HttpRequest) -> HttpResponseBase:
    if not permissions.can_use_publication_register(request.user):
        raise PermissionDenied
    user: User = request.user  # type: ignore[assignment]
    if request.method == "POST":
        department = Department.objects.filter(pk=_department_id(request.POST.get("department")) or 0).first()
        upload = request.FILES.get("original")
        try:
            if department is None:
                raise DisclosureError(_("생산 부서를 선택해 주세요."), "department")
            approved_on = _date(request.POST.get("approved_on", ""), "approved_on", _("결재일"))
            if approved_on is None:
                raise DisclosureError(_("결재일을 입력해 주세요."), "approved_on")
            linked = None
            if request.POST.get("request_number", "").strip():
                linked = DisclosureRequest.objects.filter(number=request.POST["request_number"].strip()).first()
                if linked is None or not permissions.can_handle_request(user, linked):
                    raise DisclosureError(_("처리할 수 있는 청구의 접수번호를 입력해 주세요."), "request_number")
            item = request.POST.get("article_9_item", "")
            document = services.document_register(
                actor=user, number=request.POST.get("number", ""), title=request.POST.get("title", ""),
                department=department, approved_on=approved_on, approver=request.POST.get("approver", ""),
                retention=request.POST.get("retention", ""), disclosure_class=request.POST.get("disclosure_class", ""),
                article_9_item=int(item) if item.isdigit() else None, pdf=upload.read() if upload else None,
                request=linked, in_public_list=bool(request.POST.get("in_public_list")) or linked is None,
            )
        except DisclosureError as exc:
            messages.error(request, exc.message)
            return redirect("disclosure:staff_documents")
        messages.success(request, _("문서를 등록했습니다."))
        return redirect("disclosure:staff_document", pk=document.pk)
    rows = selectors.documents_for_staff(user, pending=request.GET.get("pending") == "1")
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        data = (_document_row(d) for d in rows.iterator(chunk_size=1000))
        name = f"documents-{timezone.localdate():%Y%m%d}"
        return csv_response(name, DOCUMENT_HEADER, data) if export == "csv" else xlsx_response(name, DOCUMENT_HEADER, data)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "disclosure/documents_staff.html", {
        "page": page, "pending": request.GET.get("pending") == "1",
        "departments": Department.objects.order_by("order", "name"), "classes": DocumentClass.choices,
        "retentions": RETENTION_PERIODS, "articles": sorted(ARTICLE_9_ITEMS.items()),
        "can_create": permissions.can_create_proactive_item(user),
        "own_department": getattr(getattr(user, "staff", None), "department_id", None),
        # Linked from a request page: the form comes filled in for that request.
        "request_number": request.GET.get("request", "").strip()[:20],
    })


@login_required
def staff_document(request: HttpRequest, pk: int) -> HttpResponse:
    document = _staff_document(request.user, pk)
    return render(request, "disclosure/document_staff.html", {
        "d": document, "redactions": document.redactions.select_related("decided_by"),
        "can_manage": permissions.can_manage_document(request.user, document),
        "articles": sorted(ARTICLE_9_ITEMS.items()), "proposed": Redaction.Status.PROPOSED,
        "versions": OriginalDocument.objects.filter(number=document.number).exclude(pk=document.pk),
    })


@login_required
def staff_document_original(request: HttpRequest, pk: int) -> HttpResponse:
    document = _staff_document(request.user, pk)
    if not document.original:
        raise Http404
    data = services.document_original_read(actor=request.user, document=document,  # type: ignore[arg-type]
                                           http_request=request)
    return _pdf_response(data, f"{document.number}-v{document.version}-original")


@login_required
@require_POST
def staff_document_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    document = _staff_document(request.user, pk)
    user: User = request.user  # type: ignore[assignment]
    if not permissions.can_manage_document(user, document):
        raise PermissionDenied
    try:
        if action in ("accept", "reject"):
            row = get_object_or_404(Redaction, pk=request.POST.get("redaction") or 0, document=document)
            services.redaction_decide(actor=user, redaction_row=row, accept=action == "accept")
            messages.success(request, _("가림 여부를 기록했습니다."))
        elif action == "add":
            page = request.POST.get("page", "1")
            services.redaction_add(actor=user, document=document, page=int(page) - 1 if page.isdigit() else -1,
                                   text=request.POST.get("text", ""),
                                   article_9_item=int(request.POST.get("article_9_item") or 6),
                                   reason=request.POST.get("reason", ""))
            messages.success(request, _("가릴 부분을 추가했습니다."))
        elif action == "scan":
            found = services.document_scan(actor=user, document=document)
            messages.success(request, _("개인정보 후보 %(n)s건을 찾았습니다.") % {"n": len(found)})
        elif action == "publish":
            services.document_publish(actor=user, document=document)
            messages.success(request, _("원문을 공개했습니다."))
        else:
            raise Http404
    except DisclosureError as exc:
        messages.error(request, exc.message)
    return redirect("disclosure:staff_document", pk=pk)
