"""The HSDS 3.0 read API, validated against the schema subset in tests/welfare/schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from opengu.welfare.models import Service
from tests.personas import Personas

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "hsds_subset.json").read_text(encoding="utf-8"))


def _validate(instance: Any, definition: str) -> None:
    schema = {"$ref": f"#/$defs/{definition}", "$defs": SCHEMA["$defs"]}
    errors = list(Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).iter_errors(instance))
    assert not errors, [e.message for e in errors]


@pytest.mark.parametrize(("path", "item"), [
    ("/api/hsds/services", "service"),
    ("/api/hsds/organizations", "organization"),
    ("/api/hsds/service_at_locations", "service_at_location"),
    ("/api/hsds/taxonomies", "taxonomy"),
    ("/api/hsds/taxonomy_terms", "taxonomy_term"),
])
def test_lists_are_hsds_pages(client, directory: dict[str, object], path: str, item: str) -> None:  # type: ignore[no-untyped-def]
    body = client.get(path).json()
    _validate(body, "page")
    assert body["contents"], path
    for entry in body["contents"]:
        _validate(entry, item)


def test_the_schema_rejects_a_wrong_page() -> None:
    with pytest.raises(AssertionError):
        _validate({"total_items": 1, "contents": []}, "page")


def test_nested_service_validates(client, directory: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    lunch = directory["lunch"]
    body = client.get(f"/api/hsds/services/{lunch.uid}").json()  # type: ignore[attr-defined]
    _validate(body, "service")
    assert body["organization"]["name"] == "연희노인복지관"
    assert body["service_at_locations"][0]["location"]["schedules"][0]["byday"] == "MO,TU,WE,TH,FR"
    assert {a["taxonomy_term"]["name"] for a in body["attributes"]} >= {"노년"}


def test_paging_search_and_ndjson(client, directory: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    first = client.get("/api/hsds/services", {"per_page": 1}).json()
    assert (first["total_items"], first["total_pages"], first["size"], first["first_page"], first["last_page"]) == (2, 2, 1, True, False)
    second = client.get("/api/hsds/services", {"per_page": 1, "page": 2}).json()
    assert second["last_page"] and second["contents"][0]["id"] != first["contents"][0]["id"]
    found = client.get("/api/hsds/services", {"search": "홀몸어르신"}).json()
    assert [s["name"] for s in found["contents"]] == ["독거어르신 도시락 배달"]
    whole = client.get("/api/hsds/services", {"format": "ndjson"})
    lines = b"".join(whole.streaming_content).decode().splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["status"] == "active"
    # With page or per_page, ndjson is that page, and the total is in a header.
    paged = client.get("/api/hsds/services", {"format": "ndjson", "per_page": 1, "page": 2})
    assert paged["X-Total-Count"] == "2" and len(paged.content.decode().splitlines()) == 1
    assert json.loads(paged.content)["id"] == second["contents"][0]["id"]
    searched = client.get("/api/hsds/services", {"format": "ndjson", "per_page": 1, "search": "도시락"})
    assert searched["X-Total-Count"] == "1"
    assert client.get("/api/hsds/services", {"format": "xml"}).json()["detail"] == "format은 json이나 ndjson만 됩니다."
    terms = client.get("/api/hsds/taxonomy_terms", {"search": "노년"}).json()
    assert [t["name"] for t in terms["contents"]] == ["노년"]


def test_modified_after_and_bad_parameters(client, directory: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    Service.objects.filter(pk=directory["kids"].pk).update(modified_at="2020-01-01T00:00:00+09:00")  # type: ignore[attr-defined]
    body = client.get("/api/hsds/services", {"modified_after": "2021-01-01"}).json()
    assert [s["name"] for s in body["contents"]] == ["독거어르신 도시락 배달"]
    response = client.get("/api/hsds/services", {"modified_after": "yesterday"})
    assert response.status_code == 400 and "modified_after" in response.json()["detail"]
    assert client.get("/api/hsds/services", {"per_page": 1000}).status_code == 400
    assert client.get("/api/hsds/services/not-a-uuid").status_code == 404
    unknown = client.get("/api/hsds/nothing")
    assert unknown.status_code == 404 and unknown["Content-Type"].startswith("application/json")
    posted = client.post("/api/hsds/services", {})
    assert posted.status_code == 405 and posted["Allow"] == "GET, HEAD" and "GET" in posted.json()["detail"]


def test_inactive_services_are_not_published(client, personas: Personas, directory: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    kids = directory["kids"]
    Service.objects.filter(pk=kids.pk).update(status=Service.Status.DEFUNCT)  # type: ignore[attr-defined]
    assert client.get(f"/api/hsds/services/{kids.uid}").status_code == 404  # type: ignore[attr-defined]
    assert client.get(f"/welfare/services/{kids.pk}/").status_code == 404  # type: ignore[attr-defined]
