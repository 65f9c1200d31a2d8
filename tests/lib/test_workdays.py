"""Statutory periods: disclosure act Art. 29(2) working days and 민법 Art. 157/161 counting.

Expected dates below were worked out by hand from the 2026 calendar (설날 Feb 16–18, 삼일절
substitute Mar 2, 추석 Sep 24–26, 개천절 substitute Oct 5, 한글날 Oct 9), not from the code.
"""

from __future__ import annotations

import datetime as dt

import pytest

from opengu.lib.workdays import (
    CIVIL,
    MAX_DAYS,
    WORKDAYS,
    Calendar,
    add_civil,
    add_workdays,
    compute,
)

D = dt.date


def skipped_dates(working) -> list[dt.date]:  # type: ignore[no-untyped-def]
    return [s.date for s in working.skipped]


def reason_for(working, day: dt.date) -> str:  # type: ignore[no-untyped-def]
    return next(s.reason for s in working.skipped if s.date == day)


class TestWorkdaysAroundSeollal:
    def test_ten_days_from_the_friday_before_seollal(self):
        # 2/13 Fri is day 1; 2/14–2/18 are a weekend and 설날; 2/28–3/2 a weekend,
        # 삼일절 (Sunday) and its substitute holiday.
        working = add_workdays(D(2026, 2, 13), 10)
        assert working.due == D(2026, 3, 4)
        assert working.counted == [
            D(2026, 2, 13), D(2026, 2, 19), D(2026, 2, 20), D(2026, 2, 23), D(2026, 2, 24),
            D(2026, 2, 25), D(2026, 2, 26), D(2026, 2, 27), D(2026, 3, 3), D(2026, 3, 4),
        ]
        assert {D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18)} <= set(skipped_dates(working))
        assert "설날" in reason_for(working, D(2026, 2, 17))

    def test_the_first_day_counts_when_it_is_a_working_day(self):
        assert add_workdays(D(2026, 2, 13), 1).due == D(2026, 2, 13)

    def test_substitute_holiday_is_skipped_with_its_name(self):
        working = add_workdays(D(2026, 2, 27), 2)
        assert working.due == D(2026, 3, 3)
        assert "대체" in reason_for(working, D(2026, 3, 2))
        assert reason_for(working, D(2026, 2, 28)) == "토요일"
        assert reason_for(working, D(2026, 3, 1)) == "일요일"


class TestWorkdaysAroundChuseok:
    def test_ten_days_across_chuseok_and_the_october_holidays(self):
        working = add_workdays(D(2026, 9, 23), 10)
        assert working.due == D(2026, 10, 12)
        assert working.counted == [
            D(2026, 9, 23), D(2026, 9, 28), D(2026, 9, 29), D(2026, 9, 30), D(2026, 10, 1),
            D(2026, 10, 2), D(2026, 10, 6), D(2026, 10, 7), D(2026, 10, 8), D(2026, 10, 12),
        ]
        assert "추석" in reason_for(working, D(2026, 9, 25))
        assert "대체" in reason_for(working, D(2026, 10, 5))
        assert "한글날" in reason_for(working, D(2026, 10, 9))

    def test_every_day_in_the_span_is_either_counted_or_skipped_once(self):
        working = add_workdays(D(2026, 9, 23), 10)
        span = [D(2026, 9, 23) + dt.timedelta(days=i) for i in range((working.due - D(2026, 9, 23)).days + 1)]
        assert sorted(working.counted + skipped_dates(working)) == span
        assert not set(working.counted) & set(skipped_dates(working))


class TestSaturdayStart:
    def test_a_saturday_request_starts_counting_on_monday(self):
        working = add_workdays(D(2026, 4, 4), 1)
        assert working.due == D(2026, 4, 6)
        assert [(s.date, s.reason) for s in working.skipped] == [(D(2026, 4, 4), "토요일"), (D(2026, 4, 5), "일요일")]

    def test_ten_days_from_a_saturday(self):
        assert add_workdays(D(2026, 4, 4), 10).due == D(2026, 4, 17)


class TestOfficeCalendar:
    def test_a_day_the_office_closes_is_not_counted(self):
        plain = add_workdays(D(2026, 4, 6), 5)
        calendar = Calendar(closed={D(2026, 4, 8): "구 임시 휴무일"})
        closed = add_workdays(D(2026, 4, 6), 5, calendar)
        assert plain.due == D(2026, 4, 10)
        assert closed.due == D(2026, 4, 13)
        assert reason_for(closed, D(2026, 4, 8)) == "구 임시 휴무일"

    def test_a_day_the_office_opens_is_counted_even_if_it_is_a_public_holiday(self):
        # 2026-06-03 is the local election day.
        plain = add_workdays(D(2026, 6, 1), 3)
        opened = add_workdays(D(2026, 6, 1), 3, Calendar(opened={D(2026, 6, 3): "근무일 지정"}))
        assert plain.due == D(2026, 6, 4)
        assert "선거" in reason_for(plain, D(2026, 6, 3))
        assert opened.due == D(2026, 6, 3)
        assert D(2026, 6, 3) in opened.counted

    def test_calendar_answers_per_day(self):
        calendar = Calendar(closed={D(2026, 4, 8): "휴무"}, opened={D(2026, 4, 11): "토요 근무"})
        assert calendar.day_off_reason(D(2026, 4, 7)) is None
        assert calendar.day_off_reason(D(2026, 4, 8)) == "휴무"
        assert calendar.is_workday(D(2026, 4, 11))
        assert not calendar.is_workday(D(2026, 4, 12))


class TestCivilCounting:
    def test_first_day_is_not_counted(self):
        working = add_civil(D(2026, 4, 6), 3)
        assert working.counted == [D(2026, 4, 7), D(2026, 4, 8), D(2026, 4, 9)]
        assert working.due == D(2026, 4, 9)
        assert "157" in reason_for(working, D(2026, 4, 6))

    def test_last_day_on_saturday_moves_to_monday(self):
        working = add_civil(D(2026, 4, 1), 10)  # 4/2 … 4/11 (Saturday)
        assert working.counted[-1] == D(2026, 4, 11)
        assert working.due == D(2026, 4, 13)
        assert "161" in reason_for(working, D(2026, 4, 11))
        assert "일요일" in reason_for(working, D(2026, 4, 12))

    def test_last_day_in_seollal_moves_past_the_holidays(self):
        working = add_civil(D(2026, 2, 13), 3)  # 2/14, 2/15, 2/16 (설날 전날)
        assert working.due == D(2026, 2, 19)
        assert {D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18)} <= set(skipped_dates(working))

    def test_holidays_inside_the_period_are_counted(self):
        working = add_civil(D(2026, 9, 20), 7)  # 9/21 … 9/27 (Sunday), 추석 inside
        assert D(2026, 9, 25) in working.counted
        assert working.due == D(2026, 9, 28)

    def test_last_day_on_an_office_closed_day_moves(self):
        calendar = Calendar(closed={D(2026, 4, 9): "구 임시 휴무일"})
        assert add_civil(D(2026, 4, 6), 3, calendar).due == D(2026, 4, 10)


class TestComputeAndLimits:
    def test_compute_dispatches_on_counting(self):
        assert compute(D(2026, 2, 13), 10, WORKDAYS).due == D(2026, 3, 4)
        assert compute(D(2026, 2, 13), 3, CIVIL).due == D(2026, 2, 19)

    @pytest.mark.parametrize("days", [0, -1, MAX_DAYS + 1])
    def test_days_out_of_range_are_refused_in_korean(self, days):
        with pytest.raises(ValueError, match="기간은 1일부터"):
            compute(D(2026, 2, 13), days, WORKDAYS)

    def test_unknown_counting_is_refused(self):
        with pytest.raises(ValueError, match="counting"):
            compute(D(2026, 2, 13), 3, "lunar")

    def test_the_longest_period_is_computed(self):
        assert add_workdays(D(2026, 1, 2), MAX_DAYS).due > D(2039, 1, 1)

    def test_working_explains_itself(self):
        working = add_workdays(D(2026, 2, 13), 10)
        text = working.explain()
        assert "제29조제2항" in text
        assert "만료일 2026-03-04" in text
        assert "제외 2026-02-17" in text
        data = working.as_dict()
        assert data["due"] == "2026-03-04"
        assert {"date": "2026-03-02", "reason": reason_for(working, D(2026, 3, 2))} in data["skipped"]
        assert len(data["counted"]) == 10
