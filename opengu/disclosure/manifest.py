"""What the disclosure app offers the portal: menu, staff tiles, search, urls, API, demo data."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django.urls import reverse
from django.utils.translation import gettext_lazy

from opengu.core.registry import Manifest, MenuEntry, SearchHit, StaffTile


def _(text: str) -> str:
    """Lazy translation typed as the str the registry's dataclasses declare."""
    return cast(str, gettext_lazy(text))


def _open_requests(user: Any) -> tuple[int, str]:
    from opengu.disclosure.selectors import department_counts

    open_count, overdue = department_counts(user)
    return open_count, str(_("건 처리 중, 기한 초과 %(n)s건") % {"n": overdue})


def _overdue_requests(user: Any) -> tuple[int, str]:
    from opengu.disclosure.selectors import department_counts

    return department_counts(user)[1], str(_("건 결정·이의신청 결정 기한 초과"))


def _review_count(user: Any) -> tuple[int, str]:
    from opengu.disclosure import permissions
    from opengu.disclosure.selectors import review_queue

    if not permissions.can_use_review_queue(user):
        return 0, str(_("정보공개 담당관 업무"))
    queue = review_queue()
    return queue["prior"].count() + queue["focused"].count(), str(_("건 검토 대기"))


def _proactive_overdue(user: Any) -> tuple[int, str]:
    from opengu.disclosure.selectors import proactive_overdue_count

    return proactive_overdue_count(user), str(_("건 공표 기한 초과"))


def _meetings_overdue(user: Any) -> tuple[int, str]:
    from opengu.disclosure.selectors import meetings_for_staff

    return meetings_for_staff(user, overdue=True).count(), str(_("건 회의록 미공개"))


def _search(query: str, user: Any) -> Iterable[SearchHit]:
    from opengu.disclosure.selectors import public_register

    for row in public_register(query=query)[:10]:
        yield SearchHit(title=f"{row.number} {row.subject}", url=reverse("disclosure:register") + f"?q={row.number}",
                        kind=str(_("정보공개 청구")))


def _can_use_review_queue(user: Any) -> bool:
    from opengu.disclosure.permissions import can_use_review_queue

    return can_use_review_queue(user)


def _sees_every_department(user: Any) -> bool:
    """The disclosure office and auditors work on every department's requests, items and meetings."""
    from opengu.core.permissions import is_auditor
    from opengu.disclosure.permissions import is_disclosure_officer

    return is_disclosure_officer(user) or is_auditor(user)


def _can_view_panel(user: Any) -> bool:
    from opengu.disclosure.permissions import can_view_panel

    return can_view_panel(user)


MANIFEST = Manifest(
    name="disclosure",
    title=_("정보공개"),
    url_prefix="disclosure/",
    urls="opengu.disclosure.urls",
    api_router="opengu.disclosure.api.router",
    demo_loader="opengu.disclosure.demo.load",
    menu=(
        MenuEntry(_("정보공개 청구"), "disclosure:index", _("구청이 가진 정보를 청구하고 처리 상황을 확인합니다.")),
        MenuEntry(_("정보공개 청구목록"), "disclosure:register", _("누가 청구했는지 밝히지 않고 청구와 결과를 공개합니다.")),
        MenuEntry(_("사전정보공표"), "disclosure:proactive", _("정해진 주기에 따라 미리 공개하는 정보입니다.")),
        MenuEntry(_("결재문서 원문공개"), "disclosure:documents", _("결재한 문서의 목록과 원문을 내려받습니다.")),
        MenuEntry(_("회의록 공개"), "disclosure:meetings", _("위원회 회의록, 회의 자료와 영상입니다.")),
        MenuEntry(_("정보공개 처리"), "disclosure:staff_queue", audience="staff"),
    ),
    staff_tiles=(
        StaffTile(_("정보공개 청구 처리"), "disclosure:staff_queue", _open_requests,
                  all_departments=_sees_every_department),
        StaffTile(_("정보공개 청구 기한 초과"), "disclosure:staff_queue", _overdue_requests, query="state=open&overdue=1",
                  all_departments=_sees_every_department),
        StaffTile(_("정보공개 사전검토·심의회"), "disclosure:review_queue", _review_count,
                  visible=_can_use_review_queue, all_departments=_sees_every_department),
        StaffTile(_("사전정보공표 기한 초과"), "disclosure:staff_proactive", _proactive_overdue, query="overdue=1",
                  all_departments=_sees_every_department),
        StaffTile(_("원문공개 관리"), "disclosure:staff_documents"),
        StaffTile(_("정보공개 모니터링(부서 평가)"), "disclosure:monitoring"),
        StaffTile(_("기록물 전수조사"), "disclosure:staff_inventory"),
        StaffTile(_("정보공개모니터단"), "disclosure:staff_panel", visible=_can_view_panel),
        StaffTile(_("회의록 공개 기한 초과"), "disclosure:staff_meetings", _meetings_overdue, query="overdue=1",
                  all_departments=_sees_every_department),
    ),
    search_sources=(_search,),
    permissions=(("disclosure_officer", "정보공개 담당관: 배부, 사전검토, 집중검토, 심의회 안건"),),
)
