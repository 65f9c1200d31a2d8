"""Frictionless descriptors: a resource's Table Schema and a dataset's Data Package.

The Table Schema describes the CSV the download gives (`…/download.csv`): one field per
column of the dictionary, in order, named by the column id (the header), with the Korean
label as `title`, the unit and notes in `description`, and our types mapped to Table Schema
types. The Data Package lists the dataset's live datastore resources with their schemas.
"""

from __future__ import annotations

import re
from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse

from opengu.opendata import permissions, selectors
from opengu.opendata.dcat import LICENCES
from opengu.opendata.models import Dataset, Licence, Resource

FIELD_TYPES = {"integer": "integer", "decimal": "number", "date": "date", "datetime": "datetime",
               "boolean": "boolean", "text": "string"}
BOUNDS = {"_lat": {"minimum": -90, "maximum": 90}, "_lon": {"minimum": -180, "maximum": 180}}
_PACKAGE_NAME = re.compile(r"^[-a-z0-9._/]+$")


def _description(column: dict[str, Any]) -> str:
    parts = [column.get("description", "")]
    if column.get("unit"):
        parts.append(f"단위: {column['unit']}")
    if column.get("reason"):
        parts.append(column["reason"])
    return " ".join(part for part in parts if part)


def table_schema(columns: list[dict[str, Any]]) -> dict[str, Any]:
    """The Table Schema of a version's column dictionary (the download's columns, in order)."""
    fields = []
    for column in columns:
        field: dict[str, Any] = {"name": column["id"], "type": FIELD_TYPES[column["type"]]}
        if column.get("label") and column["label"] != column["id"]:
            field["title"] = column["label"]
        description = _description(column)
        if description:
            field["description"] = description
        if column["type"] == "datetime":
            field["format"] = "any"  # the download writes ISO 8601 without a zone: local time (Asia/Seoul)
        if column["id"] in BOUNDS:
            field["constraints"] = BOUNDS[column["id"]]
        fields.append(field)
    return {"fields": fields, "missingValues": [""]}


def package_name(dataset: Dataset) -> str:
    """A Data Package name (lower-case ASCII, digits, -._/): the slug when it fits, else dataset-<id>."""
    slug = dataset.slug.lower()
    return slug if _PACKAGE_NAME.match(slug) else f"dataset-{dataset.pk}"


def resource_descriptor(request: Any, dataset: Dataset, resource: Resource) -> dict[str, Any]:
    version = resource.live_version
    assert version is not None
    return {
        "name": f"resource-{resource.pk}", "title": resource.name,
        "path": request.build_absolute_uri(reverse("opendata:download", args=[dataset.slug, resource.pk])),
        "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "schema": table_schema(version.columns),
    }


def data_package(request: Any, dataset: Dataset) -> dict[str, Any]:
    """The dataset's Data Package descriptor with every live datastore resource."""
    licence: dict[str, str] = {"title": str(Licence(dataset.licence).label)}
    if dataset.licence in LICENCES:
        licence["path"] = LICENCES[Licence(dataset.licence)]
    if dataset.licence == Licence.CC_BY:
        licence["name"] = "CC-BY-4.0"
    elif dataset.licence == Licence.ODC_BY:
        licence["name"] = "ODC-By-1.0"
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package", "name": package_name(dataset), "title": dataset.title,
        "id": request.build_absolute_uri(reverse("opendata:dataset", args=[dataset.slug])),
        "homepage": request.build_absolute_uri(reverse("opendata:dataset", args=[dataset.slug])),
        "licenses": [licence], "keywords": list(dataset.keywords),
        "contributors": [{"title": dataset.department.name, "role": "publisher"}],
        "resources": [resource_descriptor(request, dataset, r) for r in dataset.resources.all()
                      if r.live_version is not None and r.live_version.table_name],
    }
    if dataset.description:
        descriptor["description"] = dataset.description
    descriptor["created"] = dataset.created_at.isoformat()
    return descriptor


def _json(data: dict[str, Any], name: str) -> JsonResponse:
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _dataset(request: HttpRequest, slug: str) -> Dataset:
    dataset = selectors.dataset_get(slug)
    if dataset is None or not permissions.can_view_dataset(request.user, dataset):
        raise Http404
    return dataset


def schema_view(request: HttpRequest, slug: str, resource_id: int) -> JsonResponse:
    """`…/resources/<id>/schema.json`: the Table Schema of the live version."""
    dataset = _dataset(request, slug)
    resource = next((r for r in dataset.resources.all() if r.pk == resource_id), None)
    version = resource.live_version if resource else None
    if version is None or not version.table_name:
        raise Http404
    return _json(table_schema(version.columns), "schema.json")


def datapackage_view(request: HttpRequest, slug: str) -> JsonResponse:
    """`/data/<slug>/datapackage.json`: the Data Package; 404 until a table is live (a package
    needs at least one resource)."""
    dataset = _dataset(request, slug)
    descriptor = data_package(request, dataset)
    if not descriptor["resources"]:
        raise Http404
    return _json(descriptor, "datapackage.json")
