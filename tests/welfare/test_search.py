"""Search relevance on a fixed list of Korean queries, synonyms, facets, dong and open now."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from opengu.welfare import services
from opengu.welfare.models import Service, SynonymGroup, TaxonomyTerm
from opengu.welfare.selectors import SearchFilters, ids_subquery, query_concepts, service_search
from tests.personas import Personas
from tests.welfare.conftest import NATIONAL_CSV

# (query, a service name expected among the first three results)
RELEVANCE = [
    ("아이돌봄", "아이돌봄 서비스"),
    ("장애인 일자리", "장애인일자리지원"),
    ("혼자 사시는 어르신", "독거어르신 도시락 배달"),
    ("홀몸어르신", "독거어르신 도시락 배달"),
    ("기초연금", "기초연금"),
    ("산재 근로자 심리", "(산재근로자)사회심리재활지원"),
    ("농어민 저축", "농어가목돈마련저축 저축장려금 지급"),
    ("방과후 돌봄", "아동 방과후 돌봄"),
    ("공동육아", "공동육아나눔터 운영"),
    ("실종 아동", "실종아동 등 보호 및 지원"),
]


def _names(query: str) -> list[str]:
    outcome = service_search(SearchFilters(query=query))
    return list(Service.objects.filter(id__in=outcome.ids[:3]).values_list("name", flat=True))


def test_relevance_on_fixed_korean_queries(directory: dict[str, object]) -> None:
    call_command("welfare", "import", str(NATIONAL_CSV))
    failures = []
    for query, expected in RELEVANCE:
        top = _names(query)
        if expected not in top:
            failures.append(f"{query!r}: {expected!r} not in {top}")
    assert not failures, failures


def test_words_inside_compound_nouns_and_meal_synonyms_find_what_residents_mean(
        personas: Personas, directory: dict[str, object]) -> None:
    """The analyser keeps 밑반찬, 집수리 and 병원비 whole; residents type 반찬, 수리, 병원. A free
    lunch is what "무료 급식" asks for, before a school's milk (급식 alone)."""
    centre = directory["centre"]
    made = {}
    for name, description in [("어르신 밑반찬 배달", "거동이 불편한 어르신께 밑반찬을 배달합니다."),
                              ("주거환경 개선 집수리", "낡은 집을 고쳐 드립니다."),
                              ("저소득층 병원비 지원", "입원 치료에 드는 비용을 돕습니다."),
                              ("경로식당 무료 점심", "어르신께 평일 점심을 무료로 드립니다."),
                              ("학교우유급식", "학생에게 우유를 급식합니다.")]:
        made[name] = services.service_create(actor=personas.other_staff, organization=centre,  # type: ignore[arg-type]
                                             data={"name": name, "description": description,
                                                   "assured_date": dt.date.today()})
    assert _names("반찬")[0] == "어르신 밑반찬 배달"
    assert _names("수리")[0] == "주거환경 개선 집수리"
    assert _names("병원")[0] == "저소득층 병원비 지원"
    assert _names("의료비")[0] == "저소득층 병원비 지원"  # a synonym of 병원비
    assert service_search(SearchFilters(query="무료 급식")).ids[0] == made["경로식당 무료 점심"].pk
    # A whole word still outranks the same word found inside another.
    whole = services.service_create(actor=personas.other_staff, organization=centre,  # type: ignore[arg-type]
                                    data={"name": "반찬 나눔", "description": "반찬을 나눕니다.",
                                          "assured_date": dt.date.today()})
    assert service_search(SearchFilters(query="반찬")).ids[:2] == [whole.pk, made["어르신 밑반찬 배달"].pk]


def test_synonyms_join_phrases(directory: dict[str, object]) -> None:
    concepts = query_concepts("혼자 사시는 어르신 도시락")
    assert ["독거", "노인"] in concepts[0]
    assert concepts[1:] == [[["도시락"]]]


def test_staff_can_add_a_synonym_that_search_uses(personas: Personas, directory: dict[str, object]) -> None:
    assert service_search(SearchFilters(query="학령기 아이")).ids == []
    services.synonym_group_save(actor=personas.other_staff, phrases="학령기 아이\n초등학생")
    assert service_search(SearchFilters(query="학령기 아이")).ids == [directory["kids"].pk]  # type: ignore[attr-defined]
    group = SynonymGroup.objects.get(phrases__startswith="학령기")
    with pytest.raises(services.WelfareInputError):
        services.synonym_group_save(actor=personas.other_staff, phrases="하나뿐", group=group)


def test_facet_counts_and_filters(personas: Personas, directory: dict[str, object]) -> None:
    senior = TaxonomyTerm.objects.get(taxonomy__key="life_stage", code="senior")
    everything = service_search(SearchFilters())
    counts = {v.label: v.count for key, _label, values in everything.facets if key == "life_stage" for v in values}
    assert counts["노년"] == 1 and counts["아동"] == 1
    narrowed = service_search(SearchFilters(terms=[senior.id]))
    assert narrowed.ids == [directory["lunch"].pk]  # type: ignore[attr-defined]
    assert service_search(SearchFilters(dong=personas.dong.id)).ids == [directory["lunch"].pk]  # type: ignore[attr-defined]
    assert service_search(SearchFilters(dong=personas.other_dong.id)).ids == []


def test_open_now_uses_the_location_schedule(directory: dict[str, object]) -> None:
    tuesday_morning = timezone.make_aware(dt.datetime(2025, 7, 22, 10, 0))
    sunday = timezone.make_aware(dt.datetime(2025, 7, 27, 10, 0))
    assert service_search(SearchFilters(open_now=True), now=tuesday_morning).ids == [directory["lunch"].pk]  # type: ignore[attr-defined]
    assert service_search(SearchFilters(open_now=True), now=sunday).ids == []


def test_search_page_counts_appearances_and_views(client, directory: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    lunch = directory["lunch"]
    response = client.get("/welfare/", {"q": "독거노인"})
    assert response.status_code == 200
    assert "독거어르신 도시락 배달" in response.content.decode()
    client.get(f"/welfare/services/{lunch.pk}/")  # type: ignore[attr-defined]
    count = lunch.monthly_counts.get()  # type: ignore[attr-defined]
    assert (count.search_appearances, count.views) == (1, 1)


def test_search_exports_csv_with_bom_and_xlsx(client, directory: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/welfare/", {"q": "어르신", "format": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff번호,자원명")
    assert "독거어르신 도시락 배달" in body and "아동 방과후 돌봄" not in body
    response = client.get("/welfare/", {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_query_within_a_dong(personas: Personas, directory: dict[str, object]) -> None:
    lunch = directory["lunch"]
    assert service_search(SearchFilters(query="도시락", dong=personas.dong.id)).ids == [lunch.pk]  # type: ignore[attr-defined]
    assert service_search(SearchFilters(query="도시락", dong=personas.other_dong.id)).ids == []


def test_a_result_set_beyond_the_parameter_limit_is_one_parameter(directory: dict[str, object]) -> None:
    # PostgreSQL takes at most 65,535 parameters a statement; a broad search can match more services.
    lunch = directory["lunch"]
    ids = [*range(10**9, 10**9 + 70_000), lunch.pk]  # type: ignore[attr-defined]
    assert list(Service.objects.filter(pk__in=ids_subquery(ids)).values_list("pk", flat=True)) == [lunch.pk]  # type: ignore[attr-defined]


def test_reindex_command_rebuilds_what_an_older_index_lacks(capsys: pytest.CaptureFixture[str],
                                                            directory: dict[str, object]) -> None:
    from opengu.welfare.models import SearchTerm

    lunch = directory["lunch"]
    before = set(SearchTerm.objects.filter(service=lunch).values_list("term", "weight"))  # type: ignore[misc]
    SearchTerm.objects.filter(service=lunch, term="도시락").delete()  # as indexed by an older version
    assert service_search(SearchFilters(query="도시락")).ids == []
    call_command("welfare", "reindex")
    assert set(SearchTerm.objects.filter(service=lunch).values_list("term", "weight")) == before  # type: ignore[misc]
    assert service_search(SearchFilters(query="도시락")).ids == [lunch.pk]  # type: ignore[attr-defined]
    assert "검색 색인을 다시 만들었습니다: 자원 2건" in capsys.readouterr().out
