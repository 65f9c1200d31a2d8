"""What the open-data app offers the portal: menu, staff tile, search source, demo data."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opengu.core.registry import Manifest, MenuEntry, SearchHit, StaffTile


def _overdue(user: Any) -> tuple[int, str]:
    from opengu.opendata.selectors import overdue_count

    return overdue_count(user), str(_("건 갱신 기한 지남"))


def _pending(user: Any) -> tuple[int, str]:
    from opengu.opendata.selectors import pending_decision_count

    return pending_decision_count(user), str(_("건 개인정보 검토 대기"))


def _sees_every_department(user: Any) -> bool:
    """Administrators and auditors look after every department's datasets (see selectors.staff_datasets)."""
    from opengu.core.permissions import is_administrator, is_auditor

    return is_administrator(user) or is_auditor(user)


def _staff_member(user: Any) -> bool:
    from opengu.opendata.permissions import can_use_opendata_workspace

    return can_use_opendata_workspace(user)


def _search(query: str, user: Any) -> Iterable[SearchHit]:
    from opengu.opendata.selectors import CatalogueQuery, catalogue_search

    for dataset in catalogue_search(CatalogueQuery(q=query)).datasets[:10]:
        yield SearchHit(title=dataset.title, url=reverse("opendata:dataset", args=[dataset.slug]),
                        kind=str(_("데이터셋")), snippet=dataset.description[:120])


MANIFEST = Manifest(
    name="opendata",
    title=_("열린데이터 광장"),
    url_prefix="",
    urls="opengu.opendata.urls",
    demo_loader="opengu.opendata.demo.load",
    menu=(MenuEntry(label=_("열린데이터 광장"), url_name="opendata:catalogue",  # type: ignore[arg-type]
                    description=_("구가 가진 자료를 내려받고 API로 쓰세요.")),),  # type: ignore[arg-type]
    # Each counting tile opens the staff list filtered to what it counts; the work areas are plain links.
    staff_tiles=(StaffTile(label=_("공공데이터 갱신 기한 지남"), url_name="opendata:staff", count=_overdue,
                           visible=_staff_member, query="overdue=1", all_departments=_sees_every_department),
                 StaffTile(label=_("공공데이터 개인정보 검토 대기"), url_name="opendata:staff", count=_pending,
                           visible=_staff_member, query="personal_data=pending",
                           all_departments=_sees_every_department),
                 StaffTile(label=_("공공데이터 관리"), url_name="opendata:staff", visible=_staff_member),
                 StaffTile(label=_("공공데이터 품질 현황"), url_name="opendata:quality_dashboard",
                           visible=_staff_member)),
    search_sources=(_search,),
)
