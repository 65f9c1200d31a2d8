"""정보공개심의회 page: members and the Art. 12 check, recusals and decisions on open agenda items."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from opengu.core.exports import table_response
from opengu.core.models import User
from opengu.disclosure import permissions, services
from opengu.disclosure.models import (
    RECUSAL_GROUNDS,
    AgendaDecision,
    AgendaRecusal,
    AgendaVote,
    Committee,
    CommitteeAgendaItem,
    CommitteeMember,
)
from opengu.disclosure.services import DisclosureError
from opengu.lib.pii import mask_name


def date_input(value: str, field: str, label: str) -> dt.date:
    """A required YYYY-MM-DD form value, or a DisclosureError naming the field."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise DisclosureError(_("%(f)s을(를) YYYY-MM-DD 형식으로 입력해 주세요.") % {"f": label}, field) from None


DECISION_HEADER = [
    gettext_lazy("의결일"), gettext_lazy("안건"), gettext_lazy("의결 결과"), gettext_lazy("이유"), gettext_lazy("찬성"),
    gettext_lazy("반대"), gettext_lazy("기권"), gettext_lazy("회의"), gettext_lazy("회의 일자"), gettext_lazy("관련 청구"),
]


@login_required
def staff_council(request: HttpRequest, pk: int) -> HttpResponseBase:
    if not permissions.can_view_council(request.user):
        raise PermissionDenied
    committee = get_object_or_404(Committee, pk=pk, disclosure_council=True)
    user: User = request.user  # type: ignore[assignment]
    try:
        on = date_input(request.GET.get("on") or timezone.localdate().isoformat(), "on", _("기준일"))
    except DisclosureError:
        on = timezone.localdate()
    members = services.council_members_listed(actor=user, committee=committee, http_request=request)
    serving = {m.pk for m in services.members_serving(committee, on)}
    rows = [{"m": m, "masked": mask_name(m.name), "serving": m.pk in serving} for m in members]
    items = CommitteeAgendaItem.objects.filter(status=CommitteeAgendaItem.Status.OPEN).prefetch_related(
        "requests", "recusals__member")
    decisions = (AgendaDecision.objects.filter(votes__member__committee=committee).distinct()
                 .select_related("item", "meeting").prefetch_related("item__requests").order_by("-decided_on", "-id"))
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        table = ([d.decided_on, d.item.title, d.outcome, d.reason, d.votes_for, d.votes_against, d.abstentions,
                 d.meeting.title if d.meeting else "", d.meeting.held_at.date() if d.meeting else None,
                 ", ".join(r.number for r in d.item.requests.all())] for d in decisions)
        return table_response(export, f"disclosure-council-decisions-{committee.pk}", DECISION_HEADER, table)
    return render(request, "disclosure/council.html", {
        "committee": committee, "on": on, "rows": rows, "problems": services.council_problems(committee, on),
        "voters": [r for r in rows if r["serving"]], "items": items,
        "decisions": decisions[:50],
        "kinds": CommitteeMember.Kind.choices, "recusal_kinds": AgendaRecusal.Kind.choices,
        "grounds": RECUSAL_GROUNDS, "choices": AgendaVote.Choice.choices,
        "can_manage": permissions.can_manage_council(user), "today": timezone.localdate(),
        "meetings": committee.meetings.order_by("-held_at")[:24],
    })


def _member(committee: Committee, value: str) -> CommitteeMember:
    found = committee.members.filter(pk=value if value.isdigit() else 0).first()
    if found is None:
        raise DisclosureError(_("위원을 선택해 주세요."), "member")
    return found


def _act(request: HttpRequest, user: User, committee: Committee, action: str) -> str:
    post = request.POST
    if action == "appoint":
        end = post.get("term_end", "").strip()
        previous = post.get("previous_term", "").strip()
        member = services.committee_member_appoint(
            actor=user, committee=committee, name=post.get("name", ""), kind=post.get("kind", ""),
            term_start=date_input(post.get("term_start", ""), "term_start", _("임기 시작")),
            term_end=date_input(end, "term_end", _("임기 끝")) if end else None, affiliation=post.get("affiliation", ""),
            chair=post.get("chair") == "1", previous_term=_member(committee, previous) if previous else None)
        return _("%(n)s 위원을 위촉했습니다.") % {"n": mask_name(member.name)}
    if action == "end":
        member = services.committee_member_end(actor=user, member=_member(committee, post.get("member", "")),
                                               on=date_input(post.get("on", ""), "on", _("해촉일")),
                                               reason=post.get("reason", ""))
        return _("%(n)s 위원의 임기를 끝냈습니다.") % {"n": mask_name(member.name)}
    item = CommitteeAgendaItem.objects.filter(pk=post.get("item", "0") if post.get("item", "").isdigit() else 0,
                                              status=CommitteeAgendaItem.Status.OPEN).first()
    if item is None:
        raise DisclosureError(_("안건을 선택해 주세요."), "item")
    if action == "recuse":
        ground = post.get("ground", "")
        services.agenda_recusal_record(actor=user, item=item, member=_member(committee, post.get("member", "")),
                                       kind=post.get("kind", ""), reason=post.get("reason", ""),
                                       ground=int(ground) if ground.isdigit() else None)
        return _("제척·기피·회피를 기록했습니다.")
    if action == "decide":
        votes = {m: post[f"vote-{m.pk}"] for m in committee.members.all() if post.get(f"vote-{m.pk}")}
        meeting_id = post.get("meeting", "")
        meeting = committee.meetings.filter(pk=meeting_id).first() if meeting_id.isdigit() else None
        if meeting_id and meeting is None:
            raise DisclosureError(_("이 심의회의 회의를 골라 주세요."), "meeting")
        services.agenda_decide(actor=user, item=item, committee=committee, meeting=meeting,
                               decided_on=date_input(post.get("decided_on", ""), "decided_on", _("의결일")),
                               outcome=post.get("outcome", ""), reason=post.get("reason", ""), votes=votes)
        return _("의결을 기록했습니다.")
    raise Http404


@login_required
@require_POST
def staff_council_action(request: HttpRequest, pk: int, action: str) -> HttpResponseBase:
    if not permissions.can_manage_council(request.user):
        raise PermissionDenied
    committee = get_object_or_404(Committee, pk=pk, disclosure_council=True)
    try:
        messages.success(request, _act(request, request.user, committee, action))  # type: ignore[arg-type]
    except DisclosureError as exc:
        messages.error(request, exc.message)
    return redirect("disclosure:staff_council", pk=committee.pk)
