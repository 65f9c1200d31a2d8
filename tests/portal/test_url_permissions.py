"""Every named URL has a permission expectation for every persona, and meets it.

The table below covers the portal, the API root and Django's own URLs. An app states its own
in `tests/<app>/url_permissions.py` as `EXPECTATIONS = {"<namespace>:<name>": Expect(...)}`;
they are merged here. A named URL with no entry anywhere fails `test_every_named_url_has_an_expectation`,
so a view cannot ship without saying who may open it.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from opengu.core.progress import progress_start
from tests.personas import NAMES, Personas, as_each

RESIDENTS = ("resident", "other_resident")
STAFF = ("staff", "other_staff", "head", "disclosure_officer", "auditor", "admin")


def statuses(anonymous: int, residents: int, staff_members: int, **overrides: int) -> dict[str, int]:
    """One status for each persona: anonymous, both residents, all staff; then per-name exceptions."""
    codes = {"anonymous": anonymous}
    codes.update(dict.fromkeys(RESIDENTS, residents))
    codes.update(dict.fromkeys(STAFF, staff_members))
    codes.update(overrides)
    assert set(codes) == set(NAMES)
    return codes


EVERYONE = statuses(200, 200, 200)
LOGGED_IN = statuses(302, 200, 200)
STAFF_ONLY = statuses(302, 403, 200)
AUDITORS_ONLY = statuses(302, 403, 403, auditor=200, admin=200)


@dataclass(frozen=True)
class Expect:
    """Expected status per persona for a GET of the URL built from `kwargs` (or `setup(personas)`)."""

    codes: dict[str, int]
    kwargs: dict[str, Any] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    setup: Callable[[Personas], dict[str, Any]] | None = None
    why: str = ""


def _own_progress(personas: Personas) -> dict[str, Any]:
    progress_start(key="url-table", label="적재", started_by=personas.staff)
    return {"key": "url-table"}


EXPECTATIONS: dict[str, Expect] = {
    "portal:home": Expect(EVERYONE),
    "portal:search": Expect(EVERYONE, query={"q": "복지"}),
    "portal:deadline": Expect(EVERYONE, query={"start": "2026-02-13", "days": "10", "counting": "workdays"}),
    "portal:staff": Expect(STAFF_ONLY),
    "portal:access_log": Expect(AUDITORS_ONLY),
    "portal:healthz": Expect(EVERYONE, why="load balancers probe it without logging in"),
    "portal:progress": Expect(statuses(302, 404, 404, staff=200, admin=200), setup=_own_progress,
                              why="only whoever started the work, and administrators"),
    "portal:login": Expect(EVERYONE),
    "portal:logout": Expect(statuses(405, 405, 405), why="POST only, so a link cannot log anybody out"),
    "portal:otp": Expect(LOGGED_IN),
    "portal:signup": Expect(EVERYONE),
    "portal:me": Expect(LOGGED_IN),
    "portal:close_account": Expect(statuses(302, 200, 302), why="residents only; staff are sent to their profile"),
    "portal:verify": Expect(statuses(302, 200, 302), why="staff are sent to their profile"),
    "portal:password_reset": Expect(EVERYONE),
    "portal:password_reset_done": Expect(EVERYONE),
    "portal:password_reset_confirm": Expect(EVERYONE, kwargs={"uidb64": "MQ", "token": "bad-token"},
                                            why="an invalid link shows a page saying so"),
    "portal:password_reset_complete": Expect(EVERYONE),
    "api:api-root": Expect(statuses(404, 404, 404), why="nothing at the root; see api:openapi-view"),
    "api:openapi-json": Expect(EVERYONE),
    "api:openapi-view": Expect(EVERYONE),
    "api:deadline_get": Expect(EVERYONE, query={"start": "2026-02-13", "days": "10"}),
    "set_language": Expect(statuses(302, 302, 302), why="GET only redirects back; POST changes the language"),
}

# Django's admin decides by is_staff and its own model permissions; of the personas only the
# administrator (superuser) has is_staff. Two samples stand for the whole namespace.
NAMESPACE_RULES: dict[str, list[tuple[str, Expect]]] = {
    "admin": [
        ("admin:index", Expect(statuses(302, 302, 302, admin=200))),
        ("admin:core_user_changelist", Expect(statuses(302, 302, 302, admin=200))),
    ],
}

# Views that existed, in apps still being built, when this table was introduced. Shrink only:
# add nothing here; delete a name once its app's table covers it (an entry there wins anyway).
PENDING: frozenset[str] = frozenset()


def _walk(patterns: list[Any], namespace: str | None = None) -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            joined = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from _walk(pattern.url_patterns, joined)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def named_urls() -> set[str]:
    return set(_walk(get_resolver().url_patterns))


def app_expectations() -> dict[str, Expect]:
    """EXPECTATIONS from every tests/<app>/url_permissions.py."""
    merged: dict[str, Expect] = {}
    for module in pkgutil.iter_modules(tests.__path__):
        if not module.ispkg:
            continue
        try:
            table = importlib.import_module(f"tests.{module.name}.url_permissions")
        except ModuleNotFoundError as exc:
            if exc.name != f"tests.{module.name}.url_permissions":
                raise
            continue
        for name, expect in table.EXPECTATIONS.items():
            assert name not in merged and name not in EXPECTATIONS, f"{name} has two entries"
            merged[name] = expect
    return merged


def all_expectations() -> dict[str, Expect]:
    return {**EXPECTATIONS, **app_expectations()}


def covered(name: str, table: dict[str, Expect]) -> bool:
    return name in table or name.split(":", 1)[0] in NAMESPACE_RULES


def test_every_named_url_has_an_expectation():
    table = all_expectations()
    missing = sorted(name for name in named_urls() if not covered(name, table) and name not in PENDING)
    assert not missing, (
        "These views have no permission expectation. Add each to EXPECTATIONS in "
        f"tests/<app>/url_permissions.py (see tests/portal/test_url_permissions.py): {missing}"
    )


def test_the_table_names_only_urls_that_exist():
    stale = sorted(set(EXPECTATIONS) - named_urls())
    assert not stale, f"entries for URLs that no longer exist: {stale}"


def _cases() -> list[tuple[str, Expect]]:
    rules = [case for cases in NAMESPACE_RULES.values() for case in cases]
    return sorted(all_expectations().items()) + rules


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "expect"), _cases(), ids=[name for name, _ in _cases()])
def test_each_persona_gets_the_expected_status(client, personas, name, expect):
    if name not in named_urls():
        pytest.fail(f"{name} is in a table but not mounted")
    kwargs = expect.setup(personas) if expect.setup else expect.kwargs
    url = reverse(name, kwargs=kwargs)
    codes = as_each(client, personas, url, data=expect.query)
    assert codes == expect.codes
