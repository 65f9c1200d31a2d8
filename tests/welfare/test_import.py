"""Import of the real national list and of institution lists: preview, row errors, atomicity."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from opengu.core.models import AuditEvent
from opengu.welfare.importer import parse_rows, read_table
from opengu.welfare.models import Organization, Service, SourceType
from opengu.welfare.services import services_import
from tests.welfare.conftest import NATIONAL_CSV


def test_it_reads_every_row_of_the_national_list() -> None:
    layout, rows = parse_rows(read_table(NATIONAL_CSV))
    assert layout == "bokjiro"
    assert len(rows) == 367
    assert not [r for r in rows if r.errors]
    tv = next(r for r in rows if r.service["name"].startswith("시각·청각장애인용 TV"))
    assert "&middot;" not in tv.service["description"] and "·" in tv.service["description"]
    first = rows[0]
    assert first.links == [("근로복지공단", "https://www.comwel.or.kr")]
    assert first.phones == [("근로복지공단 고객센터", "1588-0075")]


@pytest.mark.django_db
def test_import_command_dry_run_writes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("welfare", "import", str(NATIONAL_CSV), "--dry-run")
    out = capsys.readouterr().out
    assert "새 자원 367" in out and "미리 보기만" in out
    assert Service.objects.count() == 0


@pytest.mark.django_db
def test_import_command_creates_ministry_services_once(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("welfare", "import", str(NATIONAL_CSV))
    assert Service.objects.count() == 367
    assert Organization.objects.filter(source_type=SourceType.MINISTRY).count() == 22
    care = Service.objects.get(external_id="WLF00000024")
    assert care.name == "아이돌봄 서비스" and care.maximum_age == 12
    assert care.phones.get().number == "1577-8136"
    assert care.taxonomy_terms.filter(code="childcare").exists()
    assert care.versions.count() == 1
    call_command("welfare", "import", str(NATIONAL_CSV))
    assert Service.objects.count() == 367
    assert "그대로 367" in capsys.readouterr().out


def _institution_csv(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "list.csv"
    header = "기관명,자원구분,공공민간,자원명,요약,지원대상,최소나이,최대나이,비용,구비서류,전화,확인일"
    path.write_text("\ufeff" + "\r\n".join([header, *rows]) + "\r\n", encoding="utf-8")
    return path


@pytest.mark.django_db
def test_a_row_error_writes_nothing_and_names_row_and_field(tmp_path: Path) -> None:
    path = _institution_csv(tmp_path, [
        "홍은종합사회복지관,복지관,민간,어르신 점심,점심 제공,60세 이상,60,,무료,신분증,02-300-1234,2025-01-02",
        "홍은종합사회복지관,복지관,민간,청소년 상담,,,20,10,,,,",
        "홍은종합사회복지관,학교,민간,,,,,,,,,2025-13-01",
    ])
    with pytest.raises(CommandError, match="오류 4건"):
        call_command("welfare", "import", str(path))
    assert Service.objects.count() == 0
    _layout, rows = parse_rows(read_table(path))
    report = services_import(actor=None, rows=rows)
    assert report.errors == [
        "3행 최대나이: 최소나이보다 작을 수 없습니다.",
        "4행 자원명: 비어 있습니다.",
        "4행 자원구분: 중앙부처, 구청·주민센터, 병원·보건소, 복지관, 재단, 기타 가운데 하나로 적어 주세요('학교').",
        "4행 확인일: 날짜(YYYY-MM-DD)가 아닙니다('2025-13-01').",
    ]


@pytest.mark.django_db
def test_an_institution_xlsx_is_imported(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["기관명", "자원구분", "공공민간", "자원명", "지원대상", "최소나이", "구비서류", "전화"])
    sheet.append(["홍은종합사회복지관", "복지관", "민간", "어르신 점심", "60세 이상 어르신", 60, "신분증, 수급자 증명서", "02-300-1234"])
    path = tmp_path / "list.xlsx"
    book.save(path)
    call_command("welfare", "import", str(path))
    service = Service.objects.get()
    assert service.minimum_age == 60
    assert service.document_list == ["신분증", "수급자 증명서"]
    assert service.organization.source_type == SourceType.WELFARE_CENTRE
    assert AuditEvent.objects.filter(action="welfare.import").exists()
