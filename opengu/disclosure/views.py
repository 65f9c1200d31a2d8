"""Pages for residents (file, follow), the public register, and staff (queue, request, review)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opengu.core.models import Department, User
from opengu.core.permissions import is_auditor
from opengu.disclosure import permissions, selectors, services
from opengu.disclosure.exports import csv_response, xlsx_response
from opengu.disclosure.models import (
    ARTICLE_9_ITEMS,
    EXTENSION_REASONS,
    FEE_WAIVER_GROUNDS,
    UNDECIDED_STATES,
    Channel,
    Committee,
    CommitteeAgendaItem,
    Decision,
    Delivery,
    DisclosureRequest,
    FeeRate,
    Method,
    Objection,
    State,
    ThirdPartyNotice,
)
from opengu.disclosure.services import DisclosureError, GroundInput, RequesterData
from opengu.lib import pii
from opengu.lib.korean import with_eul

# ------------------------------------------------------------------ helpers


def _label_args(label: str) -> dict[str, str]:
    # In Korean the label carries its object particle (성명을, 주소를); other languages take it bare.
    return {"label": with_eul(label) if (get_language() or "ko").startswith("ko") else label}


def _date(value: str, field: str, label: str, required: bool = True) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise DisclosureError(_("%(label)s 입력해 주세요.") % _label_args(label), field)
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DisclosureError(_("%(label)s YYYY-MM-DD 형식으로 입력해 주세요.") % _label_args(label), field) from None


def _int(value: str, field: str, label: str) -> int:
    try:
        return int((value or "").strip())
    except ValueError:
        raise DisclosureError(_("%(label)s 선택하거나 숫자로 입력해 주세요.") % _label_args(label), field) from None


def _fee_inputs(post: Any) -> dict[str, Any]:
    """The draft form's fee fields: a fee-table line and quantity, a waiver ground, an override with its reason."""
    rate_id = (post.get("fee_rate") or "").strip()
    rate = FeeRate.objects.filter(pk=rate_id).first() if rate_id.isdigit() else None
    if rate_id and rate is None:
        raise DisclosureError(_("수수료 항목을 다시 골라 주세요."), "fee_rate")
    quantity = (post.get("fee_quantity") or "").strip()
    ground = (post.get("fee_waiver_ground") or "").strip()
    override = (post.get("fee_override") or "").strip()
    return {
        "fee_rate": rate, "fee_quantity": _int(quantity, "fee_quantity", _("수량")) if quantity else None,
        "fee_waiver_ground": _int(ground, "fee_waiver_ground", _("감면 사유")) if ground else None,
        "fee_override": _int(override, "fee_override", _("조정한 수수료")) if override else None,
        "fee_override_reason": post.get("fee_override_reason", ""),
        "postage": _int(post.get("postage") or "0", "postage", _("우편요금")),
        "fee_method_reason": post.get("fee_method_reason", ""),
    }


def _requester_data(post: Any) -> RequesterData:
    return RequesterData(
        name=post.get("requester_name", ""), birth_date=post.get("requester_birth_date", ""),
        address=post.get("requester_address", ""), phone=post.get("requester_phone", ""),
        email=post.get("requester_email", ""),
    )


def _plain_state(request: DisclosureRequest) -> str:
    """The state in words a requester understands."""
    return {
        State.RECEIVED: _("접수되어 담당 부서를 정하고 있습니다."),
        State.ASSIGNED: _("담당 부서에서 공개 여부를 검토하고 있습니다."),
        State.EXTENDED: _("결정기간이 연장되어 담당 부서에서 검토하고 있습니다."),
        State.UNDER_REVIEW: _("담당 부서에서 공개 여부를 검토하고 있습니다."),
        State.DECIDED: _("공개 여부가 결정되어 통지했습니다."),
        State.DISCLOSED: _("정보를 공개했습니다."),
        State.OBJECTED: _("이의신청을 검토하고 있습니다."),
        State.REDECIDING: _("이의신청이 받아들여져 담당 부서에서 다시 결정하고 있습니다."),
        State.CLOSED: _("처리가 끝났습니다."),
        State.TRANSFERRED: _("정보를 가진 다른 기관으로 이송했습니다."),
        State.PETITION: _("민원으로 처리했습니다."),
        State.TERMINATED: _("종결 처리했습니다."),
        State.WITHDRAWN: _("청구를 취하했습니다."),
    }[State(request.state)]


def _public_state(request: DisclosureRequest) -> str:
    # Internal steps (사전검토) are not shown to the public or the requester: they see "검토 중".
    if request.state == State.UNDER_REVIEW:
        return str(State.ASSIGNED.label)
    return str(request.get_state_display())


def _issued_decision(request: DisclosureRequest) -> Decision | None:
    decision = getattr(request, "decision", None) if hasattr(request, "decision") else None
    return decision if decision is not None and decision.is_issued else None


# ------------------------------------------------------------------ residents


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "disclosure/index.html", {"can_file": permissions.can_file_request(request.user)})


@login_required
def file_request(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.can_file_request(user):
        raise PermissionDenied
    resident = getattr(user, "resident", None)
    values: dict[str, Any] = {
        "requester_name": resident.name if resident else "",
        "requester_phone": resident.phone if resident else "",
        "requester_email": resident.email if resident else "",
        "method": Method.ELECTRONIC, "delivery": Delivery.ONLINE, "in_public_register": False,
    }
    error: DisclosureError | None = None
    if request.method == "POST":
        values = {key: request.POST.get(key, "") for key in request.POST}
        values["in_public_register"] = bool(request.POST.get("in_public_register"))
        try:
            created = services.request_file(
                actor=user, data=_requester_data(request.POST),  # type: ignore[arg-type]
                subject=request.POST.get("subject", ""), content=request.POST.get("content", ""),
                method=request.POST.get("method", ""), delivery=request.POST.get("delivery", ""),
                in_public_register=values["in_public_register"],
                fee_waiver_requested=bool(request.POST.get("fee_waiver_requested")),
                fee_waiver_reason=request.POST.get("fee_waiver_reason", ""),
                consent=bool(request.POST.get("consent")),
            )
        except DisclosureError as exc:
            error = exc
        else:
            messages.success(request, _("청구를 접수했습니다. 접수번호 %(n)s") % {"n": created.number})
            return redirect("disclosure:mine_detail", number=created.number)
    return render(request, "disclosure/file.html", {
        "values": values, "error": error, "methods": Method.choices, "deliveries": Delivery.choices,
        "notice": services.privacy_notice_shown(services.privacy_notice_for_requests()),
    }, status=400 if error else 200)


@login_required
def my_requests(request: HttpRequest) -> HttpResponse:
    if not permissions.can_file_request(request.user):
        raise PermissionDenied
    rows = selectors.requests_of_requester(request.user)
    return render(request, "disclosure/mine.html", {
        "rows": [{"r": r, "state": _public_state(r)} for r in rows],
    })


def _deadline_rows(request: DisclosureRequest) -> list[dict[str, Any]]:
    return [{"d": d, "w": d.working} for d in services.deadlines_current(request)]


def _plain_working(working: dict[str, Any]) -> dict[str, Any]:
    """The working in words a resident understands; the legal wording stays beside it, smaller."""
    start = dt.date.fromisoformat(str(working.get("start")))
    days, skipped = working.get("days"), list(working.get("skipped") or [])
    if working.get("counting") == "civil":
        sentence = _("%(start)s 다음 날부터 %(days)s일을 셉니다. 마지막 날이 토·일요일이나 공휴일이면 "
                     "그다음 날까지입니다.") % {"start": date_format(start), "days": days}
        plain = [{"date": s["date"], "reason": _("다음 날부터 셉니다.") if i == 0 else
                  _("%(day)s이라 다음 날로 넘어갑니다.") % {"day": str(s["reason"]).split(":")[0]}}
                 for i, s in enumerate(skipped)]
    else:
        sentence = _("%(start)s부터 세고, 토·일요일과 공휴일은 빼고 %(days)s일을 셉니다.") % {
            "start": date_format(start), "days": days}
        # The days left out keep the calendar's own (Korean) names, marked as Korean on the page.
        plain = [{**s, "lang": "ko"} for s in skipped]
    return {"sentence": sentence, "skipped": plain}


def _plain_deadline_rows(request: DisclosureRequest) -> list[dict[str, Any]]:
    return [{**row, "plain": _plain_working(row["w"])} for row in _deadline_rows(request)]


@login_required
def my_request_detail(request: HttpRequest, number: str) -> HttpResponse:
    found = selectors.request_of_requester(request.user, number)
    if found is None or not permissions.can_view_own_request(request.user, found):
        raise Http404
    decision = _issued_decision(found)
    can_object = services.can_object_now(found)
    return render(request, "disclosure/mine_detail.html", {
        "r": found, "plain_state": _plain_state(found), "state": _public_state(found),
        "deadlines": _plain_deadline_rows(found), "decision": decision,
        "steps": found.transitions.filter(internal=False), "is_final": found.is_final,
        "can_object": can_object, "objection": Objection.objects.filter(request=found).first(),
        "files": found.documents.filter(published_on__isnull=False) if decision is not None else [],
    })


@login_required
@require_POST
def my_request_action(request: HttpRequest, number: str, action: str) -> HttpResponse:
    found = selectors.request_of_requester(request.user, number)
    if found is None:
        raise Http404
    try:
        if action == "withdraw":
            services.request_withdraw(actor=request.user, request=found,  # type: ignore[arg-type]
                                      reason=request.POST.get("reason", ""))
            messages.success(request, _("청구를 취하했습니다."))
        elif action == "object":
            services.request_object(actor=request.user, request=found,  # type: ignore[arg-type]
                                    grounds=request.POST.get("grounds", ""))
            messages.success(request, _("이의신청을 접수했습니다."))
        else:
            raise Http404
    except DisclosureError as exc:
        messages.error(request, exc.message)
    return redirect("disclosure:mine_detail", number=number)


# ------------------------------------------------------------------ public register

REGISTER_HEADER = [gettext_lazy("접수번호"), gettext_lazy("접수일"), gettext_lazy("청구 제목"), gettext_lazy("처리 부서"),
                   gettext_lazy("상태"), gettext_lazy("결정"), gettext_lazy("결정일")]


def _register_row(r: DisclosureRequest) -> list[object]:
    decision = _issued_decision(r)
    return [
        # A title registered by staff from paper may hold a phone number: the public never sees it.
        r.number, r.received_on.isoformat(),
        pii.mask_in_text(r.subject) if r.in_public_register else _("(청구인이 제목 공개를 원하지 않음)"),
        r.department.name if r.department else "", _public_state(r),
        decision.get_kind_display() if decision else "", decision.issued_on.isoformat() if decision and decision.issued_on else "",
    ]


def register(request: HttpRequest) -> HttpResponseBase:
    query = request.GET.get("q", "").strip()[:100]
    outcome = request.GET.get("outcome", "")
    outcome = outcome if outcome in Decision.Kind.values else ""
    try:
        year = int(request.GET.get("year", "")) if request.GET.get("year") else None
    except ValueError:
        year = None
    rows = selectors.public_register(query=query, outcome=outcome, year=year)
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        data = (_register_row(r) for r in rows.iterator(chunk_size=1000))
        name = f"disclosure-register-{timezone.localdate():%Y%m%d}"
        return csv_response(name, REGISTER_HEADER, data) if export == "csv" else xlsx_response(name, REGISTER_HEADER, data)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "disclosure/register.html", {
        "page": page, "rows": [list(zip(REGISTER_HEADER, _register_row(r), strict=True)) for r in page],
        "query": query, "outcome": outcome,
        "year": year or "", "outcomes": Decision.Kind.choices, "header": REGISTER_HEADER,
        "filters": request.GET.urlencode(),
    })


# ------------------------------------------------------------------ staff

# "다음 기한" is the date the queue is ordered by (selectors.queue_ordered), "기한 종류" says which date it is.
QUEUE_HEADER = [gettext_lazy("접수번호"), gettext_lazy("접수일"), gettext_lazy("청구인"), gettext_lazy("청구 제목"),
                gettext_lazy("처리 부서"), gettext_lazy("상태"), gettext_lazy("다음 기한"), gettext_lazy("기한 종류"),
                gettext_lazy("기한 초과")]


def _staff_only(request: HttpRequest) -> User:
    if not permissions.can_use_request_queue(request.user):
        raise PermissionDenied
    return request.user  # type: ignore[return-value]


def _queue_due_kind(r: DisclosureRequest) -> str:
    if r.state == State.OBJECTED:
        return _("이의신청 결정")
    if r.state == State.REDECIDING:
        return _("재결정")
    if r.state in UNDECIDED_STATES:
        return _("연장된 공개 여부 결정") if r.state == State.EXTENDED else _("공개 여부 결정")
    return ""


def _queue_row(r: DisclosureRequest, today: dt.date) -> list[object]:
    """A queue row; `queue_due` (annotated by selectors.queue_ordered) is the next step's due date, by which
    the queue is ordered, so the column shows exactly what the order uses."""
    due: dt.date | None = getattr(r, "queue_due", None)
    overdue = due is not None and due < today
    return [r.number, r.received_on.isoformat(), pii.mask_name(r.requester_name), r.subject,
            r.department.name if r.department else _("미배부"), r.get_state_display(),
            due.isoformat() if due else "", _queue_due_kind(r) if due else "", _("초과") if overdue else ""]


@login_required
def staff_queue(request: HttpRequest) -> HttpResponseBase:
    user = _staff_only(request)
    state = request.GET.get("state", "open")
    overdue = request.GET.get("overdue") == "1"
    query = request.GET.get("q", "").strip()[:100]
    rows = selectors.staff_queue(user, state=state, overdue=overdue, query=query)
    today = timezone.localdate()
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        purpose = request.GET.get("purpose", "").strip()
        if not purpose:
            messages.error(request, _("내려받는 목적을 적어 주세요."))
            params = request.GET.copy()
            params.pop("format", None)
            return redirect(f"{request.path}?{params.urlencode()}")
        services.requests_listed_for_staff(actor=user, ids=rows.values_list("pk", flat=True),
                                           http_request=request, export_purpose=purpose)
        data = [_queue_row(r, today) for r in rows]
        name = f"disclosure-queue-{today:%Y%m%d}"
        return csv_response(name, QUEUE_HEADER, data) if export == "csv" else xlsx_response(name, QUEUE_HEADER, data)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    services.requests_listed_for_staff(actor=user, ids=[r.pk for r in page], http_request=request)
    return render(request, "disclosure/staff_queue.html", {
        "page": page, "rows": [(r, row, list(zip(QUEUE_HEADER[1:8], row[1:8], strict=True)))
                              for r, row in ((r, _queue_row(r, today)) for r in page)], "state": state, "overdue": overdue,
        "query": query, "states": State.choices, "header": QUEUE_HEADER,
        "can_register": permissions.can_register_request(user),
        "can_review": permissions.can_use_review_queue(user), "filters": request.GET.urlencode(),
    })


@login_required
def staff_register(request: HttpRequest) -> HttpResponse:
    user = _staff_only(request)
    if not permissions.can_register_request(user):
        raise PermissionDenied
    values: dict[str, Any] = {"channel": Channel.PAPER, "method": Method.COPY, "delivery": Delivery.VISIT,
                              "received_on": timezone.localdate().isoformat(), "in_public_register": False}
    error: DisclosureError | None = None
    if request.method == "POST":
        values = {key: request.POST.get(key, "") for key in request.POST}
        values["in_public_register"] = bool(request.POST.get("in_public_register"))
        try:
            received_on = _date(request.POST.get("received_on", ""), "received_on", _("접수일"))
            assert received_on is not None
            created = services.request_register(
                actor=user, data=_requester_data(request.POST), subject=request.POST.get("subject", ""),
                content=request.POST.get("content", ""), method=request.POST.get("method", ""),
                delivery=request.POST.get("delivery", ""), channel=request.POST.get("channel", ""),
                received_on=received_on, in_public_register=values["in_public_register"], request=request,
            )
        except DisclosureError as exc:
            error = exc
        else:
            messages.success(request, _("청구를 접수했습니다. 접수번호 %(n)s") % {"n": created.number})
            return redirect("disclosure:staff_request", pk=created.pk)
    return render(request, "disclosure/staff_register.html", {
        "values": values, "error": error, "methods": Method.choices, "deliveries": Delivery.choices,
        "channels": [c for c in Channel.choices if c[0] != Channel.ONLINE],
    }, status=400 if error else 200)


def allowed_actions(user: User, r: DisclosureRequest) -> list[str]:
    """The actions `user` may take on `r` now: the staff page shows exactly these forms."""
    handle = permissions.can_handle_request(user, r)
    assign = permissions.can_assign_request(user, r)
    review = permissions.can_review_request(user, r)
    s = r.state
    has_extension = hasattr(r, "extension")
    draft = Decision.objects.filter(request=r).first()
    found: list[str] = []
    if assign and s in (State.RECEIVED, State.ASSIGNED, State.EXTENDED):
        found.append("assign")
    if (assign or handle) and s in (State.RECEIVED, State.ASSIGNED):
        found.append("transfer")
    if handle and s in (State.RECEIVED, State.ASSIGNED, State.EXTENDED):
        found += ["petition", "terminate"]
    if handle and s == State.REDECIDING:
        found.append("draft")
        if draft is not None:
            found += ["submit_review", "decide"] if draft.restricts else ["decide"]
    if handle and s in (State.ASSIGNED, State.EXTENDED):
        found += ["third_party", "draft"]
        if draft is not None:
            found.append("submit_review" if draft.restricts else "decide")
            if draft.restricts:
                found.append("decide")
    if handle and s == State.ASSIGNED and not has_extension:
        found.append("extend")
    if review and s == State.UNDER_REVIEW:
        found.append("review")
    if review and not r.focused_review and s in (State.ASSIGNED, State.EXTENDED, State.UNDER_REVIEW):
        found.append("focus")
    if permissions.can_approve_focused_request(user, r) and r.focused_review and draft is not None \
            and s in (State.ASSIGNED, State.EXTENDED):
        found.append("approve_focused")
    if handle and s == State.DECIDED and draft is not None and draft.kind in (Decision.Kind.DISCLOSE,
                                                                               Decision.Kind.PARTIAL):
        found.append("disclose")
    if handle and s in (State.DECIDED, State.DISCLOSED):
        found.append("close")
    if handle and services.can_object_now(r):
        found.append("object")
    if handle and s == State.OBJECTED:
        found += ["refer_objection", "decide_objection"]
        objection = Objection.objects.filter(request=r).first()
        if objection is not None and not objection.extension_reason:
            found.append("extend_objection")
    if handle and services.process_end_pending(r):
        found.append("process_end")
    if permissions.can_withdraw_request(user, r) and not r.is_final:
        found.append("withdraw")
    return found


def _staff_request(user: User, pk: int) -> DisclosureRequest:
    found = selectors.request_for_staff(pk)
    if found is None:
        raise Http404
    if not permissions.can_view_request(user, found):
        raise PermissionDenied
    return found


@login_required
def staff_request(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff_only(request)
    found = _staff_request(user, pk)
    services.request_view_for_staff(actor=user, request=found, http_request=request)
    draft = Decision.objects.filter(request=found).prefetch_related("grounds").first()
    today = timezone.localdate()
    earliest, latest = services.disclosure_date_limit(found, today)
    redecision_kinds = services.redecision_kinds(found) if found.state == State.REDECIDING else None
    return render(request, "disclosure/staff_request.html", {
        "r": found, "masked": {
            "name": pii.mask_name(found.requester_name),
            "phone": pii.mask_phone(found.requester_phone) if found.requester_phone else "",
            "email": pii.mask_email(found.requester_email) if found.requester_email else "",
            "address": pii.mask_address(found.requester_address) if found.requester_address else "",
        },
        "deadlines": _deadline_rows(found), "draft": draft, "steps": found.transitions.select_related("actor"),
        "actions": allowed_actions(user, found), "departments": Department.objects.order_by("order", "name"),
        "articles": sorted(ARTICLE_9_ITEMS.items()), "extension_reasons": sorted(EXTENSION_REASONS.items()),
        "kinds": Decision.Kind.choices, "outcomes": Objection.Outcome.choices,
        "fee_rates": FeeRate.objects.filter(active=True), "waiver_grounds": sorted(FEE_WAIVER_GROUNDS.items()),
        "exceptions": Objection.CommitteeException.choices, "petition_grounds": sorted(services.PETITION_GROUNDS.items()),
        "termination_grounds": sorted(services.TERMINATION_GROUNDS.items()),
        "third_parties": found.third_parties.all(), "reviews": found.reviews.all(),
        "objection": Objection.objects.filter(request=found).first(),
        "read_only": is_auditor(user) and not permissions.can_handle_request(user, found),
        # The files answering this request (원문 with redaction, delivered to the requester once published).
        "documents": found.documents.select_related("department").order_by("number", "version"),
        "can_attach": permissions.can_handle_request(user, found) and not found.is_final,
        # 정보공개심의회 agenda items on this request and their decisions.
        "agenda": found.agenda_items.select_related("decision").order_by("created_at"),
        # 공개 일시 limits as of today (시행령 제12조제1항, 법 제21조제3항), shown next to the field.
        "today": today, "disclosure_earliest": earliest, "disclosure_latest": latest,
        # After an upheld objection: the kinds the new decision may take, and whether the old draft is one.
        "redecision_kinds": redecision_kinds,
        "draft_kind_allowed": draft is not None and (redecision_kinds is None or draft.kind in redecision_kinds),
        # A refused 과정 종료 통지 comes back with the date the clerk typed.
        "process_end_on": request.GET.get("ended_on", "")[:10],
    })


def _grounds(post: Any) -> list[GroundInput]:
    found = []
    for item in ARTICLE_9_ITEMS:
        if post.get(f"ground_{item}"):
            found.append(GroundInput(item=item, reason=post.get(f"ground_{item}_reason", "")))
    return found


def _run_action(user: User, r: DisclosureRequest, action: str, post: Any) -> str:
    """Call the one service behind `action`; returns the message shown after it."""
    if action == "assign":
        department = Department.objects.filter(pk=post.get("department") or 0).first()
        if department is None:
            raise DisclosureError(_("배부할 부서를 선택해 주세요."), "department")
        services.request_assign(actor=user, request=r, department=department)
        return _("배부했습니다.")
    if action == "transfer":
        services.request_transfer(actor=user, request=r, agency=post.get("agency", ""), reason=post.get("reason", ""))
        return _("이송하고 청구인에게 알렸습니다.")
    if action == "petition":
        services.request_treat_as_petition(actor=user, request=r, ground=_int(post.get("ground", ""), "ground", _("사유")),
                                           result=post.get("result", ""))
        return _("민원으로 처리했습니다.")
    if action == "terminate":
        services.request_terminate(actor=user, request=r, ground=post.get("ground", ""),
                                   explanation=post.get("explanation", ""), location=post.get("location", ""))
        return _("종결 처리했습니다.")
    if action == "third_party":
        services.request_notify_third_party(actor=user, request=r, name=post.get("name", ""),
                                            contact=post.get("contact", ""),
                                            notified_on=_date(post.get("notified_on", ""), "notified_on", _("통지일"), False))
        return _("제3자 통지를 기록했습니다.")
    if action == "third_party_opinion":
        notice = ThirdPartyNotice.objects.filter(request=r, pk=post.get("notice") or 0).first()
        if notice is None:
            raise DisclosureError(_("의견을 기록할 제3자를 선택해 주세요."), "notice")
        services.request_record_third_party_opinion(actor=user, notice=notice,
                                                    objects_to_disclosure=bool(post.get("objects")),
                                                    opinion=post.get("opinion", ""))
        return _("제3자 의견을 기록했습니다.")
    if action == "extend":
        services.request_extend(actor=user, request=r, reason=_int(post.get("reason", ""), "reason", _("연장 사유")),
                                explanation=post.get("explanation", ""),
                                days=_int(post.get("days", "10"), "days", _("연장 일수")))
        return _("결정기간을 연장하고 청구인에게 알렸습니다.")
    if action == "draft":
        services.request_draft_decision(
            actor=user, request=r, kind=post.get("kind", ""), grounds=_grounds(post),
            disclosed_part=post.get("disclosed_part", ""), not_held_reason=post.get("not_held_reason", ""),
            process_stage=post.get("process_stage", ""),
            process_expected_end=_date(post.get("process_expected_end", ""), "process_expected_end", _("종료 예정일"), False),
            disclosure_on=_date(post.get("disclosure_on", ""), "disclosure_on", _("공개 일시"), False),
            disclosure_place=post.get("disclosure_place", ""), **_fee_inputs(post),
        )
        return _("결정안을 저장했습니다.")
    if action == "submit_review":
        services.request_submit_for_review(actor=user, request=r)
        return _("사전검토를 요청했습니다.")
    if action == "review":
        services.request_review_complete(actor=user, request=r, approve=post.get("approve") == "1",
                                         comment=post.get("comment", ""))
        return _("사전검토 결과를 기록했습니다.")
    if action == "focus":
        services.request_focus(actor=user, request=r, reason=post.get("reason", ""))
        return _("집중검토 대상으로 지정했습니다.")
    if action == "approve_focused":
        services.request_approve_focused(actor=user, request=r, comment=post.get("comment", ""))
        return _("결정안을 승인했습니다.")
    if action == "decide":
        services.request_decide(actor=user, request=r)
        return _("결정을 통지했습니다.")
    if action == "disclose":
        services.request_disclose(actor=user, request=r, note=post.get("note", ""))
        return _("공개를 완료했습니다.")
    if action == "object":
        services.request_object(actor=user, request=r, grounds=post.get("grounds", ""),
                                filed_on=_date(post.get("filed_on", ""), "filed_on", _("이의신청일"), False))
        return _("이의신청을 등록했습니다.")
    if action == "extend_objection":
        services.request_extend_objection(actor=user, request=r, reason=post.get("reason", ""))
        return _("이의신청 결정기간을 연장했습니다.")
    if action == "refer_objection":
        services.request_refer_objection(actor=user, request=r)
        return _("정보공개심의회 안건으로 올렸습니다.")
    if action == "decide_objection":
        services.request_decide_objection(
            actor=user, request=r, outcome=post.get("outcome", ""), reason=post.get("reason", ""),
            committee_exception=post.get("committee_exception", ""),
            committee_exception_reason=post.get("committee_exception_reason", ""),
        )
        return _("이의신청을 결정하고 청구인에게 알렸습니다.")
    if action == "close":
        services.request_close(actor=user, request=r, note=post.get("note", ""))
        return _("처리를 완료했습니다.")
    if action == "process_end":
        ended_on = _date(post.get("ended_on", ""), "ended_on", _("과정이 끝난 날"))
        assert ended_on is not None  # required above
        services.request_notify_process_end(actor=user, request=r, ended_on=ended_on, note=post.get("note", ""))
        return _("과정 종료를 청구인에게 알렸습니다.")
    if action == "withdraw":
        services.request_withdraw(actor=user, request=r, reason=post.get("reason", ""))
        return _("취하를 기록했습니다.")
    raise Http404


@login_required
@require_POST
def staff_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _staff_only(request)
    found = _staff_request(user, pk)
    try:
        messages.success(request, _run_action(user, found, action, request.POST))
    except DisclosureError as exc:
        messages.error(request, exc.message)
        if action == "process_end" and request.POST.get("ended_on"):
            return redirect(reverse("disclosure:staff_request", args=[pk]) + "?"
                            + urlencode({"ended_on": request.POST["ended_on"][:10]}) + "#pe-on")
    return redirect("disclosure:staff_request", pk=pk)


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    if not permissions.can_use_review_queue(request.user):
        raise PermissionDenied
    return render(request, "disclosure/review_queue.html", {
        **selectors.review_queue(), "articles": ARTICLE_9_ITEMS,
        "councils": Committee.objects.filter(disclosure_council=True, active=True),
        "can_complete": permissions.is_disclosure_officer(request.user),
    })


@login_required
@require_POST
def agenda_complete(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.is_disclosure_officer(request.user):
        raise PermissionDenied
    item = get_object_or_404(CommitteeAgendaItem, pk=pk)
    try:
        services.agenda_item_complete(actor=request.user, item=item)  # type: ignore[arg-type]
        messages.success(request, _("심의 완료로 기록했습니다."))
    except DisclosureError as exc:
        messages.error(request, exc.message)
    return redirect("disclosure:review_queue")

