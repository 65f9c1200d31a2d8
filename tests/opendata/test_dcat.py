"""DCAT-AP 3 catalogue in Turtle and JSON-LD: parsed with rdflib, every mandatory property there."""

from __future__ import annotations

import io

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from opengu.opendata import dcat, services
from opengu.opendata.models import Category

pytestmark = pytest.mark.django_db

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
TABLE = "주차장명,주차면수\n\"연희 \"\"제1\"\" 주차장\",120\n"


@pytest.fixture
def published(dataset, personas):
    services.dataset_update(actor=personas.staff, dataset=dataset, description="줄 바꿈\n과 \\ 역슬래시가 있는 설명")
    services.resource_version_load(actor=personas.staff, dataset=dataset, file=io.BytesIO(TABLE.encode()),
                                   source_name="parking.csv")
    services.dataset_publish(actor=personas.staff, dataset=dataset)
    return dataset


def _graph(client, url, fmt):
    response = client.get(url)
    assert response.status_code == 200, url
    graph = Graph()
    graph.parse(data=response.content.decode(), format=fmt, publicID="http://testserver/")
    return graph, response


def _one(graph, subject, predicate):
    values = list(graph.objects(subject, predicate))
    assert values, f"{subject} has no {predicate}"
    return values[0]


def _check_mandatory(graph):
    catalogues = list(graph.subjects(RDF.type, DCAT.Catalog))
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    distributions = list(graph.subjects(RDF.type, DCAT.Distribution))
    for catalogue in catalogues:
        for predicate in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.dataset):
            _one(graph, catalogue, predicate)
    for dataset in datasets:
        for predicate in (DCTERMS.title, DCTERMS.description):
            _one(graph, dataset, predicate)
    for distribution in distributions:
        _one(graph, distribution, DCAT.accessURL)
    for agent in set(graph.objects(None, DCTERMS.publisher)):
        assert (agent, RDF.type, FOAF.Agent) in graph
        _one(graph, agent, FOAF.name)
    return catalogues, datasets, distributions


@pytest.mark.parametrize(("suffix", "fmt"), [("ttl", "turtle"), ("jsonld", "json-ld")])
def test_catalogue_parses_and_carries_every_mandatory_property(client, published, suffix, fmt):
    graph, response = _graph(client, f"/catalog.{suffix}", fmt)
    assert response["Content-Type"].startswith("text/turtle" if suffix == "ttl" else "application/ld+json")
    catalogues, datasets, distributions = _check_mandatory(graph)
    assert len(catalogues) == 1 and len(datasets) == 1 and len(distributions) == 1
    dataset = datasets[0]
    assert (catalogues[0], DCAT.dataset, dataset) in graph
    assert _one(graph, dataset, DCTERMS.title) == Literal("서대문구 공영주차장 현황", lang="ko")
    assert str(_one(graph, dataset, DCTERMS.description)) == "줄 바꿈\n과 \\ 역슬래시가 있는 설명"
    assert {str(k) for k in graph.objects(dataset, DCAT.keyword)} == {"주차장", "공영"}
    assert _one(graph, dataset, DCTERMS.accrualPeriodicity) == URIRef(
        "http://publications.europa.eu/resource/authority/frequency/IRREG")
    distribution = distributions[0]
    download = str(_one(graph, distribution, DCAT.downloadURL))
    assert client.get(download.removeprefix("http://testserver")).status_code == 200
    assert str(_one(graph, distribution, DCTERMS.license)).startswith("https://www.kogl.or.kr/")


def test_a_draft_is_not_in_the_catalogue_and_has_no_description(client, dataset):
    graph, _response = _graph(client, "/catalog.ttl", "turtle")
    assert not list(graph.subjects(RDF.type, DCAT.Dataset))
    assert list(graph.subjects(RDF.type, DCAT.Catalog))  # an empty catalogue still describes itself
    assert client.get(f"/dataset/{dataset.pk}.ttl").status_code == 404


@pytest.mark.parametrize(("suffix", "fmt"), [("ttl", "turtle"), ("jsonld", "json-ld")])
def test_one_dataset_by_id_or_slug(client, published, suffix, fmt):
    for identifier in (published.pk, published.slug):
        graph, _response = _graph(client, f"/dataset/{identifier}.{suffix}", fmt)
        _catalogues, datasets, distributions = _check_mandatory(graph)
        assert len(datasets) == 1 and len(distributions) == 1
        assert str(datasets[0]).endswith(f"/dataset/{published.pk}")


def test_the_catalogue_is_paged_with_hydra_links(client, personas, monkeypatch):
    monkeypatch.setattr(dcat, "PAGE_SIZE", 2)
    category = Category.objects.get(name="환경")
    for n in range(5):
        made = services.dataset_create(actor=personas.staff, title=f"대기질 측정 {n}", slug=f"air-{n}",
                                       department=personas.department, category=category)
        services.dataset_publish(actor=personas.staff, dataset=made)
    seen = set()
    url = "/catalog.ttl"
    pages = 0
    while url:
        graph, _response = _graph(client, url, "turtle")
        _check_mandatory(graph)
        seen |= set(graph.subjects(RDF.type, DCAT.Dataset))
        view = next(graph.subjects(RDF.type, HYDRA.PartialCollectionView))
        assert int(_one(graph, view, HYDRA.totalItems)) == 5
        following = list(graph.objects(view, HYDRA.next))
        url = str(following[0]).removeprefix("http://testserver") if following else ""
        pages += 1
    assert pages == 3 and len(seen) == 5
    assert client.get("/catalog.ttl?page=4").status_code == 404
    assert client.get("/catalog.jsonld?page=x").status_code == 404
