"""Data requests (데이터 개방 요청): the public list and page, the request and support forms, staff
answers and the priority view. Thin: parse, check permission, call `demand`, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opengu.core.accesslog import record_access
from opengu.core.exports import table_response
from opengu.core.models import PersonalDataAccess
from opengu.core.selectors import department_list
from opengu.lib import pii
from opengu.opendata import demand, permissions
from opengu.opendata.commerce_views import _bars
from opengu.opendata.forms import DataRequestAnswerForm, DataRequestForm, DataRequestSupportForm
from opengu.opendata.models import DataRequest, Dataset

STATUS_COLOURS = ("#1f4e8c", "#4a5d23", "#6b3fa0", "#1d6b45", "#b3261e")


def _errors_to_form(form: Form, error: ValidationError) -> None:
    for field, texts in error.message_dict.items():
        form.add_error(field if field in form.fields else None, texts)


def _list_rows(requests: Any) -> tuple[list[str], Any]:
    header = [_("번호"), _("필요한 데이터"), _("필요한 이유"), _("활용 분야"), _("담당 부서"), _("처리 상태"),
              _("공감 수"), _("요청일"), _("공개된 데이터셋")]
    rows = ([r.pk, r.title, r.purpose, r.get_use_display(), r.department.name if r.department else "",
             r.get_status_display(), r.supporter_count + 1, timezone.localtime(r.created_at).date().isoformat(),
             r.dataset.title if r.dataset else ""] for r in requests)
    return [str(h) for h in header], rows


def request_list(request: HttpRequest) -> HttpResponseBase:
    """Everyone sees every request and its status; never who asked."""
    status, order = request.GET.get("status", ""), request.GET.get("order", "new")
    requests = demand.data_request_list(status=status, department=request.GET.get("department", ""), order=order)
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        header, rows = _list_rows(requests)
        return table_response(export, f"data-requests-{timezone.localdate():%Y%m%d}", header, rows)
    counts = demand.data_request_status_counts()
    params = request.GET.copy()
    params.pop("export", None)
    return render(request, "opendata/requests.html", {
        "requests": requests[:200], "status": status, "order": order, "statuses": DataRequest.Status.choices,
        "counts": counts, "chart": _bars("status-chart", _("처리 상태별 요청 수"), [(label, n, f"{n}") for _v, label, n in counts], STATUS_COLOURS),
        "export_query": params.urlencode(), "can_request": permissions.can_request_data(request.user),
        "can_see_priorities": permissions.can_view_data_request_priorities(request.user),
    })


@login_required
def request_new(request: HttpRequest) -> HttpResponse:
    if not permissions.can_request_data(request.user):
        raise PermissionDenied
    form = DataRequestForm(request.POST or None, departments=department_list())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = demand.data_request_submit(
                actor=request.user, title=data["title"], purpose=data["purpose"], use=data["use"],  # type: ignore[arg-type]
                notify_by=data["notify_by"], department=data["department"])
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("요청을 접수했습니다. 공개되면 고르신 방법으로 알려 드립니다."))
            return redirect("opendata:request", created.pk)
    return render(request, "opendata/request_form.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


def _get(pk: int) -> DataRequest:
    found = demand.data_request_get(pk)
    if found is None:
        raise Http404
    return found


def request_page(request: HttpRequest, pk: int) -> HttpResponse:
    data_request = _get(pk)
    user = request.user
    context: dict[str, Any] = {"data_request": data_request, "people": data_request.supporter_count + 1,
                               "overdue": demand.data_request_overdue(data_request)}
    if permissions.can_request_data(user) and data_request.requester_id != user.pk \
            and data_request.status not in demand.CLOSED:
        context["supported"] = demand.data_request_supported_by(user, data_request)
        context["support_form"] = DataRequestSupportForm()
    context["mine"] = getattr(user, "is_authenticated", False) and data_request.requester_id == user.pk
    if permissions.can_view_data_request_requester(user, data_request):
        requester = data_request.requester
        resident = getattr(requester, "resident", None) if requester.is_resident else None
        context["requester_masked"] = pii.mask_name(resident.name) if resident else requester.display_name()
        record_access(actor=user, action=PersonalDataAccess.Action.VIEW, subject="opendata.datarequest",  # type: ignore[arg-type]
                      record_ids=[data_request.pk], request=request, purpose=_("데이터 개방 요청 처리"))
    if permissions.can_answer_data_request(user, data_request):
        context["answer_form"] = _answer_form(data_request)
    return render(request, "opendata/request.html", context)


def _answer_form(data_request: DataRequest, data: Any = None) -> DataRequestAnswerForm:
    return DataRequestAnswerForm(
        data, datasets=Dataset.objects.filter(published=True).order_by("title"), departments=department_list(),
        initial={"status": data_request.status, "answer": data_request.answer,
                 "refusal_reason": data_request.refusal_reason, "planned_for": data_request.planned_for,
                 "dataset": data_request.dataset_id, "department": data_request.department_id,
                 "extension_reason": data_request.extension_reason})


@login_required
@require_POST
def request_support(request: HttpRequest, pk: int) -> HttpResponse:
    data_request = _get(pk)
    form = DataRequestSupportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("활용 분야와 알림 방법을 목록에서 골라 주세요."))
        return redirect("opendata:request", pk)
    try:
        _support, created = demand.data_request_support(
            actor=request.user, request=data_request, use=form.cleaned_data["use"],  # type: ignore[arg-type]
            notify_by=form.cleaned_data["notify_by"])
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("공감했습니다.") if created else _("이미 공감하신 요청입니다."))
    return redirect("opendata:request", pk)


@login_required
@require_POST
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    data_request = _get(pk)
    if not permissions.can_answer_data_request(request.user, data_request):
        raise PermissionDenied
    form = _answer_form(data_request, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            demand.data_request_answer(
                actor=request.user, request=data_request, status=data["status"], answer=data["answer"],  # type: ignore[arg-type]
                refusal_reason=data["refusal_reason"], planned_for=data["planned_for"], dataset=data["dataset"],
                department=data["department"], extension_reason=data["extension_reason"])
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("답변을 저장했습니다."))
            return redirect("opendata:request", pk)
    return render(request, "opendata/request.html", {
        "data_request": data_request, "people": data_request.supporter_count + 1, "answer_form": form,
        "overdue": demand.data_request_overdue(data_request),
    }, status=400)


@login_required
def request_priorities(request: HttpRequest) -> HttpResponseBase:
    """Staff: open requests ranked by people × stated value, each score explained. No names."""
    if not permissions.can_view_data_request_priorities(request.user):
        raise PermissionDenied
    ranked = demand.data_request_priorities()
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        header = [_("순위"), _("번호"), _("필요한 데이터"), _("담당 부서"), _("처리 상태"), _("원하는 사람"),
                  _("평균 활용 가치"), _("점수")]
        rows = ([i, p.request.pk, p.request.title, p.request.department.name if p.request.department else "",
                 p.request.get_status_display(), p.people, round(p.average_use, 2), p.score]
                for i, p in enumerate(ranked, start=1))
        return table_response(export, f"data-request-priorities-{timezone.localdate():%Y%m%d}",
                              [str(h) for h in header], rows)
    top = ranked[:15]
    return render(request, "opendata/request_priorities.html", {
        "ranked": ranked, "uses": DataRequest.Use.choices, "today": timezone.localdate(),
        "chart": _bars("priority-chart", _("점수 상위 요청"), [(p.request.title[:14], p.score, str(p.score)) for p in top]),
    })
