"""Korean projected coordinates: detection of the system, WGS84 positions, staff override.

Known points: 서대문구청 (연희로 248) at 37.5791 N, 126.9368 E; its projected values in each
system are computed here with pyproj from that WGS84 truth, so the test checks the whole
round trip through a loaded file. A published LOCALDATA row (일반음식점, 용산민자역사 421호,
좌표정보 x 196762.08, y 447480.04, classic EPSG:5174) must land at 용산역 (37.5298 N, 126.9648 E).
"""

from __future__ import annotations

import io

import pytest

from opengu.lib import coordinates
from opengu.opendata import datastore, services
from opengu.opendata.models import Resource

pytestmark = pytest.mark.django_db

GUCHEONG = (37.5791, 126.9368)
YONGSAN_STATION = (37.5298, 126.9648)


def _load(dataset, personas, text: str, name: str = "points.csv"):
    return services.resource_version_load(actor=personas.staff, dataset=dataset, file=io.BytesIO(text.encode()),
                                          source_name=name)


def _rows(version):
    return datastore.search(version.table_name, version.columns, datastore.Query(limit=100)).records


@pytest.mark.parametrize("system", ["EPSG:5174", "EPSG:5181", "EPSG:5186", "EPSG:2097"])
def test_round_trip_through_each_korean_system_is_within_a_few_metres(system):
    x, y = coordinates.from_wgs84(system, *GUCHEONG)
    lats, lons = coordinates.to_wgs84(system, [x], [y])
    assert coordinates.distance_km((lats[0], lons[0]), GUCHEONG) * 1000 < 0.01


def test_the_systems_really_differ_so_the_choice_matters():
    x, y = coordinates.from_wgs84("EPSG:5174", *GUCHEONG)
    lats, lons = coordinates.to_wgs84("EPSG:5181", [x], [y])
    assert coordinates.distance_km((lats[0], lons[0]), GUCHEONG) > 0.1  # Bessel vs GRS80: hundreds of metres
    lats, lons = coordinates.to_wgs84("EPSG:5186", [x], [y])
    assert coordinates.distance_km((lats[0], lons[0]), GUCHEONG) > 50  # false northing 600 km vs 500 km


def test_localdata_columns_are_detected_as_5174_and_converted(dataset, personas):
    x, y = coordinates.from_wgs84("EPSG:5174", *GUCHEONG)
    version = _load(dataset, personas, "사업장명,좌표정보(x),좌표정보(y)\n"
                                       f"서대문구청,{x:.2f},{y:.2f}\n"
                                       "이화교자칼국수,196762.08,447480.04\n"
                                       "좌표없음,,\n")
    assert version.coordinates["system"] == "EPSG:5174"
    assert version.coordinates["detected"] is True
    assert (version.coordinates["x"], version.coordinates["y"]) == ("좌표정보(x)", "좌표정보(y)")
    assert (version.coordinates["located"], version.coordinates["missing"]) == (2, 1)
    assert [c["id"] for c in version.columns][-2:] == ["_lat", "_lon"]
    rows = {row["사업장명"]: row for row in _rows(version)}
    assert coordinates.distance_km((rows["서대문구청"]["_lat"], rows["서대문구청"]["_lon"]), GUCHEONG) * 1000 < 5
    assert coordinates.distance_km((rows["이화교자칼국수"]["_lat"], rows["이화교자칼국수"]["_lon"]),
                                   YONGSAN_STATION) < 0.15  # 2097 or 5181 would put it ~300 m off
    assert rows["좌표없음"]["_lat"] is None


def test_newer_5186_values_are_told_apart_by_their_range(dataset, personas):
    x, y = coordinates.from_wgs84("EPSG:5186", *GUCHEONG)
    version = _load(dataset, personas, f"이름,X좌표,Y좌표\n구청,{x:.3f},{y:.3f}\n")
    assert version.coordinates["system"] == "EPSG:5186"
    row = _rows(version)[0]
    assert coordinates.distance_km((row["_lat"], row["_lon"]), GUCHEONG) * 1000 < 5


def test_longitude_latitude_columns_are_kept_as_they_are(dataset, personas):
    version = _load(dataset, personas, "이름,경도,위도\n구청,126.9368,37.5791\n")
    assert version.coordinates["system"] == "EPSG:4326"
    row = _rows(version)[0]
    assert (row["_lat"], row["_lon"]) == pytest.approx(GUCHEONG)


def test_values_outside_korea_in_every_system_get_no_position_and_a_reason(dataset, personas):
    version = _load(dataset, personas, "이름,x,y\n가,99999999,99999999\n")
    assert version.coordinates["system"] == ""
    assert "대한민국 밖" in version.coordinates["reason"]
    assert "_lat" not in [c["id"] for c in version.columns]


def test_a_table_without_coordinates_is_left_alone(dataset, personas):
    version = _load(dataset, personas, "이름,수\n가,1\n")
    assert version.coordinates == {}
    assert [c["id"] for c in version.columns] == ["이름", "수"]


def test_bounding_box_is_a_pair_of_ranges_on_lat_and_lon(dataset, personas):
    x, y = coordinates.from_wgs84("EPSG:5174", *GUCHEONG)
    version = _load(dataset, personas, f"이름,좌표정보(x),좌표정보(y)\n구청,{x},{y}\n용산,196762.08,447480.04\n")
    box = {"_lat": {"gte": 37.57, "lte": 37.59}, "_lon": {"gte": 126.92, "lte": 126.95}}
    result = datastore.search(version.table_name, version.columns, datastore.Query(filters=box))
    assert [r["이름"] for r in result.records] == ["구청"]


def test_staff_override_recomputes_positions_of_the_live_version(dataset, personas):
    x, y = coordinates.from_wgs84("EPSG:5181", *GUCHEONG)  # a newer file: detection would say 5174
    version = _load(dataset, personas, f"사업장명,좌표정보(x),좌표정보(y)\n구청,{x},{y}\n")
    assert version.coordinates["system"] == "EPSG:5174"
    before = _rows(version)[0]
    assert coordinates.distance_km((before["_lat"], before["_lon"]), GUCHEONG) > 0.1
    resource = Resource.objects.get(pk=version.resource_id)
    services.resource_coordinate_system_set(actor=personas.staff, resource=resource, system="EPSG:5181")
    version.refresh_from_db()
    assert version.coordinates["system"] == "EPSG:5181" and version.coordinates["detected"] is False
    after = _rows(version)[0]
    assert coordinates.distance_km((after["_lat"], after["_lon"]), GUCHEONG) * 1000 < 5
    assert [c["id"] for c in version.columns].count("_lat") == 1
    # The next load of the resource keeps the staff choice.
    again = _load(dataset, personas, f"사업장명,좌표정보(x),좌표정보(y)\n구청,{x},{y}\n")
    assert again.coordinates["system"] == "EPSG:5181"


def test_override_is_refused_to_other_departments_and_for_unknown_systems(dataset, personas):
    from django.core.exceptions import PermissionDenied, ValidationError

    version = _load(dataset, personas, "이름,x,y\n가,196762.08,447480.04\n")
    resource = Resource.objects.get(pk=version.resource_id)
    with pytest.raises(PermissionDenied):
        services.resource_coordinate_system_set(actor=personas.other_staff, resource=resource, system="EPSG:5181")
    with pytest.raises(ValidationError):
        services.resource_coordinate_system_set(actor=personas.staff, resource=resource, system="EPSG:9999")
    resource.refresh_from_db()
    assert resource.coordinate_system == ""


def test_zero_and_text_are_not_positions():
    assert coordinates.number("0") is None
    assert coordinates.number(" ") is None
    assert coordinates.number("없음") is None
    assert coordinates.number("196,762.08") == 196762.08
