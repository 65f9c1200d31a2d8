"""Korean map coordinates: which columns hold them, which system they are in, and WGS84.

Korean public files give positions as projected metres: LOCALDATA's 좌표정보(x)/(y) are
EPSG:5174 (Korean 1985 / Modified Central Belt, Bessel) in the classic files, 5181 or 5186
(Korea 2000 Central Belt, GRS80) in newer ones, 2097 in old ones, and road-address data uses
5179 (UTM-K). Files rarely say which; the value ranges and the place the data is about do.

`detect_system` compares candidate systems on the median point: a system whose median lands
near the district (the reference point) wins over one that lands elsewhere in Korea, and a
point outside South Korea rules a system out. 5174, 5181 and 2097 put the same numbers within
a few hundred metres of each other, so among those the preference order decides (5174 for
LOCALDATA columns, 5181 for other x/y columns); staff can override the choice.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

WGS84 = "EPSG:4326"
SYSTEMS = {
    "EPSG:5174": "Korean 1985 수정 중부원점(Bessel) — LOCALDATA 옛 파일",
    "EPSG:5181": "Korea 2000 중부원점(GRS80, 가산 500,000)",
    "EPSG:5186": "Korea 2000 중부원점(GRS80, 가산 600,000)",
    "EPSG:2097": "Korean 1985 중부원점(Bessel)",
    "EPSG:5179": "Korea 2000 통합좌표계(UTM-K)",
    "EPSG:4326": "경위도(WGS84)",
}
LOCALDATA_PREFERENCE = ("EPSG:5174", "EPSG:5181", "EPSG:5186", "EPSG:2097", "EPSG:5179")
GENERIC_PREFERENCE = ("EPSG:5181", "EPSG:5186", "EPSG:5174", "EPSG:2097", "EPSG:5179")
# South Korea with its islands (Marado to the DMZ, Baengnyeong to Dokdo).
KOREA = (32.9, 38.7, 124.5, 132.0)  # lat min, lat max, lon min, lon max
NEAR_KM = 40.0

_X_NAMES = re.compile(r"^(좌표정보\s*\(?\s*x\s*\)?|x좌표|x_?coord(inate)?|x|tm_?x|경도|lon|lng|longitude)$", re.I)
_Y_NAMES = re.compile(r"^(좌표정보\s*\(?\s*y\s*\)?|y좌표|y_?coord(inate)?|y|tm_?y|위도|lat|latitude)$", re.I)
_LOCALDATA = re.compile(r"^좌표정보", re.I)


@dataclass(frozen=True)
class CoordinateColumns:
    x: str  # column id holding easting or longitude
    y: str  # column id holding northing or latitude
    localdata: bool  # LOCALDATA's 좌표정보(x)/(y)


def find_columns(columns: Sequence[dict[str, Any]]) -> CoordinateColumns | None:
    """The first numeric x and y columns named like coordinates (좌표정보(x), X좌표, 경도/위도 …)."""
    numeric = [c for c in columns if c.get("type") in {"integer", "decimal", "text"}]
    x = next((c["id"] for c in numeric if _X_NAMES.match(c["id"].replace(" ", ""))), None)
    y = next((c["id"] for c in numeric if _Y_NAMES.match(c["id"].replace(" ", ""))), None)
    if x is None or y is None:
        return None
    return CoordinateColumns(x=x, y=y, localdata=bool(_LOCALDATA.match(x)))


def number(value: Any) -> float | None:
    """A coordinate as a float; None for blanks, text, zero (LOCALDATA's 'no position') and NaN."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip().replace(",", "")
        if not value:
            return None
    try:
        result = float(value)
    except (TypeError, ValueError):
        return None
    if math.isnan(result) or math.isinf(result) or result == 0:
        return None
    return result


@cache
def _transformer(source: str, target: str = WGS84) -> Any:
    from pyproj import Transformer

    return Transformer.from_crs(source, target, always_xy=True)


def to_wgs84(system: str, xs: Sequence[float], ys: Sequence[float]) -> tuple[list[float], list[float]]:
    """(latitudes, longitudes) of projected points; for EPSG:4326 x is the longitude."""
    if system == WGS84:
        return list(ys), list(xs)
    lons, lats = _transformer(system).transform(list(xs), list(ys))
    return list(lats), list(lons)


def from_wgs84(system: str, lat: float, lon: float) -> tuple[float, float]:
    """(x, y) of a WGS84 point in `system` (used by tests and by staff checks)."""
    x, y = _transformer(WGS84, system).transform(lon, lat)
    return float(x), float(y)


def in_korea(lat: float, lon: float) -> bool:
    lat_min, lat_max, lon_min, lon_max = KOREA
    return lat_min <= lat <= lat_max and lon_min <= lon <= lon_max


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between (lat, lon) points, in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class Detection:
    system: str | None  # None: no candidate lands in South Korea
    reason: str  # Korean, shown to staff


def detect_system(points: Iterable[tuple[float, float]], *, localdata: bool,
                  reference: tuple[float, float] | None = None) -> Detection:
    """The coordinate system of (x, y) points, judged on their median (see the module text)."""
    sample = [(x, y) for x, y in points][:5000]
    if not sample:
        return Detection(None, "좌표 값이 없습니다.")
    mx = statistics.median(x for x, _y in sample)
    my = statistics.median(y for _x, y in sample)
    if in_korea(my, mx):
        return Detection(WGS84, f"값이 경위도 범위입니다(가운데 값 경도 {mx:.4f}, 위도 {my:.4f}).")
    ranked: list[tuple[int, int, str, tuple[float, float]]] = []
    for order, system in enumerate(LOCALDATA_PREFERENCE if localdata else GENERIC_PREFERENCE):
        lats, lons = to_wgs84(system, [mx], [my])
        point = (lats[0], lons[0])
        if not in_korea(*point):
            continue
        near = 0 if reference is not None and distance_km(point, reference) <= NEAR_KM else 1
        ranked.append((near, order, system, point))
    if not ranked:
        return Detection(None, f"어느 좌표계로 보아도 대한민국 밖입니다(가운데 값 x {mx:,.0f}, y {my:,.0f}).")
    near, _order, system, point = min(ranked)
    where = "구 가까이" if near == 0 else "국내"
    return Detection(system, f"가운데 값(x {mx:,.0f}, y {my:,.0f})이 {system}로 {where}"
                             f"(위도 {point[0]:.4f}, 경도 {point[1]:.4f})에 놓입니다.")
