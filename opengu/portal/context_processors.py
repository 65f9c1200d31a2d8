from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext

from opengu.core import permissions
from opengu.core.registry import manifests, public_menu
from opengu.core.selectors import current_district


def _section(path: str) -> str:
    return path.strip("/").split("/", 1)[0]


def main_menu(request: HttpRequest) -> list[dict[str, Any]]:
    """One top-level item per app (its title, linking to its first public page), so the menu
    stays short on a phone. Inside an app, `section` lists that app's public pages as a second
    row; every page of every app is also listed on the home page."""
    items = []
    here = _section(request.path)
    for manifest in manifests():
        entries = [e for e in manifest.menu if e.audience == "public"]
        if not entries:
            continue
        links: list[dict[str, Any]] = []
        for entry in entries:
            url = reverse(entry.url_name)
            links.append({"label": gettext(str(entry.label)), "url": url, "current": url == request.path})
        inside = bool(here) and any(_section(link["url"]) == here for link in links)
        # Titles may be plain strings fixed at import; translate them now, in the page's language.
        items.append({"label": gettext(str(manifest.title)), "url": links[0]["url"], "current": inside,
                      "section": links if inside and len(links) > 1 else []})
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
