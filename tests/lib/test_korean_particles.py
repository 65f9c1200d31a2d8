from __future__ import annotations

import datetime as dt

from opengu.lib.korean import has_final_consonant, korean_date, with_ro


def test_the_particle_follows_the_last_syllable():
    assert with_ro("‘공개’") == "‘공개’로"
    assert with_ro("‘정보부존재’") == "‘정보부존재’로"
    assert with_ro("‘인용’") == "‘인용’으로"
    assert with_ro("‘각하’") == "‘각하’로"
    assert with_ro("서울") == "서울로"  # ㄹ takes 로
    assert has_final_consonant("각") and not has_final_consonant("하")


def test_dates_are_written_without_zero_padding():
    assert korean_date(dt.date(2026, 12, 3)) == "2026년 12월 3일"


def test_a_count_of_a_unit_that_is_itself_a_quantity_does_not_run_the_numbers_together():
    from opengu.lib.korean import count_of

    assert count_of(12, "장") == "12장"
    assert count_of(1, "MB") == "1MB"
    assert count_of(1, "30분") == "30분"
    assert count_of(2, "30분") == "30분 2회(60분)"
    assert count_of(3, "10컷") == "10컷 3회(30컷)"


def test_free_text_ends_as_a_sentence():
    from opengu.lib.korean import as_sentence

    assert as_sentence("연락처만 가리고 공개 ") == "연락처만 가리고 공개."
    assert as_sentence("공개합니다.") == "공개합니다."
    assert as_sentence("정말인가요?") == "정말인가요?"
    assert as_sentence("") == ""


def test_the_subject_particle_follows_the_last_syllable():
    from opengu.lib.korean import with_i

    assert with_i("주거·교육급여 수급 또는 차상위 가구") == "주거·교육급여 수급 또는 차상위 가구가"
    assert with_i("차상위 자격") == "차상위 자격이"
