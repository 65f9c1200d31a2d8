"""The chart on a dataset page: a bar a row for a short table of named rows, rows counted or a
number summed by a column with few values otherwise, the reader's choice of both, no chart when
the table has nothing to draw."""

from __future__ import annotations

import io
import re

import pytest

from opengu.opendata import services

pytestmark = pytest.mark.django_db


def _load(dataset, personas, text: str):
    version = services.resource_version_load(actor=personas.staff, dataset=dataset, file=io.BytesIO(text.encode()),
                                             source_name="t.csv")
    services.dataset_publish(actor=personas.staff, dataset=dataset)
    return version


def _desc(page: str) -> str:
    found = re.search(r'<desc id="chart-\d+-desc">([^<]*)</desc>', page)
    return found.group(1) if found else ""


def test_a_short_table_of_named_rows_is_a_bar_a_row(client, dataset, personas):
    _load(dataset, personas, "행정동,인구,면적\n충현동,12000,1.5\n천연동,9500,0.9\n신촌동,21000,2.1\n")
    page = client.get(f"/data/{dataset.slug}/").content.decode()
    assert "인구: 행정동별" in page
    assert _desc(page) == "충현동 12,000; 천연동 9,500; 신촌동 21,000"
    chosen = client.get(f"/data/{dataset.slug}/", {"chart": dataset.resources.get().pk, "value": "면적"}).content.decode()
    assert _desc(chosen) == "충현동 1.5; 천연동 0.9; 신촌동 2.1"


def test_a_long_table_is_counted_or_summed_by_a_column_with_few_values(client, dataset, personas):
    rows = "".join(f"{n},{'카페' if n % 3 else '한식'},{'연희동' if n % 2 else '신촌동'},{n}\n" for n in range(1, 61))
    version = _load(dataset, personas, "번호,업태,행정동,좌석\n" + rows)
    page = client.get(f"/data/{dataset.slug}/").content.decode()
    assert "업태별 행 수" in page
    assert _desc(page) == "카페 40; 한식 20"
    summed = client.get(f"/data/{dataset.slug}/", {"chart": version.resource_id, "by": "행정동", "value": "좌석"})
    expected_odd = sum(n for n in range(1, 61) if n % 2)
    expected_even = sum(n for n in range(1, 61) if not n % 2)
    assert _desc(summed.content.decode()) == f"신촌동 {expected_even:,}; 연희동 {expected_odd:,}"
    # A column not in the table, or one with a value on every row, falls back to the first choice.
    odd = client.get(f"/data/{dataset.slug}/", {"chart": version.resource_id, "by": "번호", "value": "없는열"})
    assert _desc(odd.content.decode()) == "카페 40; 한식 20"


def test_a_grid_of_equal_groups_sums_its_first_figure(client, dataset, personas):
    # 동 × 연도: every 동 has as many rows, so counting says nothing; the first figure (not the year) is summed.
    rows = "".join(f"{dong},{year},{tons}\n" for dong, tons in (("연희동", 10), ("신촌동", 30))
                   for year in range(2020, 2024))
    _load(dataset, personas, "행정동,연도,배출량\n" + rows)
    page = client.get(f"/data/{dataset.slug}/").content.decode()
    assert "행정동별 배출량 합계" in page
    assert _desc(page) == "신촌동 120; 연희동 40"


def test_a_long_series_shows_its_last_rows(client, dataset, personas):
    rows = "".join(f"{2020 + n // 12}-{n % 12 + 1:02d},{n}\n" for n in range(30))
    _load(dataset, personas, "연월,대여\n" + rows)
    page = client.get(f"/data/{dataset.slug}/").content.decode()
    assert "(마지막 24행)" in page
    assert _desc(page).startswith("2020-07 6;") and _desc(page).endswith("2022-06 29")


def test_no_chart_when_nothing_can_be_drawn(client, dataset, personas):
    _load(dataset, personas, "이름,메모\n가,하나\n나,둘\n")
    page = client.get(f"/data/{dataset.slug}/").content.decode()
    assert 'class="bar-chart"' not in page
