"""CKAN gaps: datastore_search_sql (off by default, read-only, resource tables only), Solr-style fq,
Authorization Error 403, driven by the real ckanapi client where it applies."""

from __future__ import annotations

import io

import ckanapi
import pytest
from django.test import override_settings

from opengu.opendata import services
from opengu.opendata.models import Category

pytestmark = pytest.mark.django_db(transaction=True)

TABLE = "관리번호,시설명,동,면수\nP-01,연희 주차장,연희동,120\nP-02,신촌 주차장,신촌동,80\nP-03,홍제 주차장,홍제1동,30\n"


@pytest.fixture
def catalogue(personas):
    made = {}
    for slug, title, category, keywords in [("parking", "공영주차장 현황", "지역산업", ["주차장", "공영"]),
                                            ("toilets", "공중화장실 위치", "환경", ["화장실"]),
                                            ("food", "일반음식점 인허가", "위생", ["음식점", "인허가"])]:
        # Transactional tests flush the seeded taxonomy; put back the categories used here.
        group, _ = Category.objects.get_or_create(name=category, defaults={"slug": category})
        dataset = services.dataset_create(actor=personas.staff, title=title, slug=slug, department=personas.department,
                                          category=group, keywords=keywords)
        made[slug] = services.resource_version_load(actor=personas.staff, dataset=dataset,
                                                    file=io.BytesIO(TABLE.encode()), source_name=f"{slug}.csv")
        if slug != "food":
            services.dataset_publish(actor=personas.staff, dataset=dataset)
    return made


@pytest.fixture
def ckan(live_server):
    return ckanapi.RemoteCKAN(live_server.url, user_agent="opengu-tests")


@pytest.fixture
def sql_on():
    with override_settings(OPENGU_OPENDATA_SQL=True, OPENGU_OPENDATA_SQL_TIMEOUT_MS=3000):
        yield


def test_sql_is_off_by_default_with_ckans_authorization_error(ckan, catalogue):
    with pytest.raises(ckanapi.NotAuthorized):
        ckan.action.datastore_search_sql(sql=f'SELECT * FROM "{catalogue["parking"].resource_id}"')


def test_sql_reads_published_tables_by_resource_id_and_column_names(ckan, catalogue, sql_on):
    parking = catalogue["parking"].resource_id
    result = ckan.action.datastore_search_sql(
        sql=f'SELECT "동", SUM("면수") AS "합계" FROM "{parking}" WHERE "시설명" LIKE \'%주차장\' '
            f'GROUP BY "동" ORDER BY "합계" DESC;')
    assert [r["동"] for r in result["records"]] == ["연희동", "신촌동", "홍제1동"]
    assert result["records"][0]["합계"] == 120 and [f["id"] for f in result["fields"]] == ["동", "합계"]
    toilets = catalogue["toilets"].resource_id
    joined = ckan.action.datastore_search_sql(
        sql=f'WITH big AS (SELECT * FROM "{parking}" WHERE "면수" > 50) '
            f'SELECT COUNT(*) AS n FROM big JOIN "{toilets}" t ON t."관리번호" = big."관리번호"')
    assert joined["records"] == [{"n": 2}]


@pytest.mark.parametrize("sql, why", [
    ('SELECT * FROM "{food}"', "공개된 데이터 표가 아닙니다"),  # unpublished
    ('SELECT * FROM "{parking}" p, opendata_apikey k', "공개된"),
    ('SELECT * FROM "{parking}" p, core_user u', "공개된"),
    ('SELECT * FROM "{parking}"; DELETE FROM "{parking}"', "한 문장"),
    ('DELETE FROM "{parking}"', "SELECT"),
    ('SELECT pg_sleep(10) FROM "{parking}"', "pg_sleep"),
    ('SELECT * FROM "{parking}" -- x', "주석"),
    ('SELECT load_extension(\'x\') FROM "{parking}"', "load_extension"),
    ('SELECT * FROM "{parking}" WHERE "면수" = $$1$$', "$"),
    ('SELECT * FROM "{parking}" UNION SELECT name, 1, 2, 3, 4 FROM sqlite_master', "시스템"),
    ('SELECT "없는열" FROM "{parking}"', "'없는열' 필드나 자원이 없습니다"),
    ('SELECT * FROM "{parking}" WHERE', "실행하지 못했습니다"),
])
def test_sql_refuses_what_it_must_in_korean(client, catalogue, sql_on, sql, why):
    ids = {name: version.resource_id for name, version in catalogue.items()}
    answer = client.get("/api/3/action/datastore_search_sql", {"sql": sql.format(**ids)})
    assert answer.status_code in {403, 409}
    assert why in answer.json()["error"]["message"]


def test_sql_stops_at_the_time_limit(client, catalogue):
    parking = catalogue["parking"].resource_id
    slow = (f'WITH RECURSIVE n AS (SELECT 1 AS i UNION ALL SELECT i + 1 FROM n WHERE i < 100000000) '
            f'SELECT COUNT(*) FROM n, "{parking}"')
    with override_settings(OPENGU_OPENDATA_SQL=True, OPENGU_OPENDATA_SQL_TIMEOUT_MS=200):
        answer = client.get("/api/3/action/datastore_search_sql", {"sql": slow})
    assert answer.status_code == 409 and "시간 한도" in answer.json()["error"]["message"]


def test_fq_solr_forms(ckan, catalogue):
    def names(fq):
        return sorted(d["name"] for d in ckan.action.package_search(fq=fq)["results"])

    assert names('tags:"공영"') == ["parking"]
    assert names("+groups:지역산업") == ["parking"]
    assert names("-tags:주차장") == ["toilets"]
    assert names("groups:(환경 OR 지역산업)") == ["parking", "toilets"]
    assert names('name:parking -res_format:XLSX') == ["parking"]
    assert ckan.action.package_search(fq="-groups:환경", **{"facet.field": '["groups"]'})["search_facets"][
        "groups"]["items"][0]["name"] == "지역산업"


def test_unpublished_is_an_authorization_error_and_missing_is_not_found(ckan, catalogue):
    with pytest.raises(ckanapi.NotAuthorized):
        ckan.action.package_show(id="food")
    with pytest.raises(ckanapi.NotAuthorized):
        ckan.action.datastore_search(resource_id=catalogue["food"].resource_id)
    with pytest.raises(ckanapi.NotFound):
        ckan.action.package_show(id="nothing-here")
    with pytest.raises(ckanapi.NotFound):
        ckan.action.resource_show(id="99999")
