"""Pages of the 1004 centre (calls, statistics, clients, referrals) and of discovery and case
management. Thin: parse, check permission, call one service or selector, render.

Every staff page that shows client data writes an access record (`record_access`): a list
names the rows shown, a detail page its one client or case, an export its purpose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from opengu.core import charts
from opengu.core.accesslog import record_access
from opengu.core.audit import audit_event_record
from opengu.core.exports import table_response
from opengu.core.fields import blind_index
from opengu.core.models import Dong, PersonalDataAccess, Tong, User
from opengu.core.selectors import dong_list
from opengu.lib import pii
from opengu.welfare import geo, permissions, selectors, services
from opengu.welfare.models import (
    BenefitReceipt,
    Call,
    Case,
    Client,
    ClientFlag,
    NotifyRequest,
    Referral,
    Service,
    TaxonomyTerm,
)

PER_PAGE = 50


# --- helpers ----------------------------------------------------------------------------------

def export_response(header: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, stem: str) -> HttpResponse:
    """CSV (UTF-8 with BOM) or xlsx of `rows`, through the shared export helper."""
    # Views here are typed as returning HttpResponse; a streamed CSV serves the same role.
    return cast(HttpResponse, table_response(fmt, f"{stem}-{timezone.localdate():%Y%m%d}", header, rows))


def _export_format(request: HttpRequest) -> str | None:
    fmt = request.GET.get("format")
    return fmt if fmt in {"csv", "xlsx"} else None


def _purpose_or_error(request: HttpRequest) -> str:
    return request.GET.get("purpose", "").strip()[:200]


def logged_export(request: HttpRequest, *, subject: str, record_ids: Iterable[Any], header: Sequence[str],
                  rows: Callable[[], Iterable[Sequence[Any]]], stem: str) -> tuple[HttpResponse | None, str]:
    """The export half of every centre list: with ?format= and a purpose, log the export and
    return the file; with a format but no purpose, return the Korean error for the page."""
    fmt = _export_format(request)
    if not fmt:
        return None, ""
    purpose = _purpose_or_error(request)
    if not purpose:
        return None, _("내려받는 목적을 적어 주세요.")
    record_access(actor=request.user, action=PersonalDataAccess.Action.EXPORT, subject=subject,  # type: ignore[arg-type]
                  record_ids=record_ids, request=request, purpose=purpose)
    return export_response(header, rows(), fmt, stem), ""


def _month(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(f"{raw}-01") if raw else None
    except ValueError:
        return None


def _datetime(raw: str) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(raw.strip())
    except ValueError:
        return None
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _int(raw: str) -> int:
    return int(raw) if raw.isdigit() else 0


def _dong(raw: str) -> Dong | None:
    return Dong.objects.filter(pk=int(raw)).first() if raw.isdigit() else None


def _term(raw: str) -> TaxonomyTerm | None:
    return TaxonomyTerm.objects.filter(pk=int(raw)).first() if raw.isdigit() else None


def _staff_user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def mask_contact(value: str) -> str:
    """A reporter's contact as lists show it: a phone as 010-****-5678, an e-mail as ab***@…,
    anything else all but its first two characters hidden."""
    value = (value or "").strip()
    if not value:
        return ""
    phone = pii.normalize_phone(value)
    if phone:
        return pii.mask_phone(phone)
    if "@" in value:
        return pii.mask_email(value)
    return value[:2] + "*" * max(len(value) - 2, 1)


CONSENT_CHANNELS = {"online": _("온라인"), "phone": _("전화"), "paper": _("서면"), "visit": _("방문")}


def _masked_birth(value: str) -> str:
    return f"{value[:4]}-**-**" if value else ""


def _log_list(request: HttpRequest, subject: str, ids: Iterable[Any]) -> None:
    ids = list(ids)
    if ids:
        record_access(actor=_staff_user(request), action=PersonalDataAccess.Action.LIST, subject=subject,
                      record_ids=ids, request=request)


# --- calls and statistics ---------------------------------------------------------------------

CALL_HEADER = ["번호", "시작", "종료", "통화 시간(초)", "구분", "결과", "상담사", "상담 분야", "전화번호(가림)", "대상자(가림)"]


def _call_rows(rows: Iterable[Call]) -> Iterator[list[Any]]:
    for call in rows:
        yield [call.pk, timezone.localtime(call.started_at).strftime("%Y-%m-%d %H:%M"),
               timezone.localtime(call.ended_at).strftime("%Y-%m-%d %H:%M") if call.ended_at else "",
               call.duration_seconds, call.get_direction_display(), call.get_outcome_display(),
               call.counsellor.staff.name if call.counsellor and hasattr(call.counsellor, "staff") else "",
               call.topic.name if call.topic else "", pii.mask_phone(call.caller_phone) if call.caller_phone else "",
               pii.mask_name(call.client.name) if call.client else ""]


def _talk_time(seconds: int) -> str:
    """"4분 05초" for the screen (the export keeps whole seconds for arithmetic)."""
    if not seconds:
        return "-"
    minutes, rest = divmod(seconds, 60)
    return _("%(m)s분 %(s)02d초") % {"m": minutes, "s": rest} if minutes else _("%(s)s초") % {"s": rest}


@login_required
def calls(request: HttpRequest) -> HttpResponse:
    """The call log with filters; POST logs a call; `format=csv|xlsx&purpose=` exports."""
    user = _staff_user(request)
    if not permissions.can_read_centre(user):
        raise PermissionDenied
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    if request.method == "POST":
        if not permissions.can_use_centre(user):
            raise PermissionDenied
        values = {k: request.POST.get(k, "").strip() for k in
                  ("direction", "outcome", "started_at", "ended_at", "topic", "caller_phone", "client", "notes")}
        started = _datetime(values["started_at"])
        ended = _datetime(values["ended_at"]) if values["ended_at"] else None
        if started is None:
            errors["started_at"] = _("시작 시각을 입력해 주세요(예: 2026-03-02T10:15).")
        if values["ended_at"] and ended is None:
            errors["ended_at"] = _("종료 시각 형식이 올바르지 않습니다.")
        client = None
        if values["client"]:
            client = Client.objects.filter(pk=int(values["client"])).first() if values["client"].isdigit() else None
            if client is None or not permissions.can_view_client(user, client):
                errors["client"] = _("대상자를 찾을 수 없습니다.")
        if not errors:
            try:
                services.call_log(actor=user, direction=values["direction"], outcome=values["outcome"] or "answered",
                                  started_at=started, ended_at=ended, topic=_term(values["topic"]),  # type: ignore[arg-type]
                                  caller_phone=values["caller_phone"], client=client, notes=values["notes"])
            except services.WelfareInputError as exc:
                errors = exc.errors
            else:
                messages.success(request, _("상담 전화를 기록했습니다."))
                if client is not None:
                    return redirect("welfare:client", pk=client.pk)
                return redirect("welfare:calls")
    month = _month(request.GET.get("month", ""))
    bad_month = bool(request.GET.get("month")) and month is None
    if bad_month:
        messages.error(request, _("달을 YYYY-MM 형식으로 적어 주세요(예: 2026-11). 지금은 모든 달을 보여 드립니다."))
    direction = request.GET.get("direction", "")
    outcome = request.GET.get("outcome", "")
    rows = selectors.calls(month=month, direction=direction if direction in Call.Direction.values else "",
                           outcome=outcome if outcome in Call.Outcome.values else "")
    exported, purpose_error = logged_export(request, subject="welfare.call", record_ids=rows.values_list("pk", flat=True),
                                            header=CALL_HEADER, rows=lambda: _call_rows(rows.iterator()), stem="welfare-calls")
    if exported is not None:
        return exported
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    _log_list(request, "welfare.call", [c.pk for c in page if c.caller_phone or c.client_id])
    return render(request, "welfare/calls.html", {
        "page": page, "rows": [(call, row, _talk_time(call.duration_seconds)) for call, row in zip(page, _call_rows(page), strict=True)],
        "errors": errors, "values": values,
        "directions": Call.Direction.choices, "outcomes": Call.Outcome.choices,
        "topics": TaxonomyTerm.objects.filter(taxonomy__key="topic"), "can_log": permissions.can_use_centre(user),
        "filters": {"month": request.GET.get("month", ""), "direction": direction, "outcome": outcome},
        "purpose_error": purpose_error, "now": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }, status=400 if errors or purpose_error or bad_month else 200)


STATS_HEADER = ["월", "전체", "받은 전화", "응대", "포기", "건 전화", "근무일", "하루 평균", "응답률(%)", "전화한 사람", "다시 전화한 사람"]


@login_required
def call_stats(request: HttpRequest) -> HttpResponse:
    """Monthly statistics as in the plan's table, as a bar chart and a table; CSV/xlsx export.
    Counts only, no personal data, so no access record."""
    if not permissions.can_read_centre(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    problem = ""
    end = _month(request.GET.get("to", "")) or today.replace(day=1)
    start = _month(request.GET.get("from", "")) or (end - dt.timedelta(days=335)).replace(day=1)
    if any(request.GET.get(key) and _month(request.GET[key]) is None for key in ("from", "to")):
        problem = _("달을 YYYY-MM 형식으로 적어 주세요(예: 2026-11).")
    span = (end.year - start.year) * 12 + end.month - start.month
    if not 0 <= span <= 60:
        problem = _("시작 달이 끝 달보다 늦습니다.") if span < 0 else _("한 번에 60개월까지 볼 수 있습니다.")
        start = (end - dt.timedelta(days=335)).replace(day=1)
    if problem:
        messages.error(request, _("%(problem)s %(start)s부터 %(end)s까지 보여 드립니다.") % {
            "problem": problem, "start": f"{start:%Y-%m}", "end": f"{end:%Y-%m}"})
    months = selectors.call_stats_by_month(start=start, end=end)
    fmt = _export_format(request)
    if fmt:
        return export_response(STATS_HEADER, ([f"{m.month:%Y-%m}", m.total, m.incoming, m.answered, m.abandoned,
                                               m.outgoing, m.workdays, m.per_workday, m.answer_rate, m.callers,
                                               m.repeat_callers] for m in months), fmt, "welfare-call-stats")
    peak = max([m.total for m in months] + [1])
    chart = charts.bar_chart(
        "monthly-bars", (charts.Row(label=f"{m.month:%Y-%m}", value=m.total, shown=str(m.total)) for m in months),
        maximum=peak, title=_("월별 전화 수"), desc=_("아래 표와 같은 내용입니다."))
    day_month = _month(request.GET.get("day_month", "")) or end
    days = selectors.calls_a_day(month=day_month)
    day_peak = max([n for _d, n in days] + [1])
    return render(request, "welfare/call_stats.html", {
        "months": months, "chart": chart, "start": start, "end": end, "day_month": day_month,
        "days": [{"day": d, "count": n, "percent": int(100 * n / day_peak)} for d, n in days],
    }, status=400 if problem else 200)


# --- clients ----------------------------------------------------------------------------------

CLIENT_HEADER = ["번호", "이름(가림)", "생년(가림)", "전화번호(가림)", "행정동", "가구 상황", "등록일"]


def _client_rows(rows: Iterable[Client]) -> Iterator[list[Any]]:
    for client in rows:
        yield [client.pk, pii.mask_name(client.name), _masked_birth(client.birth_date),
               pii.mask_phone(client.phone) if client.phone else "", client.dong.name, ", ".join(client.flag_labels),
               timezone.localtime(client.created_at).strftime("%Y-%m-%d")]


@login_required
def clients(request: HttpRequest) -> HttpResponse:
    """Clients the user may see, masked; find by phone; export with a purpose."""
    user = _staff_user(request)
    if not permissions.can_list_clients(user):
        raise PermissionDenied
    dong = request.GET.get("dong", "")
    flag = request.GET.get("flag", "")
    phone = pii.normalize_phone(request.GET.get("phone", "")) or ""
    rows = selectors.clients_for(user, dong=int(dong) if dong.isdigit() else None,
                                 flag=flag if flag in ClientFlag.values else "",
                                 phone_index=blind_index(phone) if phone else "")
    exported, purpose_error = logged_export(request, subject="welfare.client", record_ids=rows.values_list("pk", flat=True),
                                            header=CLIENT_HEADER, rows=lambda: _client_rows(rows.iterator()), stem="welfare-clients")
    if exported is not None:
        return exported
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    _log_list(request, "welfare.client", [c.pk for c in page])
    return render(request, "welfare/clients.html", {
        "page": page, "rows": list(_client_rows(page)), "dongs": dong_list(), "flags": ClientFlag.choices,
        "filters": {"dong": dong, "flag": flag, "phone": request.GET.get("phone", "")},
        "purpose_error": purpose_error, "can_register": permissions.can_use_centre(user),
    }, status=400 if purpose_error else 200)


@login_required
def client_new(request: HttpRequest) -> HttpResponse:
    """Register a client with consent (the counsellor reads the notice out on the phone)."""
    user = _staff_user(request)
    if not permissions.can_use_centre(user):
        raise PermissionDenied
    errors: dict[str, str] = {}
    values: dict[str, Any] = {"flags": []}
    if request.method == "POST":
        values = {k: request.POST.get(k, "").strip() for k in ("name", "birth_date", "phone", "address", "dong")}
        values["flags"] = request.POST.getlist("flags")
        try:
            client = services.client_register(
                actor=user, name=values["name"], birth_date=values["birth_date"], phone=values["phone"],
                address=values["address"], dong=_dong(values["dong"]), flags=values["flags"],
                consent=request.POST.get("consent") == "1", consent_channel=request.POST.get("channel", "phone")[:30],
                request=request)
        except services.WelfareInputError as exc:
            errors = exc.errors
        else:
            messages.success(request, _("대상자를 등록했습니다."))
            return redirect("welfare:client", pk=client.pk)
    return render(request, "welfare/client_new.html", {
        "errors": errors, "values": values, "dongs": dong_list(), "flags": ClientFlag.choices,
        "notice": services.client_notice(),
    }, status=400 if errors else 200)


def _labelled(consents: list[Any]) -> list[Any]:
    for consent in consents:
        consent.channel_label = str(CONSENT_CHANNELS.get(consent.channel, consent.channel))
    return consents


@login_required
def client_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A client's file: masked identity (full on request, logged), household, one history across
    calls, referrals, notices and cases; forms to add a member, a notify request, a referral."""
    user = _staff_user(request)
    client = get_object_or_404(Client.objects.select_related("dong"), pk=pk)
    if not permissions.can_view_client(user, client):
        raise PermissionDenied
    errors: dict[str, str] = {}
    can_edit = permissions.can_edit_client(user, client)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        action = request.POST.get("action", "")
        try:
            if action == "member":
                services.household_member_add(actor=user, client=client, name=request.POST.get("member_name", ""),
                                              relation=request.POST.get("relation", ""),
                                              birth_date=request.POST.get("member_birth_date", ""), request=request)
                messages.success(request, _("가구원을 더했습니다."))
            elif action == "notify":
                term = _term(request.POST.get("term", ""))
                if term is None:
                    raise services.WelfareInputError({"term": _("알림 받을 분야를 골라 주세요.")})
                services.notify_request_add(actor=user, client=client, term=term,
                                            channel=request.POST.get("channel", "sms"), email=request.POST.get("email", ""))
                messages.success(request, _("정보알림 요청을 등록했습니다."))
            elif action == "refer":
                service = None
                if request.POST.get("service", "").isdigit():
                    service = Service.objects.select_related("organization").filter(pk=int(request.POST["service"])).first()
                referral = services.referral_create(
                    actor=user, client=client, service=service, dong=_dong(request.POST.get("dong", "")),
                    note=request.POST.get("note", ""), base_url=request.build_absolute_uri("/"))
                messages.success(request, _("의뢰했습니다. 회신 기한: %(due)s") % {"due": f"{referral.due_on:%Y-%m-%d}"})
            elif action == "receipt":
                services.benefit_receipt_record(
                    actor=user, client=client, benefit=request.POST.get("benefit", ""),
                    started_on=request.POST.get("started_on", ""), ended_on=request.POST.get("ended_on", ""),
                    source=request.POST.get("source", ""), note=request.POST.get("receipt_note", ""), request=request)
                messages.success(request, _("수급 이력을 기록했습니다."))
            elif action == "receipt_end":
                receipt = get_object_or_404(client.benefit_receipts, pk=_int(request.POST.get("receipt", "")))
                services.benefit_receipt_end(actor=user, receipt=receipt,
                                             ended_on=request.POST.get("receipt_ended_on", ""), request=request)
                messages.success(request, _("수급 종료를 기록했습니다."))
            else:
                raise Http404
        except services.WelfareInputError as exc:
            errors = exc.errors
        else:
            return redirect("welfare:client", pk=client.pk)
    reveal = request.GET.get("reveal") == "1" and can_edit
    record_access(actor=user, action=PersonalDataAccess.Action.VIEW, subject="welfare.client", record_ids=[client.pk],
                  request=request, purpose="대상자 정보 전체 보기" if reveal else "")
    query = request.GET.get("q", "").strip()[: selectors.MAX_QUERY]
    found: list[tuple[Service, str]] = []
    found_total = 0
    if query and can_edit:
        candidates, found_total = selectors.referral_candidates(query, client.dong_id)
        found = [(service, geo.format_distance(km) if km is not None else "") for service, km in candidates]
    referrals = list(client.referrals.select_related("service__organization", "dong"))
    for referral in referrals:
        sent = referral.status == Referral.Status.SENT
        referral.confirm_link = services.referral_confirm_path(referral) if sent else ""  # type: ignore[attr-defined]
    notify_requests = list(client.notify_requests.select_related("term").prefetch_related("deliveries__service"))
    receipts = list(client.benefit_receipts.all())
    return render(request, "welfare/client.html", {
        "client": client, "reveal": reveal, "can_edit": can_edit, "errors": errors,
        "masked": {"name": pii.mask_name(client.name), "birth": _masked_birth(client.birth_date),
                   "phone": pii.mask_phone(client.phone) if client.phone else "",
                   "address": pii.mask_address(client.address)},
        "household": [{"name": pii.mask_name(m.name), "full_name": m.name,
                       "relation": m.relation, "birth": _masked_birth(m.birth_date)} for m in client.household.all()],
        "history": selectors.client_history(client, page=_int(request.GET.get("history", "")) or 1, referrals=referrals,
                                            notify_requests=notify_requests, receipts=receipts),
        "referrals": referrals,
        "requests": notify_requests,
        "terms": TaxonomyTerm.objects.select_related("taxonomy"), "channels": NotifyRequest.Channel.choices,
        "query": query, "found": found, "found_total": found_total, "dongs": dong_list(), "consents": _labelled(services.consents_for_client(client)),
        "receipts": receipts, "today": timezone.localdate(),
        "benefits": list(selectors.benefit_names().items()), "receipt_sources": BenefitReceipt.Source.choices,
        "form": request.POST if errors else {},
    }, status=400 if errors else 200)


# --- referrals --------------------------------------------------------------------------------

REFERRAL_HEADER = ["번호", "의뢰일", "대상자(가림)", "행정동", "받는 곳", "회신 기한", "상태", "기한 지남", "회신자", "회신일"]


def _referral_rows(rows: Iterable[Referral], today: dt.date) -> Iterator[list[Any]]:
    for referral in rows:
        yield [referral.pk, timezone.localtime(referral.created_at).strftime("%Y-%m-%d"),
               pii.mask_name(referral.client.name), referral.client.dong.name, referral.receiver,
               f"{referral.due_on:%Y-%m-%d}", referral.get_status_display(), "예" if referral.is_overdue(today) else "",
               referral.confirmed_by, timezone.localtime(referral.confirmed_at).strftime("%Y-%m-%d") if referral.confirmed_at else ""]


@login_required
def referrals(request: HttpRequest) -> HttpResponse:
    """Referrals awaiting an answer; `overdue=1` shows those past their due date."""
    user = _staff_user(request)
    if not permissions.can_list_clients(user):
        raise PermissionDenied
    status = request.GET.get("status", "")
    overdue = request.GET.get("overdue") == "1"
    today = timezone.localdate()
    rows = selectors.referrals_for(user, status=status if status in Referral.Status.values else "", overdue=overdue,
                                   today=today)
    exported, purpose_error = logged_export(request, subject="welfare.referral", record_ids=rows.values_list("pk", flat=True),
                                            header=REFERRAL_HEADER, rows=lambda: _referral_rows(rows.iterator(), today), stem="welfare-referrals")
    if exported is not None:
        return exported
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    _log_list(request, "welfare.referral", [r.pk for r in page])
    return render(request, "welfare/referrals.html", {
        "page": page, "rows": [(r, row) for r, row in zip(page, _referral_rows(page, today), strict=True)],
        "statuses": Referral.Status.choices, "filters": {"status": status, "overdue": overdue},
        "purpose_error": purpose_error,
    }, status=400 if purpose_error else 200)


def referral_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The receiving institution answers through its signed link, without logging in. It sees
    the client's masked name, what the referral asks for and who sent it (to call for the
    client's contact details), nothing else of the client."""
    try:
        referral = services.referral_from_token(token)
    except Referral.DoesNotExist as exc:
        raise Http404 from exc
    errors: dict[str, str] = {}
    if request.method == "POST":
        answer = request.POST.get("taken_up", "")
        if answer not in {"yes", "no"}:
            errors["taken_up"] = _("서비스를 받게 되었는지 골라 주세요.")
        else:
            try:
                services.referral_confirm(referral=referral, taken_up=answer == "yes", by=request.POST.get("by", ""),
                                          note=request.POST.get("note", ""))
            except services.WelfareInputError as exc:
                errors = exc.errors
            else:
                messages.success(request, _("회신해 주셔서 감사합니다."))
                return redirect("welfare:referral_confirm", token=token)
        referral.refresh_from_db()
    else:
        # The page shows what was asked about a person (the note): each opening of the link is
        # kept on the referral's audit trail, the link holder being the receiving institution.
        audit_event_record(actor=None, action="welfare.referral.link_opened", target=referral,
                           summary=referral.receiver, ip=request.META.get("REMOTE_ADDR", ""))
    staff = getattr(referral.created_by, "staff", None) if referral.created_by_id else None
    department = staff.department if staff is not None else None
    return render(request, "welfare/referral_confirm.html", {
        "referral": referral, "masked_name": pii.mask_name(referral.client.name), "errors": errors,
        "sender": department.name if department else "", "sender_phone": department.phone if department else "",
    }, status=400 if errors else 200)


# --- discovery and cases ----------------------------------------------------------------------

def _tong(raw: str) -> Tong | None:
    return Tong.objects.select_related("dong").filter(pk=int(raw)).first() if raw.isdigit() else None


def report(request: HttpRequest) -> HttpResponse:
    """Residents report a neighbour who may need help: no login, only what is needed, consent."""
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    if request.method == "POST":
        values = {k: request.POST.get(k, "").strip() for k in
                  ("dong", "situation", "subject_address", "reporter_name", "reporter_contact")}
        try:
            case = services.case_report(actor=request.user if request.user.is_authenticated else None,  # type: ignore[arg-type]
                                 channel=Case.Channel.RESIDENT, situation=values["situation"], dong=_dong(values["dong"]),
                                 subject_address=values["subject_address"], reporter_name=values["reporter_name"],
                                 reporter_contact=values["reporter_contact"], consent=request.POST.get("consent") == "1")
        except services.WelfareInputError as exc:
            errors = exc.errors
        else:
            # The receipt number travels in the session, so a link cannot show someone else's.
            request.session["welfare_report_receipt"] = case.receipt_number
            return redirect(f"{request.path}?sent=1")
    # The thanks only after a report from this browser: the address alone sends nothing.
    receipt = request.session.get("welfare_report_receipt", "") if request.GET.get("sent") == "1" else ""
    return render(request, "welfare/report.html", {
        "errors": errors, "values": values, "dongs": dong_list(), "notice": services.report_notice(),
        "sent": bool(receipt), "receipt": receipt,
        "centre_phone": selectors.centre_phone(),
    }, status=400 if errors else 200)


# What the case page offers next, by stage (closing is offered at every step).
NEXT_STEP: dict[str, Any] = {
    Case.Stage.REPORTED: _lazy("긴급도 분류"),
    Case.Stage.TRIAGED: _lazy("동 배정"),
    Case.Stage.ASSIGNED: _lazy("방문 일정 잡기"),
    Case.Stage.VISIT_SCHEDULED: _lazy("욕구 조사 기록(방문 일정은 바꿀 수 있습니다)"),
    Case.Stage.ASSESSED: _lazy("사례 계획"),
    Case.Stage.PLANNED: _lazy("사례회의 기록 또는 서비스 연계"),
    Case.Stage.MEETING: _lazy("서비스 연계(사례회의를 더 열 수도 있습니다)"),
    Case.Stage.SERVICES_LINKED: _lazy("서비스 더 연계, 점검 사례회의 또는 종결"),
}

CASE_HEADER = ["번호", "접수일", "발굴 경로", "행정동", "통", "단계", "긴급도", "담당자", "대상자(가림)"]


def _case_rows(rows: Iterable[Case]) -> Iterator[list[Any]]:
    for case in rows:
        yield [case.pk, timezone.localtime(case.created_at).strftime("%Y-%m-%d"), case.get_channel_display(),
               case.dong.name if case.dong else "", str(case.tong.number) if case.tong else "",
               case.get_stage_display(), case.get_urgency_display() if case.urgency else "",
               case.assigned_to.staff.name if case.assigned_to and hasattr(case.assigned_to, "staff")
               else (f"{case.dong.name} 주민센터" if case.dong else ""),  # assigned to the dong, not yet to a person
               pii.mask_name(case.client.name) if case.client else pii.mask_name(case.subject_name)]


@login_required
def cases(request: HttpRequest) -> HttpResponse:
    user = _staff_user(request)
    if not permissions.can_list_cases(user):
        raise PermissionDenied
    stage = request.GET.get("stage", "")
    dong = request.GET.get("dong", "")
    rows = selectors.cases_for(user, stage=stage if stage in Case.Stage.values else "",
                               dong=int(dong) if dong.isdigit() else None)
    exported, purpose_error = logged_export(request, subject="welfare.case", record_ids=rows.values_list("pk", flat=True),
                                            header=CASE_HEADER, rows=lambda: _case_rows(rows.iterator()), stem="welfare-cases")
    if exported is not None:
        return exported
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    _log_list(request, "welfare.case", [c.pk for c in page])
    return render(request, "welfare/cases.html", {
        "page": page, "rows": [(c, row) for c, row in zip(page, _case_rows(page), strict=True)],
        "stages": Case.Stage.choices, "dongs": dong_list(), "filters": {"stage": stage, "dong": dong},
        "purpose_error": purpose_error, "can_record": permissions.can_record_case(user),
    }, status=400 if purpose_error else 200)


@login_required
def case_new(request: HttpRequest) -> HttpResponse:
    """Staff record a report from a channel (복지통장 by 통, 협의체, 발굴단, 동, 방문간호사, 1004)."""
    user = _staff_user(request)
    if not permissions.can_record_case(user):
        raise PermissionDenied
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    if request.method == "POST":
        values = {k: request.POST.get(k, "").strip() for k in
                  ("channel", "dong", "tong", "situation", "subject_name", "subject_address", "reporter_name",
                   "reporter_contact")}
        try:
            case = services.case_report(
                actor=user, channel=values["channel"], situation=values["situation"], dong=_dong(values["dong"]),
                tong=_tong(values["tong"]), subject_name=values["subject_name"],
                subject_address=values["subject_address"], reporter_name=values["reporter_name"],
                reporter_contact=values["reporter_contact"])
        except services.WelfareInputError as exc:
            errors = exc.errors
        else:
            messages.success(request, _("사례를 접수했습니다."))
            if permissions.can_view_case(user, case):
                return redirect("welfare:case", pk=case.pk)
            return redirect("welfare:cases")
    channels = [c for c in Case.Channel.choices if c[0] != Case.Channel.RESIDENT]
    return render(request, "welfare/case_new.html", {
        "errors": errors, "values": values, "dongs": dong_list(), "channels": channels,
        "tongs": Tong.objects.select_related("dong").order_by("dong__name", "number"),
    }, status=400 if errors else 200)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A case with every step; POST `step=` moves it on through one service per step."""
    user = _staff_user(request)
    case = get_object_or_404(Case.objects.select_related("dong", "tong", "client", "assigned_to__staff"), pk=pk)
    if not permissions.can_view_case(user, case):
        raise PermissionDenied
    errors: dict[str, str] = {}
    can_advance = permissions.can_advance_case(user, case)
    if request.method == "POST":
        if not can_advance:
            raise PermissionDenied
        try:
            _case_step(request, user, case)
        except services.WelfareInputError as exc:
            errors = exc.errors
        else:
            messages.success(request, _("사례를 기록했습니다."))
            return redirect("welfare:case", pk=case.pk)
    reveal = request.GET.get("reveal") == "1" and can_advance
    record_access(actor=user, action=PersonalDataAccess.Action.VIEW, subject="welfare.case", record_ids=[case.pk],
                  request=request, purpose="사례 정보 전체 보기(주소·신고자 연락처)" if reveal else "")
    referrals = list(case.referrals.select_related("service__organization", "dong"))
    if case.client_id:
        referrals = list(Referral.objects.filter(client_id=case.client_id).select_related("service__organization", "dong"))
    # The assessment links the client it is about: offered (masked, and the list logged) only
    # where that step is, to whoever may take it.
    clients = list(Client.objects.filter(dong_id=case.dong_id).order_by("-id")[:50]) \
        if case.dong_id and can_advance and case.stage == Case.Stage.VISIT_SCHEDULED else []
    _log_list(request, "welfare.client", [c.pk for c in clients])
    return render(request, "welfare/case.html", {
        "case": case, "errors": errors, "can_advance": can_advance, "steps": case.steps.select_related("actor"),
        "next": sorted(services.CASE_NEXT.get(case.stage, set())), "urgencies": Case.Urgency.choices,
        "dongs": dong_list(), "referrals": referrals,
        "waiting_referrals": case.referrals.filter(status=Referral.Status.SENT).count(),
        "next_step": NEXT_STEP.get(case.stage, ""),
        "masked": {"subject": pii.mask_name(case.client.name if case.client else case.subject_name),
                   "address": pii.mask_address(case.subject_address),
                   "reporter_name": pii.mask_name(case.reporter_name) if case.reporter_name else "",
                   "reporter_contact": mask_contact(case.reporter_contact)},
        "reveal": reveal, "can_reveal": can_advance,
        "assignees": User.objects.filter(kind=User.Kind.STAFF, staff__department__dong_id=case.dong_id)
        .select_related("staff") if case.dong_id else [],
        "clients": [(c.pk, f"{c.pk} · {pii.mask_name(c.name)} · {_masked_birth(c.birth_date)}".rstrip(" ·"))
                    for c in clients],
    }, status=400 if errors else 200)


def _case_step(request: HttpRequest, user: User, case: Case) -> None:
    step = request.POST.get("step", "")
    note = request.POST.get("note", "")
    if step == "triage":
        services.case_triage(actor=user, case=case, urgency=request.POST.get("urgency", ""), note=note)
    elif step == "assign":
        assignee_id = request.POST.get("assignee", "")
        assignee = User.objects.filter(pk=int(assignee_id), kind=User.Kind.STAFF).first() if assignee_id.isdigit() else None
        services.case_assign(actor=user, case=case, dong=_dong(request.POST.get("dong", "")), assignee=assignee, note=note)
    elif step == "visit":
        services.case_visit_schedule(actor=user, case=case, visit_at=_datetime(request.POST.get("visit_at", "")), note=note)
    elif step == "assess":
        client_id = request.POST.get("client", "")
        client = Client.objects.filter(pk=int(client_id)).first() if client_id.isdigit() else None
        if client is not None and not permissions.can_view_client(user, client):
            client = None
        services.case_assess(actor=user, case=case, assessment=request.POST.get("assessment", ""), client=client)
    elif step == "plan":
        services.case_plan(actor=user, case=case, plan=request.POST.get("plan", ""))
    elif step == "meeting":
        services.case_meeting(actor=user, case=case, held_at=_datetime(request.POST.get("held_at", "")),
                              attendees=request.POST.get("attendees", ""), decision=request.POST.get("decision", ""))
    elif step == "link":
        if case.client is None:
            raise services.WelfareInputError({"service": _("대상자를 먼저 연결해 주세요.")})
        number, dong = request.POST.get("service", "").strip(), _dong(request.POST.get("dong", ""))
        service = None
        if number:
            service = Service.objects.select_related("organization").filter(pk=int(number)).first() if number.isdigit() else None
            if service is None:
                raise services.WelfareInputError({"service": _("복지자원 번호 %(n)s: 그런 자원이 없습니다. 복지자원 찾기에서 번호를 확인해 주세요.")
                                                  % {"n": number[:20]}})
            if dong is not None:
                raise services.WelfareInputError({"service": _("복지자원과 동주민센터 가운데 하나만 골라 주세요.")})
        services.referral_create(actor=user, client=case.client, service=service, dong=dong,
                                 note=note, case=case, base_url=request.build_absolute_uri("/"))
    elif step == "close":
        services.case_close(actor=user, case=case, reason=request.POST.get("reason", ""),
                            despite_waiting=request.POST.get("despite_waiting") == "1")
    else:
        raise services.WelfareInputError({"step": _("무엇을 기록할지 골라 주세요.")})
