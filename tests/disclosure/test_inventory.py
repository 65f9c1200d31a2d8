"""기록물 전수조사: a hand-made registered list (CSV in CP949) and checked inventory (xlsx), their
mismatches, the preview with per-row errors, all-or-nothing imports, settlement and progress."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from opengu.core.models import AuditEvent
from opengu.disclosure import inventory, selectors, services
from opengu.disclosure.models import InventoryList, InventoryMismatch, InventoryRecord
from opengu.disclosure.services import DisclosureError, InventoryFileError
from tests.personas import login_as

pytestmark = pytest.mark.django_db

# 등록 목록: five records. The held list lacks A-3, adds A-9, and differs on A-2 (retention) and A-4 (class).
REGISTERED_CSV = (
    "등록번호,제목,보존기간,공개구분\n"
    "A-1,2025년 주민자치회 회의록,10년,공개\n"
    "A-2,청사 청소 용역 계약,5년,부분공개\n"
    "A-3,똠방각하 민원 처리부,3년,비공개\n"
    "A-4,도로 보수 공사 설계서,30년,공개\n"
    "A-5,정보공개 처리대장,준영구,부분공개\n"
).encode("cp949")

HELD_ROWS = [
    ("기록물등록번호", "기록물명", "보존기간", "공개여부"),
    ("A-1", "2025년 주민자치회 회의록", "10년", "공개"),
    ("A-2", "청사 청소 용역 계약", "3년", "부분공개"),
    ("A-4", "도로 보수 공사 설계서", "30년", "비공개"),
    ("A-5", "정보공개 처리대장", "준영구", "부분공개"),
    ("A-9", "경로당 운영비 정산서", "5년", "공개"),
]


def xlsx(rows: list[tuple[object, ...]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_both(personas, actor=None):
    actor = actor or personas.staff
    services.inventory_import(actor=actor, department=personas.department, source="registered",
                              data=REGISTERED_CSV, filename="등록목록.csv")
    return services.inventory_import(actor=actor, department=personas.department, source="held",
                                     data=xlsx(HELD_ROWS), filename="실물점검.xlsx")


def found(personas):
    return {(m.number, m.kind): (m.registered_value, m.held_value)
            for m in InventoryMismatch.objects.filter(department=personas.department)}


def test_cp949_csv_is_read_with_its_hangul():
    parsed = inventory.parse_upload(REGISTERED_CSV, "list.csv")
    assert parsed.errors == []
    assert parsed.encoding == "CP949"
    assert [r.number for r in parsed.rows] == ["A-1", "A-2", "A-3", "A-4", "A-5"]
    assert parsed.rows[2].title == "똠방각하 민원 처리부"
    assert parsed.rows[1].disclosure_class == "partial"


def test_the_two_lists_give_each_kind_of_mismatch(personas):
    import_both(personas)
    assert found(personas) == {
        ("A-3", "missing"): ("똠방각하 민원 처리부", ""),
        ("A-9", "unregistered"): ("", "경로당 운영비 정산서"),
        ("A-2", "retention"): ("5년", "3년"),
        ("A-4", "class"): ("공개", "비공개"),
    }


def test_one_list_alone_gives_no_mismatches(personas):
    services.inventory_import(actor=personas.staff, department=personas.department, source="registered",
                              data=REGISTERED_CSV, filename="등록목록.csv")
    assert InventoryMismatch.objects.count() == 0
    [progress] = selectors.inventory_progress()
    assert (progress.registered, progress.held, progress.share) == (5, None, None)


def test_row_errors_name_the_row_and_nothing_is_written(personas):
    bad = ("등록번호,제목,보존기간,공개구분\n"
           "B-1,정상 행,5년,공개\n"
           ",번호 없는 행,5년,공개\n"
           "B-3,보존기간 틀림,7년,공개\n"
           "B-1,겹치는 번호,5년,반공개\n").encode()
    parsed = inventory.parse_upload(bad, "bad.csv")
    assert [row for row, _message in parsed.errors] == [3, 4, 5, 5]
    assert "등록번호가 비어 있습니다" in parsed.errors[0][1]
    assert "보존기간 ‘7년’" in parsed.errors[1][1]
    assert "2행과 겹칩니다" in parsed.errors[2][1]
    assert "공개구분 ‘반공개’" in parsed.errors[3][1]
    import_both(personas)
    before = (InventoryRecord.objects.count(), set(InventoryMismatch.objects.values_list("number", "kind")))
    with pytest.raises(InventoryFileError) as raised:
        services.inventory_import(actor=personas.staff, department=personas.department, source="held", data=bad,
                                  filename="bad.csv")
    assert len(raised.value.errors) == 4
    # The earlier held list is still there: the failed import deleted nothing.
    assert (InventoryRecord.objects.count(), set(InventoryMismatch.objects.values_list("number", "kind"))) == before


def test_a_file_without_the_number_column_is_refused():
    parsed = inventory.parse_upload("제목,보존기간\n회의록,5년\n".encode(), "x.csv")
    assert parsed.errors == [(0, "첫 줄에 ‘등록번호’ 열이 없습니다. 열 이름을 확인해 주세요.")]


def test_settling_is_audited_and_moves_progress(personas):
    import_both(personas)
    missing = InventoryMismatch.objects.get(number="A-3")
    services.inventory_mismatch_resolve(actor=personas.staff, mismatch=missing, status="explained",
                                        note="2024년 보존기간 만료로 폐기(폐기 심의 2024-12)")
    event = AuditEvent.objects.filter(action="disclosure.inventory.resolve").get()
    assert event.params["after"] == "explained"
    [progress] = selectors.inventory_progress()
    assert (progress.mismatches, progress.settled, progress.percent) == (4, 1, 25)
    assert progress.by_kind == {"missing": 1, "unregistered": 1, "retention": 1, "class": 1}


def test_settling_needs_a_note_and_a_result(personas):
    import_both(personas)
    mismatch = InventoryMismatch.objects.get(number="A-9")
    with pytest.raises(DisclosureError) as raised:
        services.inventory_mismatch_resolve(actor=personas.staff, mismatch=mismatch, status="resolved", note=" ")
    assert raised.value.field == "note"
    with pytest.raises(DisclosureError):
        services.inventory_mismatch_resolve(actor=personas.staff, mismatch=mismatch, status="open", note="x")
    assert InventoryMismatch.objects.get(number="A-9").status == "open"


def test_reimport_drops_fixed_open_mismatches_and_keeps_settled_ones(personas):
    import_both(personas)
    services.inventory_mismatch_resolve(actor=personas.staff, mismatch=InventoryMismatch.objects.get(number="A-3"),
                                        status="resolved", note="서고 B열에서 찾아 등록")
    fixed = [*HELD_ROWS[:2], ("A-2", "청사 청소 용역 계약", "5년", "부분공개"), *HELD_ROWS[3:]]
    services.inventory_import(actor=personas.staff, department=personas.department, source="held",
                              data=xlsx(fixed), filename="실물점검-2차.xlsx")
    assert set(found(personas)) == {("A-3", "missing"), ("A-9", "unregistered"), ("A-4", "class")}
    assert InventoryMismatch.objects.get(number="A-3").status == "resolved"
    assert InventoryList.objects.filter(department=personas.department).count() == 2


def test_only_the_department_or_the_disclosure_office_imports_and_settles(personas):
    for outsider in (personas.other_staff, personas.auditor):
        with pytest.raises(DisclosureError):
            services.inventory_import(actor=outsider, department=personas.department, source="registered",
                                      data=REGISTERED_CSV, filename="x.csv")
    import_both(personas, actor=personas.disclosure_officer)
    mismatch = InventoryMismatch.objects.get(number="A-9")
    with pytest.raises(DisclosureError):
        services.inventory_mismatch_resolve(actor=personas.other_staff, mismatch=mismatch, status="resolved",
                                            note="x")


def test_preview_shows_row_errors_and_saves_nothing(client, personas):
    login_as(client, personas.staff)
    bad = "등록번호,제목,보존기간,공개구분\nC-1,회의록,7년,공개\n".encode("cp949")
    response = client.post(reverse("disclosure:staff_inventory"), {
        "department": personas.department.pk, "source": "registered", "action": "import",
        "file": SimpleUploadedFile("목록.csv", bad, content_type="text/csv")})
    assert response.status_code == 400
    assert "2행" in response.content.decode() and "보존기간 ‘7년’" in response.content.decode()
    assert InventoryList.objects.count() == 0
    response = client.post(reverse("disclosure:staff_inventory"), {
        "department": personas.department.pk, "source": "registered", "action": "preview",
        "file": SimpleUploadedFile("목록.csv", REGISTERED_CSV, content_type="text/csv")})
    assert response.status_code == 200
    assert "똠방각하 민원 처리부" in response.content.decode()
    assert InventoryList.objects.count() == 0


def test_upload_saves_and_the_page_shows_the_chart_and_table(client, personas):
    login_as(client, personas.staff)
    for source, name, data in (("registered", "등록.csv", REGISTERED_CSV), ("held", "실물.xlsx", xlsx(HELD_ROWS))):
        response = client.post(reverse("disclosure:staff_inventory"), {
            "department": personas.department.pk, "source": source, "action": "import",
            "file": SimpleUploadedFile(name, data)})
        assert response.status_code == 302
    page = client.get(reverse("disclosure:staff_inventory")).content.decode()
    assert 'role="img"' in page and "자치행정과 0%" in page
    other = login_as(client, personas.other_staff).post(reverse("disclosure:staff_inventory"), {
        "department": personas.department.pk, "source": "held", "action": "import",
        "file": SimpleUploadedFile("실물.xlsx", xlsx(HELD_ROWS))})
    assert other.status_code == 400
    assert "자기 부서의 목록만" in other.content.decode()


def test_resolve_view_and_filtered_exports(client, personas):
    import_both(personas)
    mismatch = InventoryMismatch.objects.get(number="A-2")
    login_as(client, personas.other_staff)
    assert client.post(reverse("disclosure:staff_inventory_resolve", args=[mismatch.pk]),
                       {"status": "resolved", "note": "x"}).status_code == 403
    login_as(client, personas.staff)
    response = client.post(reverse("disclosure:staff_inventory_resolve", args=[mismatch.pk]),
                           {"status": "resolved", "note": "등록 정보를 3년으로 정정", "next": "?status=open"})
    assert response.status_code == 302 and response["Location"].endswith("/staff/inventory/mismatches/?status=open")
    url = reverse("disclosure:staff_inventory_mismatches")
    csv_text = b"".join(client.get(url, {"status": "resolved", "format": "csv"}).streaming_content).decode("utf-8")
    assert csv_text.startswith("\ufeff부서,등록번호")
    assert csv_text.count("\n") == 2 and "등록 정보를 3년으로 정정" in csv_text
    sheet = load_workbook(io.BytesIO(client.get(url, {"status": "open", "format": "xlsx"}).content)).active
    assert sorted(row[1] for row in sheet.iter_rows(min_row=2, values_only=True)) == ["A-3", "A-4", "A-9"]
    progress = b"".join(client.get(reverse("disclosure:staff_inventory"), {"format": "csv"}).streaming_content)
    assert "자치행정과,5,5,4,1,25,1,1,1,1" in progress.decode("utf-8")
