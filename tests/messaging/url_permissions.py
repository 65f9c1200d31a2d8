"""Who may open each messaging URL (merged into tests/portal/test_url_permissions.py)."""

from __future__ import annotations

from tests.portal.test_url_permissions import AUDITORS_ONLY, Expect

EXPECTATIONS = {
    "messaging:outbox": Expect(AUDITORS_ONLY, why="the outbox names every resident the office wrote to"),
}
