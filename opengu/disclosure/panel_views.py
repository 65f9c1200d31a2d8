"""정보공개모니터단 pages: members answer survey rounds as residents; the disclosure office manages the panel."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opengu.core.models import Dong, User
from opengu.disclosure import panel, permissions, services
from opengu.disclosure.council_views import date_input
from opengu.disclosure.models import (
    PANEL_CRITERIA,
    PANEL_SCORES,
    PanelMember,
    PanelResponse,
    PanelRound,
)
from opengu.disclosure.services import DisclosureError
from opengu.lib.pii import mask_name

# ------------------------------------------------------------------ residents (members)


@login_required
def panel_home(request: HttpRequest) -> HttpResponse:
    if not permissions.can_open_panel_page(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    member = services.panel_member_serving(request.user, today)
    rounds: list[dict[str, Any]] = []
    if member is not None:
        answered = set(PanelResponse.objects.filter(member=member).values_list("round_id", flat=True))
        rounds = [{"r": r, "open": r.is_open(today), "answered": r.pk in answered}
                  for r in PanelRound.objects.filter(opens_on__lte=today, closes_on__gte=member.term_start)]
    return render(request, "disclosure/panel.html", {"member": member, "rounds": rounds})


@login_required
def panel_round(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_open_panel_page(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    member = services.panel_member_serving(request.user, today)
    if member is None:
        raise PermissionDenied
    survey = get_object_or_404(PanelRound, pk=pk, opens_on__lte=today)
    previous = PanelResponse.objects.filter(round=survey, member=member).prefetch_related("ratings").first()
    values = {r.criterion: (str(r.score), r.comment) for r in previous.ratings.all()} if previous else {}
    error: DisclosureError | None = None
    status = 200
    if request.method == "POST":
        values = {key: (request.POST.get(f"score-{key}", ""), request.POST.get(f"comment-{key}", ""))
                  for key in PANEL_CRITERIA}
        try:
            services.panel_response_submit(actor=request.user, panel_round=survey,  # type: ignore[arg-type]
                                           ratings=values)  # type: ignore[arg-type]
        except DisclosureError as exc:
            error, status = exc, 400
        else:
            messages.success(request, _("설문 응답을 저장했습니다. 마감일까지 고칠 수 있습니다."))
            return redirect("disclosure:panel")
    field_errors = error.by_field if error is not None else {}
    criteria = [{"key": key, "label": label, "score": values.get(key, ("", ""))[0],
                 "comment": values.get(key, ("", ""))[1], "score_error": field_errors.get(f"score-{key}", ""),
                 "comment_error": field_errors.get(f"comment-{key}", "")} for key, label in PANEL_CRITERIA.items()]
    return render(request, "disclosure/panel_round.html", {
        "survey": survey, "criteria": criteria, "scores": sorted(PANEL_SCORES.items()), "error": error,
        "open": survey.is_open(today), "answered": previous is not None,
    }, status=status)


# ------------------------------------------------------------------ staff


@login_required
def staff_panel(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_panel(request.user):
        raise PermissionDenied
    user: User = request.user  # type: ignore[assignment]
    today = timezone.localdate()
    members = services.panel_members_listed(actor=user, http_request=request)
    rows = [{"m": m, "masked": mask_name(m.user.resident.name) if hasattr(m.user, "resident") else "-",
             "serving": m.serves_on(today)} for m in members]
    rounds = [{"r": r, "responses": r.responses.count()} for r in PanelRound.objects.all()]
    return render(request, "disclosure/panel_staff.html", {
        "rows": rows, "rounds": rounds, "dongs": Dong.objects.order_by("order", "name"), "today": today,
        "can_manage": permissions.can_manage_panel(user), "serving": sum(1 for r in rows if r["serving"]),
    })


def _act(request: HttpRequest, user: User, action: str) -> str:
    post = request.POST
    if action == "appoint":
        end = post.get("term_end", "").strip()
        dong_id = post.get("dong", "")
        dong = Dong.objects.filter(pk=dong_id).first() if dong_id.isdigit() else None
        member = services.panel_member_appoint(
            actor=user, username=post.get("username", ""), dong=dong,
            term_start=date_input(post.get("term_start", ""), "term_start", _("활동 시작")),
            term_end=date_input(end, "term_end", _("활동 끝")) if end else None)
        return _("%(d)s 모니터단 위원을 위촉했습니다.") % {"d": member.dong.name}
    if action == "end":
        value = post.get("member", "")
        ending = PanelMember.objects.filter(pk=value if value.isdigit() else 0).first()
        if ending is None:
            raise DisclosureError(_("위원을 선택해 주세요."), "member")
        services.panel_member_end(actor=user, member=ending, on=date_input(post.get("on", ""), "on", _("해촉일")),
                                  reason=post.get("reason", ""))
        return _("위원을 해촉했습니다.")
    if action == "round":
        survey = services.panel_round_create(
            actor=user, title=post.get("title", ""), note=post.get("note", ""),
            opens_on=date_input(post.get("opens_on", ""), "opens_on", _("설문 시작일")),
            closes_on=date_input(post.get("closes_on", ""), "closes_on", _("설문 마감일")))
        return _("설문 회차 ‘%(t)s’을(를) 만들었습니다.") % {"t": survey.title}
    raise Http404


@login_required
@require_POST
def staff_panel_action(request: HttpRequest, action: str) -> HttpResponseBase:
    if not permissions.can_manage_panel(request.user):
        raise PermissionDenied
    try:
        messages.success(request, _act(request, request.user, action))  # type: ignore[arg-type]
    except DisclosureError as exc:
        messages.error(request, exc.message)
    return redirect("disclosure:staff_panel")


@login_required
def staff_panel_round(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_view_panel_results(request.user):
        raise PermissionDenied
    survey = get_object_or_404(PanelRound, pk=pk)
    return render(request, "disclosure/panel_results.html", {
        "result": panel.round_result(survey),
    })
