"""수수료표 page: the district's fee table and waiver rates; every staff member reads, the disclosure office edits."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opengu.core.models import User
from opengu.disclosure import permissions, services
from opengu.disclosure.models import FEE_WAIVER_GROUNDS, FeeRate, FeeWaiverRate, Method
from opengu.disclosure.services import DisclosureError


def _number(value: str, field: str, label: str) -> int:
    value = (value or "").strip()
    if not value.isdigit():
        raise DisclosureError(_("%(f)s은(는) 0 이상의 숫자로 적어 주세요.") % {"f": label}, field)
    return int(value)


@login_required
def staff_fees(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_fees(request.user):
        raise PermissionDenied
    edit = request.GET.get("edit", "")
    editing = FeeRate.objects.filter(pk=edit).first() if edit.isdigit() else None
    waivers = {w.ground: w for w in FeeWaiverRate.objects.all()}
    return render(request, "disclosure/fees.html", {
        "rates": FeeRate.objects.all(), "editing": editing, "methods": Method.choices,
        "waivers": [(n, label, waivers.get(n)) for n, label in sorted(FEE_WAIVER_GROUNDS.items())],
        "can_manage": permissions.can_manage_fees(request.user),
    })


def _act(request: HttpRequest, user: User, action: str) -> str:
    post = request.POST
    if action == "rate":
        rate_id = post.get("rate", "")
        rate = FeeRate.objects.filter(pk=rate_id).first() if rate_id.isdigit() else None
        saved = services.fee_rate_save(
            actor=user, rate=rate, method=post.get("method", ""), medium=post.get("medium", ""),
            unit=post.get("unit", ""), free_units=_number(post.get("free_units", "0"), "free_units", _("무료 단위 수")),
            first_amount=_number(post.get("first_amount", ""), "first_amount", _("첫 단위 금액")),
            extra_amount=_number(post.get("extra_amount", ""), "extra_amount", _("추가 단위당 금액")),
            verified=post.get("verified") == "1", source=post.get("source", ""), active=post.get("active") == "1")
        return _("수수료 항목 ‘%(r)s’을(를) 저장했습니다.") % {"r": saved}
    if action == "waiver":
        ground = post.get("ground", "")
        services.fee_waiver_rate_save(actor=user, ground=int(ground) if ground.isdigit() else 0,
                                      percent=_number(post.get("percent", ""), "percent", _("감면 비율")),
                                      verified=post.get("verified") == "1")
        return _("감면 비율을 저장했습니다.")
    raise Http404


@login_required
@require_POST
def staff_fees_action(request: HttpRequest, action: str) -> HttpResponseBase:
    if not permissions.can_manage_fees(request.user):
        raise PermissionDenied
    try:
        messages.success(request, _act(request, request.user, action))  # type: ignore[arg-type]
    except DisclosureError as exc:
        messages.error(request, exc.message)
    return redirect("disclosure:staff_fees")
