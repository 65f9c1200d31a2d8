"""Reads of the resource directory: Korean search with synonyms and facets, stale records.

Search: the query is cut into content morphemes (`lib.morphemes.search_terms`). Phrases of
an active synonym group found in the query become one concept whose alternatives are the
group's phrases (혼자 사시는 어르신 ~ 독거노인 ~ 홀몸어르신); every other morpheme is a concept of
its own. A service matches an alternative when it has all of its morphemes; its score for
the concept is the mean of their weights (field weight × idf). Results are ordered by the
number of concepts matched, then by score, then by name.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext_noop

from opengu.core.models import Dong
from opengu.lib.morphemes import compact, search_terms
from opengu.welfare import opening, search_index
from opengu.welfare.models import (
    BenefitReceipt,
    Client,
    Organization,
    OutreachCampaign,
    OutreachNotice,
    Phone,
    Schedule,
    SearchTerm,
    Service,
    ServiceAtLocation,
    SourceType,
    SynonymGroup,
    Taxonomy,
    TaxonomyTerm,
    stale_cutoff,
)

MAX_QUERY = 100


@dataclass
class SearchFilters:
    query: str = ""
    terms: list[int] = field(default_factory=list)  # TaxonomyTerm ids; OR within a facet, AND across
    source_type: str = ""
    sector: str = ""
    dong: int | None = None
    open_now: bool = False
    include_inactive: bool = False
    near: str = ""  # "dong:<id>" (its 주민센터) or "<lat>,<lon>"
    radius_km: float = 1.0

    def as_params(self) -> dict[str, Any]:
        params: dict[str, Any] = {"q": self.query, "term": self.terms, "source": self.source_type,
                                  "sector": self.sector, "dong": self.dong or "", "open": "1" if self.open_now else "",
                                  "near": self.near, "radius": f"{self.radius_km:g}" if self.near else ""}
        return {k: v for k, v in params.items() if v not in ("", [], None)}

    def centre(self) -> tuple[float, float] | None:
        """The point `near` names: a dong's 주민센터 or a latitude,longitude pair."""
        from opengu.welfare import geo

        if self.near.startswith("dong:") and self.near[5:].isdigit():
            code = Dong.objects.filter(pk=int(self.near[5:])).values_list("code", flat=True).first()
            return geo.DONG_CENTRES.get(code or "")
        return geo.parse_point(self.near)


@dataclass
class FacetValue:
    id: Any
    label: str
    count: int
    selected: bool


@dataclass
class SearchOutcome:
    ids: list[int]  # ordered, all matches
    facets: list[tuple[str, str, list[FacetValue]]]  # (key, label, values)
    concepts: list[list[list[str]]]
    distances: dict[int, float] = field(default_factory=dict)  # km from the `near` point, when given

    @property
    def total(self) -> int:
        return len(self.ids)


def synonym_groups() -> list[list[str]]:
    return [g.phrase_list for g in SynonymGroup.objects.filter(active=True)]


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    chars = [re.escape(c) for c in compact(phrase)]
    return re.compile(r"\s*".join(chars), re.IGNORECASE)


def query_concepts(query: str, groups: list[list[str]] | None = None) -> list[list[list[str]]]:
    """Concepts of a query: each a list of alternatives, each alternative a list of morphemes."""
    groups = synonym_groups() if groups is None else groups
    text = query[:MAX_QUERY]
    concepts: list[list[list[str]]] = []
    # Longer phrases first, so "혼자 사시는 어르신" wins over a group containing "어르신" alone.
    ordered = sorted(((len(compact(p)), p, g) for g in groups for p in g), key=lambda t: -t[0])
    used: set[int] = set()
    for _length, phrase, group in ordered:
        if id(group) in used or not compact(phrase):
            continue
        pattern = _phrase_pattern(phrase)
        if pattern.search(text):
            alternatives = [terms for terms in (search_terms(p) for p in group) if terms]
            if alternatives:
                concepts.append(alternatives)
                used.add(id(group))
            text = pattern.sub(" ", text)
    for term in dict.fromkeys(search_terms(text)):
        concepts.append([[term]])
    return concepts


def _idf(vocabulary: set[str]) -> dict[str, float]:
    """Inverse document frequency of each term that some service has."""
    total = max(Service.objects.count(), 1)
    frequency = SearchTerm.objects.filter(term__in=vocabulary).values("term").annotate(n=Count("id")).values_list("term", "n")
    return {term: math.log(1 + total / n) for term, n in frequency}


def _scored_sql(concepts: list[list[list[str]]], idf: dict[str, float]) -> tuple[str, list[Any]]:
    """SQL of (service_id, matched, score) for every service matching at least one concept,
    computed in the database: a million index rows never travel to Python.

    An alternative matches when the service has all of its terms (HAVING), scoring the mean of
    weight × idf; a concept scores its best alternative; a service sums its concepts."""
    rows: list[Any] = []
    for concept_number, concept in enumerate(concepts):
        for alternative_number, alternative in enumerate(concept):
            if all(term in idf for term in alternative):
                for term in alternative:
                    rows += [term, concept_number, alternative_number, len(alternative), idf[term]]
    if not rows:
        return "", []
    value = "(%s, CAST(%s AS integer), CAST(%s AS integer), CAST(%s AS integer), CAST(%s AS double precision))"
    values = ", ".join([value] * (len(rows) // 5))
    table = SearchTerm._meta.db_table
    return (
        f"WITH query_terms (term, concept, alternative, size, idf) AS (VALUES {values}), "
        f"alternatives AS (SELECT t.service_id, q.concept, SUM(t.weight * q.idf) / MAX(q.size) AS score "
        f"FROM {table} t JOIN query_terms q ON q.term = t.term "
        f"GROUP BY t.service_id, q.concept, q.alternative HAVING COUNT(*) = MAX(q.size)), "
        f"concepts AS (SELECT service_id, concept, MAX(score) AS score FROM alternatives GROUP BY service_id, concept) "
        f"SELECT service_id, COUNT(*) AS matched, SUM(score) AS score FROM concepts GROUP BY service_id",
        rows,
    )


def score_services(concepts: list[list[list[str]]], candidate_ids: set[int] | None = None) -> dict[int, tuple[int, float]]:
    """Service id → (concepts matched, score) for every service matching at least one concept."""
    vocabulary = {t for concept in concepts for alternative in concept for t in alternative}
    if not vocabulary:
        return {}
    sql, params = _scored_sql(concepts, _idf(vocabulary))
    if not sql:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {service_id: (matched, score) for service_id, matched, score in cursor.fetchall()
                if candidate_ids is None or service_id in candidate_ids}


def _ranked_ids(concepts: list[list[list[str]]], services: QuerySet[Service]) -> list[int]:
    """Ids of the services among `services` that match a concept: most concepts matched first,
    then the higher score (rounded to a millionth, so the order of a sum does not split ties),
    then the name in code-point order, then id."""
    vocabulary = {t for concept in concepts for alternative in concept for t in alternative}
    scored, params = _scored_sql(concepts, _idf(vocabulary))
    if not scored:
        return []
    within, within_params = services.order_by().values("id").query.sql_with_params()
    name = 's.name COLLATE "C"' if connection.vendor == "postgresql" else "s.name"
    sql = (f"WITH scored AS ({scored}) SELECT s.id FROM scored r JOIN {Service._meta.db_table} s ON s.id = r.service_id "
           f"WHERE s.id IN ({within}) ORDER BY r.matched DESC, ROUND(r.score * 1000000) DESC, {name}, s.id")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *within_params])
        return [row[0] for row in cursor.fetchall()]


def ids_subquery(ids: list[int]) -> RawSQL:
    """`ids` as a subquery with one parameter, for `filter(pk__in=…)`: a result set of 100,000
    ids as 100,000 SQL parameters is slow to build and beyond PostgreSQL's limit of 65,535."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])


def _filtered(filters: SearchFilters) -> QuerySet[Service]:
    services = Service.objects.all()
    if not filters.include_inactive:
        services = services.filter(status=Service.Status.ACTIVE)
    if filters.source_type:
        services = services.filter(organization__source_type=filters.source_type)
    if filters.sector:
        services = services.filter(organization__sector=filters.sector)
    if filters.dong:
        services = services.filter(service_at_locations__location__dong_id=filters.dong)
    if filters.terms:
        by_taxonomy: dict[int, list[int]] = defaultdict(list)
        for term_id, taxonomy_id in TaxonomyTerm.objects.filter(id__in=filters.terms).values_list("id", "taxonomy_id"):
            by_taxonomy[taxonomy_id].append(term_id)
        for term_ids in by_taxonomy.values():
            services = services.filter(id__in=Service.taxonomy_terms.through.objects.filter(
                taxonomyterm_id__in=term_ids).values("service_id"))
    # Only the dong filter joins rows that can repeat a service (one per location).
    return services.distinct() if filters.dong else services


def open_service_ids(moment: dt.datetime, among: set[int] | None = None) -> set[int]:
    """Services with a schedule (their own, at a location, or their location's) open at `moment`."""
    schedules = Schedule.objects.all()
    if among is not None:
        within = ids_subquery(sorted(among))
        schedules = schedules.filter(Q(service_id__in=within) | Q(service_at_location__service_id__in=within)
                                     | Q(location__isnull=False))
    location_services: dict[int, set[int]] = defaultdict(set)
    for service_id, location_id in ServiceAtLocation.objects.values_list("service_id", "location_id"):
        location_services[location_id].add(service_id)
    open_ids: set[int] = set()
    rows = schedules.values_list("service_id", "location_id", "service_at_location__service_id", "freq", "interval",
                                 "byday", "dtstart", "until", "opens_at", "closes_at")
    for service_id, location_id, sal_service_id, freq, interval, byday, dtstart, until, opens_at, closes_at in rows:
        if not opening.is_open(moment, freq=freq, interval=interval, byday=byday, dtstart=dtstart, until=until,
                               opens_at=opens_at, closes_at=closes_at):
            continue
        if service_id:
            open_ids.add(service_id)
        if sal_service_id:
            open_ids.add(sal_service_id)
        if location_id and not service_id:
            open_ids |= location_services[location_id]
    return open_ids if among is None else open_ids & among


def service_search(filters: SearchFilters, *, now: dt.datetime | None = None) -> SearchOutcome:
    """All services matching the query and filters, best first, with facet counts, from the
    process's index of the directory (`search_index`); the same answer as
    `service_search_in_database`, which computes it in SQL."""
    index = search_index.current()
    mask = index.filter_mask(include_inactive=filters.include_inactive, source_type=filters.source_type,
                             sector=filters.sector, dong=filters.dong,
                             term_groups=_term_groups(filters.terms, index.term_taxonomy))
    concepts = query_concepts(filters.query, index.synonym_groups) if filters.query.strip() else []
    if concepts:
        positions = index.ranked(concepts, mask)
    elif filters.query.strip():
        positions = index.listed(np.zeros(index.size, dtype=bool))
    else:
        positions = index.listed(mask)
    ids = index.ids_at(positions)
    if filters.open_now or filters.near:
        if filters.open_now:
            open_ids = index.open_ids(timezone.localtime(now or timezone.now()).replace(tzinfo=None))
            ids = [i for i in ids if i in open_ids]
        ids, distances = _near(filters, ids)
        positions, _found = index.positions(ids)
    else:
        distances = {}
    term_counts, source_counts = index.counts(positions)
    facets = _facets(term_counts, source_counts, filters, index.taxonomies)
    return SearchOutcome(ids=ids, facets=facets, concepts=concepts, distances=distances)


def matching_every_word(query: str, ids: list[int]) -> set[int]:
    """Those of `ids` that match every concept of `query` (each word, or a phrase of a synonym
    group), not only some: what a list sorted by something other than relevance puts first."""
    index = search_index.current()
    concepts = query_concepts(query, index.synonym_groups) if query.strip() else []
    if not concepts:
        return set(ids)
    matched = index.concepts_matched(concepts)
    positions, known = index.positions(ids)
    return {i for i, position, there in zip(ids, positions, known, strict=True)
            if there and matched[position] == len(concepts)}


def referral_candidates(query: str, dong_id: int, shown: int = 10) -> tuple[list[tuple[Service, float | None]], int]:
    """The resources a counsellor may refer a client of `dong_id` to for `query`: of the 200 most
    relevant, those matching every word first, nearest the dong's 주민센터 first among them
    (national services, with no place, after the local ones); then the partial matches in order
    of relevance. Each with its distance in km (None without a place), and how many matched."""
    from opengu.welfare import geo

    outcome = service_search(SearchFilters(query=query))
    ids = outcome.ids[:200]
    complete = matching_every_word(query, ids)
    centre = SearchFilters(near=f"dong:{dong_id}").centre()
    distances = service_distances(centre, geo.MAX_RADIUS_KM, set(ids)) if centre else {}
    rank = {service_id: n for n, service_id in enumerate(ids)}
    ids = sorted(ids, key=lambda i: (0, distances.get(i, math.inf), rank[i]) if i in complete else (1, 0.0, rank[i]))
    return [(s, distances.get(s.id)) for s in service_cards(ids[:shown])], outcome.total


def _term_groups(term_ids: list[int], term_taxonomy: dict[int, int]) -> list[list[int]]:
    """The selected taxonomy terms grouped by taxonomy (OR within a group, AND across)."""
    by_taxonomy: dict[int, list[int]] = defaultdict(list)
    for term_id in dict.fromkeys(term_ids):
        if term_id in term_taxonomy:
            by_taxonomy[term_taxonomy[term_id]].append(term_id)
    return list(by_taxonomy.values())


def _near(filters: SearchFilters, ids: list[int]) -> tuple[list[int], dict[int, float]]:
    """With `near`: the ids within the radius, nearest first (then in their order), and the distances."""
    if not filters.near:
        return ids, {}
    centre = filters.centre()
    distances = service_distances(centre, filters.radius_km, set(ids)) if centre else {}
    rank = {service_id: index for index, service_id in enumerate(ids)}
    return sorted(distances, key=lambda i: (round(distances[i], 3), rank[i])), distances


def service_search_in_database(filters: SearchFilters, *, now: dt.datetime | None = None) -> SearchOutcome:
    """`service_search` computed in SQL, without the index: the reference the index is tested
    against (tests/welfare/test_search_index.py)."""
    services = _filtered(filters)
    concepts = query_concepts(filters.query) if filters.query.strip() else []
    scope: QuerySet[Service] | None = None  # the result set as a query, when it is one
    if concepts:
        ids = _ranked_ids(concepts, services)
    elif filters.query.strip():
        ids = []
    else:
        ids = list(services.order_by("name", "id").values_list("id", flat=True))
        scope = services
    if filters.open_now:
        moment = timezone.localtime(now or timezone.now()).replace(tzinfo=None)
        open_ids = open_service_ids(moment, set(ids))
        ids = [i for i in ids if i in open_ids]
        scope = None
    if filters.near:
        scope = None
    ids, distances = _near(filters, ids)
    return SearchOutcome(ids=ids, facets=facet_counts(ids, filters, scope=scope), concepts=concepts,
                         distances=distances)


def service_distances(centre: tuple[float, float], radius_km: float, among: set[int]) -> dict[int, float]:
    """km from `centre` to the nearest location of each service in `among` within `radius_km`.
    A bounding box on latitude and longitude narrows the rows in SQL (any database, no
    extension); the haversine distance decides in Python."""
    from opengu.welfare import geo

    south, north, west, east = geo.bounding_box(centre[0], centre[1], radius_km)
    rows = ServiceAtLocation.objects.filter(
        location__latitude__gte=south, location__latitude__lte=north,
        location__longitude__gte=west, location__longitude__lte=east,
    ).values_list("service_id", "location__latitude", "location__longitude")
    found: dict[int, float] = {}
    for service_id, lat, lon in rows.iterator(chunk_size=5000):
        if service_id not in among or lat is None or lon is None:
            continue
        km = geo.haversine_km(centre[0], centre[1], float(lat), float(lon))
        if km <= radius_km and km < found.get(service_id, math.inf):
            found[service_id] = km
    return found


def facet_counts(ids: list[int], filters: SearchFilters, *,
                 scope: QuerySet[Service] | None = None) -> list[tuple[str, str, list[FacetValue]]]:
    """Counts of the result set (`ids`, or the same set as the query `scope`) by source type and
    by each taxonomy's values, in SQL."""
    within: Any = scope.order_by().values("id") if scope is not None else ids_subquery(ids)
    through = Service.taxonomy_terms.through.objects.filter(service_id__in=within)
    term_counts = {row["taxonomyterm_id"]: row["n"]
                   for row in through.values("taxonomyterm_id").annotate(n=Count("id")).order_by()}
    source_counts = {row["organization__source_type"]: row["n"] for row in
                     Service.objects.filter(id__in=within).values("organization__source_type").annotate(n=Count("id"))
                     .order_by()}
    return _facets(term_counts, source_counts, filters)


def _facets(term_counts: dict[int, int], source_counts: dict[str, int], filters: SearchFilters,
            taxonomies: list[tuple[str, str, list[tuple[int, str]]]] | None = None,
            ) -> list[tuple[str, str, list[FacetValue]]]:
    if taxonomies is None:
        taxonomies = [(t.key, t.name, [(term.id, term.name) for term in t.terms.all()])
                      for t in Taxonomy.objects.prefetch_related("terms")]
    facets: list[tuple[str, str, list[FacetValue]]] = []
    facets.append(("source", gettext_noop("자원 구분"), [
        FacetValue(value, str(label), source_counts.get(value, 0), filters.source_type == value)
        for value, label in SourceType.choices]))
    for key, name, terms in taxonomies:
        facets.append((key, name, [FacetValue(term_id, term_name, term_counts.get(term_id, 0), term_id in filters.terms)
                                   for term_id, term_name in terms]))
    return facets


def services_by_ids(ids: list[int]) -> list[Service]:
    """Services in the given order, with organization, terms, phones and locations fetched."""
    found = {s.id: s for s in Service.objects.filter(id__in=ids).select_related("organization").prefetch_related(
        Prefetch("taxonomy_terms", queryset=TaxonomyTerm.objects.select_related("taxonomy")),
        "phones", "organization__phones", "service_at_locations__location__dong")}
    return [found[i] for i in ids if i in found]


CARD_FIELDS = ("id", "name", "description", "organization__name", "organization__source_type")


def service_cards(ids: list[int]) -> list[Service]:
    """Services in the given order with what a result card shows (name, description, the
    institution and its source type, phones): the search page's twenty rows without the facet
    links and places the export reads (`services_by_ids`)."""
    found = {s.id: s for s in Service.objects.filter(id__in=ids).select_related("organization").only(*CARD_FIELDS)
             .prefetch_related(Prefetch("phones", queryset=Phone.objects.only("id", "service", "number", "description")),
                               Prefetch("organization__phones",
                                        queryset=Phone.objects.only("id", "organization", "number", "description")))}
    return [found[i] for i in ids if i in found]


def service_detail(pk: int) -> Service:
    """One service with everything its page shows. Raises Service.DoesNotExist."""
    return Service.objects.select_related("organization", "organization__managing_department").prefetch_related(
        Prefetch("taxonomy_terms", queryset=TaxonomyTerm.objects.select_related("taxonomy")),
        "phones", "organization__phones", "contacts", "schedules", "service_at_locations__location__dong",
        "service_at_locations__location__schedules",
    ).get(pk=pk)


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def _shown(value: Any) -> str:
    if value in (None, "", []):
        return "-"
    text = ", ".join(value) if isinstance(value, list) else str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def service_versions(service: Service, *, limit: int = 50) -> list[Any]:
    """The latest `limit` versions of `service`, newest first, each with `changes`: the fields it
    changed by their Korean labels, with the value before and after (from the previous version's
    snapshot; none for the first)."""
    from django.core.exceptions import FieldDoesNotExist
    from django.utils.translation import gettext as _

    versions: list[Any] = list(service.versions.all()[: limit + 1])
    special = {"organization": str(_("기관")), "taxonomy_terms": str(_("분류"))}

    def label(name: str) -> str:
        if name in special:
            return special[name]
        try:
            return str(getattr(Service._meta.get_field(name), "verbose_name", name))
        except FieldDoesNotExist:
            return name
    term_names = {f"{key}:{code}": name for key, code, name in
                  TaxonomyTerm.objects.values_list("taxonomy__key", "code", "name")}

    def value(snapshot: dict[str, Any], name: str) -> str:
        raw = snapshot.get(name)
        return _shown([term_names.get(t, t) for t in raw] if name == "taxonomy_terms" and raw else raw)

    for version, older in zip(versions, [*versions[1:], None], strict=True):
        version.changes = [Change(label(name), value(older.snapshot, name), value(version.snapshot, name))
                           for name in version.changed_fields] if older is not None else []
    return versions[:limit]


def stale_services(*, months: int, user: Any = None, today: dt.date | None = None) -> QuerySet[Service]:
    """Services whose assured date is older than `months` months (or missing), oldest first.
    With `user` (staff who are not auditors or administrators): their department's only."""
    from opengu.core import permissions

    cutoff = stale_cutoff(months, today or timezone.localdate())
    services = Service.objects.filter(Q(assured_date__lt=cutoff) | Q(assured_date__isnull=True)).exclude(
        status=Service.Status.DEFUNCT).select_related("organization")
    if user is not None and not (permissions.is_auditor(user) or permissions.is_administrator(user)):
        services = services.filter(organization__managing_department_id=permissions.user_department_id(user))
    return services.order_by("assured_date", "name")


@dataclass
class StaleInstitution:
    organization: Organization
    stale: int
    last_request: Any  # ConfirmationRequest | None


def stale_institutions(*, months: int, user: Any = None, today: dt.date | None = None) -> list[StaleInstitution]:
    """Institutions with stale records (the queue's grouping), most stale first, each with the
    last confirmation link sent to it."""
    from opengu.welfare.models import ConfirmationRequest

    counts = dict(stale_services(months=months, user=user, today=today).order_by().values_list("organization_id")
                  .annotate(n=Count("id")).values_list("organization_id", "n"))
    latest: dict[int, Any] = {}
    for request in ConfirmationRequest.objects.filter(organization_id__in=counts).order_by("organization_id", "sent_at"):
        latest[request.organization_id] = request
    rows = [StaleInstitution(organization=org, stale=counts[org.pk], last_request=latest.get(org.pk))
            for org in Organization.objects.filter(pk__in=counts)]
    return sorted(rows, key=lambda row: (-row.stale, row.organization.name))


def institution_corrections(*, user: Any = None, days: int = 30) -> QuerySet[Any]:
    """Versions written by institutions through their links in the last `days` days (for staff
    to review), for the user's department unless they see all."""
    from opengu.core import permissions
    from opengu.welfare.models import ServiceVersion

    rows = ServiceVersion.objects.filter(from_institution=True, at__gte=timezone.now() - dt.timedelta(days=days)
                                         ).select_related("service", "service__organization").order_by("-at")
    if user is not None and not (permissions.is_auditor(user) or permissions.is_administrator(user)):
        rows = rows.filter(service__organization__managing_department_id=permissions.user_department_id(user))
    return rows


def institution_services(organization: Organization) -> QuerySet[Service]:
    """An institution's records for its confirmation page (all but abolished ones)."""
    return organization.services.exclude(status=Service.Status.DEFUNCT).order_by("assured_date", "name")


def organizations() -> QuerySet[Organization]:
    return Organization.objects.order_by("name")


# --- 행복1004콜센터, clients, referrals, cases ---------------------------------------------------


@dataclass(frozen=True)
class MonthStats:
    """One month of the centre, as the plan's table: calls, answer rate, calls a working day,
    repeat callers (identified callers who called more than once that month)."""

    month: dt.date
    total: int
    incoming: int
    answered: int
    abandoned: int
    outgoing: int
    workdays: int
    callers: int
    repeat_callers: int

    @property
    def answer_rate(self) -> float:
        return round(100 * self.answered / self.incoming, 1) if self.incoming else 0.0

    @property
    def per_workday(self) -> float:
        # The plan's 31.7 a day is August 2014's 635 calls over its 20 working days, truncated.
        return math.floor(10 * self.total / self.workdays) / 10 if self.workdays else 0.0


def _workdays_in(month: dt.date, until: dt.date | None = None) -> int:
    """Working days of `month`; of the month still running, those up to `until` (today), so its
    daily average is over the days that have had calls."""
    from opengu.core.calendar import office_calendar

    calendar = office_calendar()
    day, count = month, 0
    while day.month == month.month and (until is None or day <= until):
        count += calendar.is_workday(day)
        day += dt.timedelta(days=1)
    return count


def call_stats_by_month(*, start: dt.date, end: dt.date, today: dt.date | None = None) -> list[MonthStats]:
    """Months from `start` to `end` (inclusive, first days of months), oldest first; the month
    running on `today` (the district's date by default) averages over its working days so far."""
    from django.db.models.functions import TruncMonth

    from opengu.welfare.models import Call

    tz = timezone.get_current_timezone()
    lower = dt.datetime.combine(start.replace(day=1), dt.time(), tzinfo=tz)
    upper_month = (end.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    upper = dt.datetime.combine(upper_month, dt.time(), tzinfo=tz)
    calls = Call.objects.filter(started_at__gte=lower, started_at__lt=upper).annotate(month=TruncMonth("started_at"))
    rows = calls.values("month").annotate(
        total=Count("id"),
        incoming=Count("id", filter=Q(direction="incoming")),
        answered=Count("id", filter=Q(direction="incoming", outcome="answered")),
        abandoned=Count("id", filter=Q(outcome="abandoned")),
        outgoing=Count("id", filter=Q(direction="outgoing")),
    )
    counts: dict[dt.date, dict[str, Any]] = {_as_date(row["month"]): row for row in rows}
    callers: dict[dt.date, list[int]] = defaultdict(list)
    for row in (calls.exclude(caller_index="").values("month", "caller_index").annotate(n=Count("id"))
                .values_list("month", "n")):
        callers[_as_date(row[0])].append(row[1])
    months, month = [], start.replace(day=1)
    while month < upper_month:
        found = counts.get(month, {})
        months.append(MonthStats(
            month=month, total=found.get("total", 0), incoming=found.get("incoming", 0),
            answered=found.get("answered", 0), abandoned=found.get("abandoned", 0), outgoing=found.get("outgoing", 0), workdays=_workdays_in(month, today or timezone.localdate()),
            callers=len(callers[month]), repeat_callers=sum(1 for n in callers[month] if n > 1)))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value  # type: ignore[no-any-return]


def calls_a_day(*, month: dt.date) -> list[tuple[dt.date, int]]:
    """Calls on each day of `month` (every day listed, zero included)."""
    from django.db.models.functions import TruncDate

    from opengu.welfare.models import Call

    tz = timezone.get_current_timezone()
    first = month.replace(day=1)
    after = (first + dt.timedelta(days=32)).replace(day=1)
    rows = dict(Call.objects.filter(
        started_at__gte=dt.datetime.combine(first, dt.time(), tzinfo=tz),
        started_at__lt=dt.datetime.combine(after, dt.time(), tzinfo=tz),
    ).annotate(day=TruncDate("started_at", tzinfo=tz)).values("day").annotate(n=Count("id")).values_list("day", "n"))
    days, day = [], first
    while day < after:
        days.append((day, rows.get(day, 0)))
        day += dt.timedelta(days=1)
    return days


def calls(*, month: dt.date | None = None, direction: str = "", outcome: str = "") -> QuerySet[Any]:
    """Calls with their counsellor, topic and client, newest first, filtered as on screen."""
    from opengu.welfare.models import Call

    rows = Call.objects.select_related("counsellor__staff", "topic", "client")
    if month is not None:
        tz = timezone.get_current_timezone()
        after = (month + dt.timedelta(days=32)).replace(day=1)
        rows = rows.filter(started_at__gte=dt.datetime.combine(month, dt.time(), tzinfo=tz),
                           started_at__lt=dt.datetime.combine(after, dt.time(), tzinfo=tz))
    if direction:
        rows = rows.filter(direction=direction)
    if outcome:
        rows = rows.filter(outcome=outcome)
    return rows


def clients_for(user: Any, *, dong: int | None = None, flag: str = "", phone_index: str = "") -> QuerySet[Any]:
    """Clients the user may see (centre, auditors and administrators all; dong staff their dong's;
    others those of cases assigned to them), filtered as on screen."""
    from opengu.core import permissions as core
    from opengu.welfare import permissions
    from opengu.welfare.models import Client

    rows = Client.objects.select_related("dong")
    if not permissions.can_read_centre(user):
        own = permissions.staff_dong_id(user)
        scope = Q(cases__assigned_to=user) if core.is_staff_member(user) else Q(pk__in=[])
        if own is not None:
            scope |= Q(dong_id=own)
        rows = rows.filter(scope).distinct()
    if dong is not None:
        rows = rows.filter(dong_id=dong)
    if flag:
        # JSON containment is not on SQLite; flags are a short list, so match the stored text.
        rows = rows.filter(flags__icontains=f'"{flag}"')
    if phone_index:
        rows = rows.filter(phone_index=phone_index)
    return rows


@dataclass(frozen=True)
class HistoryItem:
    at: dt.datetime
    kind: str
    title: str
    detail: str
    url: str = ""

    @property
    def local_at(self) -> dt.datetime:
        return timezone.localtime(self.at)

    @property
    def machine_time(self) -> str:
        """The moment for <time datetime>, in the district's time zone."""
        return self.local_at.isoformat(timespec="seconds")

    @property
    def shown_time(self) -> str:
        return self.local_at.strftime("%Y-%m-%d %H:%M")


HISTORY_PER_PAGE = 50


@dataclass(frozen=True)
class HistoryPage:
    items: list[HistoryItem]
    number: int
    total: int
    per_page: int = HISTORY_PER_PAGE

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def first_shown(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.items else 0

    @property
    def last_shown(self) -> int:
        return (self.number - 1) * self.per_page + len(self.items)


def client_history(client: Any, *, page: int = 1, per_page: int = HISTORY_PER_PAGE,
                   referrals: list[Any] | None = None, notify_requests: list[Any] | None = None,
                   receipts: list[Any] | None = None) -> HistoryPage:
    """One page of the history across the client's registration, calls, referrals and their
    answers, notify requests and what was sent, benefit receipts recorded, outreach notices and
    applications, and every step of their cases, newest first (page 1 the latest `per_page`).
    Only calls are many (a frequent caller has hundreds): the page reads the latest page ×
    per_page of them (index welfare_call_client_latest), which are all the calls that can be on
    pages 1 to `page`; the other kinds are few and read whole. `referrals`: the client's
    referrals with service, organization and dong, when the caller has them already (the client
    file shows them in a table too); `notify_requests` likewise, with their term and deliveries;
    `receipts` the client's benefit receipts."""
    from django.urls import reverse

    from opengu.welfare.models import Call

    call_count = client.calls.count()
    others: list[HistoryItem] = []
    if referrals is None:
        referrals = list(client.referrals.select_related("service__organization", "dong"))
    for referral in referrals:
        others.append(HistoryItem(referral.created_at, "referral", f"의뢰: {referral.receiver}",
                                  f"회신 기한 {referral.due_on:%Y-%m-%d} · {referral.get_status_display()}"))
        if referral.confirmed_at:
            others.append(HistoryItem(referral.confirmed_at, "referral_confirmed",
                                      f"회신: {referral.get_status_display()}",
                                      f"{referral.confirmed_by} {referral.confirmation_note}".strip()))
    if notify_requests is None:
        notify_requests = list(client.notify_requests.select_related("term").prefetch_related("deliveries__service"))
    for request in notify_requests:
        others.append(HistoryItem(request.created_at, "notify", f"정보알림 요청: {request.term.name}",
                                  request.get_channel_display()))
        for delivery in request.deliveries.all():
            others.append(HistoryItem(delivery.sent_at, "notified", f"알림 보냄: {delivery.service.name}",
                                      request.term.name))
    for case in client.cases.prefetch_related("steps"):
        url = reverse("welfare:case", args=[case.pk])
        steps = list(case.steps.all())
        for step in steps:
            others.append(HistoryItem(step.at, "case", f"사례 {case.pk}: {step.get_stage_display()}",
                                      step.actor_label or case.get_channel_display(), url))
        if not steps:
            others.append(HistoryItem(case.created_at, "case", f"사례 {case.pk}: {case.get_stage_display()}",
                                      case.get_channel_display(), url))
    names = benefit_names()
    for receipt in client.benefit_receipts.all() if receipts is None else receipts:
        period = f"{receipt.started_on:%Y-%m-%d} ~ {receipt.ended_on:%Y-%m-%d}" if receipt.ended_on else \
            f"{receipt.started_on:%Y-%m-%d} ~"
        others.append(HistoryItem(receipt.recorded_at, "receipt", f"수급 이력 기록: {receipt.benefit_name}",
                                  f"{period} · {receipt.get_source_display()}"))
    for notice in client.outreach_notices.select_related("campaign"):
        benefit = names.get(notice.campaign.benefit, notice.campaign.benefit)
        others.append(HistoryItem(notice.notified_at, "outreach", f"맞춤형 안내 보냄: {benefit}", notice.campaign.title,
                                  reverse("welfare:outreach_campaign", args=[notice.campaign_id])))
        if notice.applied_at:
            others.append(HistoryItem(notice.applied_at, "outreach_applied", f"신청함: {benefit}", notice.campaign.title))
    others.append(HistoryItem(client.created_at, "registered", "대상자 등록", ""))
    total = call_count + len(others)
    number = min(max(page, 1), max(1, -(-total // per_page)))
    latest = number * per_page
    items: list[HistoryItem] = []
    # Plain values, not Call objects: the page shows five of a call's columns (and decrypts only
    # its notes, not the caller's number).
    directions, outcomes = dict(Call.Direction.choices), dict(Call.Outcome.choices)
    calls = client.calls.order_by("-started_at", "-id").values_list(
        "started_at", "direction", "outcome", "topic__name", "counsellor__staff__name", "notes")[:latest]
    for started_at, direction, outcome, topic, counsellor, notes in calls:
        items.append(HistoryItem(started_at, "call", f"{directions.get(direction, direction)} · "
                                 f"{outcomes.get(outcome, outcome)}",
                                 " · ".join(x for x in [topic or "", counsellor or "", notes] if x)))
    items += others
    items.sort(key=lambda item: item.at, reverse=True)
    return HistoryPage(items=items[latest - per_page:latest], number=number, total=total, per_page=per_page)


def referrals_for(user: Any, *, status: str = "", overdue: bool = False, today: dt.date | None = None) -> QuerySet[Any]:
    """Referrals of the clients the user may see, filtered as on screen, oldest due first."""
    from opengu.welfare.models import Referral

    rows = Referral.objects.select_related("client__dong", "service__organization", "dong", "created_by__staff")
    rows = rows.filter(client__in=clients_for(user).values("pk"))
    if status:
        rows = rows.filter(status=status)
    if overdue:
        rows = rows.filter(status=Referral.Status.SENT, due_on__lt=today or timezone.localdate())
    return rows.order_by("due_on", "id")


def cases_for(user: Any, *, stage: str = "", dong: int | None = None) -> QuerySet[Any]:
    """Cases the user may open: all for the centre, auditors and administrators; a dong's own
    and those assigned to the user otherwise."""
    from opengu.core import permissions as core
    from opengu.welfare import permissions
    from opengu.welfare.models import Case

    rows = Case.objects.select_related("dong", "tong", "assigned_to__staff", "client")
    if not permissions.can_read_centre(user):
        scope = Q(assigned_to=user) if core.is_staff_member(user) else Q(pk__in=[])
        own = permissions.staff_dong_id(user)
        if own is not None:
            scope |= Q(dong_id=own)
        rows = rows.filter(scope)
    if stage:
        rows = rows.filter(stage=stage)
    if dong is not None:
        rows = rows.filter(dong_id=dong)
    return rows


# --- 맞춤형 안내: outreach campaigns ---------------------------------------------------------------

def centre_phone() -> str:
    """The 행복1004콜센터 number residents are told to call."""
    from django.conf import settings

    return str(getattr(settings, "OPENGU_WELFARE_CENTRE_PHONE", "02-330-1004"))


def district_name() -> str:
    """The name of the district this installation serves ("" before one is configured)."""
    from opengu.core.selectors import current_district

    district = current_district()
    return district.name if district else ""


def benefit_catalogue() -> tuple[Any, ...]:
    """The benefit rules with the district's own benefits named for this district."""
    from opengu.welfare.benefits import catalogue_for

    return catalogue_for(district_name())


def benefit_names() -> dict[str, str]:
    return {benefit.code: benefit.name for benefit in benefit_catalogue()}


CHILD_RELATIONS = ("자녀", "아들", "딸", "손자", "손녀", "손주")


def _iso(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def client_household(client: Client, on: dt.date) -> Any:
    """What the centre knows of a client as a benefits `Household`: birth date, household size,
    children among the members, and the flags (차상위, 한부모, 독거; a recorded 장애 leaves the
    severity unknown) and the benefits it receives on `on` (수급 이력). Income is not recorded, so
    income rules answer "maybe"."""
    from opengu.welfare.benefits import Household

    members = list(client.household.all())
    flags = set(client.flags)
    children = tuple(d for d in (_iso(m.birth_date) for m in members if m.relation.strip() in CHILD_RELATIONS) if d)
    receiving = {"near_poverty"} if "near_poverty" in flags else set()
    receiving |= {r.benefit for r in client.benefit_receipts.all() if r.current_on(on)}
    alone = "living_alone" in flags
    return Household(
        on=on, birth_date=_iso(client.birth_date), household_size=1 if alone else 1 + len(members),
        children=children, single_parent=True if "single_parent" in flags else None,
        married=False if alone else None, severe_disability=None if "disability" in flags else False,
        receiving=frozenset(receiving),
    )


def outreach_candidates(*, benefit: str, on: dt.date | None = None,
                        exclude_campaign: OutreachCampaign | None = None) -> list[tuple[Client, Any]]:
    """Clients with a phone who match `benefit`, do not receive it on `on` (수급 이력), and have
    neither applied after an earlier notice nor been told in `exclude_campaign`; with each the
    rule's result. A match is "eligible", or
    "maybe" for a client flagged 기초생활수급 or 차상위: the centre records no income, and telling
    every client about an income-tested benefit would be noise, not outreach."""
    from opengu.welfare.benefits import PARAMETERS, Status, evaluate

    on = on or timezone.localdate()
    rule = {b.code: b for b in benefit_catalogue()}[benefit]
    applied = OutreachNotice.objects.filter(campaign__benefit=benefit, applied_at__isnull=False).values("client_id")
    receiving = BenefitReceipt.objects.filter(benefit=benefit, started_on__lte=on).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=on)).values("client_id")
    clients = (Client.objects.exclude(pk__in=applied).exclude(pk__in=receiving).exclude(phone_index="")
               .select_related("dong").prefetch_related("household", "benefit_receipts"))
    if exclude_campaign is not None:
        clients = clients.exclude(outreach_notices__campaign=exclude_campaign)
    matched = []
    for client in clients.order_by("pk"):
        result = evaluate(rule, client_household(client, on), PARAMETERS)
        low_income = bool(set(client.flags) & {"basic_livelihood", "near_poverty"})
        if result.status is Status.ELIGIBLE or (result.status is Status.MAYBE and low_income):
            matched.append((client, result))
    return matched


@dataclass
class Uptake:
    campaign: OutreachCampaign
    notified: int
    applied: int

    @property
    def rate(self) -> int:
        """Applied / notified in whole percent, rounded half up (29 / 207 → 14)."""
        return (self.applied * 200 + self.notified) // (self.notified * 2) if self.notified else 0


def outreach_uptake() -> list[Uptake]:
    """Every campaign with notices sent and applications, newest first, in one query."""
    rows = OutreachCampaign.objects.annotate(
        notified=Count("notices"), applied=Count("notices", filter=Q(notices__applied_at__isnull=False)))
    return [Uptake(campaign=row, notified=row.notified, applied=row.applied) for row in rows]  # type: ignore[attr-defined]


def outreach_notices(campaign: OutreachCampaign) -> QuerySet[OutreachNotice]:
    return campaign.notices.select_related("client", "client__dong").order_by("pk")


def home_visit_families(user: Any, *, overdue: bool = False, today: dt.date | None = None) -> list[Any]:
    """(family, Progress) for the families whose mother `user` may see (`clients_for`), most
    overdue first, then by next due date. Birth dates are encrypted, so progress is computed
    here rather than in the database; a district has hundreds of such families, not millions."""
    from opengu.welfare import homevisits
    from opengu.welfare.models import HomeVisitFamily

    today = today or timezone.localdate()
    families = (HomeVisitFamily.objects.filter(mother__in=clients_for(user))
                .select_related("mother", "mother__dong").prefetch_related("visits"))
    rows = []
    for family in families:
        progress = homevisits.family_progress(birth=family.birth, vulnerable=family.vulnerable,
                                              visits=[v.visited_on for v in family.visits.all()], today=today)
        if progress.overdue or not overdue:
            rows.append((family, progress))
    rows.sort(key=lambda row: (-row[1].days_overdue, row[1].next_due or dt.date.max, row[0].pk))
    return rows


def nurse_round(user: Any, *, today: dt.date | None = None, horizon_days: int = 14) -> list[Any]:
    """(family, Progress) of the families assigned to `user` whose next visit is overdue or due
    within `horizon_days`: the most overdue first, then by due date."""
    from opengu.welfare import homevisits
    from opengu.welfare.models import HomeVisitFamily

    today = today or timezone.localdate()
    families = (HomeVisitFamily.objects.filter(nurse_id=user.pk).select_related("mother", "mother__dong")
                .prefetch_related("visits"))
    rows = []
    for family in families:
        progress = homevisits.family_progress(birth=family.birth, vulnerable=family.vulnerable,
                                              visits=[v.visited_on for v in family.visits.all()], today=today)
        if progress.next_due is not None and progress.next_due <= today + dt.timedelta(days=horizon_days):
            rows.append((family, progress))
    rows.sort(key=lambda row: (-row[1].days_overdue, row[1].next_due, row[0].pk))
    return rows


def upcoming_clinics(*, start: dt.date, days: int = 60) -> list[tuple[dt.date, Any]]:
    """Dates of the health institutions' monthly clinics (e.g. 1st and 3rd Thursday) from
    `start` for `days` days, with their schedule, in date order."""
    from opengu.welfare import homevisits
    from opengu.welfare.models import Schedule, SourceType

    end = start + dt.timedelta(days=days - 1)
    schedules = (Schedule.objects.filter(freq="MONTHLY", service__isnull=False,
                                         service__organization__source_type=SourceType.HEALTH)
                 .select_related("service", "service__organization"))
    found = [(day, schedule) for schedule in schedules
             for day in homevisits.clinic_dates(freq=schedule.freq, interval=schedule.interval, byday=schedule.byday,
                                                dtstart=schedule.dtstart, until=schedule.until, start=start, end=end)]
    return sorted(found, key=lambda row: (row[0], row[1].pk))
