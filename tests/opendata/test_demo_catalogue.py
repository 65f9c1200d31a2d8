"""The demo catalogue: about 146 datasets through the real pipeline, with the states the other
pages exist for, and LOCALDATA tables that give 상권분석 something real."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from opengu.lib import pii
from opengu.opendata import commerce, demo, demo_tables
from opengu.opendata.models import DataRequest, Dataset, ResourceVersion

pytestmark = pytest.mark.django_db
DONGS = list(demo_tables.DONG_PLACES)


def _context(dongs: list[str] = DONGS, seed: int = 7) -> demo_tables.Context:
    return demo_tables.Context(district="서대문구", open_code="3120000", dongs=dongs, rng=random.Random(seed))


def test_the_catalogue_has_146_datasets_across_the_categories_with_unique_slugs():
    specs = demo_tables.catalogue()
    assert len(specs) == 146 and len({s.slug for s in specs}) == 146
    assert len({s.category for s in specs}) >= 15
    localdata = [s for s in specs if "LOCALDATA" in s.keywords]
    assert len(localdata) == 20


def test_tables_are_deterministic_and_synthetic():
    spec = next(s for s in demo_tables.catalogue() if s.slug == "seodaemun-senior-centres")
    first, second = spec.table(_context()), spec.table(_context())
    assert first == second
    header, rows = first
    # The one personal-looking column is random digits, and is what the scan is meant to catch.
    assert header[-4] == "회장 연락처" and all(pii.find_phones(str(row[-4])) for row in rows[:20])


def test_the_licence_tables_read_as_a_real_district_over_the_years():
    spec = next(s for s in demo_tables.catalogue() if s.slug == "seodaemun-restaurants")
    header, rows = spec.table(_context())
    assert header[:6] == ["번호", "개방서비스명", "개방서비스아이디", "개방자치단체코드", "관리번호", "인허가일자"]
    assert {"좌표정보(x)", "좌표정보(y)", "도로명전체주소", "소재지전체주소", "업태구분명"} <= set(header)
    index = header.index("좌표정보(x)")
    xs = [float(row[index]) for row in rows]
    ys = [float(row[index + 1]) for row in rows]
    assert 190_000 < min(xs) and max(xs) < 200_000 and 449_000 < min(ys) and max(ys) < 457_000  # EPSG:5174 here
    area = commerce.Area("서대문구", "3120000", tuple(commerce.DongInfo(d, Decimal("1.0")) for d in DONGS))
    figures = commerce.analyse(area, [{"id": name} for name in header], [[str(v) for v in row] for row in rows],
                               as_of=dt.date(2025, 12, 31))
    assert figures.in_district == 3000
    assert {row["dong"]: row["total"] for row in figures.by_dong}.get("미상", 0) == 0
    years = {row["year"]: row for row in figures.years}
    assert sum(row["openings"] for row in years.values()) == 3000
    assert all(years[y]["closures"] > 0 for y in range(2000, 2026))  # closures every year, not one lump
    assert 0.5 < figures.survival[1]["rate"] < 0.98 and figures.survival[5]["rate"] < figures.survival[1]["rate"]


def test_the_demo_loads_every_dataset_with_the_states_the_pages_need(personas):
    lines: list[str] = []
    demo.load(district=personas.district, rng=random.Random(1), stdout=lines.append)

    assert Dataset.objects.count() == 146
    assert lines[0].startswith("열린데이터 [1/146] ") and lines[145].startswith("열린데이터 [146/146] ")
    assert "데이터셋 146개" in lines[-1]
    assert not ResourceVersion.objects.exclude(status=ResourceVersion.Status.LIVE).exists()
    pending = Dataset.objects.filter(published=False)
    assert pending.count() == 3
    assert all(r.live_version.needs_personal_data_decision for d in pending for r in d.resources.all())
    assert Dataset.objects.filter(next_due__lt=timezone.localdate()).count() >= 10
    assert Dataset.objects.exclude(national_portal_id="").count() >= 40
    restaurants = Dataset.objects.get(slug="seodaemun-restaurants").resources.get().live_version
    assert restaurants.row_count == 3000 and restaurants.encoding == "cp949"
    types = {c["id"]: c["type"] for c in restaurants.columns}
    assert types["인허가일자"] == "date" and types["관리번호"] == "text" and types["소재지면적"] == "decimal"
    assert DataRequest.objects.count() == 12
    released = DataRequest.objects.filter(status=DataRequest.Status.RELEASED)
    assert released.count() == 2 and all(r.dataset and r.dataset.published for r in released)
    assert DataRequest.objects.filter(supporter_count__gt=0).exists()
