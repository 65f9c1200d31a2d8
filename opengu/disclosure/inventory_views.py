"""기록물 전수조사 pages: upload with a preview, progress per department, mismatches and their settlement."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from opengu.core import charts
from opengu.core.models import Department, User
from opengu.disclosure import inventory, permissions, selectors, services
from opengu.disclosure.exports import csv_response, xlsx_response
from opengu.disclosure.models import InventoryMismatch, InventorySource, MismatchKind
from opengu.disclosure.services import DisclosureError, InventoryFileError

MAX_UPLOAD = 20 * 1024 * 1024
PREVIEW_ROWS = 50
PROGRESS_HEADER = [
    gettext_lazy("부서"), gettext_lazy("등록 목록(건)"), gettext_lazy("실물 점검 목록(건)"), gettext_lazy("불일치"),
    gettext_lazy("정리·소명"), gettext_lazy("진행률(%)"), gettext_lazy("실물 없음"), gettext_lazy("미등록"),
    gettext_lazy("보존기간"), gettext_lazy("공개구분"),
]
MISMATCH_HEADER = [
    gettext_lazy("부서"), gettext_lazy("등록번호"), gettext_lazy("제목"), gettext_lazy("불일치 유형"),
    gettext_lazy("등록 목록"), gettext_lazy("실물 점검 목록"), gettext_lazy("처리 상태"), gettext_lazy("처리 내용"),
    gettext_lazy("처리자"), gettext_lazy("처리 일시"),
]


def _progress_row(p: selectors.InventoryProgress) -> list[object]:
    return [p.department, p.registered if p.registered is not None else "", p.held if p.held is not None else "",
            p.mismatches, p.settled, p.percent if p.compared else "",
            *(p.by_kind.get(kind, 0) for kind in MismatchKind.values)]


def _mismatch_row(m: InventoryMismatch) -> list[object]:
    return [m.department.name, m.number, m.title, m.get_kind_display(), m.registered_value, m.held_value,
            m.get_status_display(), m.note, m.resolved_by.get_username() if m.resolved_by else "",
            timezone.localtime(m.resolved_at).strftime("%Y-%m-%d %H:%M") if m.resolved_at else ""]


def _chart(progress: list[selectors.InventoryProgress]) -> charts.BarChart:
    """One bar per department: the share of its mismatches settled."""
    not_sent = _("목록 미제출")
    rows = [charts.Row(label=p.department, value=p.share or 0.0,
                       shown=f"{p.percent}% ({p.settled}/{p.mismatches})" if p.compared else not_sent, colour="#1b5e20")
            for p in progress]
    desc = "; ".join(f"{p.department} {p.percent}%" if p.compared else f"{p.department} {not_sent}" for p in progress)
    return charts.bar_chart("inv-chart", rows, maximum=1, title=_("부서별 불일치 정리 비율"), desc=desc)


def _departments(user: User) -> Any:
    return [d for d in Department.objects.order_by("name") if permissions.can_manage_inventory(user, d)]


def _upload(request: HttpRequest, user: User) -> dict[str, Any]:
    """Parse the upload; import it unless this is a preview or it has errors. Returns template context."""
    department = Department.objects.filter(pk=request.POST.get("department") or 0).first() \
        if (request.POST.get("department") or "").isdigit() else None
    source = request.POST.get("source", "")
    upload = request.FILES.get("file")
    form_errors: dict[str, str] = {}
    if department is None:
        form_errors["department"] = _("부서를 선택해 주세요.")
    elif not permissions.can_manage_inventory(user, department):
        form_errors["department"] = _("자기 부서의 목록만 올릴 수 있습니다.")
    if source not in InventorySource.values:
        form_errors["source"] = _("목록 종류(등록 목록 또는 실물 점검 목록)를 선택해 주세요.")
    if upload is None:
        form_errors["file"] = _("CSV 또는 xlsx 파일을 선택해 주세요.")
    elif upload.size is not None and upload.size > MAX_UPLOAD:
        form_errors["file"] = _("파일은 20MB까지 올릴 수 있습니다.")
    context: dict[str, Any] = {"form_errors": form_errors, "chosen_department": department, "chosen_source": source}
    if form_errors or upload is None or department is None:
        return context
    data = upload.read()
    filename = upload.name or "list.csv"
    parsed = inventory.parse_upload(data, filename)
    context.update(parsed=parsed, preview_rows=parsed.rows[:PREVIEW_ROWS], filename=filename)
    if request.POST.get("action") != "import" or parsed.errors:
        return context
    try:
        services.inventory_import(actor=user, department=department, source=source, data=data, filename=filename)
    except InventoryFileError as exc:
        parsed.errors = exc.errors
        return context
    except DisclosureError as exc:
        context["form_errors"] = {exc.field or "file": exc.message}
        return context
    context["imported"] = True
    return context


@login_required
def staff_inventory(request: HttpRequest) -> HttpResponseBase:
    """Progress per department (chart and table, CSV/xlsx) and the upload form with its preview."""
    if not permissions.can_view_inventory(request.user):
        raise PermissionDenied
    user: User = request.user  # type: ignore[assignment]
    upload: dict[str, Any] = {}
    if request.method == "POST":
        upload = _upload(request, user)
        if upload.get("imported"):
            messages.success(request, _("%(d)s의 %(s)s을(를) 저장하고 불일치를 다시 찾았습니다.") % {
                "d": upload["chosen_department"].name, "s": InventorySource(upload["chosen_source"]).label})
            return redirect("disclosure:staff_inventory")
    progress = selectors.inventory_progress()
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        name = f"records-inventory-progress-{timezone.localdate():%Y%m%d}"
        rows = [_progress_row(p) for p in progress]
        return csv_response(name, PROGRESS_HEADER, rows) if export == "csv" else \
            xlsx_response(name, PROGRESS_HEADER, rows)
    invalid = bool(upload.get("form_errors") or getattr(upload.get("parsed"), "errors", None))
    return render(request, "disclosure/inventory.html", {
        "progress": progress, "chart": _chart(progress), "departments": _departments(user),
        "sources": InventorySource.choices, "kinds": MismatchKind.choices, "preview_limit": PREVIEW_ROWS,
        "class_labels": inventory.CLASS_LABELS, **upload,
    }, status=400 if invalid else 200)


@login_required
def staff_inventory_mismatches(request: HttpRequest) -> HttpResponseBase:
    """Mismatches filtered by department, kind and status, with the same filters on the exports."""
    if not permissions.can_view_inventory(request.user):
        raise PermissionDenied
    user: User = request.user  # type: ignore[assignment]
    raw = request.GET.get("department", "")
    department_id = int(raw) if raw.isdigit() else None
    kind = request.GET.get("kind", "") if request.GET.get("kind", "") in MismatchKind.values else ""
    status = request.GET.get("status", "")
    status = status if status in InventoryMismatch.Status.values else ""
    rows = selectors.inventory_mismatches(department_id=department_id, kind=kind, status=status)
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        name = f"records-inventory-mismatches-{timezone.localdate():%Y%m%d}"
        data = (_mismatch_row(m) for m in rows.iterator(chunk_size=1000))
        return csv_response(name, MISMATCH_HEADER, data) if export == "csv" else \
            xlsx_response(name, MISMATCH_HEADER, data)
    params = request.GET.copy()
    params.pop("page", None)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    for m in page.object_list:
        m.can_manage = permissions.can_manage_inventory(user, m.department)  # type: ignore[attr-defined]
    return render(request, "disclosure/inventory_mismatches.html", {
        "page": page, "departments": Department.objects.order_by("name"), "department_id": department_id or "",
        "kind": kind, "status": status, "kinds": MismatchKind.choices, "statuses": InventoryMismatch.Status.choices,
        "settle_choices": [c for c in InventoryMismatch.Status.choices if c[0] != "open"],
        "filters": params.urlencode(),
    })


@login_required
@require_POST
def staff_inventory_resolve(request: HttpRequest, pk: int) -> HttpResponseBase:
    mismatch = get_object_or_404(InventoryMismatch.objects.select_related("department"), pk=pk)
    if not permissions.can_manage_inventory(request.user, mismatch.department):
        raise PermissionDenied
    try:
        services.inventory_mismatch_resolve(actor=request.user,  # type: ignore[arg-type]
                                            mismatch=mismatch, status=request.POST.get("status", ""),
                                            note=request.POST.get("note", ""))
    except DisclosureError as exc:
        messages.error(request, _("%(n)s: %(m)s") % {"n": mismatch.number, "m": exc.message})
    else:
        messages.success(request, _("%(n)s의 처리 결과를 저장했습니다.") % {"n": mismatch.number})
    back = request.POST.get("next", "")
    # Back to the same filtered list; only a query string is accepted, never another address.
    return redirect(reverse("disclosure:staff_inventory_mismatches") + (back if back.startswith("?") else ""))
