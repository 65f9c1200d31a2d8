"""Distance search: "near" a dong's 주민센터 or a point, within a radius, nearest first, shown as
"1.2 km"; a bounding box in SQL and haversine in Python, so SQLite and PostgreSQL alike."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from opengu.welfare import geo, selectors, services
from opengu.welfare.models import (
    Location,
    Organization,
    Sector,
    Service,
    ServiceAtLocation,
    SourceType,
)
from tests.personas import Personas

pytestmark = pytest.mark.django_db

YEONHUI = geo.DONG_CENTRES["1141065500"]


def _north_of(point: tuple[float, float], km: float) -> tuple[Decimal, Decimal]:
    lat = point[0] + math.degrees(km / geo.EARTH_RADIUS_KM)
    return Decimal(f"{lat:.6f}"), Decimal(f"{point[1]:.6f}")


def _east_of(point: tuple[float, float], km: float) -> tuple[Decimal, Decimal]:
    lon = point[1] + math.degrees(km / (geo.EARTH_RADIUS_KM * math.cos(math.radians(point[0]))))
    return Decimal(f"{point[0]:.6f}"), Decimal(f"{lon:.6f}")


def _place(personas: Personas, name: str, where: tuple[Decimal, Decimal] | None, *extra: tuple[Decimal, Decimal]) -> Service:
    organization = Organization.objects.create(name=f"{name} 기관", source_type=SourceType.WELFARE_CENTRE,
                                               sector=Sector.PRIVATE, managing_department=personas.other_department)
    service = services.service_create(actor=personas.other_staff, organization=organization,
                                      data={"name": name, "description": "어르신 도시락 배달"})
    for n, point in enumerate((where, *extra)):
        location = Location.objects.create(organization=organization, name=f"{name} {n}", dong=personas.dong,
                                           latitude=point[0] if point else None, longitude=point[1] if point else None)
        ServiceAtLocation.objects.create(service=service, location=location)
    return service


@pytest.fixture
def places(personas: Personas) -> dict[str, Service]:
    services.taxonomies_ensure()
    return {
        "far": _place(personas, "먼 도시락", _north_of(YEONHUI, 2.5)),
        "mid": _place(personas, "중간 도시락", _east_of(YEONHUI, 1.2)),
        "near": _place(personas, "가까운 도시락", _north_of(YEONHUI, 0.3)),
        "two": _place(personas, "두 곳 도시락", _north_of(YEONHUI, 4.0), _east_of(YEONHUI, 0.8)),
        "nowhere": _place(personas, "위치 모름 도시락", None),
    }


def test_haversine_and_the_bounding_box() -> None:
    assert geo.haversine_km(37.0, 127.0, 38.0, 127.0) == pytest.approx(111.195, abs=0.01)
    assert geo.haversine_km(*YEONHUI, *YEONHUI) == 0
    south, north, west, east = geo.bounding_box(*YEONHUI, 2.0)
    for bearing in range(0, 360, 15):  # every point 2 km away lies inside the box
        rad = math.radians(bearing)
        lat = YEONHUI[0] + math.degrees(2.0 / geo.EARTH_RADIUS_KM) * math.cos(rad) * 0.999
        lon = YEONHUI[1] + math.degrees(2.0 / (geo.EARTH_RADIUS_KM * math.cos(math.radians(lat)))) * math.sin(rad) * 0.999
        assert south <= lat <= north and west <= lon <= east


def test_distances_read_as_people_say_them() -> None:
    assert [geo.format_distance(km) for km in (0.004, 0.85, 0.996, 1.0, 1.24, 12.35)] == [
        "10 m", "850 m", "1.0 km", "1.0 km", "1.2 km", "12.3 km"]


@pytest.mark.parametrize("raw", ["", "37.5", "abc,def", "95,126", "37.5,200", "nan,126", "37.5,126,1"])
def test_a_point_must_be_two_valid_numbers(raw: str) -> None:
    assert geo.parse_point(raw) is None


def test_near_a_dong_keeps_the_radius_and_sorts_nearest_first(personas: Personas, places: dict[str, Service]) -> None:
    filters = selectors.SearchFilters(near=f"dong:{personas.dong.pk}", radius_km=2.0)
    outcome = selectors.service_search(filters)
    assert outcome.ids == [places["near"].pk, places["two"].pk, places["mid"].pk]
    assert outcome.distances[places["near"].pk] == pytest.approx(0.3, abs=0.01)
    assert outcome.distances[places["two"].pk] == pytest.approx(0.8, abs=0.01)  # its nearer place counts
    wider = selectors.service_search(selectors.SearchFilters(near=f"dong:{personas.dong.pk}", radius_km=3.0))
    assert places["far"].pk in wider.ids and places["nowhere"].pk not in wider.ids


def test_near_a_point_with_a_query(places: dict[str, Service]) -> None:
    point = f"{float(_east_of(YEONHUI, 1.2)[0])},{float(_east_of(YEONHUI, 1.2)[1])}"
    outcome = selectors.service_search(selectors.SearchFilters(query="도시락", near=point, radius_km=1.0))
    assert outcome.ids[0] == places["mid"].pk and outcome.distances[places["mid"].pk] < 0.01
    assert places["far"].pk not in outcome.ids


def test_the_page_shows_the_distance_and_keeps_the_choice(client, personas: Personas, places: dict[str, Service]) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/welfare/", {"q": "도시락", "near": f"dong:{personas.dong.pk}", "radius": "2"}).content.decode()
    assert page.index("가까운 도시락") < page.index("두 곳 도시락") < page.index("중간 도시락")
    assert "300 m 거리" in page and "1.2 km 거리" in page and "먼 도시락" not in page
    assert f'value="dong:{personas.dong.pk}" selected' in page and 'value="2.0" selected' in page


def test_an_unknown_place_gets_a_korean_message(client, places: dict[str, Service]) -> None:  # type: ignore[no-untyped-def]
    for near in ("서울 어딘가", "dong:999999"):
        response = client.get("/welfare/", {"q": "도시락", "near": near})
        assert response.status_code == 400
        page = response.content.decode()
        assert "위치를 알 수 없습니다" in page and "먼 도시락" in page  # searched without the distance


def test_no_results_say_whom_to_call_and_what_to_do(client, settings, places: dict[str, Service]) -> None:  # type: ignore[no-untyped-def]
    settings.OPENGU_WELFARE_CENTRE_PHONE = "02-330-1004"
    page = client.get("/welfare/", {"q": "우주여행", "open": "1"}).content.decode()
    assert "찾는 자원이 없습니다" in page and 'href="tel:02-330-1004"' in page and "행복1004콜센터" in page
    assert "/welfare/check/" in page and "/welfare/report/" in page and "다시 찾기" in page


def test_demo_places_lie_around_their_dong_s_centre(personas: Personas) -> None:
    from opengu.welfare import demo

    points = [demo._near_centre(personas.dong, index) for index in range(200)]
    assert points == [demo._near_centre(personas.dong, index) for index in range(200)]  # deterministic
    distances = [geo.haversine_km(*YEONHUI, float(lat), float(lon)) for lat, lon in points]  # type: ignore[arg-type]
    assert max(distances) <= 0.71 and min(distances) < 0.2 and len(set(points)) == 200
