"""Public shell: home, site search, deadline calculator, staff workspace, health."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from opengu.core import permissions
from opengu.core.calendar import deadline
from opengu.core.models import WorkerHeartbeat
from opengu.core.registry import manifests, search, staff_tiles
from opengu.lib.workdays import COUNTINGS, MAX_DAYS


def home(request: HttpRequest) -> HttpResponse:
    offers = [(m, [e for e in m.menu if e.audience == "public"]) for m in manifests()]
    return render(request, "portal/home.html", {"offers": [o for o in offers if o[1]]})


def site_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    results = search(query, request.user) if query else []
    return render(request, "portal/search.html", {"query": query, "results": results})


def deadline_page(request: HttpRequest) -> HttpResponse:
    context: dict[str, object] = {
        "start": request.GET.get("start", timezone.localdate().isoformat()),
        "days": request.GET.get("days", "10"),
        "counting": request.GET.get("counting", "workdays"),
        "max_days": MAX_DAYS,
    }
    if "start" in request.GET:
        errors = []
        try:
            start = dt.date.fromisoformat(str(context["start"]))
        except ValueError:
            errors.append(_("시작일을 YYYY-MM-DD 형식으로 입력해 주세요."))
        try:
            days = int(str(context["days"]))
            if not 1 <= days <= MAX_DAYS:
                raise ValueError
        except ValueError:
            errors.append(_("기간은 1부터 %(max)s까지의 정수로 입력해 주세요.") % {"max": MAX_DAYS})
        if context["counting"] not in COUNTINGS:
            errors.append(_("계산 방법을 선택해 주세요."))
        if errors:
            context["errors"] = errors
            return render(request, "portal/deadline.html", context, status=400)
        context["working"] = deadline(start, days, str(context["counting"]))
    return render(request, "portal/deadline.html", context)


@login_required
def staff_workspace(request: HttpRequest) -> HttpResponse:
    if not permissions.can_use_staff_workspace(request.user):
        raise PermissionDenied
    # Work waiting in the user's own department, work counted across every department (what the disclosure office
    # and auditors see), and tiles that only open a work area.
    own: list[dict[str, Any]] = []
    every_department: list[dict[str, Any]] = []
    areas: list[dict[str, Any]] = []
    for tile in staff_tiles(request.user):
        if tile.count is None:
            areas.append({"tile": tile, "number": None, "text": ""})
            continue
        number, text = tile.count(request.user)
        scope = every_department if tile.all_departments and tile.all_departments(request.user) else own
        scope.append({"tile": tile, "number": number, "text": text})
    return render(request, "portal/staff.html", {
        "own": own, "every_department": every_department, "areas": areas,
        "staff": request.user.staff,  # type: ignore[union-attr]
    })


def healthz(request: HttpRequest) -> JsonResponse:
    status = {"database": "ok", "worker": "unknown"}
    code = 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        status["database"] = "error"
        code = 503
    if status["database"] == "ok":
        beat = WorkerHeartbeat.objects.order_by("-seen_at").first()
        if beat is None:
            status["worker"] = "never seen"
        else:
            age = (timezone.now() - beat.seen_at).total_seconds()
            status["worker"] = "ok" if age < 120 else f"last seen {int(age)} s ago"
            status["worker_seen_at"] = beat.seen_at.isoformat()
    status["version"] = __import__("opengu").__version__
    status["debug"] = str(settings.DEBUG).lower()
    return JsonResponse(status, status=code)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "portal/error.html", {
        "title": _("요청을 처리할 수 없습니다"),
        "message": _("페이지가 오래되었거나 같은 양식을 두 번 보냈습니다. 페이지를 새로 고친 뒤 다시 시도해 주세요. 입력한 내용은 저장되지 않았습니다."),
    }, status=403)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "portal/error.html", {
        "title": _("권한이 없습니다"),
        "message": _("이 페이지를 볼 권한이 없습니다. 필요하면 담당 부서에 문의해 주세요."),
    }, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "portal/error.html", {
        "title": _("페이지를 찾을 수 없습니다"),
        "message": _("주소가 바뀌었거나 삭제된 페이지입니다."),
    }, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/error.html", {
        "title": _("일시적인 오류가 발생했습니다"),
        "message": _("잠시 뒤 다시 시도해 주세요. 입력한 내용은 저장되지 않았습니다."),
    }, status=500)
