"""The benefits a district office handles, as rules over `engine.Household`.

Each rule is data: conditions built from the small vocabulary below, a legal reference and
where to apply. Tests in tests/welfare/test_benefits.py pin the boundaries (income exactly at
the threshold, age on the birthday).
"""

from __future__ import annotations

import functools

from django.utils.translation import gettext_noop

from opengu.lib.korean import with_i
from opengu.welfare.benefits.engine import (
    Benefit,
    Condition,
    Context,
    Outcome,
    add_years,
    age_on,
    months_on,
    won,
)
from opengu.welfare.benefits.parameters import median_for, threshold

DONG_CENTRE = gettext_noop("주소지 동주민센터 또는 복지로(bokjiro.go.kr)")

# --- the vocabulary of conditions --------------------------------------------------------------


def age_at_least(years: int) -> Condition:
    def check(c: Context) -> Outcome:
        birth = c.household.birth_date
        if birth is None:
            return Outcome(None, f"만 {years}세 이상이어야 합니다(나이를 알려 주지 않으셨습니다)")
        age = age_on(birth, c.household.on)
        if age >= years:
            return Outcome(True, f"만 {age}세로 {years}세 이상입니다")
        return Outcome(False, f"만 {age}세로 {years}세가 되지 않았습니다",
                       f"{add_years(birth, years).isoformat()}(만 {years}세 생일)부터")
    return Condition(f"만 {years}세 이상", check)


def income_share_at_most(share_key: str, label: str) -> Condition:
    """월 소득인정액 ≤ 기준 중위소득 × 비율 (가구원 수별)."""
    def check(c: Context) -> Outcome:
        size = c.household.household_size
        percent = c.param("median_shares")[share_key]
        if size is None or c.household.income is None:
            return Outcome(None, f"소득인정액이 기준 중위소득 {percent}% 이하여야 합니다(소득·가구원 수를 알려 주지 않으셨습니다)")
        limit = threshold(median_for(c.param("median_income"), size), percent)
        income = c.household.income
        if income <= limit:
            return Outcome(True, f"{size}인 가구 소득인정액 {won(income)}이 {label} 선정기준 {won(limit)}(중위 {percent}%) 이하입니다")
        return Outcome(False, f"{size}인 가구 소득인정액 {won(income)}이 {label} 선정기준 {won(limit)}(중위 {percent}%)을 넘습니다",
                       f"소득인정액이 {won(limit)} 이하이면")
    return Condition(f"소득인정액 중위 {share_key} 이하", check)


def income_pension_threshold() -> Condition:
    """월 소득인정액 ≤ 기초연금(장애인연금) 선정기준액, 단독 또는 부부."""
    def check(c: Context) -> Outcome:
        table = c.param("pension_threshold")
        if c.household.income is None or c.household.married is None:
            return Outcome(None, f"소득인정액이 선정기준액(단독 {won(table['single'])}, 부부 {won(table['couple'])}) 이하여야 합니다")
        kind, label = ("couple", "부부") if c.household.married else ("single", "단독")
        limit = table[kind]
        income = c.household.income
        if income <= limit:
            return Outcome(True, f"소득인정액 {won(income)}이 {label} 가구 선정기준액 {won(limit)} 이하입니다")
        return Outcome(False, f"소득인정액 {won(income)}이 {label} 가구 선정기준액 {won(limit)}을 넘습니다",
                       f"소득인정액이 {won(limit)} 이하이면")
    return Condition("소득인정액 선정기준액 이하", check)


def child_months_below(months: int, label: str) -> Condition:
    """A child younger than `months` months (the age in months is reached on the day)."""
    def check(c: Context) -> Outcome:
        children = c.household.children
        if children is None:
            return Outcome(None, f"{label} 자녀가 있어야 합니다(자녀를 알려 주지 않으셨습니다)")
        young = [b for b in children if b <= c.household.on and months_on(b, c.household.on) < months]
        if young:
            return Outcome(True, f"{label} 자녀가 있습니다(생후 {months_on(max(young), c.household.on)}개월)")
        return Outcome(False, f"{label} 자녀가 없습니다", "")
    return Condition(label, check)


def child_allowance_age() -> Condition:
    def check(c: Context) -> Outcome:
        below = c.param("child_allowance")["below_years"]
        children = c.household.children
        if children is None:
            return Outcome(None, f"만 {below}세 미만 자녀가 있어야 합니다(자녀를 알려 주지 않으셨습니다)")
        young = [b for b in children if b <= c.household.on and age_on(b, c.household.on) < below]
        if young:
            return Outcome(True, f"만 {below}세 미만 자녀가 {len(young)}명 있습니다")
        return Outcome(False, f"만 {below}세 미만 자녀가 없습니다")
    return Condition("나이 기준 안의 자녀(2026년부터 만 9세 미만)", check)


def child_age_between(low: int, high: int, label: str) -> Condition:
    """A child aged low–high (만 나이), e.g. 초·중·고 학령 7–18 (school enrolment itself is checked
    at application; age is the question a resident can answer)."""
    def check(c: Context) -> Outcome:
        children = c.household.children
        if children is None:
            return Outcome(None, f"{label} 자녀가 있어야 합니다(자녀를 알려 주지 않으셨습니다)")
        if any(low <= age_on(b, c.household.on) <= high for b in children if b <= c.household.on):
            return Outcome(True, f"{label} 자녀가 있습니다")
        return Outcome(False, f"{label} 자녀가 없습니다")
    return Condition(label, check)


def child_age_below(years: int, label: str) -> Condition:
    return child_age_between(0, years - 1, label)


def fact(attribute: str, yes: str, no: str, unknown: str, would_be: str = "") -> Condition:
    """A yes/no fact of the household (e.g. 중증 장애, 한부모)."""
    def check(c: Context) -> Outcome:
        value = getattr(c.household, attribute)
        if value is None:
            return Outcome(None, unknown)
        return Outcome(True, yes) if value else Outcome(False, no, would_be)
    return Condition(yes, check)


def copay_group() -> Condition:
    """차상위 본인부담경감 covers, among 차상위 households, those under 18 and those with a rare,
    severe intractable, severe or chronic disease (국민건강보험법 시행령 별표 2 제3호 라목).
    The self-check asks no health question: for an adult this stays unknown."""
    def check(c: Context) -> Outcome:
        birth = c.household.birth_date
        if birth is not None and age_on(birth, c.household.on) < 18:
            return Outcome(True, f"만 {age_on(birth, c.household.on)}세로 18세 미만입니다")
        return Outcome(None, "만 18세 미만이거나 희귀·중증난치·중증질환 또는 만성질환이 있어야 합니다"
                             "(건강 상태는 여기서 묻지 않습니다)")
    return Condition("18세 미만 또는 해당 질환", check)


def not_receiving(code: str, name: str) -> Condition:
    def check(c: Context) -> Outcome:
        if code in c.household.receiving:
            return Outcome(False, f"이미 {name} 수급 중입니다")
        return Outcome(True, f"{name} 수급 중이 아닙니다")
    return Condition(f"{name} 미수급", check)


def receiving_any(codes: dict[str, str], label: str, or_near_poverty: bool = False) -> Condition:
    """Already receives one of `codes`, or (optionally) is 차상위: income ≤ 중위 50 %."""
    def check(c: Context) -> Outcome:
        held = [name for code, name in codes.items() if code in c.household.receiving]
        if held:
            return Outcome(True, f"{held[0]} 수급 중입니다")
        if or_near_poverty:
            inner = income_share_at_most("near_poverty", "차상위").check(c)
            if inner.holds is not False:
                return inner
            return Outcome(False, f"{with_i(label)} 아니고 " + inner.reason, inner.would_be)
        return Outcome(False, f"{with_i(label)} 아닙니다")
    return Condition(label, check)


# --- amounts -----------------------------------------------------------------------------------


def _basic_pension_amount(c: Context) -> str:
    return f"월 최대 {won(c.param('basic_pension_amount'))}(부부는 각각 20% 감액)"


def _parent_allowance_amount(c: Context) -> str:
    amounts = c.param("parent_allowance")
    return f"만 0세 월 {won(amounts['age0'])}, 만 1세 월 {won(amounts['age1'])}"


def _child_allowance_amount(c: Context) -> str:
    return f"자녀 1명당 월 {won(c.param('child_allowance')['amount'])}"


def _voucher_amount(c: Context) -> str:
    amounts = c.param("first_meeting_voucher")
    return f"첫째 {won(amounts['first'])}, 둘째 이상 {won(amounts['later'])}(국민행복카드 이용권)"


def _district_grant_amount(c: Context) -> str:
    amounts = c.param("district_birth_grant")
    return ", ".join(f"{order}{'째 이상' if order == max(amounts) else '째'} {won(v)}" for order, v in amounts.items())


def _single_parent_amount(c: Context) -> str:
    return f"자녀 1명당 월 {won(c.param('single_parent_childcare'))}"


def _voucher_child() -> Condition:
    def check(c: Context) -> Outcome:
        children = c.household.children
        if children is None:
            return Outcome(None, "태어난 지 1년이 되지 않은 자녀가 있어야 합니다(자녀를 알려 주지 않으셨습니다)")
        since = c.param("first_meeting_voucher")["born_on_or_after"]
        recent = [b for b in children if since <= b <= c.household.on and b > add_years(c.household.on, -1)]
        if recent:
            return Outcome(True, f"{max(recent).isoformat()}에 태어난 자녀가 있습니다(출생 후 1년 안)")
        return Outcome(False, "출생 후 1년 안의 자녀가 없습니다")
    return Condition("출생 1년 안의 자녀", check)


def _not_basic_recipient() -> Condition:
    def check(c: Context) -> Outcome:
        if c.household.receiving & {"livelihood", "medical"}:
            return Outcome(False, "생계·의료급여 수급자는 의료급여로 지원받습니다")
        return Outcome(True, "생계·의료급여 수급자가 아닙니다(생계·의료급여를 받게 되면 그 대신 의료급여로 지원받습니다)")
    return Condition("의료급여 수급자 아님", check)


def district_birth_grant(district: str) -> Benefit:
    """The district's own birth grant (출산양육지원금), named for `district` (e.g. "서대문구");
    with an empty name, for "this district" (the rules are the same, only the words differ)."""
    here = district or "이 구"
    return Benefit(
        "district_birth_grant", f"{district} 출산양육지원금".strip(), f"{here}에 주민등록을 둔 가정의 출산을 축하하는 지원금",
        f"{district + ' ' if district else ''}출산 장려 및 양육 지원 조례(조항 확인 필요)", "주소지 동주민센터(출생신고 때 함께)",
        (_voucher_child(), fact("district_resident", f"{here}에 주민등록이 있습니다", f"{here} 주민이 아닙니다",
                                f"{here}에 주민등록이 있어야 합니다", f"{here}로 전입하면"),
         not_receiving("district_birth_grant", "출산양육지원금")), _district_grant_amount)


# --- the catalogue -----------------------------------------------------------------------------

BENEFITS: tuple[Benefit, ...] = (
    Benefit("basic_pension", gettext_noop("기초연금"), gettext_noop("만 65세 이상 어르신 중 소득인정액이 선정기준액 이하인 분께 매달 드리는 연금"),
            "기초연금법 제3조(기초연금 수급권자의 범위)", DONG_CENTRE + ", 국민연금공단 지사",
            (age_at_least(65), income_pension_threshold(), not_receiving("basic_pension", "기초연금")),
            _basic_pension_amount),
    Benefit("parent_allowance", gettext_noop("부모급여"), gettext_noop("만 2세 미만 자녀를 키우는 가정에 매달 드리는 급여"),
            "아동수당법 제4조 제5항(부모급여)", DONG_CENTRE + ", 정부24",
            (child_months_below(24, "만 2세 미만"), not_receiving("parent_allowance", "부모급여")),
            _parent_allowance_amount),
    Benefit("child_allowance", gettext_noop("아동수당"), gettext_noop("만 9세 미만(2025년까지 만 8세 미만) 모든 아동에게 매달 드리는 수당(소득 기준 없음)"),
            "아동수당법 제4조 제1항", DONG_CENTRE + ", 정부24",
            (child_allowance_age(), not_receiving("child_allowance", "아동수당")), _child_allowance_amount),
    Benefit("first_meeting_voucher", gettext_noop("첫만남이용권"), gettext_noop("태어난 아이마다 드리는 바우처(출생 후 1년 안에 사용)"),
            "저출산·고령사회기본법 제10조, 첫만남이용권 사업안내(근거 조항 확인 필요)", DONG_CENTRE + ", 정부24(행복출산 원스톱)",
            (_voucher_child(), not_receiving("first_meeting_voucher", "첫만남이용권")), _voucher_amount),
    district_birth_grant(""),
    Benefit("livelihood", gettext_noop("기초생활보장 생계급여"), gettext_noop("생활이 어려운 가구에 매달 생계비를 드립니다"),
            "국민기초생활 보장법 제8조(생계급여의 내용 등)", DONG_CENTRE,
            (income_share_at_most("livelihood", "생계급여"), not_receiving("livelihood", "생계급여"))),
    Benefit("medical", gettext_noop("기초생활보장 의료급여"), gettext_noop("병원·약국 비용을 국가가 대신 내 드립니다"),
            "국민기초생활 보장법 제12조의3(의료급여), 의료급여법 제3조", DONG_CENTRE,
            (income_share_at_most("medical", "의료급여"), not_receiving("medical", "의료급여"))),
    Benefit("housing", gettext_noop("기초생활보장 주거급여"), gettext_noop("집세(임차료)나 집수리 비용을 지원합니다"),
            "국민기초생활 보장법 제11조(주거급여), 주거급여법 제5조", DONG_CENTRE,
            (income_share_at_most("housing", "주거급여"), not_receiving("housing", "주거급여"))),
    Benefit("education", gettext_noop("기초생활보장 교육급여"), gettext_noop("초·중·고 학생의 교육활동지원비를 드립니다"),
            "국민기초생활 보장법 제12조(교육급여)", DONG_CENTRE + ", 교육급여 온라인 신청",
            (child_age_between(7, 18, "초·중·고 학령(만 7~18세)"), income_share_at_most("education", "교육급여"),
             not_receiving("education", "교육급여"))),
    Benefit("near_poverty_copay", gettext_noop("차상위 본인부담경감"), gettext_noop("병원비 본인부담을 줄여 드립니다(희귀·중증난치질환자, 만 18세 미만 등)"),
            "국민건강보험법 시행령 별표 2 제3호 라목, 국민기초생활 보장법 제2조 제10호(차상위계층)", DONG_CENTRE,
            (income_share_at_most("near_poverty", "차상위"), _not_basic_recipient(), copay_group(),
             not_receiving("near_poverty_copay", "본인부담경감"))),
    Benefit("hope_savings_2", gettext_noop("희망저축계좌II(옛 희망키움통장II)"), gettext_noop("일하는 주거·교육급여 수급 가구와 차상위 가구의 저축에 정부가 더해 드립니다"),
            "국민기초생활 보장법 제18조의4(자산형성지원)", DONG_CENTRE,
            (receiving_any({"housing": "주거급여", "education": "교육급여", "near_poverty": "차상위 자격"},
                           "주거·교육급여 수급 또는 차상위 가구",
                           or_near_poverty=True),
             fact("earned_income", "근로·사업소득이 있습니다", "근로·사업소득이 없습니다",
                  "근로·사업소득이 있어야 합니다", "일을 해서 소득이 생기면"),
             _not_basic_recipient(), not_receiving("hope_savings_2", "희망저축계좌II"))),
    Benefit("disability_pension", gettext_noop("장애인연금"), gettext_noop("만 18세 이상 중증 장애인 중 소득인정액이 선정기준액 이하인 분께 드리는 연금"),
            "장애인연금법 제4조(수급권자의 범위 등)", DONG_CENTRE,
            (age_at_least(18), fact("severe_disability", "장애의 정도가 심한 장애인입니다", "장애의 정도가 심한 장애인이 아닙니다",
                                    "장애의 정도가 심한 장애인이어야 합니다"),
             income_pension_threshold(), not_receiving("disability_pension", "장애인연금"))),
    Benefit("single_parent_childcare", gettext_noop("한부모가족 아동양육비"), gettext_noop("한부모 가정의 만 18세 미만 자녀 양육비를 매달 드립니다"),
            "한부모가족지원법 제5조, 제12조(복지 급여의 내용)", DONG_CENTRE,
            (fact("single_parent", "한부모 가족입니다", "한부모 가족이 아닙니다", "한부모 가족이어야 합니다"),
             child_age_below(18, "만 18세 미만"), income_share_at_most("single_parent_childcare", "한부모 아동양육비"),
             not_receiving("single_parent_childcare", "아동양육비")), _single_parent_amount),
)

BY_CODE = {benefit.code: benefit for benefit in BENEFITS}


@functools.lru_cache(maxsize=8)
def catalogue_for(district: str) -> tuple[Benefit, ...]:
    """The catalogue with the district's own benefits named for `district`."""
    return tuple(district_birth_grant(district) if b.code == "district_birth_grant" else b for b in BENEFITS)


