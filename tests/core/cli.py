"""Run the `opengu` command line in the test process."""

from __future__ import annotations

import pytest
from django.db import connections


def keep_test_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """Django closes every connection when a command run from argv ends; on PostgreSQL that would
    end the test's transaction, and the test could not look at what the command did."""
    monkeypatch.setattr(connections, "close_all", lambda: None)
