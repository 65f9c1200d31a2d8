from __future__ import annotations

import io
import random

import pytest

from opengu.disclosure.demo import load
from opengu.disclosure.models import DisclosureRequest, State


@pytest.mark.django_db
def test_demo_creates_requests_in_every_state(personas):
    load(district=personas.district, rng=random.Random(1), stdout=io.StringIO().write)
    states = set(DisclosureRequest.objects.values_list("state", flat=True))
    assert states == set(State.values)
    # The re-decision's notice keeps the reason and the next sentence apart.
    redeciding = DisclosureRequest.objects.get(state=State.REDECIDING, transitions__action="objection_decide",
                                               agenda_items__isnull=True)
    notice = redeciding.transitions.get(action="objection_decide").notice
    assert "공개할 수 있습니다. 정보공개심의회를 열지 않았습니다" in notice
    count = DisclosureRequest.objects.count()
    load(district=personas.district, rng=random.Random(1), stdout=io.StringIO().write)  # idempotent
    assert DisclosureRequest.objects.count() == count


@pytest.mark.django_db
def test_demo_publication_register(personas):
    from opengu.disclosure.models import (
        PROACTIVE_FIELDS,
        OriginalDocument,
        ProactiveItem,
        Redaction,
    )

    load(district=personas.district, rng=random.Random(1), stdout=io.StringIO().write)
    assert ProactiveItem.objects.count() == 484
    assert set(ProactiveItem.objects.values_list("field", flat=True)) == set(PROACTIVE_FIELDS)
    assert ProactiveItem.objects.filter(next_due_on__isnull=False).count() == 363  # 수시 items have no due date
    assert OriginalDocument.objects.count() >= 300
    assert Redaction.objects.filter(kind="rrn", status=Redaction.Status.PROPOSED).count() == 5
    titles = list(ProactiveItem.objects.order_by("id").values_list("title", flat=True)[:5])
    ProactiveItem.objects.all().delete()
    load(district=personas.district, rng=random.Random(1), stdout=io.StringIO().write)
    assert list(ProactiveItem.objects.order_by("id").values_list("title", flat=True)[:5]) == titles


@pytest.mark.django_db
def test_demo_committees_have_published_minutes_and_two_overdue(personas):
    import datetime as dt

    from opengu.disclosure import selectors
    from opengu.disclosure.models import Committee, Meeting

    load(district=personas.district, rng=random.Random(1), stdout=io.StringIO().write)
    assert Committee.objects.count() == 4 and Meeting.objects.count() == 16
    assert Meeting.objects.filter(published_on__isnull=False).count() == 14
    overdue = selectors.meetings_for_staff(personas.disclosure_officer, overdue=True,
                                           today=dt.date.today() + dt.timedelta(days=1))
    assert overdue.count() == 2
    assert all(not m.remarks for m in overdue)
    from opengu.disclosure import services

    council = Committee.objects.get(disclosure_council=True)
    assert council.members.count() == 7
    assert services.council_problems(council, dt.date.today()) == []
