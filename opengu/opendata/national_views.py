"""The national-portal (data.go.kr) registration page: what is not yet registered, its export in
the portal's fields (CSV, xlsx), and marking a dataset registered with its national id."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opengu.core.exports import table_response
from opengu.opendata import national, permissions, selectors


@login_required
def national_portal(request: HttpRequest) -> HttpResponseBase:
    if not permissions.can_use_opendata_workspace(request.user):
        raise PermissionDenied
    site_base = request.build_absolute_uri("/").rstrip("/")
    pending = national.unregistered_datasets()
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        return table_response(export, f"data-go-kr-registration-{timezone.localdate():%Y%m%d}", national.HEADER,
                              national.registration_rows(pending, site_base))
    rows = []
    for dataset in pending:
        fields = dict(zip(national.HEADER, national.registration_row(dataset, site_base), strict=True))
        rows.append({"dataset": dataset, "department": fields["관리부서"], "category": fields["분류체계"],
                     "cycle": fields["갱신주기"], "missing": fields["누락 항목"],
                     "can_mark": permissions.can_change_dataset(request.user, dataset)})
    return render(request, "opendata/national_portal.html", {
        "rows": rows, "registered": national.registered_datasets(),
    })


@login_required
@require_POST
def national_register(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = selectors.dataset_get(slug)
    if dataset is None or not permissions.can_view_dataset(request.user, dataset):
        raise Http404
    if not permissions.can_change_dataset(request.user, dataset):
        raise PermissionDenied
    try:
        national.dataset_register_nationally(actor=request.user, dataset=dataset,  # type: ignore[arg-type]
                                             national_id=request.POST.get("national_portal_id", ""))
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, f"{dataset.title}: {text}")
    else:
        messages.success(request, _("%(title)s: 공공데이터포털 등록 번호를 기록했습니다.") % {"title": dataset.title})
    return redirect("opendata:national_portal")
