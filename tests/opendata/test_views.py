"""Pages: who sees what, the catalogue search, the CSV download, the staff upload."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opengu.opendata import services
from opengu.opendata.models import Dataset, ResourceVersion
from tests.personas import as_each, login_as

pytestmark = pytest.mark.django_db

STAFF_OF_DEPARTMENT = {"staff", "head", "disclosure_officer"}
TABLE = "주차장명,주차면수,비고\n연희 제1공영주차장,120,=HYPERLINK(\"http://x\")\n신촌 제2공영,1024,+82\n"


@pytest.fixture
def loaded(dataset, personas):
    services.resource_version_load(actor=personas.staff, dataset=dataset, file=io.BytesIO(TABLE.encode()),
                                   source_name="parking.csv")
    return dataset


def test_catalogue_is_public(client, personas, loaded):
    codes = as_each(client, personas, "/data/")
    assert set(codes.values()) == {200}


def test_a_draft_is_seen_only_by_its_department_auditors_and_administrators(client, personas, loaded):
    codes = as_each(client, personas, f"/data/{loaded.slug}/")
    for name, code in codes.items():
        expected = 200 if name in STAFF_OF_DEPARTMENT | {"admin", "auditor"} else 404
        assert code == expected, name
    codes = as_each(client, personas, f"/data/{loaded.slug}/resources/{loaded.resources.get().pk}/download.csv")
    assert codes["anonymous"] == 404 and codes["staff"] == 200


def test_a_published_dataset_is_seen_by_everyone(client, personas, loaded):
    services.dataset_publish(actor=personas.staff, dataset=loaded)
    codes = as_each(client, personas, f"/data/{loaded.slug}/")
    assert set(codes.values()) == {200}
    page = client.get(f"/data/{loaded.slug}/").content.decode()
    preview = page[page.index("미리 보기"):]
    assert "연희 제1공영주차장" in preview and "<td>1024</td>" in preview  # the typed value, not the file's "1,024"
    assert "파일 올리기" not in page  # anonymous visitors see no staff controls
    # API examples a developer can paste as they are: ASCII addresses, the key's place named.
    examples = re.findall(r"<code>(http[^<]*)</code>", page)
    assert examples and all(example.isascii() for example in examples)
    assert any("serviceKey=SERVICE_KEY" in example for example in examples)


def test_the_preview_says_yes_and_no(client, dataset, personas):
    version = services.resource_version_load(actor=personas.staff, dataset=dataset, file=io.BytesIO(
        "시설명,개방\n연희 쉼터,Y\n신촌 쉼터,N\n".encode()), source_name="t.csv")
    assert version.columns[1]["type"] == "boolean"
    services.dataset_publish(actor=personas.staff, dataset=dataset)
    preview = client.get(f"/data/{dataset.slug}/").content.decode().split("미리 보기", 1)[1]
    assert "<td>예</td>" in preview and "<td>아니요</td>" in preview and "True" not in preview


def test_catalogue_finds_a_word_inside_a_compound_and_filters_by_facet(client, personas, loaded):
    services.dataset_publish(actor=personas.staff, dataset=loaded)
    assert "공영주차장 현황" in client.get("/data/", {"q": "주차"}).content.decode()
    assert "공영주차장 현황" in client.get("/data/", {"q": "주차장을"}).content.decode()
    assert "공영주차장 현황" not in client.get("/data/", {"q": "음식점"}).content.decode()
    assert "공영주차장 현황" not in client.get("/data/", {"category": "위생"}).content.decode()
    assert "공영주차장 현황" in client.get("/data/", {"format": "CSV"}).content.decode()


def test_catalogue_exports_csv_and_xlsx_with_the_screen_filters(client, personas, loaded):
    services.dataset_publish(actor=personas.staff, dataset=loaded)
    response = client.get("/data/", {"q": "주차", "export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff제목") and "공영주차장 현황" in body
    response = client.get("/data/", {"q": "음식점", "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1  # the header only: the filter matched nothing


def test_download_is_utf8_with_bom_and_neutralises_formulas(client, personas, loaded):
    services.dataset_publish(actor=personas.staff, dataset=loaded)
    response = client.get(f"/data/{loaded.slug}/resources/{loaded.resources.get().pk}/download.csv")
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0] == "주차장명,주차면수,비고"
    assert "'=HYPERLINK" in text and "'+82" in text
    assert "연희 제1공영주차장,120," in text


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_staff_upload_page_queues_a_load_that_a_worker_runs(client, personas, dataset, settings,
                                                             django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE_TASKS
    login_as(client, personas.staff)
    upload = SimpleUploadedFile("parking.csv", "주차장명,주차면수\n똠양 공영,5\n".encode("cp949"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(f"/data/{dataset.slug}/upload/", {"file": upload})
    assert response.status_code == 302 and len(callbacks) == 1
    version = ResourceVersion.objects.get()
    assert version.encoding == "cp949" and version.status == ResourceVersion.Status.LIVE
    page = client.get(f"/data/{dataset.slug}/").content.decode()
    assert "똠양 공영" in page


def test_a_queued_load_that_fails_shows_why_and_keeps_the_live_version(client, personas, dataset, settings,
                                                                       django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE_TASKS
    services.resource_version_load(actor=personas.staff, dataset=dataset, file=io.BytesIO(TABLE.encode()),
                                   source_name="parking.csv")
    login_as(client, personas.staff)
    bad = SimpleUploadedFile("parking.csv", "주차장명,주차면수\n가,1,2\n".encode())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/data/{dataset.slug}/upload/", {"file": bad})
    failed = ResourceVersion.objects.get(number=2)
    assert failed.status == ResourceVersion.Status.FAILED
    page = client.get(f"/data/{dataset.slug}/").content.decode()
    assert "2행에 머리글(2개)보다 많은 값" in page and "연희 제1공영주차장" in page


def test_a_waiting_load_shows_its_progress_on_the_page(client, personas, dataset):
    login_as(client, personas.staff)
    client.post(f"/data/{dataset.slug}/upload/", {"file": SimpleUploadedFile("a.csv", b"a,b\n1,2\n")})
    page = client.get(f"/data/{dataset.slug}/").content.decode()
    assert "data-progress-url" in page and "적재를 시작했습니다" in page


def test_a_refused_format_is_said_at_once(client, personas, dataset):
    login_as(client, personas.staff)
    response = client.post(f"/data/{dataset.slug}/upload/", {"file": SimpleUploadedFile("a.hwp", b"HWP")}, follow=True)
    assert "HWP" in response.content.decode() and "이전 판은 그대로" in response.content.decode()


def test_upload_publish_and_edit_are_for_the_owning_department(client, personas, dataset):
    codes = as_each(client, personas, f"/data/{dataset.slug}/edit/")
    assert codes["staff"] == 200 and codes["admin"] == 200 and codes["auditor"] == 403
    assert codes["other_staff"] == 404 and codes["resident"] == 404  # a draft is not even shown to them
    for path in (f"/data/{dataset.slug}/upload/", f"/data/{dataset.slug}/publish/"):
        codes = as_each(client, personas, path, method="post")
        for name, code in codes.items():
            if name == "anonymous":
                assert code == 302
            elif name in STAFF_OF_DEPARTMENT | {"admin"}:
                assert code == 302, (path, name)  # done (or refused with a message) and back to the page
            else:
                assert code in (403, 404), (path, name)


def test_staff_pages_are_for_staff(client, personas, dataset):
    codes = as_each(client, personas, "/data/staff/")
    assert codes["anonymous"] == 302 and codes["resident"] == 403 and codes["other_resident"] == 403
    for name in ("staff", "other_staff", "head", "disclosure_officer", "auditor", "admin"):
        assert codes[name] == 200, name
    codes = as_each(client, personas, "/data/staff/new/")
    assert codes["staff"] == 200 and codes["auditor"] == 403 and codes["resident"] == 403


def test_staff_create_dataset_with_a_clear_message_for_a_taken_slug(client, personas, dataset):
    login_as(client, personas.staff)
    form = {"title": "새 자료", "slug": "parking", "category": dataset.category_id, "licence": "kogl-1",
            "update_cycle": "monthly"}
    response = client.post("/data/staff/new/", form)
    assert response.status_code == 400 and "이미 쓰이고 있습니다" in response.content.decode()
    form["slug"] = "new-data"
    response = client.post("/data/staff/new/", form)
    assert response.status_code == 302
    created = Dataset.objects.get(slug="new-data")
    assert created.department == personas.department and created.next_due is not None


def test_staff_list_exports(client, personas, dataset):
    login_as(client, personas.staff)
    body = b"".join(client.get("/data/staff/", {"export": "csv"}).streaming_content).decode()
    assert body.startswith("\ufeff") and "공영주차장" in body
    login_as(client, personas.other_staff)
    body = b"".join(client.get("/data/staff/", {"export": "csv"}).streaming_content).decode()
    assert "공영주차장" not in body


def test_dataset_page_carries_schema_org_json_ld_that_cannot_break_out(client, personas, dataset):
    services.dataset_update(actor=personas.staff, dataset=dataset, title="주차장</script><b>x</b>")
    services.dataset_publish(actor=personas.staff, dataset=dataset)
    page = client.get(f"/data/{dataset.slug}/").content.decode()
    block = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    import json

    assert json.loads(block)["name"] == "주차장</script><b>x</b>"
