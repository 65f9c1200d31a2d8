"""What the welfare app offers the portal: menu, staff tile of stale records, search source, demo."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opengu.core.registry import Manifest, MenuEntry, SearchHit, StaffTile


def _stale(user: Any) -> tuple[int, str]:
    from opengu.welfare.selectors import stale_services
    from opengu.welfare.views import stale_months

    return stale_services(months=stale_months(), user=user).count(), str(_("건 확인 기한 지남"))


def _overdue_referrals(user: Any) -> tuple[int, str]:
    from opengu.welfare.selectors import referrals_for

    return referrals_for(user, overdue=True).count(), str(_("건 회신 기한 지남"))


def _open_cases(user: Any) -> tuple[int, str]:
    from opengu.welfare.selectors import cases_for

    return cases_for(user).exclude(stage="closed").count(), str(_("건 진행 중"))


def _running_sponsorships(user: Any) -> tuple[int, str]:
    from django.utils import timezone

    from opengu.welfare.programmes import sponsorships_for

    today = timezone.localdate()
    running = sponsorships_for(user).filter(starts_on__lte=today).exclude(ends_on__lt=today)
    return running.values("client_id").distinct().count(), str(_("가구 결연 중"))


def _undecided_chest(user: Any) -> tuple[int, str]:
    from opengu.welfare.chest import applications_for

    return applications_for(user).filter(state__in=["submitted", "on_agenda"]).count(), str(_("건 결정 대기"))


def _reads_centre(user: Any) -> bool:
    from opengu.welfare import permissions

    return permissions.can_read_centre(user)


def _edits_synonyms(user: Any) -> bool:
    from opengu.welfare import permissions

    return permissions.can_edit_synonyms(user)


def _centre_visible(user: Any) -> bool:
    from opengu.welfare import permissions

    return permissions.can_list_clients(user)


def _search(query: str, user: Any) -> Iterable[SearchHit]:
    from opengu.welfare.selectors import SearchFilters, service_cards, service_search

    for service in service_cards(service_search(SearchFilters(query=query)).ids[:10]):
        yield SearchHit(title=service.name, url=reverse("welfare:service", args=[service.pk]),
                        kind=str(_("복지자원")), snippet=service.description[:120])


MANIFEST = Manifest(
    name="welfare",
    title=_("복지자원 찾기"),
    url_prefix="",
    urls="opengu.welfare.urls",
    demo_loader="opengu.welfare.demo.load",
    menu=(MenuEntry(label=_("복지자원 찾기"), url_name="welfare:search",  # type: ignore[arg-type]
                    description=_("나이와 형편에 맞는 공공·민간 복지 서비스를 찾아보세요.")),  # type: ignore[arg-type]
          MenuEntry(label=_("나에게 맞는 복지 혜택"), url_name="welfare:self_check",  # type: ignore[arg-type]
                    description=_("몇 가지 질문에 답하면 받을 수 있을 만한 혜택을 알려 드립니다.")),  # type: ignore[arg-type]
          MenuEntry(label=_("도움이 필요한 이웃 알리기"), url_name="welfare:report",  # type: ignore[arg-type]
                    description=_("위기에 놓인 이웃을 알려 주시면 동주민센터가 찾아갑니다.")),),  # type: ignore[arg-type]
    staff_tiles=(
        # Work areas of the 행복1004콜센터 (no count: they are where the work is done, not a queue).
        StaffTile(label=_("행복1004콜센터 상담 전화"), url_name="welfare:calls", visible=_reads_centre),
        StaffTile(label=_("대상자"), url_name="welfare:clients", visible=_reads_centre),
        StaffTile(label=_("상담 통계"), url_name="welfare:call_stats", visible=_reads_centre),
        StaffTile(label=_("맞춤형 안내(신청률)"), url_name="welfare:outreach", visible=_reads_centre),
        StaffTile(label=_("복지자원 검색 동의어"), url_name="welfare:synonyms", visible=_edits_synonyms),
        StaffTile(label=_("복지자원 확인 대기"), url_name="welfare:stale", count=_stale),
        StaffTile(label=_("복지 의뢰 회신 기한 지남"), url_name="welfare:referrals", count=_overdue_referrals,
                  visible=_centre_visible),
        StaffTile(label=_("복지사각지대 사례"), url_name="welfare:cases", count=_open_cases, visible=_centre_visible),
        StaffTile(label=_("100가정 보듬기"), url_name="welfare:sponsorships", count=_running_sponsorships,
                  visible=_centre_visible),
        StaffTile(label=_("공동모금회 지원"), url_name="welfare:chest_applications", count=_undecided_chest,
                  visible=_centre_visible),
    ),
    search_sources=(_search,),
)
