"""Frictionless Table Schema per resource and Data Package per dataset.

Checked three ways: a JSON Schema of the Table Schema rules (field name, type from the spec's
list, title/description strings, constraints), frictionless' own descriptor validation, and
frictionless validating the very CSV the download gives against the exported schema.
"""

from __future__ import annotations

import io
import json

import frictionless
import jsonschema
import pytest

from opengu.opendata import services
from opengu.opendata.models import Dataset

pytestmark = pytest.mark.django_db

SPEC_TYPES = ["string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime", "year",
              "yearmonth", "duration", "geopoint", "geojson", "any"]
TABLE_SCHEMA = {
    "type": "object", "required": ["fields"],
    "properties": {
        "fields": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["name"],
            "properties": {"name": {"type": "string", "minLength": 1}, "type": {"enum": SPEC_TYPES},
                           "title": {"type": "string"}, "description": {"type": "string"},
                           "format": {"type": "string"}, "constraints": {"type": "object"}}}},
        "missingValues": {"type": "array", "items": {"type": "string"}},
    },
}
DATA_PACKAGE = {
    "type": "object", "required": ["resources"],
    "properties": {
        "name": {"type": "string", "pattern": "^([-a-z0-9._/])+$"},
        "resources": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["name", "path", "schema"],
            "properties": {"name": {"type": "string", "pattern": "^([-a-z0-9._/])+$"}, "path": {"type": "string"},
                           "schema": TABLE_SCHEMA}}},
        "licenses": {"type": "array", "items": {"type": "object", "anyOf": [{"required": ["name"]},
                                                                            {"required": ["path"]}]}},
    },
}
TABLE = ("사업장명,인허가일자,면적(㎡),영업 중,최종수정시점,좌표정보(x),좌표정보(y)\n"
         "가식당,2014.10.01,33.5,Y,2020-01-02 13:28,196762.08,447480.04\n"
         "나카페,20150101,120,N,2021-03-04 9:05,,\n")


@pytest.fixture
def loaded(dataset, personas):
    version = services.resource_version_load(actor=personas.staff, dataset=dataset, file=io.BytesIO(TABLE.encode()),
                                             source_name="licences.csv")
    services.dataset_publish(actor=personas.staff, dataset=Dataset.objects.get(pk=dataset.pk))
    return version


def test_schema_json_is_a_valid_table_schema_with_korean_titles(client, dataset, loaded):
    response = client.get(f"/data/{dataset.slug}/resources/{loaded.resource_id}/schema.json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    schema = response.json()
    jsonschema.validate(schema, TABLE_SCHEMA)
    assert frictionless.Schema.validate_descriptor(schema).valid
    types = {field["name"]: field["type"] for field in schema["fields"]}
    assert types == {"사업장명": "string", "인허가일자": "date", "면적(㎡)": "number", "영업 중": "boolean",
                     "최종수정시점": "datetime", "좌표정보(x)": "number", "좌표정보(y)": "number",
                     "_lat": "number", "_lon": "number"}
    lat = next(field for field in schema["fields"] if field["name"] == "_lat")
    assert lat["title"] == "위도(WGS84)" and lat["constraints"] == {"minimum": -90, "maximum": 90}


def test_the_download_validates_against_its_schema(client, dataset, loaded, tmp_path):
    schema = client.get(f"/data/{dataset.slug}/resources/{loaded.resource_id}/schema.json").json()
    body = b"".join(client.get(f"/data/{dataset.slug}/resources/{loaded.resource_id}/download.csv")
                    .streaming_content)
    (tmp_path / "data.csv").write_bytes(body)
    resource = frictionless.Resource(path="data.csv", basepath=str(tmp_path), schema=frictionless.Schema.from_descriptor(schema),
                                     encoding="utf-8-sig")
    report = frictionless.validate(resource)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_a_wrong_type_in_the_file_is_caught_by_the_schema(client, dataset, loaded, tmp_path):
    schema = client.get(f"/data/{dataset.slug}/resources/{loaded.resource_id}/schema.json").json()
    (tmp_path / "bad.csv").write_text("사업장명,인허가일자,면적(㎡),영업 중,최종수정시점,좌표정보(x),좌표정보(y),_lat,_lon\n"
                                      "가,어제,넓음,Y,2020-01-02T13:28:00,1,2,100,0\n", encoding="utf-8")
    report = frictionless.validate(frictionless.Resource(path="bad.csv", basepath=str(tmp_path),
                                                         schema=frictionless.Schema.from_descriptor(schema)))
    assert not report.valid
    errors = {error[0] for error in report.flatten(["fieldName"])}
    assert {"인허가일자", "면적(㎡)", "_lat"} <= errors


def test_datapackage_json_lists_live_tables_with_their_schemas(client, dataset, loaded):
    response = client.get(f"/data/{dataset.slug}/datapackage.json")
    package = response.json()
    jsonschema.validate(package, DATA_PACKAGE)
    assert frictionless.Package.validate_descriptor(package).valid
    assert package["name"] == "parking" and package["title"] == "서대문구 공영주차장 현황"
    assert package["resources"][0]["path"].endswith(f"/resources/{loaded.resource_id}/download.csv")
    assert package["licenses"][0]["path"].startswith("https://www.kogl.or.kr/")
    assert json.dumps(package, ensure_ascii=False).count('"schema"') == 1


def test_a_korean_slug_gets_an_ascii_package_name_and_no_table_no_package(client, personas):
    from opengu.opendata.models import Category

    dataset = services.dataset_create(actor=personas.staff, title="공원 현황", slug="공원", department=personas.department,
                                      category=Category.objects.get(name="환경"))
    services.dataset_publish(actor=personas.staff, dataset=dataset)
    assert client.get(f"/data/{dataset.slug}/datapackage.json").status_code == 404  # a package needs a resource
    services.resource_version_load(actor=personas.staff, dataset=dataset, file=io.BytesIO("이름\n가\n".encode()),
                                   source_name="a.csv")
    package = client.get(f"/data/{dataset.slug}/datapackage.json").json()
    assert package["name"] == f"dataset-{dataset.pk}"
    jsonschema.validate(package, DATA_PACKAGE)
