"""Maps on the dataset page: the GeoJSON of positioned rows, its bounding box, the text alternative."""

from __future__ import annotations

import io
import json

import pytest
from django.test import override_settings

from opengu.lib import coordinates
from opengu.opendata import services
from opengu.opendata.models import Resource
from tests.personas import login_as

pytestmark = pytest.mark.django_db

GUCHEONG = (37.5791, 126.9368)


@pytest.fixture
def mapped(dataset, personas):
    x, y = coordinates.from_wgs84("EPSG:5174", *GUCHEONG)
    text = (f"사업장명,좌표정보(x),좌표정보(y)\n서대문구청,{x:.2f},{y:.2f}\n"
            "이화교자칼국수,196762.08,447480.04\n좌표없음,,\n")
    services.resource_version_load(actor=personas.staff, dataset=dataset, file=io.BytesIO(text.encode()),
                                   source_name="points.csv")
    services.dataset_publish(actor=personas.staff, dataset=dataset)
    return dataset


def _points_url(dataset) -> str:
    return f"/data/{dataset.slug}/resources/{dataset.resources.get().pk}/points.geojson"


def test_points_are_geojson_in_lon_lat_order_with_the_row_label(client, mapped):
    data = client.get(_points_url(mapped)).json()
    assert data["type"] == "FeatureCollection" and data["total"] == 2 and not data["truncated"]
    by_label = {f["properties"]["label"]: f for f in data["features"]}
    assert set(by_label) == {"서대문구청", "이화교자칼국수"}  # the row without coordinates is not on the map
    lon, lat = by_label["서대문구청"]["geometry"]["coordinates"]
    assert coordinates.distance_km((lat, lon), GUCHEONG) * 1000 < 5


def test_bounding_box_filters_and_bad_boxes_get_a_korean_message(client, mapped):
    data = client.get(_points_url(mapped), {"bbox": "126.92,37.57,126.95,37.59"}).json()
    assert [f["properties"]["label"] for f in data["features"]] == ["서대문구청"]
    response = client.get(_points_url(mapped), {"bbox": "동,서,남,북"})
    assert response.status_code == 400
    assert response.json()["field"] == "bbox" and "경도" in response.json()["error"]
    response = client.get(_points_url(mapped), {"bbox": "127,37,126,38"})
    assert response.status_code == 400


def test_dataset_page_has_the_map_its_text_alternative_and_local_leaflet(client, mapped):
    page = client.get(f"/data/{mapped.slug}/").content.decode()
    assert "data-od-map" in page and 'role="region"' in page
    assert "2개 행의 위치(EPSG:5174" in page  # the summary names the rows, the system and the columns
    assert "/static/js_lib_leaflet/leaflet.js" in page and "/static/opendata/map.js" in page
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in page
    csp = client.get(f"/data/{mapped.slug}/").headers["Content-Security-Policy"]
    assert "https://tile.openstreetmap.org" in csp and "unpkg" not in page


def test_tile_url_is_configurable_and_may_be_empty(client, mapped):
    with override_settings(OPENGU_MAP_TILES=""):
        page = client.get(f"/data/{mapped.slug}/").content.decode()
    assert 'data-tiles=""' in page and "data-od-map" in page


def test_a_table_without_positions_has_no_map_and_no_points(client, dataset, personas):
    services.resource_version_load(actor=personas.staff, dataset=dataset, file=io.BytesIO("이름,수\n가,1\n".encode()),
                                   source_name="a.csv")
    services.dataset_publish(actor=personas.staff, dataset=dataset)
    assert "data-od-map" not in client.get(f"/data/{dataset.slug}/").content.decode()
    assert client.get(_points_url(dataset)).status_code == 404


def test_staff_change_the_coordinate_system_from_the_page(client, mapped, personas):
    resource = Resource.objects.get(dataset=mapped)
    login_as(client, personas.other_staff)
    response = client.post(f"/data/{mapped.slug}/resources/{resource.pk}/coordinates/", {"system": "EPSG:5181"})
    assert response.status_code == 403
    login_as(client, personas.staff)
    page = client.get(f"/data/{mapped.slug}/").content.decode()
    assert "좌표계 저장" in page and "EPSG:2097" in page
    response = client.post(f"/data/{mapped.slug}/resources/{resource.pk}/coordinates/", {"system": "EPSG:5181"})
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.coordinate_system == "EPSG:5181"
    assert resource.live_version.coordinates["system"] == "EPSG:5181"
    response = client.post(f"/data/{mapped.slug}/resources/{resource.pk}/coordinates/", {"system": "nonsense"},
                           follow=True)
    assert "알 수 없는 좌표계" in response.content.decode()
    assert json.loads(json.dumps(resource.live_version.coordinates))["located"] == 2
