"""The catalogue as DCAT-AP 3 linked data, in Turtle and JSON-LD, paged with Hydra.

`/catalog.ttl` and `/catalog.jsonld` describe the catalogue and one page of its published
datasets (`?page=N`, 100 a page, `hydra:PartialCollectionView` links to the others);
`/dataset/<id or slug>.ttl` and `.jsonld` describe one dataset. Every DCAT-AP mandatory
property is present: catalogue title, description, publisher, dataset; dataset title and
description; distribution access URL; agent name.

The graph is built as plain triples and written by the two small serialisers below, so the
site needs no RDF library at run time (the tests parse the output with rdflib).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.encoding import iri_to_uri
from django.views.decorators.http import require_http_methods

from opengu.core.selectors import current_district
from opengu.opendata import selectors
from opengu.opendata.models import Dataset, Licence, Resource, UpdateCycle

PAGE_SIZE = 100
PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "hydra": "http://www.w3.org/ns/hydra/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
LICENCES = {
    Licence.KOGL_1: "https://www.kogl.or.kr/info/licenseType1.do",
    Licence.KOGL_2: "https://www.kogl.or.kr/info/licenseType2.do",
    Licence.KOGL_3: "https://www.kogl.or.kr/info/licenseType3.do",
    Licence.KOGL_4: "https://www.kogl.or.kr/info/licenseType4.do",
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.ODC_BY: "https://opendatacommons.org/licenses/by/1-0/",
}
_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
FREQUENCIES = {
    UpdateCycle.AS_NEEDED: _FREQUENCY + "IRREG", UpdateCycle.DAILY: _FREQUENCY + "DAILY",
    UpdateCycle.WEEKLY: _FREQUENCY + "WEEKLY", UpdateCycle.MONTHLY: _FREQUENCY + "MONTHLY",
    UpdateCycle.QUARTERLY: _FREQUENCY + "QUARTERLY", UpdateCycle.HALF_YEARLY: _FREQUENCY + "ANNUAL_2",
    UpdateCycle.YEARLY: _FREQUENCY + "ANNUAL",
}
FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"


@dataclass(frozen=True)
class IRI:
    value: str


@dataclass(frozen=True)
class Literal:
    value: str
    language: str = ""
    datatype: str = ""  # a prefixed name, e.g. xsd:date


Term = IRI | Literal


@dataclass
class Node:
    """One subject with its types and (predicate, object) pairs; predicates are prefixed names."""

    iri: str
    types: list[str]
    properties: list[tuple[str, Term]] = field(default_factory=list)

    def add(self, predicate: str, value: Term | None) -> None:
        if value is not None and not (isinstance(value, Literal) and value.value == ""):
            self.properties.append((predicate, value))


def _ko(text: str) -> Literal:
    return Literal(text, language="ko")


def _when(value: dt.date | dt.datetime | None) -> Literal | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return Literal(value.isoformat(), datatype="xsd:dateTime")
    return Literal(value.isoformat(), datatype="xsd:date")


class Builder:
    """Turns catalogue rows into nodes; `base` is the site's absolute root without a final slash."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.nodes: dict[str, Node] = {}

    def url(self, path: str) -> str:
        return iri_to_uri(self.base + path)

    def node(self, iri: str, *types: str) -> Node:
        if iri not in self.nodes:
            self.nodes[iri] = Node(iri, list(types))
        return self.nodes[iri]

    def agent(self, iri: str, name: str) -> IRI:
        agent = self.node(iri, "foaf:Agent")
        if not agent.properties:
            agent.add("foaf:name", _ko(name))
        return IRI(iri)

    def dataset(self, dataset: Dataset) -> IRI:
        iri = self.url(f"/dataset/{dataset.pk}")
        node = self.node(iri, "dcat:Dataset")
        node.add("dct:title", _ko(dataset.title))
        node.add("dct:description", _ko(dataset.description or dataset.title))
        node.add("dct:identifier", Literal(dataset.slug))
        for word in dataset.keywords:
            node.add("dcat:keyword", _ko(word))
        department = dataset.department
        node.add("dct:publisher", self.agent(self.url(f"/catalog#publisher-{department.code}"), department.name))
        node.add("dcat:landingPage", IRI(self.url(f"/data/{dataset.slug}/")))
        node.add("dct:issued", _when(dataset.published_at))
        node.add("dct:modified", _when(dataset.updated_at))
        node.add("dct:accrualPeriodicity", IRI(FREQUENCIES[UpdateCycle(dataset.update_cycle)])
                 if dataset.update_cycle in UpdateCycle.values else None)
        if dataset.temporal_from or dataset.temporal_to:
            period = self.node(iri + "#temporal", "dct:PeriodOfTime")
            period.add("dcat:startDate", _when(dataset.temporal_from))
            period.add("dcat:endDate", _when(dataset.temporal_to))
            node.add("dct:temporal", IRI(period.iri))
        if dataset.contact:
            contact = self.node(iri + "#contact", "vcard:Kind")
            contact.add("vcard:fn", _ko(f"{department.name} ({dataset.contact})"))
            node.add("dcat:contactPoint", IRI(contact.iri))
        for resource in dataset.resources.all():
            node.add("dcat:distribution", self.distribution(dataset, resource, iri))
        return IRI(iri)

    def distribution(self, dataset: Dataset, resource: Resource, dataset_iri: str) -> IRI | None:
        live = resource.live_version_id is not None
        if resource.kind == Resource.Kind.LINK and resource.url:
            access = resource.url
        elif live:
            access = self.url(f"/data/{dataset.slug}/")
        else:
            return None  # nothing to access yet
        iri = f"{dataset_iri}#distribution-{resource.pk}"
        node = self.node(iri, "dcat:Distribution")
        node.add("dct:title", _ko(resource.name))
        node.add("dcat:accessURL", IRI(iri_to_uri(access)))
        node.add("dct:license", IRI(LICENCES[Licence(dataset.licence)]) if dataset.licence in LICENCES else None)
        if live:
            node.add("dcat:downloadURL", IRI(self.url(f"/data/{dataset.slug}/resources/{resource.pk}/download.csv")))
            node.add("dct:format", IRI(FILE_TYPES + "CSV"))
            node.add("dcat:mediaType", IRI(MEDIA_TYPES + "text/csv"))
        return IRI(iri)

    def catalogue(self, datasets: list[Dataset], page: int, pages: int, total: int, suffix: str) -> None:
        district = current_district()
        name = district.name if district else ""
        iri = self.url("/catalog")
        node = self.node(iri, "dcat:Catalog")
        node.add("dct:title", _ko(f"{name} 열린데이터 광장".strip()))
        node.add("dct:description", _ko(f"{name}가 가진 자료를 누구나 내려받고 API로 쓸 수 있게 공개하는 목록입니다.".strip()))
        node.add("dct:publisher", self.agent(self.url("/catalog#publisher"), name or "구청"))
        node.add("foaf:homepage", IRI(self.url("/data/")))
        node.add("dct:language", IRI("http://publications.europa.eu/resource/authority/language/KOR"))
        for dataset in datasets:
            node.add("dcat:dataset", self.dataset(dataset))
        view = self.node(self.url(f"/catalog.{suffix}?page={page}"), "hydra:PartialCollectionView")
        view.add("hydra:first", IRI(self.url(f"/catalog.{suffix}?page=1")))
        view.add("hydra:last", IRI(self.url(f"/catalog.{suffix}?page={pages}")))
        if page > 1:
            view.add("hydra:previous", IRI(self.url(f"/catalog.{suffix}?page={page - 1}")))
        if page < pages:
            view.add("hydra:next", IRI(self.url(f"/catalog.{suffix}?page={page + 1}")))
        view.add("hydra:totalItems", Literal(str(total), datatype="xsd:integer"))
        node.add("hydra:view", IRI(view.iri))


# Serialisers

def _turtle_string(text: str) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
               .replace("\t", "\\t"))
    return f'"{escaped}"'


def _turtle_term(term: Term) -> str:
    if isinstance(term, IRI):
        return f"<{term.value}>"
    text = _turtle_string(term.value)
    if term.language:
        return f"{text}@{term.language}"
    return f"{text}^^{term.datatype}" if term.datatype else text


def turtle(nodes: list[Node]) -> str:
    lines = [f"@prefix {prefix}: <{iri}> ." for prefix, iri in PREFIXES.items()] + [""]
    for node in nodes:
        parts = [f"a {', '.join(node.types)}"] + [f"{predicate} {_turtle_term(value)}"
                                                  for predicate, value in node.properties]
        lines.append(f"<{node.iri}> " + " ;\n    ".join(parts) + " .\n")
    return "\n".join(lines)


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, IRI):
        return {"@id": term.value}
    value = {"@value": term.value}
    if term.language:
        value["@language"] = term.language
    elif term.datatype:
        value["@type"] = term.datatype
    return value


def json_ld(nodes: list[Node]) -> dict[str, Any]:
    graph = []
    for node in nodes:
        item: dict[str, Any] = {"@id": node.iri, "@type": node.types}
        for predicate, value in node.properties:
            item.setdefault(predicate, []).append(_json_term(value))
        graph.append(item)
    return {"@context": PREFIXES, "@graph": graph}


def _respond(builder: Builder, suffix: str) -> HttpResponse:
    nodes = list(builder.nodes.values())
    if suffix == "ttl":
        return HttpResponse(turtle(nodes), content_type="text/turtle; charset=utf-8")
    return HttpResponse(json.dumps(json_ld(nodes), ensure_ascii=False), content_type="application/ld+json; charset=utf-8")


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_http_methods(["GET", "HEAD"])
def catalogue(request: HttpRequest, suffix: str) -> HttpResponse:
    """One page of the published catalogue; `?page=` beyond the last is 404."""
    paginator = Paginator(selectors.published_datasets(), PAGE_SIZE)
    number = request.GET.get("page", "1")
    try:
        # Page 1 of an empty catalogue exists: the catalogue still describes itself.
        page = paginator.page(int(number) if number.isdigit() else 0)
    except InvalidPage:
        raise Http404 from None
    builder = Builder(_base(request))
    builder.catalogue(list(page.object_list), page.number, paginator.num_pages, paginator.count, suffix)
    return _respond(builder, suffix)


@require_http_methods(["GET", "HEAD"])
def dataset(request: HttpRequest, identifier: str, suffix: str) -> HttpResponse:
    found = selectors.dataset_by_id_or_slug(identifier)
    if found is None or not found.published:
        raise Http404
    builder = Builder(_base(request))
    builder.dataset(found)
    return _respond(builder, suffix)
