"""The centre's navigation with only the pages the user may open (dong-centre staff see their
clients, referrals, cases and programmes, not the call log, statistics or outreach)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opengu.welfare import permissions

register = template.Library()


LINKS: tuple[tuple[str, Any, Callable[[Any], bool]], ...] = (
    ("welfare:calls", _("상담 전화"), permissions.can_read_centre),
    ("welfare:call_stats", _("통계"), permissions.can_read_centre),
    ("welfare:clients", _("대상자"), permissions.can_list_clients),
    ("welfare:referrals", _("의뢰"), permissions.can_list_clients),
    ("welfare:cases", _("사례관리"), permissions.can_list_cases),
    ("welfare:home_visits", _("방문보건"), permissions.can_list_home_visits),
    ("welfare:sponsorships", _("100가정 보듬기"), permissions.can_list_cases),
    ("welfare:partnerships", _("I WISH 협력"), permissions.can_list_cases),
    ("welfare:chest_applications", _("공동모금회 지원"), permissions.can_list_chest_applications),
    ("welfare:outreach", _("맞춤형 안내"), permissions.can_read_centre),
)


@register.simple_tag
def centre_links(user: Any) -> list[tuple[str, Any]]:
    """(address, label) of each centre page `user` may open, in the menu's order."""
    return [(reverse(name), label) for name, label, allowed in LINKS if allowed(user)]
