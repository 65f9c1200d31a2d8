"""복지로's facets and the written rules that classify a service by its text.

The national list has no life-stage or topic columns, so each facet value has a list of
words; a service gets the value when its name or summary contains one of them (spacing
ignored). The rules are listed in docs/welfare.md; change them here and re-run the import.
Ages come from phrases such as "65세 이상", "18세 미만", "만 19~34세".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_noop

from opengu.lib.morphemes import compact


@dataclass(frozen=True)
class Facet:
    key: str
    name: str
    # (code, label, words): the value applies when any word is in the text
    values: tuple[tuple[str, str, tuple[str, ...]], ...]
    # Names and labels are stored in Korean and marked for the catalogue: pages show them with
    # {% trans %} in the reader's language.


LIFE_STAGE = Facet("life_stage", gettext_noop("생애주기"), (
    ("infant", gettext_noop("영유아"), ("영유아", "영아", "유아", "어린이집", "보육료", "출생아", "신생아", "미숙아", "0~5세", "만5세")),
    ("child", gettext_noop("아동"), ("아동", "어린이", "초등", "12세이하", "18세미만")),
    ("youth", gettext_noop("청소년"), ("청소년", "중학생", "고등학생", "학교밖", "9~24세")),
    ("young_adult", gettext_noop("청년"), ("청년", "대학생", "19~34세", "19세~34세", "사회초년생")),
    ("middle_aged", gettext_noop("중장년"), ("중장년", "중년", "신중년", "40세이상", "50세이상", "장년")),
    ("senior", gettext_noop("노년"), ("노인", "어르신", "65세이상", "60세이상", "고령", "노년", "독거", "홀몸", "기초연금", "장기요양")),
    ("pregnancy", gettext_noop("임신·출산"), ("임신", "출산", "산모", "임산부", "난임", "태아", "산후")),
))

HOUSEHOLD = Facet("household", gettext_noop("가구상황"), (
    ("multicultural", gettext_noop("다문화·탈북민"), ("다문화", "결혼이민", "북한이탈", "탈북", "이주민", "외국인")),
    ("many_children", gettext_noop("다자녀"), ("다자녀", "셋째", "세자녀")),
    ("veteran", gettext_noop("보훈대상자"), ("보훈", "국가유공자", "참전", "독립유공", "유공자", "제대군인", "5·18", "고엽제")),
    ("disability", gettext_noop("장애인"), ("장애",)),
    ("low_income", gettext_noop("저소득"), ("저소득", "기초생활", "수급자", "차상위", "생계급여", "의료급여", "긴급복지", "취약계층", "중위소득")),
    ("single_parent", gettext_noop("한부모·조손"), ("한부모", "조손", "미혼모", "미혼부", "양육비", "청소년부모")),
))

TOPIC = Facet("topic", gettext_noop("관심주제"), (
    ("physical_health", gettext_noop("신체건강"), ("건강", "의료", "질환", "치료", "검진", "진료", "재활", "병원", "수술", "예방접종", "의료비")),
    ("mental_health", gettext_noop("정신건강"), ("정신", "심리", "우울", "자살", "중독", "트라우마", "마음")),
    ("living", gettext_noop("생활지원"), ("생계", "생활", "수당", "연금", "바우처", "에너지", "통신", "급여", "식품", "도시락", "교통", "예우금", "정착금", "가계지원", "지원금")),
    ("housing", gettext_noop("주거"), ("주거", "주택", "임대", "전세", "월세", "집수리", "거처")),
    ("jobs", gettext_noop("일자리"), ("일자리", "취업", "고용", "직업", "창업", "근로", "구직")),
    ("culture", gettext_noop("문화·여가"), ("문화", "여가", "관광", "체육", "스포츠", "여행", "공연", "도서", "예술", "산림복지", "사회참여")),
    ("safety", gettext_noop("안전·위기"), ("위기", "긴급", "학대", "폭력", "재난", "안전", "피해", "실종", "재해")),
    ("pregnancy", gettext_noop("임신·출산"), ("임신", "출산", "산모", "임산부", "난임", "산후")),
    ("childcare", gettext_noop("보육"), ("보육", "어린이집", "아이돌봄", "양육", "육아", "돌봄서비스")),
    ("education", gettext_noop("교육"), ("교육", "학습", "장학", "학비", "학교", "수업료", "학자금")),
    ("adoption", gettext_noop("입양·위탁"), ("입양", "위탁", "보호종료", "자립준비")),
    ("care", gettext_noop("보호·돌봄"), ("돌봄", "요양", "보호", "간병", "간호", "활동지원", "독거", "홀몸")),
    ("finance", gettext_noop("서민금융"), ("대출", "융자", "자금", "저축", "금융", "신용", "대여", "자산형성", "통장", "채무")),
    ("legal", gettext_noop("법률"), ("법률", "소송", "변호", "법적", "구조공단")),
))

FACETS = (LIFE_STAGE, HOUSEHOLD, TOPIC)

_AGE_MIN = re.compile(r"(\d{1,3})세\s*이상")
_AGE_MAX = re.compile(r"(\d{1,3})세\s*(이하|미만)")
_AGE_RANGE = re.compile(r"(\d{1,3})\s*(?:세)?\s*[~∼-]\s*(\d{1,3})\s*세")


def classify(text: str) -> dict[str, list[str]]:
    """Facet key → codes of the values whose words appear in `text` (spacing ignored)."""
    flat = compact(text).replace("·", "")
    found: dict[str, list[str]] = {}
    for facet in FACETS:
        codes = [code for code, _label, words in facet.values
                 if any(compact(word).replace("·", "") in flat for word in words)]
        if codes:
            found[facet.key] = codes
    return found


def age_range(text: str) -> tuple[int | None, int | None]:
    """(minimum, maximum) age stated in `text`, or None where it says nothing.

    "18세 미만" means up to 17; a range "19~34세" gives both ends.
    """
    low: int | None = None
    high: int | None = None
    if match := _AGE_RANGE.search(text):
        low, high = int(match[1]), int(match[2])
    if low is None and (match := _AGE_MIN.search(text)):
        low = int(match[1])
    if high is None and (match := _AGE_MAX.search(text)):
        high = int(match[1]) - (1 if match[2] == "미만" else 0)
    if low is not None and high is not None and low > high:
        return (None, None)
    return (low, high)
