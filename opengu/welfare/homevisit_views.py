"""방문보건 staff pages: families with visit progress (overdue filter, export) and one family's
visits. Mothers' names are masked; every page and export writes an access record."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from opengu.core.accesslog import record_access
from opengu.core.models import PersonalDataAccess, User
from opengu.lib import pii
from opengu.welfare import homevisits, permissions, selectors, services
from opengu.welfare.centre_views import _log_list, _staff_user, logged_export
from opengu.welfare.models import Client, HomeVisitFamily

FAMILY_HEADER = ["번호", "산모(가림)", "행정동", "구분", "아기 출생 연월", "방문 완료", "방문 계획", "다음 방문 기한", "기한 지남(일)"]


def _family_rows(rows: Iterable[tuple[HomeVisitFamily, homevisits.Progress]]) -> Iterator[list[Any]]:
    for family, progress in rows:
        yield [family.pk, pii.mask_name(family.mother.name), family.mother.dong.name,
               _("지속 방문") if family.vulnerable else _("보편 방문"), family.child_birth_date[:7],
               progress.done, progress.planned, progress.next_due.isoformat() if progress.next_due else "",
               progress.days_overdue]


@login_required
def home_visits(request: HttpRequest) -> HttpResponse:
    """Families and their progress; `overdue=1` keeps the late ones; CSV/xlsx with a purpose.
    POST registers a mother (a client number) and her newborn."""
    user = _staff_user(request)
    if not permissions.can_list_home_visits(user):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not permissions.can_record_case(user):  # auditors read only, whatever the form holds
            raise PermissionDenied
        raw = request.POST.get("mother", "").strip()
        mother = Client.objects.filter(pk=int(raw)).select_related("dong").first() if raw.isdigit() else None
        if mother is not None and not permissions.can_register_home_visit(user, mother):
            raise PermissionDenied
        try:
            family = services.home_visit_family_register(
                actor=user, mother=mother, child_birth_date=request.POST.get("child_birth_date", ""),
                vulnerable=request.POST.get("vulnerable") == "1", nurse=_nurse(request.POST.get("nurse", "")))
        except services.WelfareInputError as exc:
            errors = exc.errors
        else:
            messages.success(request, _("방문보건 가정으로 등록했습니다."))
            return redirect("welfare:home_visit_family", pk=family.pk)
    today = timezone.localdate()
    overdue = request.GET.get("overdue") == "1"
    rows = selectors.home_visit_families(user, overdue=overdue, today=today)
    exported, purpose_error = logged_export(request, subject="welfare.homevisit", record_ids=[family.pk for family, _p in rows],
                                            header=FAMILY_HEADER, rows=lambda: _family_rows(rows), stem="welfare-home-visits")
    if exported is not None:
        return exported
    _log_list(request, "welfare.homevisit", [family.pk for family, _p in rows])
    return render(request, "welfare/home_visits.html", {
        "rows": [(family, row) for (family, _p), row in zip(rows, _family_rows(rows), strict=True)],
        "clinics": selectors.upcoming_clinics(start=today), "filters": {"overdue": overdue},
        "purpose_error": purpose_error, "errors": errors, "form": request.POST if errors else {},
        "can_register": permissions.can_record_case(user), "nurses": services.nurse_choices(),
    }, status=400 if errors or purpose_error else 200)


def _nurse(raw: str) -> User | None:
    """The chosen nurse, or None; an unknown number raises WelfareInputError like a bad choice."""
    if not raw:
        return None
    found = User.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    if found is None:
        raise services.WelfareInputError({"nurse": _("담당 간호사: 보건소 직원 가운데서 골라 주세요.")})
    return found


@login_required
def home_visit_round(request: HttpRequest) -> HttpResponse:
    """A nurse's own round: their families whose next visit is overdue or due within two weeks,
    the most overdue first."""
    user = _staff_user(request)
    if not permissions.can_view_own_round(user):
        raise PermissionDenied
    today = timezone.localdate()
    rows = selectors.nurse_round(user, today=today)
    _log_list(request, "welfare.homevisit", [family.pk for family, _p in rows])
    return render(request, "welfare/home_visit_round.html", {
        "rows": [{"family": family, "progress": progress, "mother": pii.mask_name(family.mother.name)}
                 for family, progress in rows],
        "today": today, "assigned": HomeVisitFamily.objects.filter(nurse_id=user.pk).count(),
    })


@login_required
def home_visit_family(request: HttpRequest, pk: int) -> HttpResponse:
    """One family: progress, the plan with each due date, the visits; POST records a visit."""
    user = _staff_user(request)
    family = get_object_or_404(HomeVisitFamily.objects.select_related("mother", "mother__dong", "nurse__staff"), pk=pk)
    if not permissions.can_view_home_visit_family(user, family):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if request.method == "POST":
        assigning = request.POST.get("action") == "assign"
        allowed = (permissions.can_assign_nurse(user, family) if assigning
                   else permissions.can_record_home_visit(user, family))
        if not allowed:
            raise PermissionDenied
        try:
            if assigning:
                services.home_visit_family_assign(actor=user, family=family, nurse=_nurse(request.POST.get("nurse", "")))
                messages.success(request, _("담당 간호사를 정했습니다."))
            else:
                services.home_visit_record(actor=user, family=family, visited_on=request.POST.get("visited_on", ""),
                                           note=request.POST.get("note", ""))
                messages.success(request, _("방문을 기록했습니다."))
        except services.WelfareInputError as exc:
            errors = exc.errors
        else:
            return redirect("welfare:home_visit_family", pk=family.pk)
    record_access(actor=user, action=PersonalDataAccess.Action.VIEW, subject="welfare.homevisit",
                  record_ids=[family.pk], request=request)
    today = timezone.localdate()
    visits = list(family.visits.select_related("nurse__staff"))
    progress = homevisits.family_progress(birth=family.birth, vulnerable=family.vulnerable,
                                          visits=[v.visited_on for v in visits], today=today)
    plan = homevisits.visit_plan(birth=family.birth, vulnerable=family.vulnerable)
    return render(request, "welfare/home_visit_family.html", {
        "family": family, "mother_masked": pii.mask_name(family.mother.name), "progress": progress,
        "plan": [(n, due, n <= progress.done) for n, due in enumerate(plan, start=1)], "visits": visits,
        "errors": errors, "form": request.POST if errors else {}, "today": today,
        "can_record": permissions.can_record_home_visit(user, family),
        "can_assign": permissions.can_assign_nurse(user, family), "nurses": services.nurse_choices(),
        "can_open_mother": permissions.can_view_client(user, family.mother),
    }, status=400 if errors else 200)
