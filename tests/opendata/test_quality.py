"""The quality report and grade of a resource, and the per-department quality dashboard (§6-2)."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest
from django.utils import timezone

from opengu.opendata import services
from opengu.opendata.models import Category, Dataset, UpdateCycle
from tests.personas import as_each, login_as

pytestmark = pytest.mark.django_db

CLEAN = "이름,수\n가,1\n나,2\n"
PHONES = "상호,연락처\n가게,010-1234-5678\n나게,010-2345-6789\n"


def _load(dataset, personas, text: str):
    return services.resource_version_load(actor=personas.staff, dataset=dataset, file=io.BytesIO(text.encode()),
                                          source_name="t.csv")


def test_report_names_each_problem_in_korean_and_grades_it(dataset, personas):
    text = "이름,,수,수,날짜\n가,x,1,2,2014.10.01\n,,,,\n나,y,둘,3\n다,z,3,4,20141001\n"
    version = _load(dataset, personas, text)
    codes = {issue["code"]: issue["message"] for issue in version.quality["issues"]}
    assert set(codes) == {"blank-header", "duplicate-label", "missing-cell", "type-error", "blank-row"}
    assert "머리글이 빈 열" in codes["blank-header"] and "같은 머리글" in codes["duplicate-label"]
    assert "값이 모자란 행" in codes["missing-cell"] and "빈 행 1개" in codes["blank-row"]
    assert "문자로 두었습니다" in codes["type-error"]
    assert version.quality["grade"] == "D"
    assert _load(dataset, personas, CLEAN).quality == {"grade": "A", "issues": [], "format": "CSV", "encoding": "utf-8"}


def test_extra_cells_are_refused_with_the_line_number_and_nothing_replaced(dataset, personas):
    live = _load(dataset, personas, CLEAN)
    with pytest.raises(Exception, match="3행에 머리글"):
        _load(dataset, personas, "이름,수\n가,1\n나,2,셋\n")
    assert dataset.resources.get().live_version_id == live.pk


def test_grade_is_recomputed_when_staff_record_the_personal_data_decision(dataset, personas):
    version = _load(dataset, personas, PHONES)
    assert version.personal_data and version.quality["grade"] == "D"
    services.resource_version_personal_data_decide(actor=personas.staff, version=version,
                                                   decision="사업장 대표 전화번호로 개인정보가 아님")
    version.refresh_from_db()
    assert version.quality["grade"] == "A"  # the only issue was the pending decision
    flagged = next(issue for issue in version.quality["issues"] if issue["code"] == "personal-data")
    assert "검토 결정" in flagged["message"]


def test_the_public_page_leaves_the_personal_data_scan_to_staff(client, dataset, personas):
    version = _load(dataset, personas, PHONES)
    services.resource_version_personal_data_decide(actor=personas.staff, version=version,
                                                   decision="사업장 대표 전화번호로 개인정보가 아님")
    services.dataset_publish(actor=personas.staff, dataset=dataset)
    public = client.get(f"/data/{dataset.slug}/").content.decode()
    assert "개인정보로 보이는 값이 있는 열" not in public and "발견된 문제가 없습니다" in public
    login_as(client, personas.staff)
    assert "개인정보로 보이는 값이 있는 열" in client.get(f"/data/{dataset.slug}/").content.decode()


def test_grade_after_the_decision_still_counts_the_other_issues(dataset, personas):
    version = _load(dataset, personas, PHONES + ",,\n")  # a blank row as well
    services.resource_version_personal_data_decide(actor=personas.staff, version=version, decision="대표 번호입니다.")
    version.refresh_from_db()
    assert version.quality["grade"] == "B"


def _make(personas, department, slug, text, *, cycle=UpdateCycle.AS_NEEDED, overdue=False, publish=True):
    dataset = services.dataset_create(actor=None, title=slug, slug=slug, department=department,
                                      category=Category.objects.get(name="환경"), update_cycle=cycle)
    if text:
        services.resource_version_load(actor=None, dataset=dataset, file=io.BytesIO(text.encode()), source_name="t.csv")
    if overdue:
        Dataset.objects.filter(pk=dataset.pk).update(next_due=timezone.localdate() - dt.timedelta(days=1))
    if publish and text != PHONES:
        services.dataset_publish(actor=None, dataset=Dataset.objects.get(pk=dataset.pk))
    return dataset


@pytest.fixture
def district_data(personas):
    _make(personas, personas.department, "a-clean", CLEAN, cycle=UpdateCycle.MONTHLY, overdue=True)
    _make(personas, personas.department, "a-phones", PHONES)
    _make(personas, personas.department, "a-empty", "", publish=False)
    _make(personas, personas.other_department, "b-clean", CLEAN, cycle=UpdateCycle.YEARLY)
    _make(personas, personas.other_department, "b-asneeded", CLEAN + ",\n", overdue=True)  # 수시: never overdue


def _table(response) -> list[list[str]]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [[str(cell.value) if cell.value is not None else "" for cell in row] for row in sheet.iter_rows()]


def test_dashboard_counts_per_department(client, personas, district_data):
    login_as(client, personas.staff)
    rows = {row[0]: row for row in _table(client.get("/data/staff/quality/", {"export": "xlsx"}))}
    header = rows.pop("부서")
    own, other = rows[personas.department.name], rows[personas.other_department.name]
    as_dict = [dict(zip(header, row, strict=True)) for row in (own, other, rows["합계"])]
    assert as_dict[0] | {} == {"부서": personas.department.name, "데이터셋": "3", "공개": "1", "A": "1", "B": "0",
                               "C": "0", "D": "1", "미적재": "1", "A·B 비율(%)": "33.3", "갱신 기한 지남": "1",
                               "개인정보 검토 대기": "1"}
    assert (as_dict[1]["데이터셋"], as_dict[1]["A"], as_dict[1]["B"], as_dict[1]["갱신 기한 지남"]) == ("2", "1", "1", "0")
    assert (as_dict[2]["데이터셋"], as_dict[2]["개인정보 검토 대기"], as_dict[2]["갱신 기한 지남"]) == ("5", "1", "1")


def test_dashboard_page_has_charts_table_and_csv_and_is_for_staff_only(client, personas, district_data):
    codes = as_each(client, personas, "/data/staff/quality/")
    assert codes["anonymous"] == 302 and codes["resident"] == 403
    assert codes["staff"] == codes["other_staff"] == codes["auditor"] == 200
    login_as(client, personas.staff)
    page = client.get("/data/staff/quality/").content.decode()
    assert page.count('role="img"') >= 2 and "<table>" in page and "우리 부서" in page
    assert f"{personas.department.name}: 3 (A 1, D 1, 미적재 1)" in page  # the chart's text alternative
    body = b"".join(client.get("/data/staff/quality/", {"export": "csv"}).streaming_content).decode("utf-8")
    assert body.startswith("\ufeff부서,데이터셋,공개,A,B,C,D,미적재")
    assert "합계,5," in body


def test_staff_workspace_links_to_the_dashboard(client, personas, district_data):
    login_as(client, personas.staff)
    assert "/data/staff/quality/" in client.get("/staff/").content.decode()
    assert "/data/staff/quality/" in client.get("/data/staff/").content.decode()


def _tile(page: str, label: str) -> tuple[str, int]:
    """(link, number) of the /staff/ tile with this label."""
    found = re.search(rf'<a href="([^"]+)">{label}</a></h3>\s*<p><span class="count">(\d+)</span>', page)
    assert found, label
    return found.group(1).replace("&amp;", "&"), int(found.group(2))


def _listed(page: str) -> list[str]:
    """The first cell of each body row of the page's table."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r'<th scope="row">(.*?)</th>', body)]


@pytest.mark.parametrize(("label", "expected"), [("공공데이터 갱신 기한 지남", ["a-clean"]),
                                                 ("공공데이터 개인정보 검토 대기", ["a-phones"])])
def test_each_open_data_tile_opens_the_rows_it_counts(client, personas, district_data, label, expected):
    for user, rows in ((personas.staff, expected), (personas.other_staff, []), (personas.admin, expected)):
        login_as(client, user)
        link, number = _tile(client.get("/staff/").content.decode(), label)
        assert link.startswith("/data/staff/?")
        listed = _listed(client.get(link).content.decode())
        assert listed == rows and number == len(rows), (user.username, listed, number)
    # 수시 datasets have no due date to miss: b-asneeded is not overdue, on the tile as on the dashboard.
    login_as(client, personas.other_staff)
    assert "b-asneeded" in _listed(client.get("/data/staff/").content.decode())
