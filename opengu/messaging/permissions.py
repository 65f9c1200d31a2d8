"""Who may see the outbox: it names every resident the office wrote to."""

from __future__ import annotations

from typing import Any

from opengu.core import permissions


def can_view_outbox(user: Any) -> bool:
    return permissions.is_administrator(user) or permissions.is_auditor(user)


def can_retry_outbox_message(user: Any, message: Any = None) -> bool:
    """Auditors read; only administrators put failed messages back in the queue."""
    return permissions.is_administrator(user)
