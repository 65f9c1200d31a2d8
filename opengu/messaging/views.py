"""The staff page over the outbox: /staff/messages/ (administrators and auditors)."""

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

from opengu.core.accesslog import record_access
from opengu.core.exports import table_response
from opengu.core.models import PersonalDataAccess
from opengu.messaging.models import OutboxMessage
from opengu.messaging.permissions import can_view_outbox
from opengu.messaging.selectors import outbox_search

SUBJECT = "messaging.outboxmessage"


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _columns() -> list[str]:
    return [_("번호"), _("작성"), _("채널"), _("종류"), _("받는 사람"), _("제목"), _("긴급"), _("상태"),
            _("시도"), _("발송 시각"), _("수신 시각"), _("사유")]


def _row(m: OutboxMessage) -> list[Any]:
    def when(value: dt.datetime | None) -> str:
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if value else ""

    return [m.pk, when(m.created_at), m.get_channel_display(), m.phone_kind, m.recipient_masked, m.subject,
            _("예") if m.urgent else "", m.get_status_display(), m.attempts, when(m.sent_at), when(m.delivered_at),
            m.reason]


@login_required
def outbox(request: HttpRequest) -> HttpResponseBase:
    if not can_view_outbox(request.user):
        raise PermissionDenied
    filters: dict[str, Any] = {
        "status": request.GET.get("status", ""),
        "channel": request.GET.get("channel", ""),
        "date_from": _date(request.GET.get("date_from")),
        "date_to": _date(request.GET.get("date_to")),
    }
    rows = outbox_search(**filters)
    context: dict[str, Any] = {"filters": filters, "statuses": OutboxMessage.Status.choices,
                               "channels": OutboxMessage.Channel.choices}
    export = request.GET.get("format", "")
    if export in {"csv", "xlsx"}:
        purpose = request.GET.get("purpose", "").strip()
        if not purpose:
            context.update(page=Paginator(rows, 50).get_page(1), purpose_error=_("내려받는 목적을 적어 주세요."))
            return render(request, "messaging/outbox.html", context, status=400)
        record_access(actor=request.user, action=PersonalDataAccess.Action.EXPORT, subject=SUBJECT,  # type: ignore[arg-type]
                      record_ids=rows.values_list("pk", flat=True), request=request, purpose=purpose)
        cells = (_row(message) for message in rows.iterator(chunk_size=2000))
        return table_response(export, f"outbox-{timezone.localdate():%Y%m%d}", _columns(), cells)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    # Masked recipients are still personal data: the listing is logged like any other.
    record_access(actor=request.user, action=PersonalDataAccess.Action.LIST, subject=SUBJECT,  # type: ignore[arg-type]
                  record_ids=[m.pk for m in page], request=request)
    context["page"] = page
    context["query"] = request.GET.copy()
    context["query"].pop("page", None)
    return render(request, "messaging/outbox.html", context)
