"""Transactions for counters: page views, search appearances, API calls and quotas.

Counters are written on every request that reads, so their commit is on the path of every such
request. On PostgreSQL a commit waits for its write-ahead log to reach the disk; a counter does
not need that wait: `SET LOCAL synchronous_commit TO OFF` makes this one transaction return at
once, with its log flushed a fraction of a second later. A crash of the database server may lose
the last fraction of a second of counts, never leave them inconsistent. SQLite already commits
this way here (WAL with synchronous=NORMAL, settings.py). Records that must survive (access logs,
audit events, decisions) never use this.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def counter_transaction() -> Iterator[None]:
    """A transaction for counter writes only. Inside an outer transaction it adds nothing: the
    outer one's records keep their durability, and the counts commit with them."""
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield
