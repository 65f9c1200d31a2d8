"""The requester is told at each step through the outbox, in the step's own transaction."""

from __future__ import annotations

import pytest
from django.db import transaction

from opengu.messaging.models import OutboxMessage
from tests.disclosure.conftest import assign, file


def to_requester() -> list[OutboxMessage]:
    return [m for m in OutboxMessage.objects.all() if m.recipient == "hong@example.com"]


@pytest.mark.django_db
def test_each_step_queues_a_notice_to_the_requester(personas):
    request = file(personas)
    filed = len(to_requester())
    assign(personas, request)
    assert len(to_requester()) > filed


@pytest.mark.django_db
def test_a_step_that_rolls_back_queues_nothing(personas):
    request = file(personas)
    before = OutboxMessage.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        assign(personas, request)
        raise RuntimeError("the caller's transaction fails after the step")
    assert OutboxMessage.objects.count() == before
