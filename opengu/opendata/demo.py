"""Demo open data for the demo district: a handful of datasets with realistic synthetic tables.

Tables are generated from the seeded `rng`, written as the CSV a department would upload (some
in CP949, as real files are), and loaded through the same pipeline as the upload page.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Callable

from opengu.core.models import Department, District
from opengu.opendata import services
from opengu.opendata.models import Category, Licence, UpdateCycle

TRADES = ["한식", "분식", "중국식", "일식", "경양식", "커피숍", "호프/통닭", "제과점영업", "패스트푸드", "김밥(도시락)"]
ROADS = ["연희로", "신촌로", "통일로", "증가로", "명지대길", "모래내로", "가좌로", "독립문로", "수색로", "연세로"]
SYLLABLES = ["가", "나", "다", "온", "빛", "솔", "해", "달", "별", "숲", "정", "맛", "집", "향", "촌", "당"]


def _csv(header: list[str], rows: list[list[object]], encoding: str = "utf-8-sig") -> io.BytesIO:
    text = io.StringIO(newline="")
    writer = csv.writer(text, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return io.BytesIO(text.getvalue().encode(encoding))


def _restaurants(district: District, dongs: list[str], rng: random.Random) -> tuple[list[str], list[list[object]]]:
    header = ["개방자치단체코드", "관리번호", "인허가일자", "영업상태명", "폐업일자", "소재지전화", "사업장명",
              "도로명전체주소", "업태구분명", "좌표정보(x)", "좌표정보(y)", "시설총규모"]
    rows: list[list[object]] = []
    for n in range(1, 1201):
        opened = dt.date(1995, 1, 1) + dt.timedelta(days=rng.randint(0, 10_800))
        closed = opened + dt.timedelta(days=rng.randint(200, 6000)) if rng.random() < 0.45 else None
        if closed and closed > dt.date(2025, 12, 31):
            closed = None
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))) + rng.choice(["식당", "분식", "카페", "반점", ""])
        rows.append([
            district.open_code, f"{district.open_code}-101-{opened.year}-{n:05d}", opened.strftime("%Y%m%d"),
            "폐업" if closed else "영업/정상", closed.strftime("%Y%m%d") if closed else "",
            f"02 {rng.randint(300, 399)} {rng.randint(1000, 9999)}", name,
            f"서울특별시 {district.name} {rng.choice(ROADS)} {rng.randint(1, 300)} ({rng.choice(dongs)})",
            rng.choice(TRADES), f"{rng.uniform(193000, 197500):.4f}", f"{rng.uniform(451000, 455500):.4f}",
            f"{rng.uniform(15, 300):,.2f}",
        ])
    return header, rows


def _population(dongs: list[str], rng: random.Random) -> tuple[list[str], list[list[object]]]:
    header = ["기준월", "행정동", "세대수", "인구(계)", "인구(남)", "인구(여)", "65세 이상"]
    rows: list[list[object]] = []
    for month in range(1, 13):
        for dong in dongs:
            men, women = rng.randint(7000, 16000), rng.randint(7500, 17000)
            rows.append([f"2024.{month:02d}", dong, f"{rng.randint(6000, 15000):,}", f"{men + women:,}",
                         f"{men:,}", f"{women:,}", f"{int((men + women) * rng.uniform(0.14, 0.22)):,}"])
    return header, rows


def _parking(dongs: list[str], rng: random.Random) -> tuple[list[str], list[list[object]]]:
    header = ["주차장명", "행정동", "주소", "주차면수", "기본요금(원)", "운영시간", "공유 가능"]
    rows: list[list[object]] = []
    for n in range(1, 42):
        dong = rng.choice(dongs)
        rows.append([f"{dong} 제{n}공영주차장", dong, f"서울특별시 서대문구 {rng.choice(ROADS)} {rng.randint(1, 200)}",
                     rng.randint(8, 220), rng.choice([300, 400, 500]), "09:00~21:00", rng.choice(["Y", "N"])])
    return header, rows


def load(*, district: District, rng: random.Random, stdout: Callable[[str], None]) -> None:
    dongs = list(district.dongs.values_list("name", flat=True)) or ["연희동"]
    departments = {d.code: d for d in Department.objects.filter(district=district)}
    fallback = next(iter(departments.values()))

    def department(*codes: str) -> Department:
        return next((departments[c] for c in codes if c in departments), fallback)

    def category(name: str) -> Category:
        return Category.objects.get(name=name)

    plan = [
        ("seodaemun-restaurants", "서대문구 일반음식점 인허가 정보", "위생", ("sanitation", "food-sanitation"),
         "LOCALDATA 형식의 일반음식점 인허가 목록(가상 자료). 상권분석에 씁니다.", ["음식점", "인허가", "LOCALDATA", "상권"],
         UpdateCycle.MONTHLY, _restaurants(district, dongs, rng), "cp949"),
        ("seodaemun-population-by-dong", "서대문구 행정동별 주민등록 인구", "일자리·경제·자치행정", ("admin-affairs",),
         "월별 행정동 세대수와 인구(가상 자료).", ["인구", "세대", "행정동"], UpdateCycle.MONTHLY,
         _population(dongs, rng), "utf-8-sig"),
        ("seodaemun-public-parking", "서대문구 공영주차장 현황", "지역산업", ("transport", "traffic"),
         "공영주차장 위치, 주차면수, 요금, 거주자우선주차 공유 여부(가상 자료).", ["주차장", "거주자우선주차", "공유"],
         UpdateCycle.QUARTERLY, _parking(dongs, rng), "utf-8"),
    ]
    for slug, title, category_name, codes, description, keywords, cycle, (header, rows), encoding in plan:
        dataset = services.dataset_create(
            actor=None, title=title, slug=slug, department=department(*codes), category=category(category_name),
            description=description, keywords=keywords, licence=Licence.KOGL_1, update_cycle=cycle,
            spatial="서울특별시 서대문구", contact="02-330-1300")
        version = services.resource_version_load(actor=None, dataset=dataset, file=_csv(header, rows, encoding),
                                                 source_name=f"{slug}.csv", resource_name=title)
        if version.personal_data:
            services.resource_version_personal_data_decide(
                actor=None, version=version, decision="사업장 대표 전화번호로 개인정보가 아님(시연 자료).")
        services.dataset_publish(actor=None, dataset=dataset)
        stdout(f"열린데이터: {title} {version.row_count:,}행")
