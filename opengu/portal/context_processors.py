from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext

from opengu.core import permissions
from opengu.core.registry import manifests, public_menu
from opengu.core.selectors import current_district


def main_menu(request: HttpRequest) -> list[dict[str, Any]]:
    """One top-level item per app (its title, linking to its first public page), so the menu
    stays short on a phone; every page of each app is listed on the home page."""
    items = []
    for manifest in manifests():
        entries = [e for e in manifest.menu if e.audience == "public"]
        if not entries:
            continue
        urls = [reverse(e.url_name) for e in entries]
        # Titles may be plain strings fixed at import; translate them now, in the page's language.
        items.append({"label": gettext(str(manifest.title)), "url": urls[0], "current": request.path in urls})
    return items


def site(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    return {
        "district": current_district(),
        "public_menu": public_menu(),
        "main_menu": main_menu(request),
        "is_staff_member": permissions.is_staff_member(user),
        "can_view_access_log": permissions.can_view_access_log(user),
        "is_administrator": permissions.is_administrator(user),
    }
