"""맞춤형 안내 pages: the residents' anonymous self-check. Nothing a resident enters is stored
or logged: the form posts (so answers stay out of URLs and server logs), the answers are
evaluated in memory and only the results are rendered."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from opengu.core import charts
from opengu.core.accesslog import record_access
from opengu.core.exports import table_response
from opengu.core.models import PersonalDataAccess
from opengu.lib import pii
from opengu.welfare import permissions, selectors, services
from opengu.welfare.benefits import BY_CODE, Household, Status, check
from opengu.welfare.models import OutreachCampaign, OutreachNotice

CHILD_FIELDS = ("child1", "child2", "child3")
TRI_FIELDS = ("married", "severe_disability", "single_parent", "earned_income", "district_resident")


def _date(raw: str) -> dt.date | None:
    return dt.date.fromisoformat(raw) if raw else None


def household_from(data: dict[str, str], receiving: list[str], on: dt.date) -> tuple[Household | None, dict[str, str]]:
    """The self-check answers as a Household, or the errors per field (Korean, naming the field)."""
    errors: dict[str, str] = {}
    birth = None
    try:
        birth = _date(data.get("birth_date", ""))
        if birth and not dt.date(1900, 1, 1) <= birth <= on:
            errors["birth_date"] = _("생년월일: 1900년부터 오늘 사이의 날짜를 넣어 주세요.")
    except ValueError:
        errors["birth_date"] = _("생년월일: 날짜 형식(예: 1958-03-15)이 올바르지 않습니다.")
    size = None
    raw_size = data.get("household_size", "")
    if raw_size:
        if raw_size.isdigit() and 1 <= int(raw_size) <= 20:
            size = int(raw_size)
        else:
            errors["household_size"] = _("가구원 수: 1에서 20 사이의 숫자를 넣어 주세요.")
    income = None
    raw_income = data.get("income", "").replace(",", "").replace(" ", "").removesuffix("만원").strip()
    if raw_income:
        if raw_income.isdigit() and int(raw_income) <= 100_000:
            income = int(raw_income) * 10_000
        elif raw_income.isdigit():
            errors["income"] = _("한 달 소득: 100,000만원(10억 원)까지 넣을 수 있습니다. 만원 단위로 적었는지 확인해 주세요.")
        else:
            errors["income"] = _("한 달 소득: 만원 단위 숫자(예: 150)를 넣어 주세요.")
    children: list[dt.date] = []
    for name in CHILD_FIELDS:
        try:
            child = _date(data.get(name, ""))
        except ValueError:
            errors[name] = _("자녀 생년월일: 날짜 형식(예: 2024-05-10)이 올바르지 않습니다.")
            continue
        if child and child > on:
            errors[name] = _("자녀 생년월일: 오늘이나 그 전 날짜를 넣어 주세요.")
        elif child and birth and child <= birth:
            errors[name] = _("자녀 생년월일: 신청하실 분보다 늦게 태어난 날짜여야 합니다.")
        elif child and child < dt.date(1990, 1, 1):
            errors[name] = _("자녀 생년월일: 이 안내는 1990년 이후에 태어난 자녀만 봅니다(자녀 관련 혜택은 모두 그보다 어린 자녀 대상입니다).")
        elif child:
            children.append(child)
    tri = {name: {"yes": True, "no": False}.get(data.get(name, "")) for name in TRI_FIELDS}
    has_children = data.get("has_children", "")
    if has_children == "no" and any(data.get(name) for name in CHILD_FIELDS):
        errors["has_children"] = _("자녀가 없다고 고르셨는데 자녀 생년월일이 적혀 있습니다. 둘 중 하나를 고쳐 주세요.")
    known_children: tuple[dt.date, ...] | None
    if children:
        known_children = tuple(children)
    else:
        known_children = () if has_children == "no" else None
    if errors:
        return None, errors
    codes = set(BY_CODE)
    return Household(on=on, birth_date=birth, household_size=size, income=income, children=known_children,
                     receiving=frozenset(c for c in receiving if c in codes), **tri), {}  # type: ignore[arg-type]


@never_cache
def self_check(request: HttpRequest) -> HttpResponse:
    """Anyone, no login. GET shows the questions; POST shows likely benefits with reasons."""
    values: dict[str, str] = {}
    receiving: list[str] = []
    errors: dict[str, str] = {}
    groups: list[tuple[str, str, list[object]]] = []
    if request.method == "POST":
        fields = ("birth_date", "household_size", "income", "has_children", *CHILD_FIELDS, *TRI_FIELDS)
        values = {name: request.POST.get(name, "").strip()[:20] for name in fields}
        receiving = request.POST.getlist("receiving")
        household, errors = household_from(values, receiving, timezone.localdate())
        if household is not None:
            results = check(household, district=selectors.district_name())
            groups = [
                ("eligible", _("받을 수 있는 복지 혜택"), [r for r in results if r.status is Status.ELIGIBLE]),
                ("maybe", _("더 알아보면 받을 수도 있는 혜택"), [r for r in results if r.status is Status.MAYBE]),
                ("not", _("지금은 받기 어려운 혜택"), [r for r in results if r.status is Status.NOT_ELIGIBLE]),
            ]
    return render(request, "welfare/self_check.html", {
        "values": values, "receiving": receiving, "errors": errors, "groups": groups,
        "any_unconfirmed": any(r.unconfirmed for _k, _t, rows in groups for r in rows),  # type: ignore[attr-defined]
        "centre_phone": selectors.centre_phone(),
        "benefits": list(selectors.benefit_names().items()), "sizes": range(1, 9),
        "tri_questions": [(name, question, values.get(name, "")) for name, question in [
            ("married", _("배우자와 함께 사시나요?")),
            ("severe_disability", _("장애의 정도가 심한 장애인(옛 1~3급)이 있나요?")),
            ("single_parent", _("한부모 가족인가요?")),
            ("earned_income", _("일해서 버는 소득(근로·사업소득)이 있나요?")),
            ("district_resident", _("%(district)s에 주민등록이 되어 있나요?") % {
                "district": selectors.district_name() or _("이 구")}),
        ]],
    }, status=400 if errors else 200)


# --- staff outreach (맞춤형 안내 발송과 신청률) -------------------------------------------------------

UPTAKE_HEADER = ["번호", "제목", "복지 혜택", "안내한 사람", "신청한 사람", "신청률(%)", "만든 날"]


def _uptake_rows(rows: list[selectors.Uptake]) -> list[list[object]]:
    names = selectors.benefit_names()
    return [[u.campaign.pk, u.campaign.title, names.get(u.campaign.benefit, u.campaign.benefit), u.notified, u.applied,
             u.rate, timezone.localtime(u.campaign.created_at).strftime("%Y-%m-%d")] for u in rows]


@login_required
def outreach(request: HttpRequest) -> HttpResponseBase:
    """Campaigns with uptake (chart and table, CSV/xlsx: counts only); POST creates a campaign."""
    user = request.user
    if not permissions.can_read_centre(user):
        raise PermissionDenied
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    if request.method == "POST":
        if not permissions.can_use_centre(user):
            raise PermissionDenied
        values = {k: request.POST.get(k, "").strip() for k in ("benefit", "title", "message")}
        try:
            campaign = services.outreach_campaign_create(actor=user, **values)  # type: ignore[arg-type]
        except services.WelfareInputError as exc:
            errors = exc.errors
        else:
            return redirect("welfare:outreach_campaign", pk=campaign.pk)
    rows = selectors.outreach_uptake()
    fmt = request.GET.get("format")
    if fmt in {"csv", "xlsx"}:
        return table_response(fmt, f"welfare-outreach-{timezone.localdate():%Y%m%d}", UPTAKE_HEADER, _uptake_rows(rows))
    names = selectors.benefit_names()
    chart = charts.bar_chart("uptake-bars", (charts.Row(
        label=f"{u.campaign.pk}. {names.get(u.campaign.benefit, u.campaign.benefit)}", value=1 if u.notified else 0, shown=f"{u.applied} / {u.notified} ({u.rate}%)", parts=(
            charts.Part(value=u.applied / u.notified, colour=charts.COLOUR, title=_("신청한 사람 %(n)s") % {"n": u.applied}),
            charts.Part(value=(u.notified - u.applied) / u.notified, colour="#d6dbe1", title=_("신청하지 않은 사람 %(n)s") % {"n": u.notified - u.applied}),
        ) if u.notified else ()) for u in rows), maximum=1, title=_("안내별 신청률"),
        desc=_("회색 막대는 안내한 사람, 파란 막대는 그 가운데 신청한 사람입니다. 아래 표와 같은 내용입니다."))
    return render(request, "welfare/outreach.html", {
        "rows": rows, "table": _uptake_rows(rows), "chart": chart,
        "benefits": list(selectors.benefit_names().items()), "errors": errors, "values": values, "can_write": permissions.can_use_centre(user),
    }, status=400 if errors else 200)


@login_required
def outreach_campaign(request: HttpRequest, pk: int) -> HttpResponse:
    """One campaign: who matches (before sending), who was told, who applied. Client data shown
    masked, and every view of it writes an access record."""
    user = request.user
    if not permissions.can_read_centre(user):
        raise PermissionDenied
    campaign = get_object_or_404(OutreachCampaign, pk=pk)
    if request.method == "POST":
        if not permissions.can_use_centre(user):
            raise PermissionDenied
        if request.POST.get("action") == "send":
            sent = services.outreach_campaign_send(actor=user, campaign=campaign)  # type: ignore[arg-type]
            messages.success(request, _("%(count)d명에게 안내 문자를 보냈습니다.") % {"count": len(sent)})
        else:
            notice = get_object_or_404(OutreachNotice, pk=request.POST.get("notice", "0") or 0, campaign=campaign)
            services.outreach_notice_mark_applied(actor=user, notice=notice,  # type: ignore[arg-type]
                                                  applied=request.POST.get("action") == "applied")
            messages.success(request, _("신청 여부를 기록했습니다."))
        return redirect("welfare:outreach_campaign", pk=campaign.pk)
    candidates = selectors.outreach_candidates(benefit=campaign.benefit, exclude_campaign=campaign)
    notices = list(selectors.outreach_notices(campaign))
    shown = [c.pk for c, _r in candidates] + [n.client_id for n in notices]
    if shown:
        record_access(actor=user, action=PersonalDataAccess.Action.LIST, subject="welfare.client",  # type: ignore[arg-type]
                      record_ids=shown, request=request)
    names = selectors.benefit_names()
    return render(request, "welfare/outreach_campaign.html", {
        "campaign": campaign, "benefit_name": names.get(campaign.benefit, campaign.benefit),
        "candidates": [{"client": c, "name": pii.mask_name(c.name), "status": r.status.value, "explanation": r.explanation}
                       for c, r in candidates],
        "notices": [{"notice": n, "name": pii.mask_name(n.client.name), "phone": pii.mask_phone(n.client.phone)}
                    for n in notices],
        "applied": sum(1 for n in notices if n.applied_at), "can_write": permissions.can_use_centre(user),
    })
