"""How the row APIs are served: the short middleware stack of `core.handlers` under the API
paths (what `opengu run` serves with), the whole stack everywhere else."""

from __future__ import annotations

import io

import pytest
from django.test.client import ClientHandler

from opengu.core.handlers import OpenguWSGIHandler, PublicApiPathsMixin
from opengu.opendata import services
from tests.personas import login_as

pytestmark = pytest.mark.django_db

TABLE = "주차장명,주차면수\n연희 제1공영주차장,120\n신촌 제2공영주차장,45\n"


class ServingHandler(PublicApiPathsMixin, ClientHandler):
    """The test client's handler with the path split `opengu.wsgi` has."""


@pytest.fixture
def served(client):
    client.handler = ServingHandler(enforce_csrf_checks=False)
    return client


@pytest.fixture
def resource(dataset, personas):
    version = services.resource_version_load(actor=personas.staff, dataset=dataset, file=io.BytesIO(TABLE.encode()),
                                             source_name="parking.csv")
    services.dataset_publish(actor=personas.staff, dataset=dataset)
    return version.resource


def _search(client, resource_id, **headers):
    return client.get("/api/3/action/datastore_search", {"resource_id": resource_id}, headers=headers)


def test_the_served_application_splits_by_path():
    from opengu.wsgi import application

    assert isinstance(application, OpenguWSGIHandler)
    assert application._public_api_chain is not None


def test_api_answers_come_through_the_short_stack_with_the_security_headers(served, resource):
    response = _search(served, resource.pk)
    assert response.status_code == 200
    assert [r["주차장명"] for r in response.json()["result"]["records"]] == ["연희 제1공영주차장", "신촌 제2공영주차장"]
    assert response["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Language"] == "ko"
    assert int(response["Content-Length"]) == len(response.content)
    assert not response.cookies and not response.has_header("Vary")


def test_pages_keep_the_whole_stack(served, resource):
    page = served.get(f"/data/{resource.dataset.slug}/")
    assert page.status_code == 200
    assert "'self'" in page["Content-Security-Policy"]  # the site's policy, from CSPMiddleware
    assert page.wsgi_request.session is not None


def test_a_staff_session_is_not_read_on_the_api(served, dataset, personas):
    # A draft: its own department's staff may see it on the site, the API answers as the public.
    version = services.resource_version_load(actor=personas.staff, dataset=dataset, file=io.BytesIO(TABLE.encode()),
                                             source_name="parking.csv")
    login_as(served, personas.staff)
    assert served.get(f"/data/{dataset.slug}/").status_code == 200
    response = _search(served, version.resource_id)
    assert response.status_code == 403
    assert response.json()["error"]["__type"] == "Authorization Error"
    assert not hasattr(response.wsgi_request, "session")


def test_an_unknown_host_is_refused_on_the_api_too(served, resource):
    assert served.get("/api/3/action/status_show", HTTP_HOST="evil.example").status_code == 400


def test_an_unknown_address_under_an_api_path_gets_the_not_found_page(served, resource):
    response = served.get("/openapi/only-one-segment")
    assert response.status_code == 404
    assert "페이지를 찾을 수 없습니다" in response.content.decode()


def test_korean_faces_come_through_the_short_stack(served, resource, personas):
    key = services.api_key_issue(actor=personas.resident, purpose="주차장 안내 앱")
    go = served.get(f"/openapi/{resource.dataset.slug}/{resource.pk}", {"serviceKey": key.key, "returnType": "json"})
    assert go.json()["response"]["header"]["resultCode"] == "00"
    assert go["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    seoul = served.get(f"/seoulapi/{key.key}/json/{resource.dataset.slug}/1/2/")
    assert seoul.json()[resource.dataset.slug]["RESULT"]["CODE"] == "INFO-000"
    assert seoul["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_datastore_search_reads_the_database_twice(served, resource, django_assert_num_queries):
    _search(served, resource.pk)
    with django_assert_num_queries(2):  # the resource with its dataset and live version; the rows
        assert _search(served, resource.pk).status_code == 200
