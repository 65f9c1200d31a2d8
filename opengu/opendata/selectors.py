"""Reads of the open-data catalogue: search with facets, dataset pages, staff lists."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from opengu.core import permissions as core_permissions
from opengu.lib import korean
from opengu.opendata.models import (
    ApiKey,
    ApiUsage,
    Category,
    Dataset,
    Licence,
    Resource,
    ResourceVersion,
    UpdateCycle,
)

FACETS = ("category", "department", "format", "licence", "update_cycle")


@dataclass
class CatalogueQuery:
    q: str = ""
    category: str = ""  # Category.slug
    department: str = ""  # Department.code
    format: str = ""  # CSV, XLSX …
    licence: str = ""
    update_cycle: str = ""
    keyword: str = ""


@dataclass
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class CatalogueResult:
    datasets: QuerySet[Dataset]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)


def _with_related(datasets: QuerySet[Dataset]) -> QuerySet[Dataset]:
    return datasets.select_related("department", "category").prefetch_related(
        Prefetch("resources", queryset=Resource.objects.select_related("live_version").order_by("order", "id"))
    )


def visible_datasets(user: Any) -> QuerySet[Dataset]:
    """Published datasets, plus drafts of the user's department (all drafts for administrators)."""
    datasets = Dataset.objects.all()
    if core_permissions.is_administrator(user) or core_permissions.is_auditor(user):
        return datasets
    department_id = core_permissions.user_department_id(user)
    if department_id is not None:
        return datasets.filter(Q(published=True) | Q(department_id=department_id))
    return datasets.filter(published=True)


def _text_filter(q: str) -> Q:
    """Every query word must match title, description or keywords. Words are reduced to their
    stems (주차장을 → 주차장), and substring matching finds a word inside a compound
    (주차 in 거주자우선주차장)."""
    condition = Q()
    for term in korean.search_terms(q):
        condition &= Q(title__icontains=term) | Q(description__icontains=term) | Q(keywords__icontains=term)
    return condition


def catalogue_search(query: CatalogueQuery, *, user: Any = None, published_only: bool = True) -> CatalogueResult:
    """Datasets matching the query, ordered by title, with facet counts over the text match."""
    base = Dataset.objects.filter(published=True) if published_only else visible_datasets(user)
    if query.q.strip():
        base = base.filter(_text_filter(query.q))
    if query.keyword:
        base = base.filter(keywords__icontains=query.keyword)
    chosen = {
        "category": Q(category__slug=query.category) if query.category else Q(),
        "department": Q(department__code=query.department) if query.department else Q(),
        "format": Q(resources__format__iexact=query.format) if query.format else Q(),
        "licence": Q(licence=query.licence) if query.licence else Q(),
        "update_cycle": Q(update_cycle=query.update_cycle) if query.update_cycle else Q(),
    }
    filtered = base
    for condition in chosen.values():
        filtered = filtered.filter(condition)
    facets = _facets(filtered)
    return CatalogueResult(datasets=_with_related(filtered.distinct()).order_by("title"), facets=facets)


def _facets(datasets: QuerySet[Dataset]) -> dict[str, list[FacetValue]]:
    rows = list(datasets.distinct().values_list(
        "id", "category__slug", "category__name", "department__code", "department__name", "licence", "update_cycle"))
    ids = [row[0] for row in rows]
    counters: dict[str, Counter[tuple[str, str]]] = {name: Counter() for name in FACETS}
    licences = dict(Licence.choices)
    cycles = dict(UpdateCycle.choices)
    for _id, category_slug, category_name, department_code, department_name, licence, cycle in rows:
        counters["category"][(category_slug, category_name)] += 1
        counters["department"][(department_code, department_name)] += 1
        counters["licence"][(licence, str(licences.get(licence, licence)))] += 1
        counters["update_cycle"][(cycle, str(cycles.get(cycle, cycle)))] += 1
    formats = set(Resource.objects.filter(dataset_id__in=ids).exclude(format="")
                  .values_list("dataset_id", "format").distinct())
    for _dataset_id, fmt in formats:
        counters["format"][(fmt.upper(), fmt.upper())] += 1
    return {
        name: [FacetValue(value, label, count) for (value, label), count in
               sorted(counter.items(), key=lambda item: (-item[1], item[0][1]))]
        for name, counter in counters.items()
    }


def published_datasets() -> QuerySet[Dataset]:
    """Every published dataset in a stable order (for paged feeds), resources fetched."""
    return _with_related(Dataset.objects.filter(published=True)).order_by("pk")


def dataset_get(slug: str) -> Dataset | None:
    return _with_related(Dataset.objects.filter(slug=slug)).first()


def dataset_by_id_or_slug(identifier: str) -> Dataset | None:
    datasets = _with_related(Dataset.objects.all())
    if identifier.isdigit():
        found = datasets.filter(pk=int(identifier)).first()
        if found is not None:
            return found
    return datasets.filter(slug=identifier).first()


def resource_get(resource_id: str) -> Resource | None:
    if not str(resource_id).isdigit():
        return None
    return Resource.objects.select_related("dataset", "dataset__department", "dataset__category", "live_version") \
        .filter(pk=int(resource_id)).first()


@dataclass(frozen=True)
class LiveTable:
    """What a row query needs of a resource, read in one plain SQL statement (the row APIs' hot
    path: Django's query compiler cost more than the lookup itself)."""

    resource_id: int
    published: bool
    version_id: int | None
    number: int | None
    table_name: str
    columns: list[dict[str, Any]]
    row_count: int
    loaded_at: dt.datetime | None


def live_table(resource_id: str) -> LiveTable | None:
    """The resource's live version and whether its dataset is published; None if no such resource."""
    if not str(resource_id).isdigit():
        return None
    sql = (
        f"SELECT r.id, d.published, v.id, v.number, v.table_name, v.columns, v.row_count, v.loaded_at "
        f"FROM {Resource._meta.db_table} r JOIN {Dataset._meta.db_table} d ON d.id = r.dataset_id "
        f"LEFT JOIN {ResourceVersion._meta.db_table} v ON v.id = r.live_version_id WHERE r.id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [int(resource_id)])
        row = cursor.fetchone()
    if row is None:
        return None
    columns, loaded_at = row[5], row[7]
    if isinstance(columns, str | bytes):
        columns = json.loads(columns)
    if loaded_at is not None and not isinstance(loaded_at, dt.datetime):
        loaded_at = parse_datetime(str(loaded_at))
    if loaded_at is not None and timezone.is_naive(loaded_at):
        loaded_at = timezone.make_aware(loaded_at, dt.UTC)  # stored in UTC, as Django stores it
    return LiveTable(resource_id=int(row[0]), published=bool(row[1]), version_id=row[2], number=row[3],
                     table_name=row[4] or "", columns=columns or [], row_count=int(row[6] or 0), loaded_at=loaded_at)


def versions_of(resource: Resource) -> QuerySet[ResourceVersion]:
    return resource.versions.select_related("created_by", "personal_data_decided_by").order_by("-number")


def staff_datasets(user: Any) -> QuerySet[Dataset]:
    """The datasets a staff member looks after: their department's, or all for administrators and auditors."""
    datasets = _with_related(Dataset.objects.all())
    if core_permissions.is_administrator(user) or core_permissions.is_auditor(user):
        return datasets.order_by("title")
    department_id = core_permissions.user_department_id(user)
    if department_id is None:
        return datasets.none()
    return datasets.filter(department_id=department_id).order_by("title")


def categories() -> QuerySet[Category]:
    return Category.objects.all()


def overdue_datasets(user: Any) -> QuerySet[Dataset]:
    """The user's datasets past their next update (수시 ones have no due date to miss), as the quality
    dashboard counts them; the staff tile counts these and opens the staff list filtered to them."""
    from django.utils import timezone

    return (staff_datasets(user).filter(next_due__lt=timezone.localdate())
            .exclude(update_cycle=UpdateCycle.AS_NEEDED))


def overdue_count(user: Any) -> int:
    return overdue_datasets(user).count()


def api_keys_of(user: Any) -> QuerySet[ApiKey]:
    """A user's keys, newest first; revoked ones included so their history stays visible."""
    return ApiKey.objects.filter(user=user).order_by("-active", "-created_at")


def api_key_get(key_id: int) -> ApiKey | None:
    return ApiKey.objects.filter(pk=key_id).first()


def api_usage_by_dataset(user: Any) -> list[dict[str, Any]]:
    """Calls by the user's keys per key and dataset: today's and all-time counts."""
    from django.utils import timezone

    today = timezone.localdate()
    return list(ApiUsage.objects.filter(key__user=user).values("key_id", "dataset__title", "dataset__slug")
                .annotate(total=Sum("count"), today=Sum("count", filter=Q(day=today)))
                .order_by("key_id", "-total"))


def dataset_api_calls(dataset: Dataset) -> int:
    """Every call admitted for the dataset through the data.go.kr and Seoul faces."""
    return int(ApiUsage.objects.filter(dataset=dataset).aggregate(n=Sum("count"))["n"] or 0)


def quality_datasets() -> list[Dataset]:
    """Every dataset of the district with its department and live versions, for the quality dashboard."""
    return list(_with_related(Dataset.objects.all()).order_by("department__name", "title"))


def pending_decisions(user: Any) -> list[ResourceVersion]:
    """Live versions of the user's datasets with personal-data flags and no recorded decision, by dataset title."""
    versions = ResourceVersion.objects.filter(
        status=ResourceVersion.Status.LIVE, personal_data_decision="",
        resource__dataset__in=staff_datasets(user).values("pk"),
    ).select_related("resource__dataset__department").order_by("resource__dataset__title", "resource__name", "id")
    return [version for version in versions if version.personal_data]


def pending_decision_count(user: Any) -> int:
    """Live versions of the user's datasets with personal-data flags and no recorded decision."""
    return len(pending_decisions(user))


def version_by_number(resource: Resource, number: int) -> ResourceVersion | None:
    return resource.versions.filter(number=number).first()


def catalogue_facets(datasets: QuerySet[Dataset]) -> dict[str, list[FacetValue]]:
    """Facet counts over any set of datasets (the CKAN API's fq narrows them further)."""
    return _facets(datasets)
