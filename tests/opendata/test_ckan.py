"""The CKAN Action API, spoken to by the real `ckanapi` client (Python and command line)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import ckanapi
import pytest

from opengu.opendata import services
from opengu.opendata.models import Category

pytestmark = pytest.mark.django_db(transaction=True)

TABLE = "업소명,업태,좌석수,개업일\n" + "".join(
    f"가게{i},{'한식' if i % 2 else '분식'},{i * 10},2014-10-{i:02d}\n" for i in range(1, 21))


@pytest.fixture
def catalogue(personas):
    # Transactional tests flush the seeded taxonomy; put back the one category used here.
    category, _ = Category.objects.get_or_create(name="위생", defaults={"slug": "위생", "kind": "seoul_domain"})
    published = services.dataset_create(actor=personas.staff, title="서대문구 일반음식점 인허가", slug="restaurants",
                                        department=personas.department, category=category, keywords=["음식점", "인허가"])
    version = services.resource_version_load(actor=personas.staff, dataset=published,
                                             file=io.BytesIO(TABLE.encode()), source_name="restaurants.csv")
    services.dataset_publish(actor=personas.staff, dataset=published)
    services.dataset_create(actor=personas.staff, title="초안 자료", slug="draft", department=personas.department,
                            category=category)
    return {"dataset": published, "resource_id": str(version.resource_id)}


@pytest.fixture
def ckan(live_server):
    with ckanapi.RemoteCKAN(live_server.url) as remote:
        yield remote


def test_package_list_and_show_see_only_published(ckan, catalogue):
    assert ckan.action.package_list() == ["restaurants"]
    package = ckan.action.package_show(id="restaurants")
    assert package["title"] == "서대문구 일반음식점 인허가"
    assert package["organization"]["name"] == "admin-affairs"
    assert package["resources"][0]["datastore_active"] is True
    with pytest.raises(ckanapi.NotAuthorized):  # CKAN's answer for a dataset the public may not read
        ckan.action.package_show(id="draft")


def test_package_search_with_korean_query_rows_start_and_facets(ckan, catalogue):
    result = ckan.action.package_search(q="음식점을", rows=5, start=0, **{"facet.field": '["groups", "res_format"]'})
    assert result["count"] == 1
    assert result["results"][0]["name"] == "restaurants"
    assert result["search_facets"]["groups"]["items"] == [{"name": "위생", "display_name": "위생", "count": 1}]
    assert result["search_facets"]["res_format"]["items"][0]["name"] == "CSV"
    assert ckan.action.package_search(q="없는낱말")["count"] == 0
    assert ckan.action.package_search(fq="organization:welfare-policy")["count"] == 0
    with pytest.raises(ckanapi.ValidationError):
        ckan.action.package_search(rows=1001)


def test_datastore_search_filters_fields_sort_and_total(ckan, catalogue):
    result = ckan.action.datastore_search(resource_id=catalogue["resource_id"], filters={"업태": "한식"},
                                          fields=["업소명", "좌석수"], sort="좌석수 desc", limit=3)
    assert result["total"] == 10
    assert [r["업소명"] for r in result["records"]] == ["가게19", "가게17", "가게15"]
    assert [f["id"] for f in result["fields"]] == ["_id", "업소명", "좌석수"]
    assert result["fields"][2]["type"] == "int8"
    ranged = ckan.action.datastore_search(resource_id=catalogue["resource_id"], filters={"개업일": {"gte": "2014-10-18"}},
                                          include_total="false")
    assert len(ranged["records"]) == 3 and "total" not in ranged
    assert ckan.action.datastore_search(resource_id=catalogue["resource_id"], q="가게2", limit=0)["total"] == 2


def test_datastore_search_errors_have_ckan_types(ckan, catalogue):
    with pytest.raises(ckanapi.ValidationError) as info:
        ckan.action.datastore_search(resource_id=catalogue["resource_id"], filters={"좌석수": "많음"})
    assert "좌석수" in info.value.error_dict
    with pytest.raises(ckanapi.NotFound):
        ckan.action.datastore_search(resource_id="999999")


def test_organization_group_tag_resource_and_status(ckan, catalogue):
    assert ckan.action.organization_list() == ["admin-affairs"]
    assert ckan.action.organization_show(id="admin-affairs")["package_count"] == 1
    assert "위생" in ckan.action.group_list()
    assert ckan.action.tag_list() == ["음식점", "인허가"]
    assert ckan.action.resource_show(id=catalogue["resource_id"])["format"] == "CSV"
    assert "datastore" in ckan.action.status_show()["extensions"]


def test_envelope_unknown_action_get_and_no_csrf(client, catalogue):
    response = client.get("/api/3/action/no_such_action")
    assert response.status_code == 400 and response.json()["success"] is False
    response = client.get("/api/action/package_show", {"id": "nothing"})
    assert response.status_code == 404
    assert response.json()["error"]["__type"] == "Not Found Error"
    # A POST without a CSRF token, as every CKAN client sends it.
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/api/3/action/package_search", data=json.dumps({"q": "음식점", "unknown": 1}),
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["result"]["count"] == 1
    assert "help" in response.json()


def test_ckanapi_command_line(live_server, catalogue):
    ckanapi_command = str(Path(sys.executable).parent / "ckanapi")
    command = [ckanapi_command, "action", "package_search", "q=음식점", "-r", live_server.url]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(completed.stdout)["count"] == 1
    command = [ckanapi_command, "search", "datasets", "q=음식점", "-r", live_server.url]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(completed.stdout.splitlines()[0])["name"] == "restaurants"


def test_ckanapi_dump_datasets_all(live_server, catalogue, tmp_path):
    target = tmp_path / "dump.jsonl"
    command = [str(Path(sys.executable).parent / "ckanapi"), "dump", "datasets", "--all", "-O", str(target),
               "-p", "1", "-q", "-r", live_server.url]
    # The dump spawns its worker processes as `ckanapi` found on PATH.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run(command, capture_output=True, text=True, timeout=120, check=True, env=env)
    dumped = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [d["name"] for d in dumped] == ["restaurants"]
    assert dumped[0]["resources"][0]["datastore_active"] is True


def test_datastore_search_distinct_and_fields_only(ckan, catalogue):
    result = ckan.action.datastore_search(resource_id=catalogue["resource_id"], fields=["업태"], distinct=True,
                                          sort="업태 asc")
    assert result["records"] == [{"업태": "분식"}, {"업태": "한식"}] and result["total"] == 2
    empty = ckan.action.datastore_search(resource_id=catalogue["resource_id"], limit=0)
    assert empty["records"] == [] and [f["id"] for f in empty["fields"]][:2] == ["_id", "업소명"]
