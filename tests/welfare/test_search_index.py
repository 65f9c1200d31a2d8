"""The in-process search index: the same answers as the SQL path, and every write visible in
the very next search, whatever wrote it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from opengu.welfare import search_index, services
from opengu.welfare.models import (
    Location,
    Organization,
    Schedule,
    SearchTerm,
    Service,
    ServiceAtLocation,
    SourceType,
    SynonymGroup,
    Taxonomy,
    TaxonomyTerm,
)
from opengu.welfare.selectors import SearchFilters, service_search, service_search_in_database
from tests.personas import Personas
from tests.welfare.conftest import NATIONAL_CSV

QUERIES = ["", "독거노인", "혼자 사시는 어르신", "기초연금", "장애인 활동지원", "아동 돌봄", "한부모 가족 지원",
           "긴급 생계비", "주거 급여", "청년 일자리", "임신 출산 지원", "정신건강 상담", "무료 급식", "치매",
           "노인 일자리", "다문화 가족", "의료비 지원", "장학금", "복지관 프로그램", "지원", "없는낱말", "의 을"]


def _facets(outcome):  # type: ignore[no-untyped-def]
    return [(key, [(v.id, v.count, v.selected) for v in values]) for key, _label, values in outcome.facets]


def _same(filters: SearchFilters, now: dt.datetime | None = None) -> int:
    indexed, in_sql = service_search(filters, now=now), service_search_in_database(filters, now=now)
    assert indexed.ids == in_sql.ids, filters
    assert _facets(indexed) == _facets(in_sql), filters
    assert indexed.concepts == in_sql.concepts
    return indexed.total


def test_index_answers_as_the_database_does(personas: Personas, directory: dict[str, object]) -> None:
    call_command("welfare", "import", str(NATIONAL_CSV))
    Service.objects.filter(pk=directory["kids"].pk).update(status=Service.Status.INACTIVE)  # type: ignore[attr-defined]
    senior = TaxonomyTerm.objects.get(taxonomy__key="life_stage", code="senior")
    child = TaxonomyTerm.objects.get(taxonomy__key="life_stage", code="child")
    others = list(TaxonomyTerm.objects.exclude(taxonomy_id=senior.taxonomy_id).values_list("id", flat=True)[:2])
    tuesday_morning = timezone.make_aware(dt.datetime(2025, 7, 22, 10, 0))
    totals = []
    for query in QUERIES:
        totals.append(_same(SearchFilters(query=query)))
        _same(SearchFilters(query=query, terms=[senior.id, child.id]))
        _same(SearchFilters(query=query, terms=[senior.id, *others]))
        _same(SearchFilters(query=query, source_type=SourceType.WELFARE_CENTRE))
        _same(SearchFilters(query=query, sector="public"))
        _same(SearchFilters(query=query, dong=personas.dong.id))
        _same(SearchFilters(query=query, include_inactive=True))
        _same(SearchFilters(query=query, open_now=True), now=tuesday_morning)
        _same(SearchFilters(query=query, near=f"dong:{personas.dong.pk}", radius_km=3.0))
    # The comparison means something: broad, narrow and empty result sets were all compared.
    assert totals[0] > 100 and 0 < totals[1] < totals[0] and 0 in totals


def test_an_edit_is_in_the_very_next_search(personas: Personas, directory: dict[str, object]) -> None:
    lunch: Service = directory["lunch"]  # type: ignore[assignment]
    assert service_search(SearchFilters(query="도시락")).ids == [lunch.pk]
    built = search_index.builds()
    assert service_search(SearchFilters(query="도시락")).ids == [lunch.pk]
    assert search_index.builds() == built  # a read does not rebuild
    services.service_update(actor=personas.other_staff, service=lunch,
                            data={"name": "어르신 반찬 배달", "description": "반찬을 배달합니다."}, note="")
    assert service_search(SearchFilters(query="도시락")).ids == []
    assert service_search(SearchFilters(query="반찬")).ids == [lunch.pk]


def _probe(write, number: int) -> None:  # type: ignore[no-untyped-def]
    """`write` changes the token in its own transaction."""
    before = search_index.directory_token()
    with transaction.atomic():
        write()
        assert search_index.directory_token() not in (before, None), number


def test_every_write_to_the_directory_changes_the_version(personas: Personas, directory: dict[str, object]) -> None:
    lunch: Service = directory["lunch"]  # type: ignore[assignment]
    place: Location = directory["place"]  # type: ignore[assignment]
    centre: Organization = directory["centre"]  # type: ignore[assignment]
    unlinked = TaxonomyTerm.objects.exclude(services=lunch).first()
    writes = [
        lambda: Service.objects.filter(pk=lunch.pk).update(name="이름만 바뀜"),
        lambda: SearchTerm.objects.create(service=lunch, term="새낱말", weight=1.0),
        lambda: SearchTerm.objects.filter(service=lunch).delete(),
        lambda: lunch.taxonomy_terms.add(unlinked),
        lambda: Organization.objects.filter(pk=centre.pk).update(sector="public"),
        lambda: Location.objects.filter(pk=place.pk).update(dong=personas.other_dong),
        lambda: ServiceAtLocation.objects.filter(service=lunch).delete(),
        lambda: Schedule.objects.filter(location=place).update(opens_at=dt.time(7)),
        lambda: Taxonomy.objects.filter(pk=unlinked.taxonomy_id).update(name="다른 이름"),
        lambda: TaxonomyTerm.objects.filter(pk=unlinked.pk).update(name="다른 값"),
        lambda: SynonymGroup.objects.create(phrases="가\n나"),
    ]
    for number, write in enumerate(writes):
        _probe(write, number)
    tables = {model._meta.db_table for model in (Service, SearchTerm, Organization, Location, ServiceAtLocation, Schedule,
                                                 Taxonomy, TaxonomyTerm, SynonymGroup)}
    assert tables | {Service.taxonomy_terms.through._meta.db_table} == set(search_index.WATCHED_TABLES)


def test_bulk_sql_and_a_rolled_back_edit(personas: Personas, directory: dict[str, object]) -> None:
    lunch: Service = directory["lunch"]  # type: ignore[assignment]
    assert service_search(SearchFilters(query="도시락")).ids == [lunch.pk]
    with connection.cursor() as cursor:  # as an import or the bench writes: no model code runs
        cursor.execute("DELETE FROM welfare_searchterm WHERE service_id = %s AND term = %s", [lunch.pk, "도시락"])
    assert service_search(SearchFilters(query="도시락")).ids == []
    with pytest.raises(RuntimeError), transaction.atomic():
        SearchTerm.objects.create(service=lunch, term="도시락", weight=5.0)
        assert service_search(SearchFilters(query="도시락")).ids == [lunch.pk]
        raise RuntimeError
    assert service_search(SearchFilters(query="도시락")).ids == []
