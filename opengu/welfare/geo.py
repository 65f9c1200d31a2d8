"""Distances for "near me" search, without a spatial database: a bounding box narrows the rows
in SQL (plain comparisons on latitude and longitude, so SQLite and PostgreSQL alike), then the
haversine formula gives the distance in Python.

`DONG_CENTRES` holds the position of each 행정동's 주민센터 in 서대문구 by 행정동 code (WGS 84,
rounded to about ten metres): the point "near 연희동" means, and the centre the demo places
that dong's resources around.
"""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)

DONG_CENTRES: dict[str, tuple[float, float]] = {
    "1141055500": (37.5631, 126.9610),  # 충현동
    "1141056500": (37.5699, 126.9571),  # 천연동
    "1141058500": (37.5603, 126.9551),  # 북아현동
    "1141061500": (37.5618, 126.9402),  # 신촌동
    "1141065500": (37.5682, 126.9302),  # 연희동
    "1141066000": (37.5836, 126.9424),  # 홍제1동
    "1141068000": (37.5810, 126.9527),  # 홍제3동
    "1141069000": (37.5887, 126.9515),  # 홍제2동
    "1141070000": (37.6001, 126.9436),  # 홍은1동
    "1141071000": (37.5865, 126.9318),  # 홍은2동
    "1141072000": (37.5759, 126.9222),  # 남가좌1동
    "1141073000": (37.5781, 126.9150),  # 남가좌2동
    "1141074000": (37.5797, 126.9109),  # 북가좌1동
    "1141075000": (37.5834, 126.9152),  # 북가좌2동
}

RADII_KM = (0.5, 1.0, 2.0, 3.0, 5.0)
MAX_RADIUS_KM = 20.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS 84 points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(south, north, west, east) enclosing every point within `radius_km` of (lat, lon)."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    dlon = math.degrees(radius_km / (EARTH_RADIUS_KM * max(math.cos(math.radians(lat)), 1e-6)))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def parse_point(raw: str) -> tuple[float, float] | None:
    """"37.5682,126.9302" → (37.5682, 126.9302); None unless both numbers are valid WGS 84."""
    parts = (raw or "").replace(" ", "").split(",")
    if len(parts) != 2:
        return None
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def format_distance(km: float) -> str:
    """"850 m" under one kilometre (to ten metres), else "1.2 km" (one decimal)."""
    metres = round(km * 100) * 10
    if metres < 1000:
        return f"{max(metres, 10)} m"
    return f"{km:.1f} km"
