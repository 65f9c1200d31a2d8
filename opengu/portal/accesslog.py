"""The auditor's page over the personal-data access log: search, verify, export."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from opengu.core import permissions
from opengu.core.accesslog import record_access, verify_chain
from opengu.core.exports import table_response
from opengu.core.models import PersonalDataAccess
from opengu.core.selectors import access_log_search


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
def access_log(request: HttpRequest) -> HttpResponseBase:
    if not permissions.can_view_access_log(request.user):
        raise PermissionDenied
    filters: dict[str, Any] = {
        "actor": request.GET.get("actor", "").strip(),
        "subject": request.GET.get("subject", "").strip(),
        "action": request.GET.get("action", ""),
        "date_from": _date(request.GET.get("date_from")),
        "date_to": _date(request.GET.get("date_to")),
    }
    rows = access_log_search(**filters)
    export_format = request.GET.get("format")
    if export_format in ("csv", "xlsx"):
        purpose = request.GET.get("purpose", "").strip()
        if not purpose:
            return render(request, "portal/access_log.html", {
                "filters": filters, "actions": PersonalDataAccess.Action.choices,
                "page": Paginator(rows, 50).get_page(1), "purpose_error": _("내려받는 목적을 적어 주세요."),
            }, status=400)
        # The export itself is an access to the log, which names staff: it is logged too.
        record_access(actor=request.user, action=PersonalDataAccess.Action.EXPORT, subject="core.personaldataaccess",  # type: ignore[arg-type]
                      record_ids=[], request=request, purpose=purpose)
        cells = (_cells(row) for row in rows.iterator(chunk_size=2000))
        return table_response(export_format, f"access-log-{timezone.localdate():%Y%m%d}", HEADER, cells)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    chain = verify_chain() if request.GET.get("verify") else None
    return render(request, "portal/access_log.html", {
        "filters": filters, "actions": PersonalDataAccess.Action.choices, "page": page, "chain": chain,
    })


HEADER = ["번호", "일시", "아이디", "부서", "IP", "행위", "대상", "레코드 수", "레코드", "목적", "경로", "해시"]


def _cells(row: PersonalDataAccess) -> list[object]:
    return [
        row.id, timezone.localtime(row.at).strftime("%Y-%m-%d %H:%M:%S"), row.actor_username,
        row.actor_department, row.ip or "", row.get_action_display(), row.subject, row.record_count,
        " ".join(row.record_ids), row.purpose, row.path, row.row_hash,
    ]
