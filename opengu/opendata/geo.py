"""Positions of a version's rows: find the coordinate columns, settle their system, add WGS84.

`locate` runs after a load fills a table (before it goes live) and again when staff choose
another coordinate system for the resource. It adds `_lat`/`_lon` columns to the table, so
the datastore filters them like any column (a bounding box is two ranges), and returns what
it did for the version's `coordinates` record. Rows without a usable position keep nulls.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import transaction

from opengu.lib import coordinates
from opengu.opendata import datastore

SAMPLE = 5000
POINT_COLUMN_DICTS = [
    {"id": "_lat", "name": "_lat", "type": "decimal", "label": "위도(WGS84)", "unit": "도",
     "description": "좌표 열에서 환산한 위도", "derived": True},
    {"id": "_lon", "name": "_lon", "type": "decimal", "label": "경도(WGS84)", "unit": "도",
     "description": "좌표 열에서 환산한 경도", "derived": True},
]


def reference_point() -> tuple[float, float]:
    """The district's own point (OPENGU_MAP_CENTER): maps open on it, detection prefers it."""
    lat, lon = settings.OPENGU_MAP_CENTER
    return float(lat), float(lon)


def source_columns(columns: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The column dictionary without the derived _lat/_lon."""
    return [column for column in columns if not column.get("derived")]


def _pairs(table: str, x: dict[str, Any], y: dict[str, Any]) -> Iterator[list[tuple[int, float | None, float | None]]]:
    for chunk in datastore.keyed_rows(table, [x["name"], y["name"]]):
        yield [(row[0], coordinates.number(row[1]), coordinates.number(row[2])) for row in chunk]


def locate(table: str, columns: list[dict[str, Any]], *, system: str = "") -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Add WGS84 positions to `table` when it has coordinate columns.

    `system` forces an EPSG code; empty means detect. Returns the column dictionary (with
    _lat/_lon appended when positions were added) and the record kept on the version:
    {x, y, system, detected, reason, located, outside, missing} or {} without coordinate columns.
    """
    columns = source_columns(columns)
    found = coordinates.find_columns(columns)
    if found is None:
        return columns, {}
    by_id = {column["id"]: column for column in columns}
    x, y = by_id[found.x], by_id[found.y]
    detected = not system
    if detected:
        sample: list[tuple[float, float]] = []
        for chunk in _pairs(table, x, y):
            sample.extend((px, py) for _id, px, py in chunk if px is not None and py is not None)
            if len(sample) >= SAMPLE:
                break
        detection = coordinates.detect_system(sample, localdata=found.localdata, reference=reference_point())
        system, reason = detection.system or "", detection.reason
    else:
        reason = "담당자가 정한 좌표계입니다."
    record: dict[str, Any] = {"x": found.x, "y": found.y, "system": system, "detected": detected, "reason": reason,
                              "located": 0, "outside": 0, "missing": 0}
    if not system:
        return columns, record
    with transaction.atomic():
        datastore.add_point_columns(table)
        for chunk in _pairs(table, x, y):
            usable = [(row_id, px, py) for row_id, px, py in chunk if px is not None and py is not None]
            lats, lons = coordinates.to_wgs84(system, [p[1] for p in usable], [p[2] for p in usable]) \
                if usable else ([], [])
            points: list[tuple[float | None, float | None, int]] = []
            for (row_id, _px, _py), lat, lon in zip(usable, lats, lons, strict=True):
                if coordinates.in_korea(lat, lon):
                    points.append((round(lat, 7), round(lon, 7), row_id))
                    record["located"] += 1
                else:
                    points.append((None, None, row_id))
                    record["outside"] += 1
            record["missing"] += len(chunk) - len(usable)
            datastore.set_points(table, points)
    return columns + POINT_COLUMN_DICTS, record
