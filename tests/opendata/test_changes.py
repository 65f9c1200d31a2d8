"""The change feed between versions (keyed by the staff's column, a detected one, or whole rows),
queries as of a kept version, and the retention of old versions' tables."""

from __future__ import annotations

import io

import pytest
from django.test import override_settings

from opengu.opendata import datastore, services
from opengu.opendata.models import Resource
from tests.personas import login_as

pytestmark = pytest.mark.django_db

V1 = "관리번호,시설명,면수\nP-01,연희 주차장,120\nP-02,신촌 주차장,80\nP-03,홍제 주차장,30\n"
V2 = "관리번호,시설명,면수,요금\nP-01,연희 주차장,120,1000\nP-02,신촌 주차장,95,1000\nP-04,북가좌 주차장,40,500\n"
V3 = "관리번호,시설명,면수,요금\nP-01,연희 주차장,121,1000\nP-02,신촌 주차장,95,1000\nP-04,북가좌 주차장,40,500\n"


def _load(dataset, personas, text, name="p.csv"):
    resource = dataset.resources.first()
    return services.resource_version_load(actor=personas.staff, dataset=dataset, resource=resource,
                                          file=io.BytesIO(text.encode()), source_name=name)


@pytest.fixture
def history(dataset, personas):
    first = _load(dataset, personas, V1)
    second = _load(dataset, personas, V2)
    services.dataset_publish(actor=personas.staff, dataset=dataset)
    return first, second


def _feed(client, version, **params):
    url = f"/data/{version.resource.dataset.slug}/resources/{version.resource_id}/changes.json"
    return client.get(url, params)


def test_rows_added_changed_removed_by_a_detected_key(client, history):
    _first, second = history
    answer = _feed(client, second, kind="changed").json()
    assert (answer["from"], answer["to"], answer["key"], answer["key_source"]) == (1, 2, "관리번호", "detected")
    assert answer["counts"] == {"added": 1, "changed": 1, "removed": 1}
    assert answer["columns_added"] == ["요금"] and answer["columns_removed"] == []
    assert answer["records"] == [{"_id": 2, "changes": {"면수": [80, 95]}, "key": "P-02"}]
    added = _feed(client, second, kind="added").json()["records"]
    assert [r["시설명"] for r in added] == ["북가좌 주차장"]
    removed = _feed(client, second, kind="removed").json()["records"]
    assert [r["관리번호"] for r in removed] == ["P-03"]
    etag = _feed(client, second, kind="added")["ETag"]
    assert client.get(f"/data/parking/resources/{second.resource_id}/changes.json", {"kind": "added"},
                      headers={"If-None-Match": etag}).status_code == 304


def test_the_staff_key_is_used_and_whole_rows_without_one(client, history, personas):
    _first, second = history
    resource = second.resource
    services.resource_key_column_set(actor=personas.staff, resource=resource, key_column="시설명")
    answer = _feed(client, second).json()
    assert (answer["key"], answer["key_source"]) == ("시설명", "staff")
    assert answer["counts"] == {"added": 1, "changed": 1, "removed": 1}
    with pytest.raises(Exception, match="게시 중인 판에 없습니다"):
        services.resource_key_column_set(actor=personas.staff, resource=resource, key_column="없는 열")
    # Versions with no column unique in both: whole rows are compared.
    dataset = resource.dataset
    _load(dataset, personas, "동,수\n연희동,1\n연희동,1\n신촌동,2\n")
    services.resource_key_column_set(actor=personas.staff, resource=Resource.objects.get(pk=resource.pk),
                                     key_column="")
    latest = _load(dataset, personas, "동,수\n연희동,1\n신촌동,3\n신촌동,3\n")
    answer = _feed(client, latest, **{"from": 3}).json()
    assert answer["key"] is None and answer["key_source"] == "row"
    assert answer["counts"] == {"added": 1, "changed": 0, "removed": 1}
    assert _feed(client, latest, **{"from": 3, "kind": "added"}).json()["records"] == [{"동": "신촌동", "수": 3}]


def test_bad_requests_get_korean_messages(client, history):
    first, second = history
    assert "이전 판" in _feed(client, first, to=1).json()["error"]
    assert _feed(client, second, **{"from": 2, "to": 1}).status_code == 400
    assert "없습니다" in _feed(client, second, **{"from": 9}).json()["error"]
    assert _feed(client, second, kind="moved").status_code == 400
    assert _feed(client, second, limit="many").status_code == 400


def test_as_of_a_version_in_ckan_and_exports(client, history):
    first, second = history
    url = "/api/3/action/datastore_search"
    old = client.get(url, {"resource_id": second.resource_id, "version": 1}).json()["result"]
    assert old["version"] == 1 and old["total"] == 3 and "요금" not in [f["id"] for f in old["fields"]]
    assert client.get(url, {"resource_id": second.resource_id}).json()["result"]["version"] == 2
    missing = client.get(url, {"resource_id": second.resource_id, "version": 7})
    assert missing.status_code == 404 and missing.json()["error"]["__type"] == "Not Found Error"
    export = client.get(f"/data/parking/resources/{second.resource_id}/export.json", {"version": 1})
    assert b"P-03" in b"".join(export.streaming_content)


def test_old_tables_beyond_the_kept_number_are_dropped(client, history, dataset, personas):
    first, _second = history
    with override_settings(OPENGU_OPENDATA_KEEP_VERSIONS=2):
        _load(dataset, personas, V3)  # a load that goes live prunes
    first.refresh_from_db()
    assert first.table_name == "" and not datastore.table_exists(datastore.table_name_for(first.pk))
    answer = client.get("/api/3/action/datastore_search", {"resource_id": first.resource_id, "version": 1})
    assert answer.status_code == 404
    assert "보관" in _feed(client, first, **{"from": 1, "to": 3}).json()["error"]
    assert _feed(client, first, **{"from": 2, "to": 3}).json()["counts"] == {"added": 0, "changed": 1, "removed": 0}


def test_the_page_shows_counts_and_staff_choose_the_key(client, history, personas):
    _first, second = history
    url = f"/data/parking/resources/{second.resource_id}/changes/"
    page = client.get(url).content.decode()
    assert "바뀐 행 수" in page and "북가좌 주차장" in page and "P-03" in page and "80 → 95" in page
    assert "키 열 정하기" not in page
    assert client.post(url, {"key_column": "시설명"}).status_code == 403
    assert Resource.objects.get(pk=second.resource_id).key_column == ""
    login_as(client, personas.resident)
    assert client.post(url, {"key_column": "시설명"}).status_code == 403
    login_as(client, personas.staff)
    assert "키 열 정하기" in client.get(url).content.decode()
    assert client.post(url, {"key_column": "시설명"}).status_code == 302
    assert Resource.objects.get(pk=second.resource_id).key_column == "시설명"
