"""Next due dates of proactive items from cycle, timing and last publication."""

from __future__ import annotations

import datetime as dt

from opengu.disclosure import cycles

D = dt.date


def test_as_needed_items_have_no_due_date():
    assert cycles.next_due("as_needed", "수시", D(2026, 1, 5), D(2025, 1, 1)) is None


def test_monthly_item_is_due_on_the_named_day_of_the_next_month():
    assert cycles.next_due("monthly", "매월 10일", D(2026, 1, 8), D(2025, 1, 1)) == D(2026, 2, 10)


def test_day_is_clamped_to_the_end_of_a_short_month():
    assert cycles.next_due("monthly", "매월 31일", D(2026, 1, 31), D(2025, 1, 1)) == D(2026, 2, 28)


def test_quarterly_and_half_yearly_count_from_the_last_publication():
    assert cycles.next_due("quarterly", "분기 종료 후 15일", D(2026, 1, 15), D(2025, 1, 1)) == D(2026, 4, 15)
    assert cycles.next_due("half_yearly", "", D(2025, 12, 20), D(2025, 1, 1)) == D(2026, 6, 20)


def test_never_published_counts_from_registration():
    assert cycles.next_due("monthly", "매월 5일", None, D(2026, 3, 20)) == D(2026, 4, 5)


def test_yearly_item_in_a_named_month():
    # Published in 2025 → due in the named month of 2026.
    assert cycles.next_due("yearly", "매년 3월 31일", D(2025, 4, 2), D(2020, 1, 1)) == D(2026, 3, 31)
    # Registered before the month, never published → that month of the same year.
    assert cycles.next_due("yearly", "매년 3월", None, D(2026, 1, 10)) == D(2026, 3, 31)
    # Registered after it → next year.
    assert cycles.next_due("yearly", "매년 3월 10일", None, D(2026, 5, 1)) == D(2027, 3, 10)
