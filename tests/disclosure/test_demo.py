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
    # 4 meetings a committee, and the council's extraordinary meeting on objections today (minutes not yet due).
    assert Committee.objects.count() == 4 and Meeting.objects.count() == 17
    assert Meeting.objects.filter(published_on__isnull=False).count() == 14
    overdue = selectors.meetings_for_staff(personas.disclosure_officer, overdue=True,
                                           today=dt.date.today() + dt.timedelta(days=1))
    assert overdue.count() == 2
    assert all(not m.remarks for m in overdue)
    from opengu.disclosure import services

    council = Committee.objects.get(disclosure_council=True)
    assert council.members.count() == 7
    assert services.council_problems(council, dt.date.today()) == []


@pytest.mark.django_db
def test_demo_has_an_item_5_refusal_and_council_decisions_linked_to_requests_and_meetings(personas):
    from opengu.disclosure import services
    from opengu.disclosure.models import AgendaDecision, Decision, Objection

    load(district=personas.district, rng=random.Random(1), stdout=io.StringIO().write)
    item_5 = Decision.objects.filter(grounds__item=5, kind="withhold", issued_on__isnull=False)
    assert item_5.count() == 2 and all(d.process_stage and d.process_expected_end for d in item_5)
    pending = [d for d in item_5 if services.process_end_pending(d.request)]
    assert len(pending) == 1  # the staff page offers the process-end notice for this one
    told = item_5.get(process_end_notified_on__isnull=False)
    assert told.request.transitions.filter(action="process_end_notice").exists()
    decisions = AgendaDecision.objects.select_related("meeting", "item")
    assert decisions.count() == 2
    for decision in decisions:
        assert decision.meeting is not None and decision.meeting.committee.disclosure_council
        [request] = decision.item.requests.all()
        objection = Objection.objects.get(request=request)
        assert objection.decided_on is not None and not objection.committee_exception  # decided after the council
        assert decision.votes_for > decision.votes_against
    assert {o.outcome for o in Objection.objects.filter(request__agenda_items__decision__isnull=False)} == {
        "dismissed", "partly"}


@pytest.mark.django_db
def test_demo_minutes_and_publication_history_agree_with_themselves(personas):
    import re

    from opengu.disclosure.models import Meeting, ProactiveItem, ProactivePublication

    load(district=personas.district, rng=random.Random(1), stdout=io.StringIO().write)
    checked = 0
    for meeting in Meeting.objects.exclude(votes=""):
        found = re.search(r"재적 (\d+)명, 출석 (\d+)명", meeting.votes)
        if found is None:
            continue
        members, present = int(found.group(1)), int(found.group(2))
        attendees = [line for line in meeting.attendees.splitlines() if line.strip()]
        assert len(attendees) == present <= members, (meeting.title, meeting.attendees, meeting.votes)
        checked += 1
    assert checked >= 10
    published = ProactiveItem.objects.filter(last_published_on__isnull=False)
    assert published.exists()
    for item in published:
        assert ProactivePublication.objects.filter(item=item, published_on=item.last_published_on).exists(), item.title
