"""The demo catalogue: about 146 datasets of the demo district, each with a synthetic table.

Everything here is invented: business names are made of random syllables, no table holds a real
person's name, and the few phone numbers that look personal are random (the demo leaves their
personal-data decision pending on purpose). Tables come from a seeded generator, so every run of
`opengu demo` builds the same catalogue.

LOCALDATA licence tables follow the national LOCALDATA file layout (개방서비스명, 인허가일자,
영업상태명, 폐업일자, 소재지전체주소, 도로명전체주소, 좌표정보(x)/(y) in EPSG:5174 …), with openings
over three decades and closures that grow with age, so that 상권분석 has something to show.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from opengu.opendata.models import UpdateCycle

Table = tuple[list[str], list[list[object]]]

SYLLABLES = ["가", "나", "다", "온", "빛", "솔", "해", "달", "별", "숲", "정", "맛", "집", "향", "촌", "당", "미", "소",
             "아", "라", "윤", "담", "결", "봄", "새", "꽃", "들", "길", "채", "휴"]
ROADS = ["연희로", "신촌로", "통일로", "증가로", "명지대길", "모래내로", "가좌로", "독립문로", "수색로", "연세로",
         "홍제천로", "세검정로", "포방터길", "응암로", "충정로", "서소문로", "이화여대길", "거북골로", "백련사길", "경기대로"]
# 행정동 → (법정동 used in lot-number addresses, rough centre lat, lon).
DONG_PLACES = {
    "충현동": ("충정로3가", 37.5630, 126.9640), "천연동": ("천연동", 37.5700, 126.9590),
    "북아현동": ("북아현동", 37.5620, 126.9540), "신촌동": ("창천동", 37.5590, 126.9370),
    "연희동": ("연희동", 37.5680, 126.9300), "홍제1동": ("홍제동", 37.5850, 126.9430),
    "홍제3동": ("홍제동", 37.5830, 126.9520), "홍제2동": ("홍제동", 37.5900, 126.9480),
    "홍은1동": ("홍은동", 37.5980, 126.9420), "홍은2동": ("홍은동", 37.5870, 126.9320),
    "남가좌1동": ("남가좌동", 37.5760, 126.9210), "남가좌2동": ("남가좌동", 37.5790, 126.9170),
    "북가좌1동": ("북가좌동", 37.5780, 126.9110), "북가좌2동": ("북가좌동", 37.5830, 126.9130),
}
AS_OF = dt.date(2025, 12, 31)  # the demo's tables end here, whatever day the demo is loaded


@dataclass
class Context:
    district: str
    open_code: str
    dongs: list[str]
    rng: random.Random

    def place(self, dong: str | None = None) -> tuple[str, str, str, float, float]:
        """(행정동, lot-number address, road address, lat, lon) somewhere in a dong."""
        rng = self.rng
        dong = dong or rng.choice(self.dongs)
        legal, lat, lon = DONG_PLACES.get(dong, (dong, 37.579, 126.937))
        lat, lon = lat + rng.uniform(-0.004, 0.004), lon + rng.uniform(-0.005, 0.005)
        lot = f"서울특별시 {self.district} {legal} {rng.randint(1, 480)}-{rng.randint(1, 40)}"
        road = f"서울특별시 {self.district} {rng.choice(ROADS)} {rng.randint(1, 320)} ({dong})"
        return dong, lot, road, round(lat, 6), round(lon, 6)


def epsg5174(lat: float, lon: float) -> tuple[float, float]:
    """Rough EPSG:5174 (Bessel, modified central belt) coordinates for a point near Seoul: linear
    about the district, good to a few hundred metres, which is all a synthetic table needs."""
    x = 200_000 + (lon - 127.0028902778) * 111_320 * math.cos(math.radians(lat))
    y = 500_000 - (38.0 - lat) * 110_990
    return round(x, 4), round(y, 4)


def made_up_name(rng: random.Random, suffixes: Sequence[str]) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))) + rng.choice(suffixes)


def office_phone(rng: random.Random) -> str:
    return f"02-{rng.randint(300, 399)}-{rng.randint(1000, 9999)}"


# ---------------------------------------------------------------- LOCALDATA 인허가

LOCALDATA_HEADER = [
    "번호", "개방서비스명", "개방서비스아이디", "개방자치단체코드", "관리번호", "인허가일자", "인허가취소일자",
    "영업상태구분코드", "영업상태명", "상세영업상태코드", "상세영업상태명", "폐업일자", "휴업시작일자", "휴업종료일자",
    "소재지전화", "소재지면적", "소재지전체주소", "도로명전체주소", "도로명우편번호", "사업장명", "최종수정시점",
    "데이터갱신구분", "데이터갱신일자", "업태구분명", "좌표정보(x)", "좌표정보(y)",
]


def localdata(service: str, service_id: str, count: int, trades: Sequence[str], suffixes: Sequence[str],
              since: int = 1990, hazard: float = 0.075) -> Callable[[Context], Table]:
    """A licence table: openings spread over the years (more recently), each business closing
    with a yearly hazard that eases with age; some closures by cancellation, a few on 휴업."""

    def build(ctx: Context) -> Table:
        rng = ctx.rng
        span = (AS_OF - dt.date(since, 1, 1)).days
        rows: list[list[object]] = []
        for n in range(1, count + 1):
            opened = dt.date(since, 1, 1) + dt.timedelta(days=int(span * rng.random() ** 0.7))
            closed: dt.date | None = None
            day = opened
            while closed is None:
                years = (day - opened).days / 365
                day += dt.timedelta(days=365)
                if day > AS_OF:
                    break
                if rng.random() < hazard * (1.6 if years < 3 else 1.0 if years < 8 else 0.6):
                    closed = day - dt.timedelta(days=rng.randint(0, 364))
            status_code, status, detail_code, detail = "01", "영업/정상", "1", "영업"
            cancelled = ""
            pause_from = pause_to = ""
            if closed is not None and rng.random() < 0.07:
                status_code, status, detail_code, detail = "03", "취소/말소/만료/정지/중지", "5", "직권말소"
                cancelled = closed.strftime("%Y%m%d")
            elif closed is not None:
                status_code, status, detail_code, detail = "03", "폐업", "2", "폐업"
            elif rng.random() < 0.02:
                status_code, status, detail_code, detail = "02", "휴업", "3", "휴업"
                start = AS_OF - dt.timedelta(days=rng.randint(30, 300))
                pause_from, pause_to = start.strftime("%Y%m%d"), (start + dt.timedelta(days=365)).strftime("%Y%m%d")
            _dong, lot, road, lat, lon = ctx.place()
            x, y = epsg5174(lat, lon)
            modified = (closed or opened) + dt.timedelta(days=rng.randint(0, 90))
            rows.append([
                n, service, service_id, ctx.open_code, f"{ctx.open_code}-{service_id[-3:]}-{opened.year}-{n:05d}",
                opened.strftime("%Y%m%d"), cancelled, status_code, status, detail_code, detail,
                closed.strftime("%Y%m%d") if closed and not cancelled else "", pause_from, pause_to,
                office_phone(rng) if rng.random() < 0.6 else "", f"{rng.uniform(12, 420):.2f}", lot, road,
                f"0{rng.randint(3600, 3799)}", made_up_name(rng, suffixes),
                min(modified, AS_OF).strftime("%Y-%m-%d %H:%M:%S"), rng.choice(["I", "U"]),
                min(modified, AS_OF).strftime("%Y-%m-%d"), rng.choice(trades), f"{x:.4f}", f"{y:.4f}",
            ])
        return LOCALDATA_HEADER, rows

    return build


# ---------------------------------------------------------------- facilities

Extra = tuple[str, str, object, object]  # (header, kind, a, b)


def _value(rng: random.Random, kind: str, a: object, b: object) -> object:
    if kind == "int":
        return rng.randint(int(a), int(b))  # type: ignore[call-overload]
    if kind == "money":
        return f"{rng.randint(int(a), int(b)) // 10 * 10:,}"  # type: ignore[call-overload]
    if kind == "dec":
        return f"{rng.uniform(float(a), float(b)):,.2f}"  # type: ignore[arg-type]
    if kind == "year":
        return rng.randint(int(a), int(b))  # type: ignore[call-overload]
    if kind == "date":
        start = dt.date(int(a), 1, 1)  # type: ignore[call-overload]
        return (start + dt.timedelta(days=rng.randint(0, (dt.date(int(b), 12, 31) - start).days))).strftime(  # type: ignore[call-overload]
            rng.choice(["%Y-%m-%d", "%Y.%m.%d", "%Y%m%d"]) if a == 1990 else "%Y-%m-%d")
    if kind == "choice":
        return rng.choice(list(a))  # type: ignore[call-overload]
    if kind == "hours":
        return f"{rng.choice(['06', '07', '09', '10'])}:00~{rng.choice(['18', '20', '21', '22'])}:00"
    if kind == "yn":
        return "Y" if rng.random() < float(a) else "N"  # type: ignore[arg-type]
    if kind == "mobile":  # a person's mobile (random digits): flagged by the personal-data scan
        return f"010-{rng.randint(2000, 9999)}-{rng.randint(1000, 9999)}"
    raise ValueError(kind)


def facilities(name: str, count: int, extras: Sequence[Extra] = (), manager: str = "서대문구청") -> Callable[[Context], Table]:
    """A list of places: name (from `name`, with {dong} and {n}), dong, addresses, WGS84 point,
    who runs it, and the extra columns."""

    def build(ctx: Context) -> Table:
        rng = ctx.rng
        header = ["연번", "시설명", "행정동", "도로명주소", "지번주소", "위도", "경도"] + [e[0] for e in extras] + \
            ["관리기관", "관리기관 전화번호", "데이터기준일자"]
        rows: list[list[object]] = []
        for n in range(1, count + 1):
            dong, lot, road, lat, lon = ctx.place()
            rows.append([n, name.format(dong=dong, n=n, made=made_up_name(rng, [""])), dong, road, lot, lat, lon]
                        + [_value(rng, kind, a, b) for _h, kind, a, b in extras]
                        + [manager, f"02-330-{rng.randint(1000, 9999)}", AS_OF.isoformat()])
        return header, rows

    return build


# ---------------------------------------------------------------- statistics

Measure = tuple[str, int, int]  # (header, low, high)


def by_dong(measures: Sequence[Measure], periods: str = "months", thousands: bool = True) -> Callable[[Context], Table]:
    """One row per dong and period (months of 2024–2025 or years 2016–2025)."""

    def build(ctx: Context) -> Table:
        rng = ctx.rng
        keys = [f"{y}.{m:02d}" for y in (2024, 2025) for m in range(1, 13)] if periods == "months" \
            else [str(y) for y in range(2016, 2026)]
        base = {dong: [rng.randint(lo, hi) for _h, lo, hi in measures] for dong in ctx.dongs}
        header = ["기준월" if periods == "months" else "기준연도", "행정동"] + [h for h, _lo, _hi in measures]
        rows: list[list[object]] = []
        for i, key in enumerate(keys):
            for dong in ctx.dongs:
                trend = 1 + (i - len(keys) / 2) * rng.uniform(-0.004, 0.006)
                values = [max(0, int(v * trend * rng.uniform(0.97, 1.03))) for v in base[dong]]
                rows.append([key, dong] + [f"{v:,}" if thousands else v for v in values])
        return header, rows

    return build


def by_year(kinds_header: str, kinds: Sequence[str], measures: Sequence[Measure], since: int = 2012) -> Callable[[Context], Table]:
    """One row per year and kind (e.g. 민원 종류), numbers drifting from year to year."""

    def build(ctx: Context) -> Table:
        rng = ctx.rng
        header = ["연도", kinds_header] + [h for h, _lo, _hi in measures]
        rows: list[list[object]] = []
        for kind in kinds:
            values = [rng.randint(lo, hi) for _h, lo, hi in measures]
            for year in range(since, AS_OF.year + 1):
                values = [max(0, int(v * rng.uniform(0.9, 1.12))) for v in values]
                rows.append([year, kind] + values)
        return header, rows

    return build


def by_month(measures: Sequence[Measure], since: int = 2021) -> Callable[[Context], Table]:
    def build(ctx: Context) -> Table:
        rng = ctx.rng
        header = ["연월"] + [h for h, _lo, _hi in measures]
        rows: list[list[object]] = []
        for year in range(since, AS_OF.year + 1):
            for month in range(1, 13):
                season = 1 + 0.15 * math.sin((month - 1) / 12 * 2 * math.pi)
                rows.append([f"{year}-{month:02d}"] + [int(rng.randint(lo, hi) * season) for _h, lo, hi in measures])
        return header, rows

    return build


def listing(header: Sequence[str], count: int, makers: Sequence[Callable[[random.Random, int], object]]) -> Callable[[Context], Table]:
    """Any other list: one maker per column."""

    def build(ctx: Context) -> Table:
        return list(header), [[make(ctx.rng, n) for make in makers] for n in range(1, count + 1)]

    return build


# ---------------------------------------------------------------- the catalogue

@dataclass(frozen=True)
class Spec:
    slug: str
    title: str
    category: str
    department: str  # Department.code in the demo district
    cycle: str
    keywords: tuple[str, ...]
    table: Callable[[Context], Table]
    description: str = ""
    encoding: str = "utf-8-sig"
    temporal: tuple[int, int] | None = None
    tags: frozenset[str] = field(default_factory=frozenset)  # overdue, pending-pii, registered, draft


M, Q, Y, H, W, D, A = (UpdateCycle.MONTHLY, UpdateCycle.QUARTERLY, UpdateCycle.YEARLY, UpdateCycle.HALF_YEARLY,
                       UpdateCycle.WEEKLY, UpdateCycle.DAILY, UpdateCycle.AS_NEEDED)
FOOD_TRADES = ["한식", "분식", "중국식", "일식", "경양식", "호프/통닭", "패스트푸드", "김밥(도시락)", "뷔페식", "기타"]
CAFE_TRADES = ["커피숍", "다방", "아이스크림", "패스트푸드", "일반조리판매", "기타 휴게음식점"]
EATERY = ["식당", "분식", "반점", "국수", "밥상", "포차", "치킨", "김밥", "한상", ""]
SHOP = ["상회", "상사", "마트", "스토어", "", "점"]


def _localdata_specs() -> list[Spec]:
    licences = [
        # slug, title, service, service id, rows, trades, suffixes, since, hazard, dept, category
        ("restaurants", "일반음식점", "일반음식점", "07_24_04_P", 3000, FOOD_TRADES, EATERY, 1988, 0.08, "sanitation", "위생"),
        ("cafes", "휴게음식점", "휴게음식점", "07_24_05_P", 1500, CAFE_TRADES, ["카페", "커피", "라운지", "티하우스", ""], 1995, 0.11, "sanitation", "위생"),
        ("bakeries", "제과점영업", "제과점영업", "07_24_06_P", 320, ["제과점영업"], ["베이커리", "제과", "빵집"], 1992, 0.07, "sanitation", "위생"),
        ("hair-salons", "미용업", "미용업", "05_18_01_P", 1100, ["일반미용업", "피부미용업", "네일미용업", "종합미용업"], ["헤어", "미용실", "뷰티", "네일"], 1985, 0.07, "sanitation", "위생"),
        ("barbers", "이용업", "이용업", "05_17_01_P", 180, ["이용업"], ["이용원", "바버샵"], 1980, 0.05, "sanitation", "위생"),
        ("laundries", "세탁업", "세탁업", "05_19_01_P", 260, ["일반세탁업", "셀프빨래방"], ["세탁소", "크리닝", "빨래방"], 1985, 0.05, "sanitation", "위생"),
        ("lodgings", "숙박업", "숙박업", "05_16_01_P", 140, ["일반숙박업", "생활숙박업", "여관업"], ["모텔", "게스트하우스", "호텔", "스테이"], 1985, 0.05, "sanitation", "위생"),
        ("pharmacies", "약국", "약국", "01_01_06_P", 230, ["약국"], ["약국"], 1985, 0.04, "health-centre", "보건"),
        ("clinics", "의원", "의원", "01_01_02_P", 380, ["내과", "소아청소년과", "이비인후과", "정형외과", "피부과", "가정의학과", "안과"], ["의원", "내과의원", "클리닉"], 1985, 0.04, "health-centre", "보건"),
        ("dental-clinics", "치과의원", "치과의원", "01_01_03_P", 190, ["치과의원"], ["치과의원", "치과"], 1985, 0.04, "health-centre", "보건"),
        ("opticians", "안경업", "안경업", "01_03_02_P", 140, ["안경업"], ["안경", "안경원"], 1985, 0.05, "health-centre", "보건"),
        ("karaoke", "노래연습장업", "노래연습장업", "03_13_04_P", 230, ["노래연습장업"], ["노래연습장", "코인노래방"], 1993, 0.09, "culture-sports", "문화"),
        ("pc-rooms", "인터넷컴퓨터게임시설제공업", "인터넷컴퓨터게임시설제공업", "03_13_02_P", 190, ["인터넷컴퓨터게임시설제공업"], ["PC방", "피씨"], 1999, 0.14, "culture-sports", "문화"),
        ("gyms", "체력단련장업", "체력단련장업", "10_39_08_P", 150, ["체력단련장업"], ["짐", "피트니스", "헬스"], 1995, 0.09, "culture-sports", "문화"),
        ("animal-hospitals", "동물병원", "동물병원", "02_03_01_P", 75, ["동물병원"], ["동물병원", "동물의료센터"], 1990, 0.04, "local-revitalisation", "축산"),
        ("pet-shops", "동물판매업", "동물판매업", "02_03_06_P", 60, ["동물판매업"], ["펫샵", "펫"], 2008, 0.1, "local-revitalisation", "축산"),
        ("bars", "단란주점영업", "단란주점영업", "07_23_04_P", 110, ["단란주점"], ["주점", "노래주점", ""], 1990, 0.09, "sanitation", "위생"),
        ("canteens", "집단급식소", "집단급식소", "07_24_01_P", 160, ["학교", "병원", "산업체", "사회복지시설", "기타"], ["급식소", "구내식당"], 1995, 0.04, "sanitation", "위생"),
        ("food-makers", "식품제조가공업", "식품제조가공업", "07_22_01_P", 90, ["식품제조가공업"], ["식품", "푸드", "떡방앗간"], 1990, 0.06, "local-revitalisation", "지역산업"),
        ("tobacco", "담배소매업", "담배소매업", "11_43_02_P", 520, ["담배소매업"], SHOP, 1988, 0.05, "local-revitalisation", "지역산업"),
    ]
    specs = []
    for i, (slug, title, service, sid, rows, trades, suffixes, since, hazard, dept, category) in enumerate(licences):
        specs.append(Spec(
            f"seodaemun-{slug}", f"서대문구 {title} 인허가 정보", category, dept, M,
            (title, "인허가", "LOCALDATA", "상권"), localdata(service, sid, rows, trades, suffixes, since, hazard),
            f"LOCALDATA 형식의 {title} 인허가 목록(가상 자료). 상권분석에 씁니다.",
            # Real LOCALDATA files come in CP949; the demo keeps that for half of them.
            encoding="cp949" if i % 2 == 0 else "utf-8-sig", temporal=(since, AS_OF.year),
            tags=frozenset({"registered"} if i % 3 == 0 else {"overdue"} if i % 7 == 5 else set()),
        ))
    return specs


FACILITIES: list[tuple[str, str, str, str, str, int, str, list[Extra], tuple[str, ...], str]] = [
    # slug, title, category, dept, cycle, rows, name pattern, extras, keywords, tags (comma)
    ("public-parking", "공영주차장 현황", "지역산업", "transport", Q, 60, "{dong} 제{n}공영주차장",
     [("주차면수", "int", 8, 220), ("기본요금(원)", "choice", ("300", "400", "500"), None), ("운영시간", "hours", 0, 0),
      ("공유 가능", "yn", 0.4, None)], ("주차장", "공영", "공유주차"), "registered"),
    ("resident-parking", "거주자우선주차 구획 현황", "지역산업", "transport", M, 400, "{dong} 거주자우선 {n}구획",
     [("구획 수", "int", 1, 12), ("월 요금(원)", "money", 30000, 60000), ("공유 시간대", "choice", ("없음", "주간", "야간"), None)],
     ("주차", "거주자우선주차"), "overdue"),
    ("public-toilets", "공중화장실 현황", "환경", "sanitation", H, 90, "{made} 공중화장실",
     [("남녀공용 여부", "yn", 0.2, None), ("장애인용 변기", "int", 0, 3), ("비상벨 설치", "yn", 0.8, None), ("개방시간", "hours", 0, 0)],
     ("화장실", "개방화장실"), "registered"),
    ("heat-shelters", "무더위쉼터 현황", "안전·재난·지적", "admin-affairs", Y, 120, "{dong} {made} 무더위쉼터",
     [("시설 구분", "choice", ("경로당", "주민센터", "복지관", "금융기관"), None), ("이용가능인원", "int", 10, 80),
      ("냉방기 대수", "int", 1, 6), ("운영시간", "hours", 0, 0)], ("무더위쉼터", "폭염"), "registered"),
    ("cold-shelters", "한파쉼터 현황", "안전·재난·지적", "admin-affairs", Y, 90, "{dong} {made} 한파쉼터",
     [("이용가능인원", "int", 10, 60), ("난방기 대수", "int", 1, 5)], ("한파쉼터", "겨울"), ""),
    ("senior-centres", "경로당 현황", "복지·어르신·장애인", "welfare-policy", Y, 150, "{made}경로당",
     [("회원 수", "int", 15, 120), ("면적(㎡)", "dec", 40, 400), ("회장 연락처", "mobile", 0, 0)],
     ("경로당", "어르신"), "pending-pii"),
    ("daycare", "어린이집 현황", "여성·보육·아동청소년", "women-family", Q, 180, "{made}어린이집",
     [("유형", "choice", ("국공립", "민간", "가정", "직장", "사회복지법인"), None), ("정원", "int", 15, 120),
      ("현원", "int", 10, 110), ("보육교직원 수", "int", 3, 30), ("통학차량 운영", "yn", 0.3, None)], ("어린이집", "보육"), "registered"),
    ("libraries", "공공·작은도서관 현황", "문화·체육·교육", "culture-sports", H, 45, "{dong} {made}작은도서관",
     [("장서 수", "int", 2000, 60000), ("좌석 수", "int", 10, 200), ("휴관일", "choice", ("월요일", "법정공휴일", "매주 일요일"), None)],
     ("도서관", "작은도서관"), "registered"),
    ("parks", "도시공원 현황", "환경·공원·상수도", "construction", Y, 70, "{made}공원",
     [("공원 구분", "choice", ("근린공원", "어린이공원", "소공원", "문화공원"), None), ("면적(㎡)", "dec", 300, 250000),
      ("지정일자", "date", 1970, 2020)], ("공원", "녹지"), "registered"),
    ("playgrounds", "어린이놀이시설 현황", "여성·보육·아동청소년", "women-family", H, 160, "{made} 놀이터",
     [("설치장소", "choice", ("도시공원", "주택단지", "어린이집", "학교"), None), ("안전검사일", "date", 2023, 2025)],
     ("놀이터", "어린이"), ""),
    ("cctv", "방범용 CCTV 설치 현황", "안전·재난·지적", "it", Q, 900, "{dong} 방범CCTV {n}",
     [("카메라 대수", "int", 1, 4), ("화소수(만)", "choice", ("200", "400", "800"), None), ("설치연도", "year", 2008, 2025),
      ("촬영방면", "choice", ("360도", "북", "남", "동", "서"), None)], ("CCTV", "방범", "안전"), "registered"),
    ("security-lights", "보안등 현황", "안전·재난·지적", "construction", Y, 1200, "{dong} 보안등 {n}",
     [("등 종류", "choice", ("LED", "나트륨"), None), ("소비전력(W)", "choice", ("40", "60", "100"), None), ("설치연도", "year", 1995, 2025)],
     ("보안등", "가로등"), "overdue"),
    ("public-wifi", "공공 와이파이 설치 현황", "감사·교통·전산화", "it", H, 260, "{dong} 공공WiFi {n}",
     [("설치 장소 유형", "choice", ("버스정류소", "공원", "전통시장", "주민센터", "거리"), None), ("설치연도", "year", 2012, 2025),
      ("SSID", "choice", ("Seoul_Secure", "Seoul", "Public WiFi Free"), None)], ("와이파이", "무선인터넷"), "registered"),
    ("ev-chargers", "전기차 충전소 현황", "환경", "transport", M, 140, "{made} 전기차충전소",
     [("충전기 대수", "int", 1, 10), ("충전 방식", "choice", ("완속", "급속", "완속+급속"), None), ("이용 요금(원/kWh)", "dec", 290, 390)],
     ("전기차", "충전소"), "overdue"),
    ("bike-stations", "공공자전거 대여소 현황", "감사·교통·전산화", "transport", Q, 110, "{dong} {n}번 대여소",
     [("거치대 수", "int", 5, 30), ("설치일자", "date", 2015, 2025)], ("따릉이", "자전거"), "registered"),
    ("bus-stops", "버스정류소 현황", "감사·교통·전산화", "transport", H, 420, "{made}정류장",
     [("정류소 번호", "int", 13001, 13999), ("승차대 설치", "yn", 0.7, None), ("BIT 설치", "yn", 0.5, None)], ("버스", "정류소"), ""),
    ("bike-racks", "자전거 보관대 현황", "감사·교통·전산화", "transport", Y, 230, "{dong} 자전거보관대 {n}",
     [("보관 대수", "int", 5, 60), ("지붕 설치", "yn", 0.3, None)], ("자전거", "보관대"), ""),
    ("clothes-bins", "의류수거함 현황", "환경·공원·상수도", "sanitation", H, 380, "{dong} 의류수거함 {n}",
     [("관리 단체", "choice", ("서대문구", "복지단체", "장애인단체"), None)], ("의류수거함", "재활용"), ""),
    ("battery-bins", "폐건전지·폐형광등 수거함 현황", "환경·공원·상수도", "sanitation", Y, 160, "{dong} 수거함 {n}",
     [("수거 품목", "choice", ("폐건전지", "폐형광등", "폐건전지+폐형광등"), None)], ("폐건전지", "재활용"), ""),
    ("civil-defence", "민방위 대피시설 현황", "안전·재난·지적", "admin-affairs", Y, 95, "{made} 대피시설",
     [("시설 구분", "choice", ("지하주차장", "지하철역", "지하상가", "건물 지하층"), None), ("면적(㎡)", "dec", 200, 9000),
      ("수용인원", "int", 200, 9000)], ("민방위", "대피소"), "registered"),
    ("earthquake-areas", "지진 옥외대피장소 현황", "안전·재난·지적", "admin-affairs", Y, 40, "{made} 옥외대피장소",
     [("면적(㎡)", "dec", 800, 20000), ("수용인원", "int", 300, 8000)], ("지진", "대피"), ""),
    ("snow-boxes", "제설함 설치 현황", "안전·재난·지적", "construction", Y, 310, "{dong} 제설함 {n}",
     [("보관 물품", "choice", ("염화칼슘", "모래", "염화칼슘+모래"), None), ("용량(포)", "int", 5, 30)], ("제설", "겨울"), ""),
    ("aed", "자동심장충격기(AED) 설치 현황", "건강·식품 위생", "health-centre", H, 170, "{made} AED",
     [("설치 장소", "choice", ("공동주택", "주민센터", "지하철역", "학교", "체육시설"), None), ("배터리 교체일", "date", 2022, 2025),
      ("24시간 이용", "yn", 0.4, None)], ("AED", "심장충격기", "응급"), "registered"),
    ("no-smoking-zones", "금연구역 지정 현황", "건강·식품 위생", "health-centre", H, 520, "{dong} 금연구역 {n}",
     [("구역 유형", "choice", ("버스정류소", "어린이공원", "학교 절대보호구역", "거리"), None), ("지정일자", "date", 2012, 2025)],
     ("금연구역", "흡연"), ""),
    ("smoking-areas", "실외 흡연구역 현황", "건강·식품 위생", "health-centre", Y, 25, "{dong} 흡연구역 {n}",
     [("형태", "choice", ("개방형", "폐쇄형"), None)], ("흡연구역",), ""),
    ("sports-facilities", "공공체육시설 현황", "문화·체육·교육", "culture-sports", Y, 55, "{made}체육관",
     [("시설 종류", "choice", ("다목적체육관", "수영장", "테니스장", "풋살장", "배드민턴장"), None), ("면적(㎡)", "dec", 200, 6000),
      ("이용료(원)", "money", 1000, 8000)], ("체육시설", "운동"), "registered"),
    ("senior-meals", "경로식당 현황", "복지·어르신·장애인", "welfare-policy", Y, 30, "{made} 경로식당",
     [("1일 급식 인원", "int", 30, 250), ("운영 요일", "choice", ("월~금", "월~토"), None)], ("경로식당", "무료급식"), ""),
    ("welfare-centres", "사회복지관 현황", "복지·어르신·장애인", "welfare-policy", Y, 12, "{made}종합사회복지관",
     [("운영 법인", "choice", ("사회복지법인", "재단법인", "종교법인"), None), ("종사자 수", "int", 15, 60)], ("복지관",), "registered"),
    ("child-centres", "지역아동센터 현황", "여성·보육·아동청소년", "women-family", H, 40, "{made}지역아동센터",
     [("정원", "int", 19, 49), ("운영시간", "hours", 0, 0)], ("지역아동센터", "돌봄"), ""),
    ("youth-facilities", "청소년시설 현황", "여성·보육·아동청소년", "women-family", Y, 14, "{made} 청소년센터",
     [("시설 종류", "choice", ("청소년수련관", "청소년문화의집", "청소년독서실"), None)], ("청소년",), ""),
    ("learning-centres", "평생학습기관 현황", "문화·체육·교육", "culture-sports", Y, 85, "{made} 평생학습센터",
     [("기관 유형", "choice", ("주민센터", "도서관", "대학", "민간 학원"), None), ("연간 강좌 수", "int", 4, 80)], ("평생학습", "강좌"), ""),
    ("markets", "전통시장 현황", "지역산업", "local-revitalisation", Y, 11, "{made}시장",
     [("점포 수", "int", 30, 250), ("고객 주차장", "yn", 0.5, None), ("온누리상품권 가맹", "yn", 0.95, None)], ("전통시장", "상권"), "registered"),
    ("shared-spaces", "공공시설 개방 현황", "공통업무", "admin-affairs", M, 75, "{dong} {made} 회의실",
     [("수용인원", "int", 6, 80), ("이용료(원/시간)", "money", 0, 30000), ("예약 방법", "choice", ("온라인", "방문", "전화"), None)],
     ("공유공간", "회의실", "대관"), "overdue"),
    ("heritage", "문화유산 현황", "문화", "culture-sports", A, 28, "{made} 유적",
     [("지정 구분", "choice", ("국가지정", "서울시지정", "등록문화유산", "비지정"), None), ("지정일자", "date", 1963, 2020)],
     ("문화유산", "역사"), "registered"),
    ("tourist-spots", "관광명소 현황", "문화", "culture-sports", A, 35, "{made} 명소",
     [("분류", "choice", ("자연", "역사", "문화", "쇼핑", "음식"), None), ("입장료(원)", "money", 0, 5000)], ("관광", "명소"), ""),
    ("street-trees", "가로수 현황", "환경·공원·상수도", "construction", Y, 1500, "{dong} 가로수 {n}",
     [("수종", "choice", ("은행나무", "양버즘나무", "이팝나무", "느티나무", "벚나무"), None), ("흉고직경(cm)", "int", 8, 60),
      ("식재연도", "year", 1975, 2024)], ("가로수", "나무"), ""),
    ("street-vendors", "거리가게 허가 현황", "지역산업", "construction", H, 65, "{made} 거리가게",
     [("판매 품목", "choice", ("음식", "잡화", "구두수선", "가판대"), None), ("점용면적(㎡)", "dec", 2, 6),
      ("운영자 연락처", "mobile", 0, 0)], ("거리가게", "노점"), "pending-pii"),
    ("volunteer-places", "자원봉사 수요처 현황", "공통업무", "admin-affairs", H, 120, "{made} 봉사터",
     [("분야", "choice", ("노인", "아동", "장애인", "환경", "문화"), None), ("담당자 휴대전화", "mobile", 0, 0)],
     ("자원봉사", "봉사"), "pending-pii"),
    ("disabled-parking", "장애인 전용 주차구역 현황", "복지·어르신·장애인", "transport", Y, 140, "{made} 장애인주차구역",
     [("구획 수", "int", 1, 8)], ("장애인", "주차"), ""),
    ("fire-hydrants", "비상소화장치 현황", "안전·재난·지적", "admin-affairs", Y, 110, "{dong} 비상소화장치 {n}",
     [("호스 길이(m)", "choice", ("15", "30"), None), ("점검일", "date", 2024, 2025)], ("소화장치", "화재"), ""),
    ("drinking-fountains", "음수대 현황", "환경·공원·상수도", "construction", Y, 60, "{made} 음수대",
     [("수질검사일", "date", 2024, 2025), ("적합 여부", "choice", ("적합", "적합", "적합", "부적합"), None)], ("음수대", "수돗물"), ""),
    ("slopes", "급경사지 관리 현황", "안전·재난·지적", "construction", Y, 45, "{made} 급경사지",
     [("위험등급", "choice", ("A", "B", "C", "D"), None), ("높이(m)", "dec", 5, 40), ("점검일", "date", 2024, 2025)], ("급경사지", "안전"), ""),
    ("flood-gates", "침수 방지시설 현황", "안전·재난·지적", "construction", Y, 80, "{made} 물막이판",
     [("설치 구분", "choice", ("물막이판", "역류방지기", "빗물받이 덮개"), None), ("설치연도", "year", 2011, 2025)], ("침수", "수해"), ""),
    ("public-housing", "공공임대주택 현황", "주택·도시계획·건축", "construction", Y, 48, "{made} 행복주택",
     [("공급 유형", "choice", ("영구임대", "국민임대", "행복주택", "매입임대"), None), ("세대 수", "int", 8, 600),
      ("준공연도", "year", 1990, 2025)], ("임대주택", "주거"), "registered"),
    ("apartments", "공동주택 현황", "주택·도시계획·건축", "construction", Y, 160, "{made}아파트",
     [("동 수", "int", 1, 30), ("세대 수", "int", 30, 3500), ("사용승인일", "date", 1990, 2024), ("최고층수", "int", 5, 35)],
     ("아파트", "공동주택"), ""),
]

BY_DONG: list[tuple[str, str, str, str, str, list[Measure], str, tuple[str, ...], str]] = [
    # slug, title, category, dept, periods, measures, cycle, keywords, tags
    ("population-by-dong", "행정동별 주민등록 인구", "일자리·경제·자치행정", "admin-affairs", "months",
     [("세대수", 6000, 15000), ("인구(계)", 15000, 32000), ("인구(남)", 7000, 16000), ("인구(여)", 7500, 17000),
      ("65세 이상", 2500, 7000)], M, ("인구", "세대", "행정동"), "registered"),
    ("households-by-size", "행정동별 세대원수별 세대", "일자리·경제·자치행정", "admin-affairs", "months",
     [("1인 세대", 2500, 8000), ("2인 세대", 1500, 4000), ("3인 세대", 900, 2500), ("4인 이상 세대", 700, 2200)],
     M, ("세대", "1인가구"), "overdue"),
    ("foreign-residents", "행정동별 등록외국인 현황", "일자리·경제·자치행정", "admin-affairs", "years",
     [("등록외국인", 150, 3500), ("외국국적동포", 50, 900), ("유학생", 10, 3000)], Y, ("외국인", "다문화"), ""),
    ("seniors-living-alone", "행정동별 홀몸 어르신 현황", "복지·어르신·장애인", "welfare-policy", "years",
     [("홀몸 어르신", 300, 1500), ("돌봄 서비스 이용", 60, 400)], Y, ("어르신", "독거"), ""),
    ("basic-livelihood", "행정동별 국민기초생활보장 수급자 현황", "복지·어르신·장애인", "welfare-policy", "months",
     [("수급 가구", 300, 1600), ("수급자", 400, 2100), ("생계급여", 250, 1300), ("의료급여", 280, 1400)],
     M, ("기초생활", "수급자", "복지"), "registered"),
    ("basic-pension", "행정동별 기초연금 수급자 현황", "복지·어르신·장애인", "welfare-policy", "years",
     [("수급자", 1200, 5000), ("지급액(천원)", 300000, 1500000)], Y, ("기초연금", "어르신"), ""),
    ("disabled-residents", "행정동별 등록장애인 현황", "복지·어르신·장애인", "welfare-policy", "years",
     [("심한 장애", 200, 700), ("심하지 않은 장애", 400, 1200)], Y, ("장애인",), "registered"),
    ("births-deaths", "행정동별 출생·사망 신고", "일자리·경제·자치행정", "admin-affairs", "months",
     [("출생", 5, 40), ("사망", 8, 45), ("혼인", 5, 35), ("이혼", 1, 12)], M, ("출생", "사망", "인구동태"), ""),
    ("moves", "행정동별 전입·전출", "일자리·경제·자치행정", "admin-affairs", "months",
     [("전입", 200, 900), ("전출", 200, 950)], M, ("전입", "전출", "이사"), "overdue"),
    ("waste-by-dong", "행정동별 생활폐기물 배출량", "환경·공원·상수도", "sanitation", "months",
     [("종량제(톤)", 150, 600), ("재활용(톤)", 60, 260), ("음식물(톤)", 90, 380)], M, ("쓰레기", "폐기물", "재활용"), "registered"),
    ("bulky-waste", "행정동별 대형폐기물 신고 건수", "환경·공원·상수도", "sanitation", "months",
     [("신고 건수", 80, 500), ("수수료(원)", 800000, 4500000)], M, ("대형폐기물", "폐가구"), ""),
    ("parking-fines", "행정동별 불법 주정차 단속 건수", "감사·교통·전산화", "transport", "months",
     [("단속 건수", 300, 2500), ("CCTV 단속", 150, 1600), ("견인", 0, 60)], M, ("불법주정차", "단속"), ""),
    ("civil-complaints-dong", "행정동별 민원 접수 건수", "공통업무", "admin-affairs", "months",
     [("방문 민원", 800, 3000), ("온라인 민원", 200, 1500), ("무인발급기", 300, 1800)], M, ("민원", "주민센터"), ""),
    ("certificates", "행정동별 제증명 발급 건수", "공통업무", "admin-affairs", "months",
     [("주민등록등본", 600, 2600), ("인감증명", 200, 900), ("가족관계증명", 150, 700)], M, ("제증명", "발급"), "registered"),
    ("vaccinations", "행정동별 예방접종 건수", "보건", "health-centre", "months",
     [("어린이", 60, 400), ("어르신 독감", 0, 3000), ("기타", 20, 200)], M, ("예방접종", "보건소"), ""),
    ("health-checks", "행정동별 건강검진 수검자", "건강·식품 위생", "health-centre", "years",
     [("일반검진", 4000, 12000), ("암검진", 2000, 8000)], Y, ("건강검진",), ""),
    ("dementia", "행정동별 치매 선별검사 현황", "보건", "health-centre", "years",
     [("선별검사", 300, 1500), ("정밀검사 의뢰", 20, 150)], Y, ("치매", "어르신"), ""),
    ("daycare-waiting", "행정동별 어린이집 입소 대기 아동", "여성·보육·아동청소년", "women-family", "months",
     [("대기 아동", 20, 400)], M, ("어린이집", "대기"), "overdue"),
    ("child-allowance", "행정동별 아동수당 지급 현황", "여성·보육·아동청소년", "women-family", "months",
     [("지급 아동", 300, 1800), ("지급액(천원)", 30000, 180000)], M, ("아동수당",), ""),
    ("volunteers-by-dong", "행정동별 자원봉사자 등록 현황", "공통업무", "admin-affairs", "years",
     [("등록 봉사자", 400, 3000), ("활동 시간", 5000, 40000)], Y, ("자원봉사",), ""),
    ("local-tax-dong", "행정동별 지방세 부과 현황", "세금·계약·재정", "admin-affairs", "years",
     [("부과 건수", 5000, 25000), ("부과액(천원)", 2000000, 16000000)], Y, ("지방세", "세금"), "registered"),
    ("property-tax-dong", "행정동별 재산세 부과 현황", "세금·계약·재정", "admin-affairs", "years",
     [("주택분 건수", 4000, 16000), ("건축물분 건수", 300, 2500), ("부과액(천원)", 1500000, 12000000)], Y, ("재산세",), ""),
    ("building-permits-dong", "행정동별 건축 인허가 현황", "주택·도시계획·건축", "construction", "years",
     [("신축", 5, 80), ("증축", 2, 30), ("대수선", 0, 15), ("용도변경", 3, 40)], Y, ("건축허가", "건축"), ""),
    ("empty-houses", "행정동별 빈집 현황", "주택·도시계획·건축", "construction", "years",
     [("빈집", 5, 90), ("정비 완료", 0, 20)], Y, ("빈집", "주거"), ""),
    ("housing-types", "행정동별 주택 유형", "주택·도시계획·건축", "construction", "years",
     [("단독", 300, 2500), ("다세대", 800, 5000), ("아파트", 500, 9000), ("오피스텔", 50, 2000)], Y, ("주택", "주거"), ""),
    ("cctv-by-dong", "행정동별 CCTV 설치 대수", "안전·재난·지적", "it", "years",
     [("방범", 40, 250), ("어린이보호", 10, 80), ("쓰레기 무단투기", 5, 50)], Y, ("CCTV",), ""),
    ("fires", "행정동별 화재 발생 현황", "안전·재난·지적", "admin-affairs", "years",
     [("화재 건수", 2, 40), ("인명 피해", 0, 6), ("재산 피해(천원)", 5000, 300000)], Y, ("화재", "안전"), ""),
    ("traffic-accidents", "행정동별 교통사고 현황", "감사·교통·전산화", "transport", "years",
     [("사고 건수", 40, 320), ("사망", 0, 4), ("부상", 50, 420)], Y, ("교통사고", "안전"), "registered"),
    ("noise-complaints", "행정동별 소음 민원 현황", "환경", "sanitation", "years",
     [("공사장 소음", 10, 200), ("생활 소음", 20, 300), ("확성기", 0, 40)], Y, ("소음", "민원"), ""),
    ("business-count", "행정동별 사업체 수", "지역산업", "local-revitalisation", "years",
     [("사업체", 600, 6000), ("종사자", 2000, 30000)], Y, ("사업체", "일자리"), ""),
    ("job-centre", "행정동별 일자리 상담 실적", "일자리·경제·자치행정", "local-revitalisation", "years",
     [("구직 등록", 80, 600), ("취업 연계", 20, 240)], Y, ("일자리", "취업"), ""),
    ("library-loans", "행정동별 도서 대출 현황", "문화·체육·교육", "culture-sports", "years",
     [("대출 권수", 8000, 90000), ("이용자 수", 3000, 30000)], Y, ("도서관", "대출"), ""),
    ("trees-planted", "행정동별 나무 심기 실적", "환경·공원·상수도", "construction", "years",
     [("교목(그루)", 20, 600), ("관목(그루)", 200, 8000)], Y, ("나무", "녹화"), ""),
    ("water-use", "행정동별 상수도 사용량", "환경·공원·상수도", "construction", "months",
     [("사용량(㎥)", 150000, 480000), ("급수 전수", 1500, 6000)], M, ("수도", "상수도"), ""),
    ("energy-use", "행정동별 전력 사용량", "환경", "sanitation", "months",
     [("주택용(MWh)", 2500, 9000), ("일반용(MWh)", 1500, 12000)], M, ("전력", "에너지"), ""),
]

BY_YEAR: list[tuple[str, str, str, str, str, tuple[str, ...], list[Measure], str, tuple[str, ...], str]] = [
    # slug, title, category, dept, kind header, kinds, measures, cycle, keywords, tags
    ("complaints-by-kind", "민원 처리 현황", "공통업무", "admin-affairs", "민원 종류",
     ("법정민원", "고충민원", "질의민원", "건의민원", "기타민원"), [("접수", 800, 30000), ("처리", 780, 29800), ("기한 내 처리", 750, 29500)],
     Y, ("민원",), "registered"),
    ("disclosure-requests", "정보공개 청구 처리 현황", "공통업무", "admin-affairs", "결정 구분",
     ("공개", "부분공개", "비공개", "정보부존재", "취하"), [("건수", 20, 1500)], Y, ("정보공개", "청구"), "registered"),
    ("budget", "세출 예산 현황", "세금·계약·재정", "policy-planning", "분야",
     ("일반공공행정", "공공질서및안전", "교육", "문화및관광", "환경", "사회복지", "보건", "국토및지역개발", "교통및물류"),
     [("예산액(백만원)", 5000, 450000), ("집행액(백만원)", 4500, 430000)], Y, ("예산", "세출", "재정"), "registered"),
    ("revenue", "세입 현황", "세금·계약·재정", "policy-planning", "세입 구분",
     ("지방세", "세외수입", "지방교부세", "조정교부금", "보조금"), [("예산액(백만원)", 20000, 300000), ("징수액(백만원)", 19000, 310000)],
     Y, ("세입", "재정"), ""),
    ("local-tax-items", "지방세 세목별 징수 실적", "세금·계약·재정", "admin-affairs", "세목",
     ("재산세", "주민세", "자동차세", "지방소득세", "등록면허세", "담배소비세"), [("부과(백만원)", 500, 90000), ("징수(백만원)", 450, 89000)],
     Y, ("지방세", "징수"), ""),
    ("contracts", "계약 현황", "세금·계약·재정", "policy-planning", "계약 방법",
     ("일반경쟁", "제한경쟁", "수의계약", "지명경쟁"), [("건수", 20, 900), ("계약금액(백만원)", 500, 90000)], Y, ("계약", "입찰"), "overdue"),
    ("waste-by-type", "폐기물 처리 현황", "환경·공원·상수도", "sanitation", "처리 방법",
     ("소각", "매립", "재활용", "음식물 자원화"), [("처리량(톤)", 3000, 90000), ("처리비(백만원)", 300, 9000)], Y, ("폐기물",), ""),
    ("air-quality-year", "대기질 연평균 농도", "환경", "sanitation", "측정 항목",
     ("미세먼지(㎍/㎥)", "초미세먼지(㎍/㎥)", "오존(ppb)", "이산화질소(ppb)"), [("연평균", 10, 50), ("최고", 60, 200)], Y, ("대기질", "미세먼지"), "registered"),
    ("welfare-budget", "복지 사업별 예산", "복지·어르신·장애인", "welfare-policy", "사업",
     ("기초생활보장", "노인복지", "장애인복지", "아동·보육", "여성·가족", "취약계층 지원"), [("예산(백만원)", 1000, 180000)],
     Y, ("복지", "예산"), ""),
    ("emergency-support", "긴급복지 지원 현황", "복지·어르신·장애인", "welfare-policy", "지원 종류",
     ("생계", "의료", "주거", "교육", "연료비"), [("지원 가구", 5, 900), ("지원액(백만원)", 10, 1800)], Y, ("긴급복지",), ""),
    ("infectious-disease", "법정 감염병 신고 현황", "보건", "health-centre", "감염병",
     ("결핵", "수두", "유행성이하선염", "A형간염", "쯔쯔가무시증"), [("신고", 0, 300)], Y, ("감염병", "보건소"), ""),
    ("clinic-visits", "보건소 진료 실적", "보건", "health-centre", "진료 구분",
     ("일반진료", "한방진료", "치과진료", "물리치료"), [("진료 인원", 500, 20000)], Y, ("보건소", "진료"), ""),
    ("food-inspections", "식품위생 점검 실적", "위생", "sanitation", "업종",
     ("일반음식점", "휴게음식점", "제과점", "집단급식소", "식품제조가공업"), [("점검", 50, 4000), ("위반", 0, 200), ("행정처분", 0, 120)],
     Y, ("위생점검", "식품"), "registered"),
    ("hygiene-grades", "음식점 위생등급 지정 현황", "위생", "sanitation", "등급",
     ("매우 우수", "우수", "좋음"), [("지정 업소", 5, 300)], Y, ("위생등급",), ""),
    ("livestock", "가축 사육 현황", "축산", "local-revitalisation", "축종",
     ("개", "고양이", "닭", "꿀벌(군)"), [("사육 가구", 0, 400), ("사육 수", 0, 3000)], Y, ("가축", "반려동물"), ""),
    ("pet-registrations", "반려동물 등록 현황", "축산", "local-revitalisation", "동물",
     ("개", "고양이"), [("신규 등록", 200, 3500), ("누적 등록", 4000, 40000)], Y, ("반려동물", "동물등록"), "registered"),
    ("stray-animals", "유실·유기동물 구조 현황", "축산", "local-revitalisation", "처리 결과",
     ("반환", "입양", "보호 중", "자연사"), [("마리", 5, 500)], Y, ("유기동물",), ""),
    ("festivals", "지역 축제 현황", "문화", "culture-sports", "축제",
     ("신촌 물총축제", "연희 문화마당", "홍제천 걷기", "안산 벚꽃길", "서대문 독립축제"), [("방문객", 5000, 250000), ("예산(백만원)", 20, 900)],
     Y, ("축제", "문화"), ""),
    ("culture-events", "문화행사 개최 실적", "문화", "culture-sports", "행사 분야",
     ("공연", "전시", "강연", "영화 상영", "체험"), [("행사 수", 5, 300), ("관람객", 300, 90000)], Y, ("공연", "전시"), ""),
    ("sports-programs", "생활체육 프로그램 운영", "문화·체육·교육", "culture-sports", "종목",
     ("수영", "요가", "배드민턴", "탁구", "걷기"), [("강좌", 2, 90), ("참여자", 50, 5000)], Y, ("생활체육", "운동"), ""),
    ("education-support", "교육경비 보조 현황", "문화·체육·교육", "culture-sports", "학교급",
     ("초등학교", "중학교", "고등학교", "특수학교"), [("학교 수", 1, 20), ("보조금(백만원)", 20, 1800)], Y, ("교육경비", "학교"), ""),
    ("road-works", "도로 굴착 허가 현황", "주택·도시계획·건축", "construction", "굴착 목적",
     ("상수도", "하수도", "도시가스", "전기", "통신"), [("허가 건수", 5, 400), ("굴착 길이(m)", 100, 25000)], Y, ("도로", "굴착"), ""),
    ("building-permits", "건축 인허가 현황", "주택·도시계획·건축", "construction", "용도",
     ("단독주택", "공동주택", "근린생활시설", "업무시설", "교육연구시설"), [("허가", 3, 180), ("연면적(㎡)", 500, 150000)], Y, ("건축",), "registered"),
    ("urban-regeneration", "도시재생 사업 현황", "주택·도시계획·건축", "construction", "사업",
     ("신촌 도시재생", "천연·충현 도시재생", "홍제 유진상가", "북가좌 골목"), [("사업비(백만원)", 300, 25000)], Y, ("도시재생",), ""),
    ("it-assets", "정보화 자산 현황", "감사·교통·전산화", "it", "자산 종류",
     ("서버", "네트워크 장비", "PC", "보안 장비", "소프트웨어"), [("수량", 5, 3500), ("취득가(백만원)", 50, 6000)], Y, ("정보화",), ""),
    ("audits", "자체 감사 결과", "감사·교통·전산화", "audit", "감사 종류",
     ("종합감사", "특정감사", "복무감사", "재무감사"), [("감사 건수", 0, 30), ("지적 건수", 0, 200), ("시정 금액(백만원)", 0, 900)],
     Y, ("감사",), "registered"),
    ("transport-subsidy", "교통 약자 이동 지원 현황", "감사·교통·전산화", "transport", "지원 종류",
     ("장애인 콜택시", "어르신 교통카드", "임산부 교통비"), [("이용 인원", 100, 30000), ("지원액(백만원)", 20, 3000)], Y, ("교통약자", "이동지원"), ""),
    ("parking-lot-use", "공영주차장 이용 실적", "지역산업", "transport", "주차장 구분",
     ("노외", "노상", "부설 개방"), [("이용 대수", 10000, 900000), ("수입(백만원)", 50, 3500)], Y, ("주차장", "이용"), ""),
    ("committees", "각종 위원회 운영 현황", "공통업무", "policy-planning", "분야",
     ("복지", "도시계획", "문화", "안전", "재정"), [("위원회 수", 1, 15), ("개최 횟수", 1, 60)], Y, ("위원회",), ""),
    ("staffing", "공무원 정원 현황", "공통업무", "policy-planning", "직렬",
     ("행정", "세무", "전산", "사회복지", "보건", "시설"), [("정원", 10, 700), ("현원", 10, 690)], Y, ("정원", "조직"), "registered"),
]

BY_MONTH: list[tuple[str, str, str, str, list[Measure], str, tuple[str, ...], str]] = [
    ("air-quality-month", "월별 대기질 측정 결과", "환경", "sanitation",
     [("미세먼지(㎍/㎥)", 15, 60), ("초미세먼지(㎍/㎥)", 8, 35), ("오존(ppb)", 10, 50)], M, ("대기질", "미세먼지"), "registered"),
    ("call-centre", "월별 구청 콜센터 상담 건수", "공통업무", "admin-affairs",
     [("전화 상담", 8000, 20000), ("문자 상담", 500, 3000), ("채팅 상담", 200, 2500)], M, ("콜센터", "상담"), ""),
    ("website-visits", "월별 누리집 방문자 수", "감사·교통·전산화", "it",
     [("방문자", 90000, 300000), ("페이지뷰", 500000, 1800000)], M, ("누리집", "방문"), "overdue"),
    ("marriage-registrations", "월별 혼인 신고 건수", "일자리·경제·자치행정", "admin-affairs",
     [("혼인", 60, 200), ("이혼", 20, 70)], M, ("혼인",), ""),
    ("heat-illness", "월별 온열·한랭 질환자 발생", "보건", "health-centre",
     [("온열 질환", 0, 20), ("한랭 질환", 0, 10)], M, ("폭염", "한파", "질환"), ""),
    ("library-visitors", "월별 구립도서관 이용자", "문화·체육·교육", "culture-sports",
     [("방문자", 20000, 70000), ("대출 권수", 30000, 90000)], M, ("도서관",), ""),
    ("towed-cars", "월별 견인 차량 현황", "감사·교통·전산화", "transport",
     [("견인", 10, 120), ("반환", 10, 115)], M, ("견인", "주차"), ""),
    ("recycling-month", "월별 재활용품 수거량", "환경·공원·상수도", "sanitation",
     [("종이(톤)", 300, 800), ("플라스틱(톤)", 150, 500), ("유리병(톤)", 40, 160), ("캔(톤)", 20, 90)], M, ("재활용",), "registered"),
    ("welfare-calls", "월별 복지 상담 건수", "복지·어르신·장애인", "welfare-policy",
     [("방문 상담", 300, 1200), ("전화 상담", 600, 2500)], M, ("복지", "상담"), ""),
    ("bike-rentals", "월별 공공자전거 대여 건수", "감사·교통·전산화", "transport",
     [("대여", 30000, 160000), ("반납", 30000, 160000)], M, ("따릉이", "자전거"), ""),
]


def _misc_specs() -> list[Spec]:
    def ymd(rng: random.Random, _n: int) -> str:
        return (dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 1094))).strftime("%Y-%m-%d")

    return [
        Spec("seodaemun-job-postings", "서대문구 일자리 구인 정보", "일자리·경제·자치행정", "local-revitalisation", W,
             ("일자리", "구인"), listing(["공고번호", "사업장명", "직종", "고용형태", "월 급여(원)", "근무지 행정동", "마감일"], 220, [
                 lambda r, n: f"J{2025_0000 + n}", lambda r, n: made_up_name(r, ["상사", "식품", "물류", "센터", "의원"]),
                 lambda r, n: r.choice(["사무보조", "요양보호사", "조리원", "배송기사", "경비원", "미화원", "판매원"]),
                 lambda r, n: r.choice(["정규직", "계약직", "시간제"]), lambda r, n: f"{r.randint(2_100, 4_200) * 1000:,}",
                 lambda r, n: r.choice(list(DONG_PLACES)), ymd]),
             "구청 일자리센터에 들어온 구인 공고(가상 자료)."),
        Spec("seodaemun-press-releases", "서대문구 보도자료 목록", "공통업무", "policy-planning", W, ("보도자료", "홍보"),
             listing(["번호", "제목", "담당 부서", "배포일"], 300, [
                 lambda r, n: n, lambda r, n: f"서대문구, {r.choice(['어르신', '청년', '주민', '소상공인'])} 위한 "
                 f"{r.choice(['지원 사업', '상담 창구', '축제', '교육 과정', '안전 점검'])} {r.choice(['시작', '확대', '운영', '모집'])}",
                 lambda r, n: r.choice(["정책기획담당관", "복지정책과", "문화체육과", "교통행정과", "보건소"]), ymd]),
             "보도자료 제목과 배포일(가상 자료)."),
        Spec("seodaemun-meal-menu", "서대문구 구내식당 식단", "공통업무", "admin-affairs", W, ("식단", "구내식당"),
             listing(["일자", "구분", "밥", "국", "반찬1", "반찬2", "열량(kcal)"], 250, [
                 ymd, lambda r, n: r.choice(["중식", "석식"]), lambda r, n: r.choice(["쌀밥", "잡곡밥", "콩밥"]),
                 lambda r, n: r.choice(["된장국", "미역국", "콩나물국", "육개장", "북엇국"]),
                 lambda r, n: r.choice(["제육볶음", "고등어구이", "닭갈비", "두부조림"]),
                 lambda r, n: r.choice(["김치", "시금치나물", "멸치볶음", "깍두기"]), lambda r, n: r.randint(650, 950)]),
             "구내식당 식단(가상 자료).", tags=frozenset({"overdue"})),
        Spec("seodaemun-street-events", "서대문구 도로 통제 일정", "감사·교통·전산화", "transport", D, ("도로통제", "행사"),
             listing(["번호", "통제 구간", "사유", "시작일", "통제 시간"], 120, [
                 lambda r, n: n, lambda r, n: f"{r.choice(ROADS)} {r.randint(1, 200)}~{r.randint(201, 400)}",
                 lambda r, n: r.choice(["행사", "공사", "집회", "축제"]), ymd, lambda r, n: "09:00~18:00"]),
             "도로 통제 일정(가상 자료)."),
        Spec("seodaemun-open-data-usage", "서대문구 공공데이터 활용 사례", "공통업무", "it", A, ("공공데이터", "활용"),
             listing(["번호", "서비스명", "활용 데이터", "분야", "공개일"], 24, [
                 lambda r, n: n, lambda r, n: made_up_name(r, ["맵", "알리미", "나우", "톡"]),
                 lambda r, n: r.choice(["공영주차장 현황", "무더위쉼터 현황", "일반음식점 인허가 정보", "공공 와이파이 설치 현황"]),
                 lambda r, n: r.choice(["교통", "생활", "안전", "상권"]), ymd]),
             "구의 공공데이터를 쓴 서비스(가상 자료).", tags=frozenset({"registered"})),
        Spec("seodaemun-council-bills", "서대문구의회 의안 처리 현황", "공통업무", "policy-planning", M, ("의회", "조례"),
             listing(["의안번호", "의안명", "제안자", "처리 결과", "의결일"], 180, [
                 lambda r, n: 1000 + n, lambda r, n: f"서울특별시 서대문구 {r.choice(['주차장', '복지', '청년', '도서관', '공원'])} 조례 일부개정조례안",
                 lambda r, n: r.choice(["구청장", "의원 발의", "위원회"]), lambda r, n: r.choice(["원안가결", "수정가결", "부결", "보류"]), ymd]),
             "구의회 의안(가상 자료)."),
    ]


def catalogue() -> list[Spec]:
    """Every demo dataset, in a fixed order (the seeded tables depend on it)."""
    specs = _localdata_specs()
    for slug, title, category, dept, cycle, rows, name, extras, keywords, tags in FACILITIES:
        specs.append(Spec(f"seodaemun-{slug}", f"서대문구 {title}", category, dept, cycle, keywords,
                          facilities(name, rows, extras), f"서대문구 {title}: 위치, 주소, 좌표와 관리 정보(가상 자료).",
                          tags=frozenset(t for t in tags.split(",") if t)))
    for slug, title, category, dept, periods, measures, cycle, keywords, tags in BY_DONG:
        since = 2024 if periods == "months" else 2016
        specs.append(Spec(f"seodaemun-{slug}", f"서대문구 {title}", category, dept, cycle, keywords + ("행정동",),
                          by_dong(measures, periods), f"{title}(가상 자료).", temporal=(since, AS_OF.year),
                          encoding="cp949" if len(specs) % 4 == 0 else "utf-8-sig",
                          tags=frozenset(t for t in tags.split(",") if t)))
    for slug, title, category, dept, kind_header, kinds, measures, cycle, keywords, tags in BY_YEAR:
        specs.append(Spec(f"seodaemun-{slug}", f"서대문구 {title}", category, dept, cycle, keywords,
                          by_year(kind_header, kinds, measures), f"연도별 {title}(가상 자료).", temporal=(2012, AS_OF.year),
                          tags=frozenset(t for t in tags.split(",") if t)))
    for slug, title, category, dept, measures, cycle, keywords, tags in BY_MONTH:
        specs.append(Spec(f"seodaemun-{slug}", f"서대문구 {title}", category, dept, cycle, keywords,
                          by_month(measures), f"{title}(가상 자료).", temporal=(2021, AS_OF.year),
                          tags=frozenset(t for t in tags.split(",") if t)))
    specs += _misc_specs()
    return specs
