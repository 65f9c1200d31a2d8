"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server,
with the demo district (`opengu.demo.loader.load()`) loaded once for all of them.

Every test here is marked `browser` (run them with `pytest -m browser -p no:xdist`) and is
skipped when no Chromium is installed. Tests call `audit(page)` on every page they reach;
axe-core checks it and the test fails on any serious or critical violation. A page that
loaded but was never audited also fails the test, so no page escapes the check.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an asyncio loop in this thread; Django refuses ORM calls from a
# thread with a running loop unless told that this is intended.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("OPENGU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
FAILING_IMPACTS = {"serious", "critical"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            if not os.access(CHROMIUM, os.X_OK):
                item.add_marker(pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}"))


@pytest.fixture(autouse=True)
def _live_server_helper(request: pytest.FixtureRequest) -> Iterator[None]:
    """Replaces pytest-django's helper of the same name, which makes every live-server test
    transactional and so empties the database after each one; the demo district (see `demo`)
    is loaded once and must outlive the test. The live server's settings are kept."""
    if "live_server" not in request.fixturenames:
        yield
        return
    live_server = request.getfixturevalue("live_server")
    live_server._live_server_modified_settings.enable()
    yield
    live_server._live_server_modified_settings.disable()


@pytest.fixture(scope="package")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[Any]:
    """The demo district, loaded once for all browser tests and removed after them.

    Loading it takes about a minute, too long for every test. It is committed (the live server
    reads it from another thread), so afterwards the database is put back as it was: emptied,
    then the rows that migrations created are restored. Tests that add rows use their own names.
    """
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings

    from opengu.demo import loader
    from tests.core.hashers import TEST_HASHERS

    with django_db_blocker.unblock():
        before = connection.creation.serialize_db_to_string()
        with override_settings(PASSWORD_HASHERS=TEST_HASHERS):
            district = loader.load(stdout=lambda line: None)
    yield district
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
        connection.creation.deserialize_db_from_string(before)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class PageChecks:
    """Which documents loaded in a page and which of them axe has checked."""

    loaded: list[str] = field(default_factory=list)
    audited: int = 0


_checks: dict[int, PageChecks] = {}


def _new_page(browser: Any, live_server: Any, viewport: dict[str, int]) -> Any:
    context = browser.new_context(
        base_url=live_server.url, viewport=viewport, locale="ko-KR", timezone_id="Asia/Seoul",
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    checks = PageChecks()
    _checks[id(page)] = checks
    page.on("load", lambda p: checks.loaded.append(p.url))
    return page


def _close(page: Any) -> None:
    checks = _checks.pop(id(page))
    page.context.close()
    unchecked = checks.loaded[checks.audited:]
    if unchecked:
        pytest.fail("pages loaded but never checked with audit(page): " + ", ".join(unchecked))


@pytest.fixture
def page(browser: Any, live_server: Any, demo: Any, django_db_blocker: Any) -> Iterator[Any]:
    """A desktop-sized (1280 px) Korean page on the live server with the demo district loaded.

    The test may read and write the database directly; what it writes stays until the end of
    the browser tests, so it must use names no other test uses.
    """
    page = _new_page(browser, live_server, DESKTOP)
    with django_db_blocker.unblock():
        yield page
    _close(page)


@pytest.fixture
def phone_page(browser: Any, live_server: Any, demo: Any, django_db_blocker: Any) -> Iterator[Any]:
    """The same at 360 px wide, the narrowest phone the district supports."""
    page = _new_page(browser, live_server, PHONE)
    with django_db_blocker.unblock():
        yield page
    _close(page)


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """One readable block per violation: rule, impact, what to fix, and where."""
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n       ")
            if summary:
                lines.append(f"       {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def audit(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; fail on serious or critical violations.

    Returns every violation (of any impact) so a test can look at the minor ones too.
    """
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state("load")
    results = Axe().run(page, options={"resultTypes": ["violations"]})
    violations: list[dict[str, Any]] = results.response["violations"]
    checks = _checks.get(id(page))
    if checks is not None:
        checks.audited = len(checks.loaded)
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    if failing:
        pytest.fail(f"accessibility problems on {page.url}:\n{describe_violations(failing)}", pytrace=False)
    return violations


def log_in(page: Any, username: str, password: str) -> None:
    """Log in through the login form, auditing the form on the way."""
    page.goto("/accounts/login/")
    audit(page)
    page.get_by_label("아이디").fill(username)
    page.get_by_label("비밀번호").fill(password)
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("button", name="로그인").click()
