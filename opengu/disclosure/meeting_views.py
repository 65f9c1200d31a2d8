"""회의 공개 pages: public minutes, materials and videos; staff registration, minutes and publishing."""

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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from opengu.core.models import Department, User
from opengu.disclosure import permissions, selectors, services
from opengu.disclosure.exports import csv_response, xlsx_response
from opengu.disclosure.models import Committee, Meeting, MeetingLink
from opengu.disclosure.services import DisclosureError

MEETING_HEADER = [
    gettext_lazy("위원회"), gettext_lazy("회의명"), gettext_lazy("일시"), gettext_lazy("장소"), gettext_lazy("주재자"),
    gettext_lazy("회의록 공개 기한"), gettext_lazy("공개일"), gettext_lazy("기한 초과"),
]


def _row(m: Meeting, today: dt.date) -> list[object]:
    late = m.published_on is None and m.minutes_due_on < today or (
        m.published_on is not None and m.published_on > m.minutes_due_on)
    return [m.committee.name, m.title, timezone.localtime(m.held_at).strftime("%Y-%m-%d %H:%M"), m.place, m.host,
            m.minutes_due_on.isoformat(), m.published_on.isoformat() if m.published_on else "", _("초과") if late else ""]


def _export(rows: Any, export: str, name: str) -> HttpResponseBase:
    today = timezone.localdate()
    data = (_row(m, today) for m in rows.iterator(chunk_size=1000))
    name = f"{name}-{today:%Y%m%d}"
    return csv_response(name, MEETING_HEADER, data) if export == "csv" else xlsx_response(name, MEETING_HEADER, data)


def _committee_id(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def meetings(request: HttpRequest) -> HttpResponseBase:
    query = request.GET.get("q", "").strip()[:100]
    committee_id = _committee_id(request.GET.get("committee"))
    rows = selectors.meetings_published(query=query, committee_id=committee_id)
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        return _export(rows, export, "meetings")
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "disclosure/meetings.html", {
        "page": Paginator(rows, 30).get_page(request.GET.get("page")), "query": query,
        "committee_id": committee_id or "", "committees": Committee.objects.filter(active=True),
        "filters": params.urlencode(),
    })


def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Meeting.objects.select_related("committee__department"), pk=pk,
                              published_on__isnull=False)
    return render(request, "disclosure/meeting.html", {"m": found, "links": found.links.all()})


def _parse_held_at(date: str, time: str) -> dt.datetime:
    try:
        day = dt.date.fromisoformat(date.strip())
    except ValueError:
        raise DisclosureError(_("회의 날짜를 YYYY-MM-DD 형식으로 입력해 주세요."), "held_on") from None
    try:
        at = dt.time.fromisoformat(time.strip() or "10:00")
    except ValueError:
        raise DisclosureError(_("회의 시각을 HH:MM 형식으로 입력해 주세요."), "held_time") from None
    return timezone.make_aware(dt.datetime.combine(day, at))


@login_required
def staff_meetings(request: HttpRequest) -> HttpResponseBase:
    if not permissions.can_use_publication_register(request.user):
        raise PermissionDenied
    user: User = request.user  # type: ignore[assignment]
    if request.method == "POST":
        try:
            if request.POST.get("form") == "committee":
                department = Department.objects.filter(pk=_committee_id(request.POST.get("department")) or 0).first()
                if department is None:
                    raise DisclosureError(_("담당 부서를 선택해 주세요."), "department")
                days = request.POST.get("minutes_due_days", "14").strip()
                if not days.isdigit():
                    raise DisclosureError(_("회의록 공개 기한을 숫자(일)로 입력해 주세요."), "minutes_due_days")
                committee = services.committee_create(actor=user, name=request.POST.get("name", ""),
                                                      department=department,
                                                      legal_basis=request.POST.get("legal_basis", ""),
                                                      minutes_due_days=int(days))
                messages.success(request, _("위원회 ‘%(n)s’을(를) 등록했습니다.") % {"n": committee.name})
                return redirect("disclosure:staff_meetings")
            chosen = Committee.objects.filter(pk=_committee_id(request.POST.get("committee")) or 0).first()
            if chosen is None:
                raise DisclosureError(_("위원회를 선택해 주세요."), "committee")
            created = services.meeting_register(
                actor=user, committee=chosen, title=request.POST.get("title", ""),
                held_at=_parse_held_at(request.POST.get("held_on", ""), request.POST.get("held_time", "")),
                place=request.POST.get("place", ""), host=request.POST.get("host", ""),
                attendees=request.POST.get("attendees", ""), agenda=request.POST.get("agenda", ""),
            )
        except DisclosureError as exc:
            messages.error(request, exc.message)
            return redirect("disclosure:staff_meetings")
        messages.success(request, _("회의를 등록했습니다. 회의록 초안을 채워 주세요."))
        return redirect("disclosure:staff_meeting", pk=created.pk)
    overdue = request.GET.get("overdue") == "1"
    rows = selectors.meetings_for_staff(user, overdue=overdue)
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        return _export(rows, export, "meetings-staff")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    today = timezone.localdate()
    own = getattr(getattr(user, "staff", None), "department_id", None)
    return render(request, "disclosure/meetings_staff.html", {
        "page": page, "rows": [(m, _row(m, today)) for m in page], "overdue": overdue, "header": MEETING_HEADER,
        "committees": [c for c in Committee.objects.filter(active=True).select_related("department")
                       if permissions.can_manage_meeting(user, c)],
        "can_create": permissions.can_create_committee(user), "own_department": own,
        "departments": Department.objects.order_by("order", "name"),
    })


def _staff_meeting(user: Any, pk: int) -> Meeting:
    found = get_object_or_404(Meeting.objects.select_related("committee__department"), pk=pk)
    if not permissions.can_view_meeting_draft(user, found):
        raise PermissionDenied
    return found


@login_required
def staff_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    found = _staff_meeting(request.user, pk)
    draft = services.meeting_minutes_draft(found)
    minutes = {name: getattr(found, name) or draft[name] for name in ("remarks", "decisions", "votes")}
    return render(request, "disclosure/meeting_staff.html", {
        "m": found, "minutes": minutes, "links": found.links.all(), "kinds": MeetingLink.Kind.choices,
        "can_manage": permissions.can_manage_meeting(request.user, found.committee) and found.published_on is None,
        "personal_data": services.meeting_personal_data(found), "overdue": found.published_on is None
        and found.minutes_due_on < timezone.localdate(),
    })


@login_required
@require_POST
def staff_meeting_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    found = _staff_meeting(request.user, pk)
    user: User = request.user  # type: ignore[assignment]
    if not permissions.can_manage_meeting(user, found.committee):
        raise PermissionDenied
    try:
        if action == "minutes":
            services.meeting_minutes_save(actor=user, meeting=found, remarks=request.POST.get("remarks", ""),
                                          decisions=request.POST.get("decisions", ""),
                                          votes=request.POST.get("votes", ""))
            messages.success(request, _("회의록을 저장했습니다."))
        elif action == "link":
            services.meeting_link_add(actor=user, meeting=found, kind=request.POST.get("kind", ""),
                                      title=request.POST.get("title", ""), url=request.POST.get("url", ""))
            messages.success(request, _("자료·영상을 추가했습니다."))
        elif action == "publish":
            services.meeting_publish(actor=user, meeting=found)
            messages.success(request, _("회의록을 공개했습니다."))
        else:
            raise Http404
    except DisclosureError as exc:
        messages.error(request, exc.message)
    return redirect("disclosure:staff_meeting", pk=pk)
