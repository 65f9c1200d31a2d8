from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from opengu.core.registry import Manifest, StaffTile


def _failed_count(user: Any) -> tuple[int, str]:
    from opengu.messaging.selectors import outbox_failed_recently

    return outbox_failed_recently(), str(_("최근 7일 발송 실패"))


def _visible(user: Any) -> bool:
    from opengu.messaging.permissions import can_view_outbox

    return can_view_outbox(user)


MANIFEST = Manifest(
    name="messaging",
    title=_("알림 발송"),  # type: ignore[arg-type]  # registry fields are typed str; lazy text renders as one
    url_prefix="staff/messages/",
    urls="opengu.messaging.urls",
    staff_tiles=(
        StaffTile(label=_("알림 발송 내역"), url_name="messaging:outbox", count=_failed_count,  # type: ignore[arg-type]
                  visible=_visible, all_departments=lambda user: True),  # the outbox is the whole office's
    ),
)
