"""Who may open each open-data URL (merged into tests/portal/test_url_permissions.py)."""

from __future__ import annotations

import io
from typing import Any

from opengu.opendata import services
from opengu.opendata.models import Category, Dataset
from tests.personas import Personas
from tests.portal.test_url_permissions import EVERYONE, STAFF_ONLY, Expect, statuses

# A draft is shown to its department, auditors (who read everything) and administrators.
DRAFT_EDITORS = statuses(302, 404, 200, other_staff=404, auditor=403)
POST_ONLY = statuses(302, 405, 405)


def _draft(personas: Personas) -> dict[str, Any]:
    dataset = services.dataset_create(actor=personas.staff, title="초안 자료", slug="draft",
                                      department=personas.department, category=Category.objects.get(name="환경"))
    return {"slug": dataset.slug}


def _draft_with_table(personas: Personas) -> dict[str, Any]:
    slug = _draft(personas)["slug"]
    version = services.resource_version_load(actor=personas.staff, dataset=Dataset.objects.get(slug=slug),
                                             file=io.BytesIO("이름,수\n가,1\n".encode()), source_name="a.csv")
    return {"slug": slug, "resource_id": version.resource_id}


def _draft_with_two_versions(personas: Personas) -> dict[str, Any]:
    found = _draft_with_table(personas)
    services.resource_version_load(actor=personas.staff, dataset=Dataset.objects.get(slug=found["slug"]),
                                   file=io.BytesIO("이름,수\n가,2\n".encode()), source_name="b.csv")
    return found


EXPECTATIONS: dict[str, Expect] = {
    "opendata:catalogue": Expect(EVERYONE, query={"q": "주차"}),
    "opendata:staff": Expect(STAFF_ONLY),
    "opendata:dataset_new": Expect(statuses(302, 403, 200, auditor=403), why="auditors read, they do not create"),
    "opendata:dataset": Expect(statuses(404, 404, 200, other_staff=404), setup=_draft,
                               why="a draft: its department, auditors and administrators"),
    "opendata:dataset_edit": Expect(DRAFT_EDITORS, setup=_draft),
    "opendata:download": Expect(statuses(404, 404, 200, other_staff=404), setup=_draft_with_table),
    "opendata:export": Expect(statuses(404, 404, 200, other_staff=404), setup=lambda p: {**_draft_with_table(p),
                                                                                      "fmt": "json"},
                              why="rows of a draft: its department, auditors and administrators"),
    "opendata:changes": Expect(statuses(404, 404, 200, other_staff=404), setup=_draft_with_two_versions,
                               why="changes of a draft: its department, auditors and administrators"),
    "opendata:changes_api": Expect(statuses(404, 404, 200, other_staff=404), setup=_draft_with_two_versions),
    "opendata:upload": Expect(POST_ONLY, kwargs={"slug": "any"}, why="POST only"),
    "opendata:publish": Expect(POST_ONLY, kwargs={"slug": "any"}, why="POST only"),
    "opendata:personal_data_decide": Expect(POST_ONLY, kwargs={"slug": "any", "version_id": 1}, why="POST only"),
    "opendata:ckan_action": Expect(EVERYONE, kwargs={"name": "status_show"}, why="the public CKAN API"),
    "opendata:ckan_action_unversioned": Expect(EVERYONE, kwargs={"name": "package_list"}),
}


def _key(personas: Personas) -> dict[str, Any]:
    return {"key_id": services.api_key_issue(actor=personas.resident, purpose="지도 앱").pk}


EXPECTATIONS.update({
    "opendata:api_keys": Expect(statuses(302, 200, 200), why="any registered user gets keys at once"),
    "opendata:api_key_revoke": Expect(POST_ONLY, setup=_key, why="POST only"),
    "opendata:data_go_kr": Expect(EVERYONE, kwargs={"dataset": "none", "resource": "1"},
                                  why="public API; answers with its own result code"),
    "opendata:seoul": Expect(EVERYONE, kwargs={"rest": "sample/json/none/1/5/"},
                             why="public API; answers with its own result code"),
})


def _published(personas: Personas) -> dict[str, Any]:
    dataset = services.dataset_create(actor=personas.staff, title="공개 자료", slug="open-one",
                                      department=personas.department, category=Category.objects.get(name="환경"))
    services.dataset_publish(actor=personas.staff, dataset=dataset)
    return {"identifier": dataset.slug}


EXPECTATIONS.update({
    "opendata:catalog_ttl": Expect(EVERYONE, why="DCAT-AP catalogue, public"),
    "opendata:catalog_jsonld": Expect(EVERYONE, why="DCAT-AP catalogue, public"),
    "opendata:dataset_ttl": Expect(EVERYONE, setup=_published, why="published datasets only"),
    "opendata:dataset_jsonld": Expect(EVERYONE, setup=_published, why="published datasets only"),
})


def _licences(personas: Personas) -> dict[str, Any]:
    dataset = services.dataset_create(actor=personas.staff, title="음식점 인허가", slug="licences",
                                      department=personas.department, category=Category.objects.get(name="위생"))
    text = "개방자치단체코드,인허가일자,영업상태명,폐업일자,소재지전체주소,업태구분명\n" \
           "3120000,20150101,영업/정상,,서울특별시 서대문구 연희동 1,한식\n"
    version = services.resource_version_load(actor=personas.staff, dataset=dataset, file=io.BytesIO(text.encode()),
                                             source_name="l.csv")
    services.dataset_publish(actor=personas.staff, dataset=Dataset.objects.get(pk=dataset.pk))
    return {"resource_id": version.resource_id}


EXPECTATIONS.update({
    "opendata:commerce": Expect(EVERYONE, setup=_licences, why="상권분석 of a published LOCALDATA table, public"),
    "opendata:commerce_api": Expect(EVERYONE, setup=_licences, why="상권분석 API, public"),
})


def _data_request(personas: Personas) -> dict[str, Any]:
    from opengu.opendata import demand

    request = demand.data_request_submit(actor=personas.resident, title="공공 와이파이 위치", purpose="지도를 만들려고 합니다.",
                                         use=4, department=personas.department)
    return {"pk": request.pk}


EXPECTATIONS.update({
    "opendata:requests": Expect(EVERYONE, why="the public list of data requests, never who asked"),
    "opendata:request_new": Expect(statuses(302, 200, 200), why="any logged-in user may ask"),
    "opendata:request_priorities": Expect(STAFF_ONLY, why="staff triage; shows no names"),
    "opendata:request": Expect(EVERYONE, setup=_data_request, why="public; the masked requester only for staff"),
    "opendata:request_support": Expect(POST_ONLY, kwargs={"pk": 1}, why="POST only"),
    "opendata:request_answer": Expect(POST_ONLY, kwargs={"pk": 1}, why="POST only"),
})

EXPECTATIONS.update({
    "opendata:national_portal": Expect(STAFF_ONLY, why="staff register the district's list on data.go.kr"),
    "opendata:national_register": Expect(POST_ONLY, kwargs={"slug": "any"}, why="POST only"),
})


def _draft_with_points(personas: Personas) -> dict[str, Any]:
    slug = _draft(personas)["slug"]
    version = services.resource_version_load(
        actor=personas.staff, dataset=Dataset.objects.get(slug=slug),
        file=io.BytesIO("사업장명,좌표정보(x),좌표정보(y)\n가,196762.08,447480.04\n".encode()), source_name="p.csv")
    return {"slug": slug, "resource_id": version.resource_id}


EXPECTATIONS.update({
    "opendata:points": Expect(statuses(404, 404, 200, other_staff=404), setup=_draft_with_points,
                              why="positions of a draft: like its dataset page"),
    "opendata:coordinate_system": Expect(POST_ONLY, kwargs={"slug": "any", "resource_id": 1}, why="POST only"),
})
EXPECTATIONS["opendata:commerce_points"] = Expect(EVERYONE, setup=_licences,
                                                  why="map points of a published LOCALDATA table, public")
EXPECTATIONS.update({
    "opendata:schema": Expect(statuses(404, 404, 200, other_staff=404), setup=_draft_with_table,
                              why="Table Schema of a draft: like its dataset page"),
    "opendata:datapackage": Expect(statuses(404, 404, 200, other_staff=404),
                                   setup=lambda personas: {"slug": _draft_with_table(personas)["slug"]},
                                   why="Data Package of a draft: like its dataset page"),
})
EXPECTATIONS["opendata:quality_dashboard"] = Expect(STAFF_ONLY, why="aggregate figures of every department, for staff")
