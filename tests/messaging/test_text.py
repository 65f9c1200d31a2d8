from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from opengu.messaging.text import MessageTooLong, QuietHours, euc_kr_bytes, phone_message_kind

SEOUL = ZoneInfo("Asia/Seoul")


def test_hangul_counts_two_bytes_and_ascii_one():
    assert euc_kr_bytes("가나다") == 6
    assert euc_kr_bytes("abc") == 3
    assert euc_kr_bytes("서대문구 010") == 12


def test_syllables_missing_from_strict_euc_kr_still_count_two():
    # 똠 is not among KS X 1001's 2,350 syllables: Python's euc_kr spells it as an 8-byte jamo
    # sequence, which would make a 12-syllable name overflow an SMS. cp949 has it in 2 bytes.
    assert len("똠".encode("euc_kr")) == 8
    assert euc_kr_bytes("똠방각하") == 8


def test_characters_outside_cp949_count_two():
    assert euc_kr_bytes("안내 😀") == 7


@pytest.mark.parametrize(("text", "kind"), [
    ("가" * 45, "SMS"),          # 90 bytes
    ("가" * 45 + "a", "LMS"),    # 91 bytes
    ("a" * 90, "SMS"),
    ("a" * 91, "LMS"),
    ("가" * 44 + "ab", "SMS"),   # 90 bytes, mixed
    ("가" * 1000, "LMS"),        # 2,000 bytes
])
def test_sms_up_to_90_bytes_lms_above(text, kind):
    assert phone_message_kind(text) == kind


def test_over_2000_bytes_is_refused():
    with pytest.raises(MessageTooLong) as caught:
        phone_message_kind("가" * 1000 + "a")
    assert caught.value.size == 2001


def test_quiet_hours_cross_midnight():
    quiet = QuietHours.parse("21-08")
    assert quiet == QuietHours(21, 8)
    assert quiet.contains(dt.datetime(2026, 3, 2, 21, 0, tzinfo=SEOUL))
    assert quiet.contains(dt.datetime(2026, 3, 2, 7, 59, tzinfo=SEOUL))
    assert not quiet.contains(dt.datetime(2026, 3, 2, 8, 0, tzinfo=SEOUL))
    assert not quiet.contains(dt.datetime(2026, 3, 2, 20, 59, tzinfo=SEOUL))


def test_quiet_hours_release_is_the_next_end():
    quiet = QuietHours(21, 8)
    evening = dt.datetime(2026, 3, 2, 22, 30, tzinfo=SEOUL)
    assert quiet.release_time(evening) == dt.datetime(2026, 3, 3, 8, 0, tzinfo=SEOUL)
    night = dt.datetime(2026, 3, 3, 1, 15, tzinfo=SEOUL)
    assert quiet.release_time(night) == dt.datetime(2026, 3, 3, 8, 0, tzinfo=SEOUL)
    assert quiet.release_time(dt.datetime(2026, 3, 3, 12, 0, tzinfo=SEOUL)) is None


@pytest.mark.parametrize("spec", ["off", "", "none"])
def test_quiet_hours_can_be_switched_off(spec):
    assert QuietHours.parse(spec) is None


@pytest.mark.parametrize("spec", ["21", "25-08", "08-08", "x-y"])
def test_bad_quiet_hours_are_refused(spec):
    with pytest.raises(ValueError):
        QuietHours.parse(spec)
