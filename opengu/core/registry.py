"""The module registry: core and portal find apps through their manifests, never by import.

An app declares a `Manifest` in its `manifest.py`; its AppConfig sets `manifest = MANIFEST`.
The portal reads menus, staff tiles and search sources from here; urls.py mounts each app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.urls import URLPattern, URLResolver, include, path


@dataclass(frozen=True)
class MenuEntry:
    label: Any  # translatable text (gettext_lazy)
    url_name: str
    description: str = ""
    audience: str = "public"  # public | staff


@dataclass(frozen=True)
class StaffTile:
    """A tile on /staff/: `count(user)` returns (number, text) for the user's own queues."""

    label: Any
    url_name: str
    count: Callable[[Any], tuple[int, str]] | None = None
    # visible(user) -> bool: tiles whose page the user cannot open are not shown at all.
    visible: Callable[[Any], bool] | None = None
    # Query string the tile's link carries, e.g. "overdue=1" for a tile that counts overdue items.
    query: str = ""
    # all_departments(user) -> bool: the count covers every department for this user (e.g. the disclosure office
    # or an auditor), so /staff/ lists it under "처리 대기 (전체 부서)", not under "우리 부서 처리 대기".
    all_departments: Callable[[Any], bool] | None = None


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    kind: str
    snippet: str = ""


@dataclass(frozen=True)
class Manifest:
    name: str  # app label
    title: Any  # shown to people (gettext_lazy)
    url_prefix: str = ""  # "opendata/" → mounted at /opendata/
    urls: str | None = None  # dotted path of the app's urls module
    api_router: str | None = None  # dotted path of a ninja Router, mounted at /api/v1/<name>/
    demo_loader: str | None = None  # dotted path of load(district, rng, stdout), run by `opengu demo`
    menu: tuple[MenuEntry, ...] = ()
    staff_tiles: tuple[StaffTile, ...] = ()
    # search(query, user) -> iterable of SearchHit
    search_sources: tuple[Callable[[str, Any], Iterable[SearchHit]], ...] = ()
    permissions: tuple[tuple[str, str], ...] = ()  # (codename, description)
    extra: dict[str, Any] = field(default_factory=dict)


def manifests() -> list[Manifest]:
    found = []
    for config in apps.get_app_configs():
        manifest = getattr(config, "manifest", None)
        if isinstance(manifest, Manifest):
            found.append(manifest)
    return found


def app_urlpatterns() -> list[URLPattern | URLResolver]:
    patterns: list[URLPattern | URLResolver] = []
    for manifest in manifests():
        if manifest.urls:
            patterns.append(path(manifest.url_prefix, include(manifest.urls)))
    return patterns


def public_menu() -> list[MenuEntry]:
    return [entry for m in manifests() for entry in m.menu if entry.audience == "public"]


def staff_tiles(user: Any = None) -> list[StaffTile]:
    """The tiles of every app; with `user`, only those whose page that user may open."""
    return [
        tile for m in manifests() for tile in m.staff_tiles
        if user is None or tile.visible is None or tile.visible(user)
    ]


def search(query: str, user: Any, limit_per_source: int = 10) -> list[tuple[Manifest, list[SearchHit]]]:
    results = []
    for manifest in manifests():
        hits: list[SearchHit] = []
        for source in manifest.search_sources:
            hits.extend(list(source(query, user))[:limit_per_source])
        if hits:
            results.append((manifest, hits))
    return results
