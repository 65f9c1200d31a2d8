"""National portal (data.go.kr) registration: the export of unregistered datasets in the portal's
fields, and marking a dataset registered with its national id."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from opengu.core.models import AuditEvent
from opengu.opendata import national, services
from opengu.opendata.models import Category, Dataset
from tests.personas import login_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(personas, dataset):
    personas.department.phone = "02-330-1234"
    personas.department.save()
    services.resource_version_load(actor=personas.staff, dataset=dataset, file=io.BytesIO(
        "주차장명,주차면수\n홍제천,120\n연희,40\n".encode("cp949")), source_name="parking.csv")
    dataset = services.dataset_update(actor=personas.staff, dataset=Dataset.objects.get(pk=dataset.pk),
                                      description="공영주차장 위치와 면수", spatial="서울특별시 서대문구")
    return services.dataset_publish(actor=personas.staff, dataset=dataset)


def _rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_export_lists_unregistered_published_datasets_in_the_portals_fields(client, personas, published):
    draft = services.dataset_create(actor=personas.staff, title="초안", department=personas.department,
                                    category=Category.objects.get(name="환경"))
    registered = services.dataset_create(actor=personas.staff, title="등록된 자료", department=personas.department,
                                         category=Category.objects.get(name="보건"))
    services.dataset_publish(actor=personas.staff, dataset=registered)
    national.dataset_register_nationally(actor=personas.staff, dataset=registered, national_id="15012345")

    login_as(client, personas.staff)
    response = client.get("/data/national-portal/?export=csv")
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")
    [row] = _rows(content)
    assert list(row) == national.HEADER
    assert row["목록명"] == "서대문구 공영주차장 현황" and draft.title not in content.decode("utf-8-sig")
    assert row["제공기관"] == "서울특별시 서대문구" and row["관리부서"] == "자치행정과"
    assert row["전화번호"] == "02-330-1234"
    assert row["분류체계"] == "산업고용"  # 지역산업 → the portal's 산업고용
    assert row["키워드"] == "주차장, 공영"
    assert row["제공형태"] == "파일데이터+오픈API" and row["확장자"] == "CSV"
    assert row["갱신주기"] == "수시" and row["차기등록예정일"] == ""
    assert row["이용허락범위"].startswith("공공누리 제1유형")
    assert row["데이터 건수"] == "2" and row["열 목록"] == "주차장명, 주차면수"
    assert row["제공 URL"] == "http://testserver/data/parking/" and row["누락 항목"] == ""

    xlsx = client.get("/data/national-portal/?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == national.HEADER and values[1][0] == "서대문구 공영주차장 현황"


def test_the_export_names_what_the_portal_will_ask_for(personas):
    bare = services.dataset_create(actor=personas.staff, title="빈 자료", department=personas.department,
                                   category=Category.objects.get(name="축산"), update_cycle="yearly")
    services.dataset_publish(actor=personas.staff, dataset=bare)
    row = dict(zip(national.HEADER, national.registration_row(bare, "http://x"), strict=True))
    assert row["누락 항목"] == "목록 설명, 키워드, 전화번호, 확장자"
    assert row["분류체계"] == "농축수산" and row["갱신주기"] == "연간" and row["차기등록예정일"]


def test_marking_registered_takes_it_out_of_the_export_and_is_audited(client, personas, published):
    login_as(client, personas.staff)
    response = client.post("/data/national-portal/parking/register/", {"national_portal_id": "15099999"})
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.national_portal_id == "15099999"
    assert AuditEvent.objects.filter(action="opendata.dataset.register_nationally").exists()
    assert _rows(b"".join(client.get("/data/national-portal/?export=csv").streaming_content)) == []
    page = client.get("/data/national-portal/").content.decode()
    assert "15099999" in page and "모두 등록했습니다" in page


@pytest.mark.parametrize(("value", "words"), [("abc", "숫자 5~12자리"), ("12", "숫자 5~12자리"),
                                              ("15012345", "이미 다른 데이터셋")])
def test_a_bad_national_id_gets_a_korean_message_and_changes_nothing(personas, published, value, words):
    other = services.dataset_create(actor=personas.staff, title="다른 자료", department=personas.department,
                                    category=Category.objects.get(name="보건"))
    services.dataset_publish(actor=personas.staff, dataset=other)
    national.dataset_register_nationally(actor=personas.staff, dataset=other, national_id="15012345")
    with pytest.raises(ValidationError) as caught:
        national.dataset_register_nationally(actor=personas.staff, dataset=published, national_id=value)
    assert words in caught.value.messages[0]
    published.refresh_from_db()
    assert published.national_portal_id == ""


def test_a_draft_is_not_registered_and_only_its_department_marks(personas, dataset, published):
    draft = services.dataset_create(actor=personas.staff, title="초안", department=personas.department,
                                    category=Category.objects.get(name="환경"))
    with pytest.raises(ValidationError, match="공개한 데이터셋만"):
        national.dataset_register_nationally(actor=personas.staff, dataset=draft, national_id="15000001")
    for outsider in (personas.other_staff, personas.auditor):
        with pytest.raises(PermissionDenied):
            national.dataset_register_nationally(actor=outsider, dataset=published, national_id="15000001")


def test_the_page_is_for_staff_and_other_departments_get_no_mark_form(client, personas, published):
    login_as(client, personas.other_staff)
    page = client.get("/data/national-portal/").content.decode()
    assert "서대문구 공영주차장 현황" in page and 'name="national_portal_id"' not in page
    assert client.post("/data/national-portal/parking/register/", {"national_portal_id": "15000001"}).status_code == 403
    login_as(client, personas.resident)
    assert client.get("/data/national-portal/").status_code == 403
