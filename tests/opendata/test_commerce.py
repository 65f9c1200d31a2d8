"""상권분석 over a small hand-made LOCALDATA table whose figures were worked out by hand.

As of 2026-01-01, the nine 서대문구 businesses (A–G, I, K; H and J are elsewhere):
- openings 2015: A B C, 2016: D E, 2017: F, 2018: G, 2019: I, 2024: K;
  closures 2015: A, 2017: B D, 2021: E; F is 폐업 without a date (closed, but no lifetime).
- 1-year survival 7/8 (A fails; D closes on its anniversary, which counts as surviving; F left
  out), 3-year 4/7 (K is right-censored), 5-year 3/7 (E closes one day short of five years).
- Kaplan–Meier: events at 275, 365, 731, 1825 days; censored at 579, 2557, 2741, 4018.
  S = 7/8, 6/8, 6/8·4/5 = 0.6, 0.6·3/4 = 0.45 → median 1825 days (the median of closed
  lifetimes alone would be 548: censoring matters).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import openpyxl
import pytest

from opengu.opendata import commerce, services
from opengu.opendata.models import Category, Dataset
from tests.personas import as_each

pytestmark = pytest.mark.django_db

HEADER = ["개방서비스명", "개방자치단체코드", "관리번호", "인허가일자", "영업상태명", "폐업일자", "사업장명",
          "소재지전체주소", "도로명전체주소", "업태구분명"]
ROWS = [
    ["일반음식점", "3120000", "A", "20150301", "폐업", "20151201", "가식당", "", "서울특별시 서대문구 연희로 10 (연희동)", "한식"],
    ["일반음식점", "3120000", "B", "2015-06-10", "폐업", "2017-06-10", "나카페", "서울특별시 서대문구 창천동 12-3", "", "커피숍"],
    ["일반음식점", "3120000", "C", "2015.01.01", "영업/정상", "", "다식당", "", "서울특별시 서대문구 연희로 20 (연희동)", "한식"],
    ["일반음식점", "3120000", "D", "20160229", "폐업", "20170228", "라식당", "서울특별시 서대문구 신촌동 1", "", "한식"],
    ["일반음식점", "3120000", "E", "20160505", "폐업", "20210504", "마카페", "", "서울특별시 서대문구 통일로 5 (홍제동)", "커피숍"],
    ["일반음식점", "3120000", "F", "20170101", "폐업", "", "바식당", "", "서울특별시 서대문구 연희로 30 (연희동)", "한식"],
    ["일반음식점", "3120000", "G", "20180701", "영업/정상", "", "사카페", "", "서울특별시 서대문구 연희맛로 3 (연희동)", "커피숍"],
    ["일반음식점", "3130000", "H", "20180101", "영업/정상", "", "마포식당", "", "서울특별시 마포구 연희로 1 (연남동)", "한식"],
    ["일반음식점", "", "I", "20190101", "휴업", "", "아식당", "", "서울특별시 서대문구 연희로 1 (연희동)", "한식"],
    ["일반음식점", "", "J", "20190101", "영업/정상", "", "자식당", "", "서울특별시 마포구 신촌로 1 (노고산동)", "한식"],
    ["일반음식점", "3120000", "K", "20240601", "영업/정상", "", "차식당", "", "서울특별시 서대문구 신촌역로 7 (대현동)", "한식"],
]
AS_OF = dt.date(2026, 1, 1)


def _area() -> commerce.Area:
    return commerce.Area(name="서대문구", open_code="3120000",
                         dongs=(commerce.DongInfo("연희동", Decimal("2.5")), commerce.DongInfo("신촌동", Decimal("1.0"))))


def _analyse(**filters: str) -> commerce.Figures:
    columns = [{"id": name} for name in HEADER]
    return commerce.analyse(_area(), columns, ROWS, filters=commerce.Filters(**filters), as_of=AS_OF)


def test_it_counts_the_district_only_by_code_or_address():
    figures = _analyse()
    assert figures.rows_read == 11
    assert figures.in_district == 9
    assert figures.open_now == 4  # C, G, I (휴업 is still licensed), K
    assert figures.closed_undated == 1


def test_openings_and_closures_per_year():
    years = {row["year"]: (row["openings"], row["closures"]) for row in _analyse().years}
    assert list(years) == list(range(2015, 2025))
    assert years[2015] == (3, 1) and years[2016] == (2, 0) and years[2017] == (1, 2)
    assert years[2021] == (0, 1) and years[2024] == (1, 0)


def test_survival_is_right_censored():
    survival = _analyse().survival
    assert (survival[1]["survived"], survival[1]["cohort"]) == (7, 8)
    assert (survival[3]["survived"], survival[3]["cohort"]) == (4, 7)
    assert (survival[5]["survived"], survival[5]["cohort"]) == (3, 7)
    cohort_2015 = next(c for c in _analyse().cohorts if c["year"] == 2015)
    assert cohort_2015["rates"][1] == pytest.approx(2 / 3)
    cohort_2024 = next(c for c in _analyse().cohorts if c["year"] == 2024)
    assert cohort_2024["rates"] == {1: 1.0, 3: None, 5: None}


def test_median_lifetime_is_the_kaplan_meier_median():
    figures = _analyse()
    assert figures.median_lifetime_days == 1825
    assert figures.median_lifetime_years == 5.0
    assert commerce.kaplan_meier_median([(10, True), (20, False), (30, False)]) is None  # S stays 2/3


def test_dongs_from_address_and_legal_dong_mapping_with_density():
    figures = _analyse()
    by_dong = {row["dong"]: row for row in figures.by_dong}
    assert (by_dong["연희동"]["open_now"], by_dong["연희동"]["total"]) == (3, 5)
    assert (by_dong["신촌동"]["open_now"], by_dong["신촌동"]["total"]) == (1, 3)  # 창천동, 신촌동, 대현동
    assert by_dong["미상"]["total"] == 1  # 홍제동 spans three 행정동
    assert by_dong["연희동"]["density"] == pytest.approx(1.2)
    assert figures.density == pytest.approx(4 / 3.5)


def test_filters_by_dong_and_trade():
    yeonhui = _analyse(dong="연희동")
    assert (yeonhui.matching, yeonhui.open_now) == (5, 3)
    assert (yeonhui.survival[1]["survived"], yeonhui.survival[1]["cohort"]) == (3, 4)
    assert yeonhui.density == pytest.approx(1.2)
    coffee = _analyse(trade="커피숍")
    assert (coffee.matching, coffee.open_now) == (3, 1)
    assert {row["trade"]: row["total"] for row in _analyse().by_trade} == {"한식": 6, "커피숍": 3}


def test_format_detection_and_dong_spelling():
    assert commerce.is_localdata([{"id": name} for name in HEADER])
    assert not commerce.is_localdata([{"id": "인허가일자"}, {"id": "사업장명"}])
    matcher = commerce.DongMatcher(commerce.Area("서대문구", "3120000", (commerce.DongInfo("홍제제1동", None),)))
    assert matcher("서울특별시 서대문구 홍제1동 1") == "홍제제1동"
    assert matcher("서울특별시 서대문구 홍제제1동로 1") == "미상"


# Pages and API over the same table loaded through the ingest pipeline.

@pytest.fixture
def licences(personas):
    personas.dong.area_km2 = Decimal("2.5")
    personas.dong.save()
    personas.other_dong.area_km2 = Decimal("1.0")
    personas.other_dong.save()
    dataset = services.dataset_create(actor=personas.staff, title="일반음식점 인허가", slug="restaurants",
                                      department=personas.department, category=Category.objects.get(name="위생"))
    text = io.StringIO()
    csv.writer(text).writerows([HEADER, *ROWS])
    version = services.resource_version_load(actor=personas.staff, dataset=dataset,
                                             file=io.BytesIO(text.getvalue().encode("cp949")), source_name="l.csv")
    services.dataset_publish(actor=personas.staff, dataset=dataset)
    return version.resource


def test_page_is_public_for_a_published_dataset_and_linked_from_it(client, personas, licences):
    codes = as_each(client, personas, f"/data/commerce/{licences.pk}/")
    assert set(codes.values()) == {200}
    page = client.get(f"/data/{licences.dataset.slug}/").content.decode()
    assert f"/data/commerce/{licences.pk}/" in page


def test_a_draft_is_hidden_from_the_public(client, personas, licences):
    services.dataset_unpublish(actor=personas.staff, dataset=Dataset.objects.get(slug="restaurants"))
    codes = as_each(client, personas, f"/data/commerce/{licences.pk}/")
    assert codes["anonymous"] == 404 and codes["resident"] == 404 and codes["other_staff"] == 404
    assert codes["staff"] == 200 and codes["admin"] == 200


def test_page_shows_figures_charts_and_filters(client, licences):
    response = client.get(f"/data/commerce/{licences.pk}/", {"dong": "연희동"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and 'role="img"' in html and 'fill="#b3261e"' in html  # closures in their own colour
    assert '<option value="연희동" selected>' in html
    assert response.context["figures"].matching == 5


def test_a_bad_filter_names_the_field(client, licences):
    response = client.get(f"/data/commerce/{licences.pk}/", {"trade": "양식"})
    assert response.status_code == 400
    assert "업태" in response.content.decode()
    api = client.get(f"/data/commerce/{licences.pk}.json", {"dong": "명동"})
    assert api.status_code == 400 and api.json()["field"] == "dong"


def test_a_table_not_in_localdata_format_has_no_analysis(client, personas, licences):
    dataset = services.dataset_create(actor=personas.staff, title="주차장", slug="parking-x",
                                      department=personas.department, category=Category.objects.get(name="위생"))
    version = services.resource_version_load(actor=personas.staff, dataset=dataset,
                                             file=io.BytesIO("이름,수\n가,1\n".encode()), source_name="a.csv")
    services.dataset_publish(actor=personas.staff, dataset=dataset)
    assert client.get(f"/data/commerce/{version.resource_id}/").status_code == 404
    assert "/data/commerce/" not in client.get("/data/parking-x/").content.decode()


def test_api_returns_the_figures(client, licences):
    data = client.get(f"/data/commerce/{licences.pk}.json", {"trade": "한식"}).json()
    assert data["in_district"] == 9 and data["matching"] == 6 and data["open_now"] == 3
    years = {row["year"]: row for row in data["years"]}
    assert years[2015] == {"year": 2015, "openings": 2, "closures": 1}
    json.dumps(data)


def test_downloads_carry_the_filters(client, licences):
    response = client.get(f"/data/commerce/{licences.pk}/", {"dong": "연희동", "table": "years", "export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8") if response.streaming else response.content.decode()
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["연도", "개업", "폐업"]
    assert rows[1] == ["2015", "2", "1"]  # A and C open in 연희동 in 2015; A closes
    response = client.get(f"/data/commerce/{licences.pk}/", {"table": "trades", "export": "xlsx"})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["업태", "영업 중", "전체", "폐업"]
    assert values[1] == ["한식", 3, 6, 3]


def test_the_demo_licence_table_is_all_in_the_district_with_every_dong_known(personas):
    import random

    from opengu.opendata import demo_tables

    spec = next(s for s in demo_tables.catalogue() if s.slug == "seodaemun-restaurants")
    header, rows = spec.table(demo_tables.Context("서대문구", "3120000", ["연희동", "신촌동"], random.Random(7)))
    area = commerce.Area("서대문구", "3120000", (commerce.DongInfo("연희동", Decimal("2.5")),
                                                 commerce.DongInfo("신촌동", Decimal("1.0"))))
    figures = commerce.analyse(area, [{"id": name} for name in header], [[str(v) for v in row] for row in rows],
                               as_of=AS_OF)
    assert figures.in_district == 3000
    assert {row["dong"]: row["total"] for row in figures.by_dong}["미상"] == 0
    assert figures.survival[1]["cohort"] > 0 and 0 < figures.survival[5]["rate"] < 1
