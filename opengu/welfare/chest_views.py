"""공동모금회 support pages: applications (dong-scoped, masked, every view logged), the
allocation committee and its meetings (agenda, attendance, recusals, minutes), and the summary.
Thin: parse, check permission, call one `chest` service, render."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from opengu.core import charts
from opengu.core.accesslog import record_access
from opengu.core.models import PersonalDataAccess
from opengu.core.selectors import dong_list
from opengu.lib import pii
from opengu.welfare import chest, permissions
from opengu.welfare.centre_views import _log_list, _staff_user, logged_export
from opengu.welfare.models import (
    ChestApplication,
    ChestAttachment,
    ChestMeeting,
    ChestMember,
    ChestMinutes,
    Client,
)
from opengu.welfare.programmes import ProgrammeInputError

HEADER = ["신청 번호", "가구(가림)", "대상자 번호", "행정동", "지원 종류", "신청 금액(원)", "상태", "지원 결정 금액(원)",
          "심사 회의", "담당자", "신청일"]


def _int(raw: str) -> int | None:
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() else None


def _rows(applications: Iterable[ChestApplication]) -> Iterator[list[Any]]:
    for a in applications:
        yield [a.number, pii.mask_name(a.client.name), a.client_id, a.client.dong.name, a.get_kind_display(),
               a.amount_requested, a.get_state_display(), a.amount_granted if a.amount_granted is not None else "",
               str(a.meeting) if a.meeting else "", a.worker.display_name(),
               f"{timezone.localtime(a.created_at):%Y-%m-%d}"]


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    """The applications the user may see (`dong`, `state` narrow them), an export, and POST:
    apply for a household (a client number) with an optional document."""
    user = _staff_user(request)
    if not permissions.can_list_chest_applications(user):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if request.method == "POST":
        number = _int(request.POST.get("client", ""))
        household = Client.objects.filter(pk=number).select_related("dong").first() if number else None
        if not permissions.can_record_case(user) or (household is not None and not permissions.can_apply_chest(user, household)):
            raise PermissionDenied
        upload = request.FILES.get("attachment")
        try:
            application = chest.application_register(
                actor=user, client=household, kind=request.POST.get("kind", ""),
                amount_requested=request.POST.get("amount_requested", ""), reason=request.POST.get("reason", ""),
                attachment=(upload.name or "", upload.content_type or "", upload.read()) if upload else None)
        except ProgrammeInputError as exc:
            errors = exc.errors
        else:
            messages.success(request, _("공동모금회 지원 신청을 등록했습니다."))
            return redirect("welfare:chest_application", pk=application.pk)
    dong = _int(request.GET.get("dong", ""))
    state = request.GET.get("state", "")
    rows = chest.applications_for(user, dong=dong, state=state)
    exported, purpose_error = logged_export(request, subject="welfare.client", record_ids=rows.values_list("client_id", flat=True),
                                            header=HEADER, rows=lambda: _rows(rows.iterator()), stem="welfare-chest")
    if exported is not None:
        return exported
    shown = list(rows[:500])
    _log_list(request, "welfare.client", sorted({a.client_id for a in shown}))
    return render(request, "welfare/chest_applications.html", {
        "rows": [{"application": a, "household": pii.mask_name(a.client.name)} for a in shown],
        "total": rows.count(), "dongs": dong_list(), "states": ChestApplication.State.choices,
        "kinds": ChestApplication.Kind.choices, "filters": {"dong": dong or "", "state": state},
        "errors": errors, "form": request.POST if errors else {}, "purpose_error": purpose_error,
        "can_register": permissions.can_record_case(user),
        "can_committee": permissions.can_read_chest_committee(user),
    }, status=400 if errors or purpose_error else 200)


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One application: the household masked, reason, documents, decision; forms to put it on an
    agenda, record a recusal, decide (the committee's staff), add a document or withdraw (its
    dong). Every view is an access record."""
    user = _staff_user(request)
    application = get_object_or_404(
        ChestApplication.objects.select_related("client__dong", "worker__staff", "meeting__committee"), pk=pk)
    if not permissions.can_view_chest_application(user, application):
        raise PermissionDenied
    can_apply = permissions.can_apply_chest(user, application.client)
    can_run = permissions.can_run_chest_committee(user)
    errors: dict[str, str] = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action in {"withdraw", "attach"} and not can_apply or action in {"agenda", "unagenda", "recuse", "decide"} and not can_run:
            raise PermissionDenied
        try:
            _act(request, user, application, action)
        except ProgrammeInputError as exc:
            errors = exc.errors
        else:
            return redirect("welfare:chest_application", pk=application.pk)
    record_access(actor=user, action=PersonalDataAccess.Action.VIEW, subject="welfare.client",
                  record_ids=[application.client_id], request=request, purpose="공동모금회 지원 신청 열람")
    meeting = application.meeting
    return render(request, "welfare/chest_application.html", {
        "application": application, "household": pii.mask_name(application.client.name),
        "attachments": list(application.attachments.all()), "recusals": list(application.recusals.select_related("member")),
        "meetings": ChestMeeting.objects.select_related("committee").filter(minutes__finalised_at__isnull=True)
                    if can_run else [],
        "members": list(meeting.committee.members.filter(active=True)) if meeting else [],
        "outcomes": [(s.value, s.label) for s in chest.DECISIONS], "errors": errors,
        "form": request.POST if errors else {}, "can_apply": can_apply, "can_run": can_run,
        "open": application.state in {ChestApplication.State.SUBMITTED, ChestApplication.State.ON_AGENDA},
    }, status=400 if errors else 200)


def _act(request: HttpRequest, user: Any, application: ChestApplication, action: str) -> None:
    post = request.POST
    if action == "agenda":
        meeting_id = _int(post.get("meeting", ""))
        meeting = ChestMeeting.objects.filter(pk=meeting_id).first() if meeting_id else None
        chest.agenda_add(actor=user, application=application, meeting=meeting)
        messages.success(request, _("심사 회의 안건으로 올렸습니다."))
    elif action == "unagenda":
        chest.agenda_remove(actor=user, application=application)
        messages.success(request, _("안건에서 내렸습니다."))
    elif action == "recuse":
        member_id = _int(post.get("member", ""))
        member = ChestMember.objects.filter(pk=member_id).first() if member_id else None
        chest.recusal_record(actor=user, application=application, member=member, reason=post.get("recusal_reason", ""))
        messages.success(request, _("위원의 회피를 기록했습니다."))
    elif action == "decide":
        chest.application_decide(actor=user, application=application, outcome=post.get("outcome", ""),
                                 amount_granted=post.get("amount_granted", ""), reason=post.get("decision_reason", ""),
                                 votes_for=post.get("votes_for", ""), votes_against=post.get("votes_against", ""),
                                 votes_abstain=post.get("votes_abstain", ""))
        messages.success(request, _("결정을 기록하고 담당자와 대상자에게 알렸습니다."))
    elif action == "withdraw":
        chest.application_withdraw(actor=user, application=application, reason=post.get("withdraw_reason", ""))
        messages.success(request, _("신청을 취하했습니다."))
    elif action == "attach":
        upload = request.FILES.get("attachment")
        if upload is None:
            raise ProgrammeInputError({"attachment": "첨부 서류: 파일을 골라 주세요."})
        chest.attachment_add(actor=user, application=application, filename=upload.name or "",
                             content_type=upload.content_type or "", data=upload.read())
        messages.success(request, _("서류를 첨부했습니다."))
    else:
        raise Http404


@login_required
def attachment(request: HttpRequest, pk: int) -> HttpResponse:
    """A document of an application, for whoever may see the application; logged."""
    user = _staff_user(request)
    document = get_object_or_404(ChestAttachment.objects.select_related("application__client"), pk=pk)
    if not permissions.can_view_chest_application(user, document.application):
        raise PermissionDenied
    record_access(actor=user, action=PersonalDataAccess.Action.VIEW, subject="welfare.client",
                  record_ids=[document.application.client_id], request=request, purpose="공동모금회 신청 첨부 서류 열람")
    response = HttpResponse(chest.attachment_bytes(document), content_type=document.content_type)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''" + _quote(document.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")


@login_required
def committee(request: HttpRequest) -> HttpResponse:
    """The committee's members and meetings; POST adds a member or schedules a meeting."""
    user = _staff_user(request)
    if not permissions.can_read_chest_committee(user):
        raise PermissionDenied
    body = chest.committee_ensure()
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not permissions.can_run_chest_committee(user):
            raise PermissionDenied
        try:
            if request.POST.get("action") == "member":
                chest.member_add(actor=user, committee=body, name=request.POST.get("name", ""),
                                 affiliation=request.POST.get("affiliation", ""), role=request.POST.get("role", ""))
                messages.success(request, _("위원을 더했습니다."))
            else:
                meeting = chest.meeting_schedule(actor=user, committee=body, held_at=request.POST.get("held_at", ""),
                                                 place=request.POST.get("place", ""))
                messages.success(request, _("회의를 잡았습니다."))
                return redirect("welfare:chest_meeting", pk=meeting.pk)
        except ProgrammeInputError as exc:
            errors = exc.errors
        else:
            return redirect("welfare:chest_committee")
    meetings = list(body.meetings.select_related("minutes").order_by("-held_at", "-id"))
    return render(request, "welfare/chest_committee.html", {
        "committee": body, "members": list(body.members.all()), "roles": ChestMember.Role.choices,
        "meetings": [{"meeting": m, "ordinal": chest.meeting_ordinal(m), "agenda": m.applications.count(),
                      "minutes": getattr(m, "minutes", None)} for m in meetings],
        "errors": errors, "form": request.POST if errors else {},
        "can_run": permissions.can_run_chest_committee(user),
    }, status=400 if errors else 200)


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A meeting: attendance, the agenda (households masked; logged), and the minutes — draft,
    edit (versions), finalise."""
    user = _staff_user(request)
    if not permissions.can_read_chest_committee(user):
        raise PermissionDenied
    meeting = get_object_or_404(ChestMeeting.objects.select_related("committee"), pk=pk)
    minutes = ChestMinutes.objects.filter(meeting=meeting).first()
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not permissions.can_run_chest_committee(user):
            raise PermissionDenied
        action = request.POST.get("action", "")
        try:
            if action == "attendance":
                ids = [int(v) for v in request.POST.getlist("attendees") if v.isdigit()]
                chest.meeting_attendance_set(actor=user, meeting=meeting,
                                             members=list(ChestMember.objects.filter(pk__in=ids)))
                messages.success(request, _("출석 위원을 기록했습니다."))
            elif action == "draft":
                chest.minutes_draft(actor=user, meeting=meeting)
                messages.success(request, _("회의 내용으로 회의록 초안을 만들었습니다."))
            elif action == "edit" and minutes is not None:
                chest.minutes_edit(actor=user, minutes=minutes, body=request.POST.get("body", ""))
                messages.success(request, _("회의록을 저장했습니다."))
            elif action == "finalise" and minutes is not None:
                chest.minutes_finalise(actor=user, minutes=minutes)
                messages.success(request, _("회의록을 확정했습니다. 이제 고칠 수 없습니다."))
            else:
                raise Http404
        except ProgrammeInputError as exc:
            errors = exc.errors
        else:
            return redirect("welfare:chest_meeting", pk=meeting.pk)
    agenda = list(meeting.applications.select_related("client__dong").order_by("created_at", "id"))
    _log_list(request, "welfare.client", sorted({a.client_id for a in agenda}))
    present = set(meeting.attendees.values_list("id", flat=True))
    return render(request, "welfare/chest_meeting.html", {
        "meeting": meeting, "ordinal": chest.meeting_ordinal(meeting),
        "members": [{"member": m, "present": m.pk in present} for m in meeting.committee.members.filter(active=True)],
        "agenda": [{"application": a, "household": pii.mask_name(a.client.name)} for a in agenda],
        "minutes": minutes, "versions": list(minutes.versions.all()) if minutes else [],
        "body": request.POST.get("body", "") if errors and "body" in request.POST else (minutes.body if minutes else ""),
        "errors": errors, "can_run": permissions.can_run_chest_committee(user),
    }, status=400 if errors else 200)


@login_required
def summary(request: HttpRequest) -> HttpResponse:
    """Applications by state and the amounts granted per dong, as charts and tables (counts
    and sums only; nobody is named)."""
    user = _staff_user(request)
    if not permissions.can_read_chest_committee(user):
        raise PermissionDenied
    year = _int(request.GET.get("year", ""))
    result = chest.summary(year=year)
    most_state = max((n for _v, _l, n in result.by_state), default=0)
    state_bars = [{"label": label, "count": n} for _value, label, n in result.by_state]
    most_won = max((won for _name, _n, won in result.by_dong), default=0)
    dong_bars = [{"name": name, "count": n, "won": won} for name, n, won in result.by_dong]
    state_chart = charts.bar_chart(
        "state-bars", (charts.Row(label=label, value=n, shown=str(n)) for _value, label, n in result.by_state),
        maximum=most_state, title=_("상태별 신청"), desc=_("아래 표와 같은 내용입니다."))
    dong_chart = charts.bar_chart(
        "dong-bars", (charts.Row(label=name, value=won, shown=f"{won:,}") for name, _n, won in result.by_dong),
        maximum=most_won, title=_("행정동별 지원 결정 금액"), desc=_("아래 표와 같은 내용입니다."))
    return render(request, "welfare/chest_summary.html", {
        "summary": result, "year": year or "", "state_bars": state_bars, "dong_bars": dong_bars,
        "state_chart": state_chart, "dong_chart": dong_chart,
    })
