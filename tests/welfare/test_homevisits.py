"""방문보건 planning: the 1st-and-3rd-Thursday clinic, the universal newborn visit within 4 weeks,
25 visits up to age 2 for vulnerable mothers, and progress with the overdue flag."""

from __future__ import annotations

import datetime as dt

from opengu.welfare import homevisits


def test_the_clinic_on_the_first_and_third_thursday() -> None:
    days = homevisits.clinic_dates(freq="MONTHLY", interval=1, byday="1TH,3TH", dtstart=dt.date(2026, 1, 1),
                                   until=None, start=dt.date(2026, 11, 1), end=dt.date(2027, 1, 31))
    assert days == [dt.date(2026, 11, 5), dt.date(2026, 11, 19), dt.date(2026, 12, 3), dt.date(2026, 12, 17),
                    dt.date(2027, 1, 7), dt.date(2027, 1, 21)]


def test_the_clinic_stops_at_until() -> None:
    days = homevisits.clinic_dates(freq="MONTHLY", interval=1, byday="1TH,3TH", dtstart=dt.date(2026, 1, 1),
                                   until=dt.date(2026, 12, 10), start=dt.date(2026, 12, 1), end=dt.date(2026, 12, 31))
    assert days == [dt.date(2026, 12, 3)]


def test_every_newborn_gets_one_visit_due_28_days_after_birth() -> None:
    assert homevisits.visit_plan(birth=dt.date(2026, 3, 1), vulnerable=False) == [dt.date(2026, 3, 29)]


def test_a_vulnerable_family_gets_25_visits_up_to_the_day_before_the_second_birthday() -> None:
    plan = homevisits.visit_plan(birth=dt.date(2026, 3, 1), vulnerable=True)
    assert len(plan) == 25
    assert plan[0] == dt.date(2026, 3, 29) and plan[-1] == dt.date(2028, 2, 29)
    assert plan == sorted(set(plan))


def test_a_leap_day_child_turns_two_on_the_first_of_march() -> None:
    assert homevisits.second_birthday(dt.date(2024, 2, 29)) == dt.date(2026, 3, 1)
    assert homevisits.visit_plan(birth=dt.date(2024, 2, 29), vulnerable=True)[-1] == dt.date(2026, 2, 28)


def test_the_universal_visit_is_due_on_day_28_and_late_the_day_after() -> None:
    birth = dt.date(2026, 3, 1)
    on_time = homevisits.family_progress(birth=birth, vulnerable=False, visits=[], today=dt.date(2026, 3, 29))
    assert (on_time.planned, on_time.done, on_time.next_due, on_time.overdue) == (1, 0, dt.date(2026, 3, 29), False)
    late = homevisits.family_progress(birth=birth, vulnerable=False, visits=[], today=dt.date(2026, 3, 30))
    assert late.overdue and late.days_overdue == 1
    done = homevisits.family_progress(birth=birth, vulnerable=False, visits=[dt.date(2026, 3, 20)],
                                      today=dt.date(2026, 6, 1))
    assert done.complete and done.next_due is None and not done.overdue


def test_progress_counts_visits_in_the_window_once_a_day() -> None:
    birth = dt.date(2026, 3, 1)
    plan = homevisits.visit_plan(birth=birth, vulnerable=True)
    visits = [dt.date(2026, 2, 20), plan[0], plan[0], plan[1], dt.date(2028, 3, 2)]  # before birth, twice, after age 2
    progress = homevisits.family_progress(birth=birth, vulnerable=True, visits=visits, today=plan[2])
    assert (progress.planned, progress.done, progress.next_due, progress.overdue) == (25, 2, plan[2], False)
    behind = homevisits.family_progress(birth=birth, vulnerable=True, visits=visits, today=plan[3])
    assert behind.overdue and behind.days_overdue == (plan[3] - plan[2]).days
