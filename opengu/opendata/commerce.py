"""상권분석: commercial-area figures from a licence table in LOCALDATA 인허가 format.

Plain Python over rows streamed from a resource's live datastore table, so it works on a
nationwide file of tens of thousands of rows in one pass and little memory (one small tuple per
matching business, for the lifetime estimate).

Contracts:
- A table is LOCALDATA-format when it has 인허가일자, 영업상태명 and an address column
  (소재지전체주소 or 도로명전체주소); 폐업일자, 업태구분명 and 개방자치단체코드 are used when present.
- A row belongs to the district when its 개방자치단체코드 equals `District.open_code`; when the
  column is absent or blank, when its address names the district (e.g. "서대문구").
- A business is closed when 영업상태명 says so (폐업, 취소, 말소, 만료) or it has a 폐업일자.
  A closure without a date counts as closed now but is left out of the closures per year,
  the survival shares and the lifetime estimate (its lifetime is unknown).
- N-year survival of a cohort: among businesses opened in the cohort whose N-year anniversary
  has passed by `as_of` (the others are right-censored: we cannot know yet), the share whose
  폐업일자 is not before the anniversary. Anniversaries of 29 February fall on 28 February.
- Median lifetime: the Kaplan–Meier median in days (businesses still open are censored at
  `as_of`), None when the estimated survival never falls to one half.
- Dong: the district's 행정동 named in the address, else a 법정동 named in the address mapped to
  its 행정동 where the mapping is unambiguous (LEGAL_TO_ADMIN), else, when the row has a WGS84
  position (`_lat`/`_lon`, see geo.py), the 행정동 whose 주민센터 is nearest (DONG_POINTS; no
  boundary data is shipped, so this is an approximation near dong borders), else 미상.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from opengu.lib import korean

UNKNOWN = "미상"
SURVIVAL_YEARS = (1, 3, 5)
ADDRESS_COLUMNS = ("소재지전체주소", "도로명전체주소")
REQUIRED = ("인허가일자", "영업상태명")
CLOSED_WORDS = ("폐업", "취소", "말소", "만료")

# 서대문구's 법정동 whose whole area lies in one 행정동. 홍제동, 홍은동, 남가좌동, 북가좌동 and
# 북아현동 are split between 행정동 and so stay 미상 unless the address names the 행정동 itself
# (북아현동 is also a 행정동 name, and an address naming it is counted there).
LEGAL_TO_ADMIN: dict[str, dict[str, str]] = {
    "3120000": {
        "창천동": "신촌동", "대현동": "신촌동", "대신동": "신촌동", "봉원동": "신촌동",
        "옥천동": "천연동", "영천동": "천연동", "현저동": "천연동", "냉천동": "천연동",
        "충정로2가": "충현동", "충정로3가": "충현동", "합동": "충현동",
    },
}

# Approximate points (WGS84 lat, lon) of each 행정동's 주민센터, used only to place a business
# whose address names no 행정동: the nearest centre within NEAREST_MAX_KM wins. They are
# representative points, not surveyed ones; boundary polygons would be better where available.
DONG_POINTS: dict[str, dict[str, tuple[float, float]]] = {
    "3120000": {
        "충현동": (37.5631, 126.9610), "천연동": (37.5699, 126.9571), "북아현동": (37.5603, 126.9551),
        "신촌동": (37.5618, 126.9402), "연희동": (37.5682, 126.9302), "홍제1동": (37.5836, 126.9424),
        "홍제3동": (37.5810, 126.9527), "홍제2동": (37.5887, 126.9515), "홍은1동": (37.6001, 126.9436),
        "홍은2동": (37.5865, 126.9318), "남가좌1동": (37.5759, 126.9222), "남가좌2동": (37.5781, 126.9150),
        "북가좌1동": (37.5797, 126.9109), "북가좌2동": (37.5834, 126.9152),
    },
}
NEAREST_MAX_KM = 2.5

_TOKEN = re.compile(r"[\s(),\[\]]+")
_NUMBERED = re.compile(r"(.+?)(\d+동)")


def dong_spellings(name: str) -> set[str]:
    """홍제제1동 and 홍제1동 are the same 행정동: both spellings appear in addresses.
    The ordinal 제 is dropped only from stems of three or more characters (홍제제 → 홍제), so the
    stem's own 제 in 홍제1동 stays."""
    name = name.strip()
    match = _NUMBERED.fullmatch(name)
    if match is None:
        return {name}
    stem, number = match.groups()
    base = stem[:-1] if stem.endswith("제") and len(stem) >= 3 else stem
    return {name, f"{base}{number}", f"{base}제{number}"}


def is_localdata(columns: Sequence[dict[str, Any]]) -> bool:
    ids = {column["id"] for column in columns}
    return all(name in ids for name in REQUIRED) and any(name in ids for name in ADDRESS_COLUMNS)


@dataclass(frozen=True)
class DongInfo:
    name: str
    area_km2: Decimal | None
    point: tuple[float, float] | None = None  # its 주민센터 (lat, lon), for rows placed by position


@dataclass(frozen=True)
class Area:
    """The district the analysis is for: its name, open code and 행정동 with their areas."""

    name: str
    open_code: str
    dongs: tuple[DongInfo, ...]


@dataclass(frozen=True)
class Filters:
    dong: str = ""
    trade: str = ""


@dataclass
class Business:
    opened: dt.date | None
    closed: bool
    closed_on: dt.date | None
    dong: str
    trade: str
    lat: float | None = None
    lon: float | None = None
    name: str = ""
    dong_by_position: bool = False


@dataclass
class Figures:
    as_of: dt.date
    rows_read: int = 0
    in_district: int = 0
    matching: int = 0
    open_now: int = 0
    closed_undated: int = 0
    dong_by_position: int = 0  # businesses whose 행정동 came from their position, not their address
    years: list[dict[str, Any]] = field(default_factory=list)  # year, openings, closures
    survival: dict[int, dict[str, Any]] = field(default_factory=dict)  # N → cohort, survived, rate
    cohorts: list[dict[str, Any]] = field(default_factory=list)  # year, opened, {N: rate or None}
    median_lifetime_days: int | None = None
    by_dong: list[dict[str, Any]] = field(default_factory=list)  # dong, open_now, total, area_km2, density
    by_trade: list[dict[str, Any]] = field(default_factory=list)  # trade, open_now, total, closed
    density: float | None = None  # open now per km² over the dongs with a known area
    dong_options: list[str] = field(default_factory=list)
    trade_options: list[str] = field(default_factory=list)

    @property
    def median_lifetime_years(self) -> float | None:
        return None if self.median_lifetime_days is None else round(self.median_lifetime_days / 365.25, 1)


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if len(text) == 10 and text[4] == "-":  # the datastore's ISO dates: the common case, parsed fast
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    return korean.parse_date(text[:10]) if len(text) > 8 and not text.isdigit() else korean.parse_date(text)


def _code(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class DongMatcher:
    """The 행정동 of an address, by the tokens of the address (so 신촌동 never matches 신촌동로)."""

    def __init__(self, area: Area) -> None:
        self.admin = {spelling: d.name for d in area.dongs for spelling in dong_spellings(d.name)}
        self.legal = {legal: self.admin[admin] for legal, admin in LEGAL_TO_ADMIN.get(area.open_code, {}).items()
                      if admin in self.admin}
        self.points = {d.name: d.point for d in area.dongs if d.point is not None}

    def nearest(self, lat: float, lon: float) -> str:
        """The 행정동 whose centre is nearest to the point, within NEAREST_MAX_KM; else 미상."""
        from opengu.lib.coordinates import distance_km

        best = min(((distance_km((lat, lon), point), name) for name, point in self.points.items()), default=None)
        return best[1] if best is not None and best[0] <= NEAREST_MAX_KM else UNKNOWN

    def __call__(self, address: str) -> str:
        tokens = [token for token in _TOKEN.split(address) if token]
        for token in tokens:
            if token in self.admin:
                return self.admin[token]
        for token in tokens:
            if token in self.legal:
                return self.legal[token]
        return UNKNOWN


def businesses(area: Area, columns: Sequence[dict[str, Any]], rows: Iterable[Sequence[Any]],
               counts: Figures | None = None) -> Iterable[Business]:
    """The district's businesses among `rows` (values in the order of `columns`)."""
    index = {column["id"]: i for i, column in enumerate(columns)}

    def get(row: Sequence[Any], name: str) -> Any:
        i = index.get(name)
        return None if i is None else row[i]

    match_dong = DongMatcher(area)
    for row in rows:
        if counts is not None:
            counts.rows_read += 1
        code = _code(get(row, "개방자치단체코드"))
        if code and code != area.open_code:
            continue  # most rows of a nationwide file end here, before any address is read
        address = " ".join(str(get(row, name) or "") for name in ADDRESS_COLUMNS).strip()
        if not code and area.name not in _TOKEN.split(address):
            continue
        status = str(get(row, "영업상태명") or "")
        closed_on = _date(get(row, "폐업일자"))
        closed = closed_on is not None or any(word in status for word in CLOSED_WORDS)
        trade = str(get(row, "업태구분명") or "").strip() or UNKNOWN
        lat, lon = get(row, "_lat"), get(row, "_lon")
        dong = match_dong(address)
        by_position = False
        if dong == UNKNOWN and lat is not None and lon is not None and match_dong.points:
            dong = match_dong.nearest(float(lat), float(lon))
            by_position = dong != UNKNOWN
        yield Business(opened=_date(get(row, "인허가일자")), closed=closed, closed_on=closed_on,
                       dong=dong, trade=trade, lat=None if lat is None else float(lat),
                       lon=None if lon is None else float(lon), name=str(get(row, "사업장명") or ""),
                       dong_by_position=by_position)


def kaplan_meier_median(durations: list[tuple[int, bool]]) -> int | None:
    """Smallest duration (days) at which the estimated survival is at most one half.
    `durations` are (days, event) with event False for a business still open (censored)."""
    at_risk = len(durations)
    survival = 1.0
    ordered = sorted(durations)
    i = 0
    while i < len(ordered):
        day = ordered[i][0]
        events = removed = 0
        while i < len(ordered) and ordered[i][0] == day:
            events += ordered[i][1]
            removed += 1
            i += 1
        if events:
            survival *= 1 - events / at_risk
            if survival <= 0.5 + 1e-12:
                return day
        at_risk -= removed
    return None


def analyse(area: Area, columns: Sequence[dict[str, Any]], rows: Iterable[Sequence[Any]], *,
            filters: Filters = Filters(), as_of: dt.date) -> Figures:
    """Every figure for the district's businesses matching `filters`, in one pass over `rows`."""
    figures = Figures(as_of=as_of)
    openings: Counter[int] = Counter()
    closures: Counter[int] = Counter()
    cohort_size: Counter[tuple[int, int]] = Counter()  # (year, N) → businesses observable at N years
    cohort_alive: Counter[tuple[int, int]] = Counter()
    cohort_opened: Counter[int] = Counter()
    dong_open: Counter[str] = Counter()
    dong_total: Counter[str] = Counter()
    trade_open: Counter[str] = Counter()
    trade_total: Counter[str] = Counter()
    trade_closed: Counter[str] = Counter()
    trades: set[str] = set()
    durations: list[tuple[int, bool]] = []
    for business in businesses(area, columns, rows, figures):
        figures.in_district += 1
        trades.add(business.trade)
        if filters.dong and business.dong != filters.dong:
            continue
        if filters.trade and business.trade != filters.trade:
            continue
        figures.matching += 1
        figures.dong_by_position += business.dong_by_position
        dong_total[business.dong] += 1
        trade_total[business.trade] += 1
        if business.closed:
            trade_closed[business.trade] += 1
            if business.closed_on is None:
                figures.closed_undated += 1
            else:
                closures[business.closed_on.year] += 1
        else:
            figures.open_now += 1
            dong_open[business.dong] += 1
            trade_open[business.trade] += 1
        opened = business.opened
        if opened is None or opened > as_of:
            continue
        openings[opened.year] += 1
        cohort_opened[opened.year] += 1
        if business.closed and business.closed_on is None:
            continue
        end = business.closed_on if business.closed else as_of
        assert end is not None
        durations.append((max((end - opened).days, 0), business.closed))
        for years in SURVIVAL_YEARS:
            anniversary = add_years(opened, years)
            if anniversary > as_of:
                continue  # right-censored: the N-year mark has not come yet
            cohort_size[(opened.year, years)] += 1
            if business.closed_on is None or business.closed_on >= anniversary:
                cohort_alive[(opened.year, years)] += 1
    span = sorted(set(openings) | set(closures))
    if span:
        figures.years = [{"year": year, "openings": openings[year], "closures": closures[year]}
                         for year in range(span[0], span[-1] + 1)]
    for years in SURVIVAL_YEARS:
        size = sum(n for (_y, k), n in cohort_size.items() if k == years)
        alive = sum(n for (_y, k), n in cohort_alive.items() if k == years)
        figures.survival[years] = {"cohort": size, "survived": alive, "rate": alive / size if size else None}
    figures.cohorts = [
        {"year": year, "opened": cohort_opened[year],
         "rates": {years: (cohort_alive[(year, years)] / cohort_size[(year, years)]
                           if cohort_size[(year, years)] else None) for years in SURVIVAL_YEARS}}
        for year in sorted(cohort_opened)
    ]
    figures.median_lifetime_days = kaplan_meier_median(durations)
    area_total = Decimal(0)
    open_with_area = 0
    for dong in area.dongs:
        density = float(dong_open[dong.name] / dong.area_km2) if dong.area_km2 else None
        if dong.area_km2 and not (filters.dong and filters.dong != dong.name):
            area_total += dong.area_km2
            open_with_area += dong_open[dong.name]
        figures.by_dong.append({"dong": dong.name, "open_now": dong_open[dong.name], "total": dong_total[dong.name],
                                "area_km2": dong.area_km2, "density": density})
    figures.by_dong.append({"dong": UNKNOWN, "open_now": dong_open[UNKNOWN], "total": dong_total[UNKNOWN],
                            "area_km2": None, "density": None})
    if filters.dong:
        figures.by_dong = [row for row in figures.by_dong if row["dong"] == filters.dong]
    figures.density = float(open_with_area / area_total) if area_total else None
    figures.by_trade = [{"trade": trade, "open_now": trade_open[trade], "total": total, "closed": trade_closed[trade]}
                        for trade, total in sorted(trade_total.items(), key=lambda item: (-item[1], item[0]))]
    figures.dong_options = [d.name for d in area.dongs] + [UNKNOWN]
    figures.trade_options = sorted(trades)
    return figures


def as_json(figures: Figures) -> dict[str, Any]:
    """The figures as plain JSON values (areas as numbers, rates as fractions 0–1)."""
    return {
        "as_of": figures.as_of.isoformat(), "rows_read": figures.rows_read, "in_district": figures.in_district,
        "matching": figures.matching, "open_now": figures.open_now, "closed_undated": figures.closed_undated,
        "dong_by_position": figures.dong_by_position,
        "years": figures.years,
        "survival": {str(n): value for n, value in figures.survival.items()},
        "cohorts": [{"year": c["year"], "opened": c["opened"], "rates": {str(n): r for n, r in c["rates"].items()}}
                    for c in figures.cohorts],
        "median_lifetime_days": figures.median_lifetime_days,
        "median_lifetime_years": figures.median_lifetime_years,
        "density_per_km2": figures.density,
        "by_dong": [dict(row, area_km2=float(row["area_km2"]) if row["area_km2"] is not None else None)
                    for row in figures.by_dong],
        "by_trade": figures.by_trade,
    }


def current_area() -> Area | None:
    """The installation's district with its 행정동 (the only Django-bound read here)."""
    from opengu.core.selectors import current_district

    district = current_district()
    if district is None:
        return None
    points = DONG_POINTS.get(district.open_code, {})
    dongs = tuple(DongInfo(d.name, d.area_km2, points.get(d.name)) for d in district.dongs.order_by("order", "name"))
    return Area(name=district.name, open_code=district.open_code, dongs=dongs)


def analyse_version(version: Any, area: Area, *, filters: Filters, as_of: dt.date) -> Figures:
    """`analyse` over a live version's datastore table, streaming only the columns it reads."""
    from opengu.opendata import datastore

    wanted = {*REQUIRED, *ADDRESS_COLUMNS, "폐업일자", "업태구분명", "개방자치단체코드", "_lat", "_lon"}
    columns = [column for column in version.columns if column["id"] in wanted]
    return analyse(area, columns, datastore.stream_rows(version.table_name, columns), filters=filters, as_of=as_of)


def located_businesses(version: Any, area: Area, *, filters: Filters, limit: int) -> tuple[list[Business], int]:
    """The district's businesses matching `filters` that have a position (at most `limit`) and
    how many there are in all: the points of the 상권분석 map."""
    from opengu.opendata import datastore

    wanted = {*REQUIRED, *ADDRESS_COLUMNS, "폐업일자", "업태구분명", "개방자치단체코드", "사업장명", "_lat", "_lon"}
    columns = [column for column in version.columns if column["id"] in wanted]
    found: list[Business] = []
    total = 0
    for business in businesses(area, columns, datastore.stream_rows(version.table_name, columns)):
        if business.lat is None or (filters.dong and business.dong != filters.dong) \
                or (filters.trade and business.trade != filters.trade):
            continue
        total += 1
        if len(found) < limit:
            found.append(business)
    return found, total
