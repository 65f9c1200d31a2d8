"""Support programme staff pages: 100가정 보듬기 matches by dong and the district summary; I WISH
partnerships. Households are clients: names masked, every list writes an access record."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from opengu.core import charts
from opengu.core.models import Dong
from opengu.lib import pii
from opengu.welfare import permissions, programmes
from opengu.welfare.centre_views import _log_list, _staff_user
from opengu.welfare.models import Client, Organization, Partnership, Sponsorship


@login_required
def sponsorships(request: HttpRequest) -> HttpResponse:
    """The matches the user may see (`dong` narrows them); POST matches a household (a client
    number) with a sponsor."""
    user = _staff_user(request)
    if not permissions.can_list_cases(user):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not permissions.can_record_case(user):  # auditors read only
            raise PermissionDenied
        if request.POST.get("action") == "end":
            return _end(request, user)
        raw = request.POST.get("client", "").strip()
        household = Client.objects.filter(pk=int(raw)).select_related("dong").first() if raw.isdigit() else None
        if household is not None and not permissions.can_edit_client(user, household):
            raise PermissionDenied
        try:
            programmes.sponsorship_register(
                actor=user, client=household, sponsor_name=request.POST.get("sponsor_name", ""),
                sponsor_kind=request.POST.get("sponsor_kind", ""),
                monthly_support=request.POST.get("monthly_support", ""),
                starts_on=request.POST.get("starts_on", ""), ends_on=request.POST.get("ends_on", ""))
        except programmes.ProgrammeInputError as exc:
            errors = exc.errors
        else:
            messages.success(request, _("후원자와 가구를 결연했습니다."))
            return redirect("welfare:sponsorships")
    raw_dong = request.GET.get("dong", "")
    dong = int(raw_dong) if raw_dong.isdigit() else None
    today = timezone.localdate()
    rows = list(programmes.sponsorships_for(user, dong=dong))
    _log_list(request, "welfare.client", sorted({row.client_id for row in rows}))
    return render(request, "welfare/programme_sponsorships.html", {
        "rows": [{"sponsorship": row, "household": pii.mask_name(row.client.name),
                  "sponsor": programmes.sponsor_display(row), "running": row.runs_on(today),
                  "near_poverty": "near_poverty" in (row.client.flags or [])} for row in rows],
        "dongs": Dong.objects.order_by("name"), "dong": dong, "kinds": Sponsorship.SponsorKind.choices,
        "errors": errors, "form": request.POST if errors else {},
        "can_register": permissions.can_record_case(user),
        "can_summary": permissions.can_read_centre(user),
    }, status=400 if errors else 200)


def _end(request: HttpRequest, user: Any) -> HttpResponse:
    """End a match: whoever may edit the household. A bad date comes back as a message."""
    raw = request.POST.get("sponsorship", "")
    sponsorship = get_object_or_404(Sponsorship.objects.select_related("client"), pk=int(raw) if raw.isdigit() else 0)
    if not permissions.can_edit_client(user, sponsorship.client):
        raise PermissionDenied
    try:
        programmes.sponsorship_end(actor=user, sponsorship=sponsorship, ends_on=request.POST.get("ends_on", ""))
    except programmes.ProgrammeInputError as exc:
        for message in exc.errors.values():
            messages.error(request, message)
    else:
        messages.success(request, _("결연을 끝냈습니다."))
    return redirect("welfare:sponsorships")


@login_required
def sponsorship_summary(request: HttpRequest) -> HttpResponse:
    """District summary: households matched today, the 차상위 share against the 50 % target,
    and households by dong. Counts only; no one is named."""
    user = _staff_user(request)
    if not permissions.can_read_centre(user):
        raise PermissionDenied
    summary = programmes.district_summary(day=timezone.localdate())
    target = programmes.TARGET_NEAR_POVERTY_PERCENT
    share_chart = charts.bar_chart("share-bars", [
        charts.Row(label=_("차상위 비율"), value=summary.near_poverty_percent, shown=f"{summary.near_poverty_percent}%"),
        charts.Row(label=_("목표"), value=target, shown=f"{target}%", colour="#6d7882"),
    ], maximum=100, title=_("차상위 가구 비율과 목표"),
        desc=_("차상위 비율 %(share)s%%, 목표 %(target)s%%.") % {"share": summary.near_poverty_percent, "target": target})
    most = max((n for _name, n, _near in summary.by_dong), default=0)
    dong_bars = [{"name": name, "households": n, "near_poverty": near} for name, n, near in summary.by_dong]
    dong_chart = charts.bar_chart(
        "dong-bars", (charts.Row(label=name, value=n, shown=str(n)) for name, n, _near in summary.by_dong),
        maximum=most, title=_("행정동별 결연 가구"), desc=_("아래 표와 같은 내용입니다."))
    return render(request, "welfare/programme_summary.html", {
        "summary": summary, "target": target, "target_households": programmes.TARGET_HOUSEHOLDS,
        "share_chart": share_chart, "dong_bars": dong_bars, "dong_chart": dong_chart,
    })


@login_required
def partnerships(request: HttpRequest) -> HttpResponse:
    """I WISH partnerships with the households the user may see; POST registers one (a partner
    institution, what it gives, client numbers separated by commas, dates)."""
    user = _staff_user(request)
    if not permissions.can_list_cases(user):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not permissions.can_record_case(user):  # auditors read only
            raise PermissionDenied
        raw_org = request.POST.get("organization", "").strip()
        organization = Organization.objects.filter(pk=int(raw_org)).first() if raw_org.isdigit() else None
        numbers = [part.strip() for part in request.POST.get("households", "").replace("，", ",").split(",") if part.strip()]
        found = {str(c.pk): c for c in Client.objects.filter(pk__in=[int(n) for n in numbers if n.isdigit()])}
        households = [found[n] for n in dict.fromkeys(numbers) if n in found]
        if any(not permissions.can_edit_client(user, household) for household in households):
            raise PermissionDenied
        try:
            programmes.partnership_register(
                actor=user, organization=organization, support=request.POST.get("support", ""),
                households=households, unknown=[n for n in numbers if n not in found],
                starts_on=request.POST.get("starts_on", ""), ends_on=request.POST.get("ends_on", ""))
        except programmes.ProgrammeInputError as exc:
            errors = exc.errors
        else:
            messages.success(request, _("I WISH 협력을 등록했습니다."))
            return redirect("welfare:partnerships")
    rows: list[dict[str, object]] = []
    seen: set[int] = set()
    for partnership in Partnership.objects.select_related("organization"):
        visible = programmes.partnership_households(user, partnership)
        seen.update(h.pk for h in visible)
        rows.append({"partnership": partnership, "households": [pii.mask_name(h.name) for h in visible]})
    _log_list(request, "welfare.client", sorted(seen))
    return render(request, "welfare/programme_partnerships.html", {
        "rows": rows, "organizations": Organization.objects.order_by("name"),
        "errors": errors, "form": request.POST if errors else {},
        "can_register": permissions.can_record_case(user),
    }, status=400 if errors else 200)
