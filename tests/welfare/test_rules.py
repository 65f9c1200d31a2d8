"""The written rules: facet classification, ages, opening hours, splitting run-together cells."""

from __future__ import annotations

import datetime as dt

import pytest

from opengu.welfare.classify import age_range, classify
from opengu.welfare.importer import clean, split_links, split_phones
from opengu.welfare.models import stale_cutoff
from opengu.welfare.opening import is_open, occurs_on


@pytest.mark.parametrize(("text", "facet", "code"), [
    ("65세 이상 어르신에게 기초연금을 지급합니다.", "life_stage", "senior"),
    ("장애인일자리지원", "household", "disability"),
    ("아이돌봄 서비스", "topic", "childcare"),
    ("한부모가족 아동양육비 지원", "household", "single_parent"),
    ("북한이탈주민 정착금", "household", "multicultural"),
    ("청년 월세 한시 특별지원", "topic", "housing"),
    ("무료 법률 상담", "topic", "legal"),
])
def test_it_classifies_by_the_written_rules(text: str, facet: str, code: str) -> None:
    assert code in classify(text).get(facet, [])


def test_it_does_not_classify_unrelated_text() -> None:
    assert "senior" not in classify("아동 방과후 돌봄").get("life_stage", [])


@pytest.mark.parametrize(("text", "expected"), [
    ("18세 이상 미취업 장애인", (18, None)),
    ("12세 이하 자녀", (None, 12)),
    ("18세 미만 아동", (None, 17)),
    ("만 19~34세 청년", (19, 34)),
    ("누구나", (None, None)),
])
def test_it_reads_age_ranges(text: str, expected: tuple[int | None, int | None]) -> None:
    assert age_range(text) == expected


def test_first_and_third_thursday() -> None:
    rule = {"freq": "MONTHLY", "interval": 1, "byday": "1TH,3TH", "dtstart": dt.date(2024, 1, 1), "until": None}
    assert occurs_on(dt.date(2025, 5, 1), **rule)  # first Thursday of May 2025
    assert occurs_on(dt.date(2025, 5, 15), **rule)
    assert not occurs_on(dt.date(2025, 5, 8), **rule)
    assert not occurs_on(dt.date(2025, 5, 2), **rule)


def test_weekday_hours() -> None:
    rule = {"freq": "WEEKLY", "interval": 1, "byday": "MO,TU,WE,TH,FR", "dtstart": dt.date(2024, 1, 1),
            "until": None, "opens_at": dt.time(9), "closes_at": dt.time(18)}
    assert is_open(dt.datetime(2025, 7, 22, 9, 0), **rule)  # a Tuesday
    assert not is_open(dt.datetime(2025, 7, 22, 18, 0), **rule)
    assert not is_open(dt.datetime(2025, 7, 26, 10, 0), **rule)  # Saturday


def test_it_splits_names_and_urls_run_together() -> None:
    assert split_links("근로복지공단https://www.comwel.or.kr 근로복지넷https://welfare.comwel.or.kr") == [
        ("근로복지공단", "https://www.comwel.or.kr"), ("근로복지넷", "https://welfare.comwel.or.kr")]
    assert split_links("보건복지부www.mw.go.kr") == [("보건복지부", "https://www.mw.go.kr")]
    assert split_links("국민연금공단http://www.nps.or.kr 내연금사이트csa.nps.or.kr")[1] == (
        "내연금사이트", "https://csa.nps.or.kr")


def test_it_splits_names_and_phones_run_together() -> None:
    assert split_phones("보건복지상담센터129 복지로 상담센터1566-0313") == [
        ("보건복지상담센터", "129"), ("복지로 상담센터", "1566-0313")]
    assert split_phones("중앙육아종합지원센터 센터지원팀02-6901-0202") == [("중앙육아종합지원센터 센터지원팀", "02-6901-0202")]
    assert split_phones("보건복지상담센터129 주소지 읍·면·동 주민센터") == [
        ("보건복지상담센터", "129"), ("주소지 읍·면·동 주민센터", "")]


def test_html_entities_are_decoded() -> None:
    assert clean("시각&middot;청각 장애인 ") == "시각·청각 장애인"


def test_stale_cutoff_clips_the_day() -> None:
    assert stale_cutoff(1, dt.date(2025, 3, 31)) == dt.date(2025, 2, 28)
    assert stale_cutoff(12, dt.date(2025, 7, 22)) == dt.date(2024, 7, 22)
