"""Counter transactions: on PostgreSQL the commit does not wait for the disk, for the counter's
own transaction only; inside another transaction nothing changes."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from opengu.core.counters import counter_transaction


def _synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return str(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)
def test_a_counter_commits_without_waiting_and_leaves_the_connection_as_it_was():
    if connection.vendor != "postgresql":
        # SQLite commits in WAL with synchronous=NORMAL already; the helper is a plain transaction.
        with counter_transaction():
            assert connection.in_atomic_block
        assert not connection.in_atomic_block
        return
    before = _synchronous_commit()
    assert before == "on"
    with counter_transaction():
        assert connection.in_atomic_block
        assert _synchronous_commit() == "off"
    assert _synchronous_commit() == before


@pytest.mark.django_db(transaction=True)
def test_inside_another_transaction_its_records_keep_their_durability():
    with transaction.atomic():
        with counter_transaction():
            pass
        if connection.vendor == "postgresql":
            assert _synchronous_commit() == "on"
