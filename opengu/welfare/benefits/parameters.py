"""Date-effective figures the rules use. Each value names its source; `confirmed=False` marks a
figure to check against the official notice (고시) before relying on it. Adding a year means
adding a `Value` here, never editing a rule.
"""

from __future__ import annotations

import datetime as dt

from opengu.welfare.benefits.engine import Parameter, Value

JAN_2025 = dt.date(2025, 1, 1)
JAN_2026 = dt.date(2026, 1, 1)
MEDIAN_2025 = "보건복지부 고시 2025년 기준 중위소득(중앙생활보장위원회 2024-07 의결)"
MEDIAN_2026 = "보건복지부 고시 2026년 기준 중위소득(중앙생활보장위원회 2025-07 의결)"

# 기준 중위소득, 월, 원, by household size 1–6 (7인 이상은 6인에 6인−5인 차액을 1인마다 더함:
# 국민기초생활 보장법 시행령의 산정 방식). 2026: 1인·4인 are the figures announced with the
# decision; the others are to confirm.
MEDIAN_INCOME = Parameter("median_income", "기준 중위소득", (
    Value(JAN_2025, {1: 2_392_013, 2: 3_932_658, 3: 5_025_353, 4: 6_097_773, 5: 7_108_192, 6: 8_064_805},
          MEDIAN_2025),
    Value(JAN_2026, {1: 2_564_238, 2: 4_199_292, 3: 5_359_036, 4: 6_494_738, 5: 7_556_719, 6: 8_555_952},
          MEDIAN_2026 + " — 2·3·5·6인 값 확인 필요", confirmed=False),
))

# 급여별 선정기준 (기준 중위소득 대비 비율, 퍼센트)
SHARES = Parameter("median_shares", "급여별 선정기준 비율", (
    Value(JAN_2025, {"livelihood": 32, "medical": 40, "housing": 48, "education": 50, "near_poverty": 50,
                     "single_parent_childcare": 63}, MEDIAN_2025),
    Value(JAN_2026, {"livelihood": 32, "medical": 40, "housing": 48, "education": 50, "near_poverty": 50,
                     "single_parent_childcare": 63}, MEDIAN_2026),
))

# 기초연금·장애인연금 선정기준액 (월 소득인정액, 원): 단독 / 부부
PENSION_THRESHOLD = Parameter("pension_threshold", "기초연금·장애인연금 선정기준액", (
    Value(JAN_2025, {"single": 2_280_000, "couple": 3_648_000}, "보건복지부 고시 2025년 기초연금 선정기준액"),
    Value(JAN_2026, {"single": 2_470_000, "couple": 3_952_000}, "보건복지부 고시 2026년 기초연금 선정기준액 — 확인 필요",
          confirmed=False),
))

BASIC_PENSION_AMOUNT = Parameter("basic_pension_amount", "기초연금 기준연금액", (
    Value(JAN_2025, 342_510, "2025년 기준연금액(전년도 소비자물가 반영)"),
    Value(JAN_2026, 349_700, "2026년 기준연금액 — 확인 필요", confirmed=False),
))

PARENT_ALLOWANCE = Parameter("parent_allowance", "부모급여 월액", (
    Value(dt.date(2024, 1, 1), {"age0": 1_000_000, "age1": 500_000}, "아동수당법 시행령, 2024년 부모급여 지급액"),
))

# 아동수당: 월 10만원, 만 8세 미만(95개월까지). 2026년부터 만 9세 미만으로 넓히는 개정은 확인 필요.
CHILD_ALLOWANCE = Parameter("child_allowance", "아동수당", (
    Value(dt.date(2022, 4, 1), {"amount": 100_000, "below_years": 8}, "아동수당법 제4조(2022.4. 만 8세 미만)"),
    Value(JAN_2026, {"amount": 100_000, "below_years": 9}, "2026년 만 9세 미만 확대 — 개정 법률 확인 필요",
          confirmed=False),
))

FIRST_MEETING_VOUCHER = Parameter("first_meeting_voucher", "첫만남이용권", (
    Value(dt.date(2024, 1, 1), {"first": 2_000_000, "later": 3_000_000, "born_on_or_after": dt.date(2022, 1, 1)},
          "2024년 첫만남이용권 사업안내(첫째 200만원, 둘째 이상 300만원)"),
))

# 서대문구 출산양육지원금: amounts per birth order under the district's ordinance; to confirm
# against the ordinance in force (조례 별표) before use.
DISTRICT_BIRTH_GRANT = Parameter("district_birth_grant", "구 출산양육지원금", (
    Value(dt.date(2024, 1, 1), {1: 300_000, 2: 500_000, 3: 1_000_000, 4: 2_000_000},
          "서울특별시 서대문구 출산 장려 및 양육 지원 조례 — 금액·거주 요건 확인 필요", confirmed=False),
))

SINGLE_PARENT_CHILDCARE = Parameter("single_parent_childcare", "한부모가족 아동양육비 월액", (
    Value(JAN_2025, 230_000, "2025년 한부모가족 지원사업 안내"),
    Value(JAN_2026, 230_000, "2026년 한부모가족 지원사업 안내 — 인상액 확인 필요", confirmed=False),
))

ALL = {p.key: p for p in (MEDIAN_INCOME, SHARES, PENSION_THRESHOLD, BASIC_PENSION_AMOUNT, PARENT_ALLOWANCE,
                          CHILD_ALLOWANCE, FIRST_MEETING_VOUCHER, DISTRICT_BIRTH_GRANT, SINGLE_PARENT_CHILDCARE)}


def median_for(table: dict[int, int], size: int) -> int:
    """기준 중위소득 for `size` persons: 7인 이상은 6인 기준에 (6인 − 5인)을 1인마다 더함."""
    if size < 1:
        raise ValueError("가구원 수는 1명 이상입니다.")
    if size <= 6:
        return table[size]
    return table[6] + (table[6] - table[5]) * (size - 6)


def threshold(median: int, percent: int) -> int:
    """선정기준액: 중위소득 × 비율, 원 미만 버림 (as the published tables do: 2,392,013 × 32 % → 765,444)."""
    return median * percent // 100
