"""Statutory dates across 추석 2026, with their working, recomputed when the calendar changes."""

from __future__ import annotations

import datetime as dt

import pytest

from opengu.core.models import OfficeDay
from opengu.disclosure import services
from opengu.disclosure.models import Deadline, Extension
from tests.disclosure.conftest import assign, register

pytestmark = pytest.mark.django_db


def test_decision_due_skips_chuseok_and_the_substitute_holiday(personas):
    request = register(personas, dt.date(2026, 9, 21))
    due = request.deadlines.get(kind=Deadline.Kind.DECISION)
    assert due.due == dt.date(2026, 10, 7)
    skipped = {s["date"]: s["reason"] for s in due.working["skipped"]}
    assert skipped["2026-09-25"] == "추석" and "2026-10-05" in skipped
    assert due.working["counted"][0] == "2026-09-21" and len(due.working["counted"]) == 10


def test_extension_counts_from_the_day_after_the_first_deadline(personas):
    request = assign(personas, register(personas, dt.date(2026, 9, 14)))
    assert request.deadlines.get(kind=Deadline.Kind.DECISION).due == dt.date(2026, 9, 29)
    # The service refuses extensions after the deadline (today is later), so the fact is set directly.
    Extension.objects.create(request=request, reason=2, explanation="제3자 의견청취", days=10,
                             decided_on=dt.date(2026, 9, 29))
    services.deadlines_recompute(request=request)
    extended = request.deadlines.get(kind=Deadline.Kind.EXTENDED)
    assert extended.start == dt.date(2026, 9, 30)
    assert extended.due == dt.date(2026, 10, 15)  # 10월 3·5·9일(개천절, 대체공휴일, 한글날) 제외


def test_remedy_day_20_and_objection_window_counting(personas):
    request = register(personas, dt.date(2026, 9, 21))
    remedy = request.deadlines.get(kind=Deadline.Kind.REMEDY)
    assert remedy.counting == "workdays" and len(remedy.working["counted"]) == 20
    # No decision yet: the objection window runs 30 (calendar) days from day 20 (법 제18조제1항).
    window = services.deadlines_compute(request)[Deadline.Kind.OBJECTION_WINDOW]
    assert (window.start, window.days, window.counting) == (remedy.due, 30, "civil")


def test_a_new_office_holiday_moves_open_deadlines(personas, django_capture_on_commit_callbacks):
    request = register(personas, dt.date(2026, 9, 21))
    with django_capture_on_commit_callbacks(execute=True):
        OfficeDay.objects.create(date=dt.date(2026, 9, 30), reason="구청 개청 기념 휴무")
    due = request.deadlines.get(kind=Deadline.Kind.DECISION)
    assert due.due == dt.date(2026, 10, 8)
    assert any(s["reason"] == "구청 개청 기념 휴무" for s in due.working["skipped"])
    with django_capture_on_commit_callbacks(execute=True):
        OfficeDay.objects.all().delete()
    assert request.deadlines.get(kind=Deadline.Kind.DECISION).due == dt.date(2026, 10, 7)


def test_final_requests_keep_their_dates(personas, django_capture_on_commit_callbacks):
    request = register(personas, dt.date(2026, 9, 21))
    services.request_withdraw(actor=personas.disclosure_officer, request=request)
    with django_capture_on_commit_callbacks(execute=True):
        OfficeDay.objects.create(date=dt.date(2026, 9, 30), reason="휴무")
    assert request.deadlines.get(kind=Deadline.Kind.DECISION).due == dt.date(2026, 10, 7)
