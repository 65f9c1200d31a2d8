"""정보공개심의회: a decision names the council meeting that took it, the decisions export to CSV and xlsx, and the
demo records inventory gives its pages something to show."""

from __future__ import annotations

import datetime as dt
import io
import random

import openpyxl
import pytest
from django.utils import timezone

from opengu.disclosure import selectors, services
from opengu.disclosure.demo import load_inventory
from opengu.disclosure.models import AgendaDecision, InventoryList, InventoryMismatch
from opengu.disclosure.services import DisclosureError
from tests.disclosure.test_council import agenda_item, full_council
from tests.personas import as_each, login_as

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 3, 4)


def council_meeting(personas, committee, title="2026년 제1차 정보공개심의회"):
    return services.meeting_register(actor=personas.disclosure_officer, committee=committee, title=title,
                                     held_at=timezone.make_aware(dt.datetime.combine(ON, dt.time(14))),
                                     place="구청 3층 기획상황실", host="위원장", attendees="위원 5명", agenda="비공개 결정 심의")


def decide(personas, committee, members, item, meeting=None):
    return services.agenda_decide(actor=personas.disclosure_officer, item=item, committee=committee, decided_on=ON,
                                  outcome="부분 공개", reason="제6호 부분만 비공개",
                                  votes={m: "for" for m in members}, meeting=meeting)


def test_a_decision_names_the_council_meeting(personas):
    committee, members = full_council(personas)
    item, _request = agenda_item(personas)
    other = services.committee_create(actor=personas.disclosure_officer, name="도시계획위원회",
                                      department=personas.department)
    with pytest.raises(DisclosureError) as refused:
        decide(personas, committee, members, item, meeting=council_meeting(personas, other, "도시계획 회의"))
    assert refused.value.field == "meeting" and not AgendaDecision.objects.exists()
    meeting = council_meeting(personas, committee)
    assert decide(personas, committee, members, item, meeting=meeting).meeting == meeting


def test_the_page_links_the_meeting_and_exports_the_decisions(client, personas):
    committee, members = full_council(personas)
    item, request = agenda_item(personas)
    meeting = council_meeting(personas, committee)
    login_as(client, personas.disclosure_officer)
    page = client.get(f"/disclosure/staff/council/{committee.pk}/").content.decode()
    assert f'<option value="{meeting.pk}">2026-03-04 2026년 제1차 정보공개심의회</option>' in page
    votes = {f"vote-{m.pk}": "for" for m in members}
    client.post(f"/disclosure/staff/council/{committee.pk}/decide/", {
        "item": item.pk, "decided_on": "2026-03-04", "outcome": "부분 공개", "reason": "제6호 부분만 비공개",
        "meeting": meeting.pk, **votes})
    assert AgendaDecision.objects.get().meeting == meeting
    page = client.get(f"/disclosure/staff/council/{committee.pk}/").content.decode()
    assert f"/disclosure/staff/meetings/{meeting.pk}/" in page
    body = b"".join(client.get(f"/disclosure/staff/council/{committee.pk}/", {"format": "csv"}).streaming_content)
    text = body.decode("utf-8-sig")
    assert "의결일,안건,의결 결과" in text and "2026년 제1차 정보공개심의회" in text and request.number in text
    response = client.get(f"/disclosure/staff/council/{committee.pk}/", {"format": "xlsx"})
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][2] == "부분 공개" and rows[1][4] == 5 and rows[1][9] == request.number
    codes = as_each(client, personas, f"/disclosure/staff/council/{committee.pk}/?format=csv")
    assert codes["staff"] == 403 and codes["auditor"] == 200 and codes["resident"] == 403


def test_demo_inventory_fills_the_progress_and_the_mismatches(personas):
    load_inventory(district=personas.district, rng=random.Random(1), stdout=io.StringIO().write)
    lists = InventoryList.objects.count()
    assert lists == 3  # two departments: both lists for the first, only the registered list for the last
    progress = {p.department: p for p in selectors.inventory_progress()}
    assert progress["자치행정과"].compared and progress["자치행정과"].mismatches > 0
    assert not progress["복지정책과"].compared
    assert InventoryMismatch.objects.filter(department=personas.department).exists()
    load_inventory(district=personas.district, rng=random.Random(1), stdout=io.StringIO().write)
    assert InventoryList.objects.count() == lists  # once only
