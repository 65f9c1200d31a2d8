"""상권분석 by coordinates: the 행정동 of a business whose address names none, and the map points.

Positions are written in EPSG:5174 from WGS84 points a few metres from a 주민센터, so the
nearest-centre rule has one right answer; 서대문구청 (37.5791, 126.9368) is near no centre
within reach of the address rule but is placed by its position too.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest

from opengu.lib import coordinates
from opengu.opendata import commerce, services
from opengu.opendata.models import Category, Dataset

pytestmark = pytest.mark.django_db

HONGJE1 = commerce.DONG_POINTS["3120000"]["홍제1동"]
YEONHUI = commerce.DONG_POINTS["3120000"]["연희동"]
HEADER = "개방자치단체코드,사업장명,인허가일자,영업상태명,폐업일자,소재지전체주소,업태구분명,좌표정보(x),좌표정보(y)\n"


def _xy(point: tuple[float, float]) -> str:
    x, y = coordinates.from_wgs84("EPSG:5174", point[0] + 0.0003, point[1] + 0.0003)
    return f"{x:.2f},{y:.2f}"


ROWS = [
    # 홍제동 is split between 행정동: the address alone leaves it 미상, the position says 홍제1동.
    f"3120000,홍제식당,20200101,영업/정상,,서울특별시 서대문구 홍제동 1,한식,{_xy(HONGJE1)}\n",
    # The address names 연희동: the address wins even though the position is near 홍제1동.
    f"3120000,연희식당,20200101,영업/정상,,서울특별시 서대문구 연희동 2,한식,{_xy(HONGJE1)}\n",
    # 남가좌동 is split too, and this one has no position: it stays 미상.
    "3120000,좌표없는집,20200101,폐업,20220101,서울특별시 서대문구 남가좌동 3,한식,,\n",
    f"3120000,연희카페,20210101,폐업,20230101,서울특별시 서대문구 북가좌동 4,커피숍,{_xy(YEONHUI)}\n",
]


@pytest.fixture
def licences(personas):
    from opengu.core.models import Dong
    from opengu.demo.district import DONGS

    for order, (name, _en, code, _tongs, area) in enumerate(DONGS):  # the whole district, as in the demo
        Dong.objects.get_or_create(district=personas.district, name=name,
                                   defaults={"code": code, "order": order, "area_km2": Decimal(area)})
    dataset = services.dataset_create(actor=personas.staff, title="일반음식점 인허가", slug="food",
                                      department=personas.department, category=Category.objects.get(name="위생"))
    version = services.resource_version_load(actor=personas.staff, dataset=dataset,
                                             file=io.BytesIO((HEADER + "".join(ROWS)).encode()), source_name="f.csv")
    services.dataset_publish(actor=personas.staff, dataset=Dataset.objects.get(pk=dataset.pk))
    return version


def _area() -> commerce.Area:
    points = commerce.DONG_POINTS["3120000"]
    return commerce.Area(name="서대문구", open_code="3120000", dongs=tuple(
        commerce.DongInfo(name, Decimal("1.5"), point) for name, point in points.items()))


def test_dong_comes_from_position_only_when_the_address_names_none(licences):
    figures = commerce.analyse_version(licences, _area(), filters=commerce.Filters(), as_of=dt.date(2026, 1, 1))
    dongs = {row["dong"]: row for row in figures.by_dong}
    assert dongs["홍제1동"]["total"] == 1  # 홍제식당, by position
    assert dongs["연희동"]["total"] == 2  # 연희식당 by address, 연희카페 by position
    assert dongs[commerce.UNKNOWN]["total"] == 1  # no position, split 법정동
    assert figures.dong_by_position == 2
    assert dongs["홍제1동"]["density"] == pytest.approx(1 / 1.5)


def test_a_point_far_from_every_centre_stays_unknown():
    matcher = commerce.DongMatcher(_area())
    assert matcher.nearest(*HONGJE1) == "홍제1동"
    assert matcher.nearest(37.4, 127.1) == commerce.UNKNOWN  # 강남 is not in the district


def test_every_dong_of_the_district_has_a_point_inside_seoul():
    from opengu.demo.district import DONGS

    points = commerce.DONG_POINTS["3120000"]
    assert {name for name, *_rest in DONGS} == set(points)
    for point in points.values():
        assert coordinates.distance_km(point, (37.5791, 126.9368)) < 5  # all within 5 km of 서대문구청


def test_page_and_api_show_the_map_and_its_points_follow_the_filters(client, licences):
    page = client.get(f"/data/commerce/{licences.resource_id}/").content.decode()
    assert "data-od-map" in page and "위치로 정한 행정동" in page
    data = client.get(f"/data/commerce/{licences.resource_id}/points.geojson").json()
    assert data["total"] == 3 and {f["properties"]["label"] for f in data["features"]} == {"홍제식당", "연희식당", "연희카페"}
    closed = {f["properties"]["label"]: f["properties"]["closed"] for f in data["features"]}
    assert closed == {"홍제식당": False, "연희식당": False, "연희카페": True}
    data = client.get(f"/data/commerce/{licences.resource_id}/points.geojson", {"dong": "연희동"}).json()
    assert {f["properties"]["label"] for f in data["features"]} == {"연희식당", "연희카페"}
    response = client.get(f"/data/commerce/{licences.resource_id}/points.geojson", {"dong": "강남동"})
    assert response.status_code == 400 and response.json()["field"] == "dong"
    api = client.get(f"/data/commerce/{licences.resource_id}.json").json()
    assert api["dong_by_position"] == 2
