"""Read lists of welfare services (CSV or xlsx) into rows ready to write, with errors in Korean.

Two layouts are recognised by their headers:

* 복지로 (한국사회보장정보원 복지서비스정보): 서비스아이디, 서비스명, 서비스URL, 서비스요약, 사이트,
  대표문의, 소관부처명, 소관조직명, 기준연도, 최종수정일. Each becomes a 중앙부처 service of the
  ministry named in 소관부처명. In 사이트 and 대표문의 a name and a URL or phone number run
  together ("근로복지공단https://www.comwel.or.kr"); `split_links` and `split_phones` part them.
* institution lists (기관 제출 양식): 기관명, 자원구분, 공공민간, 자원명 and optional 요약, 지원대상,
  최소나이, 최대나이, 비용, 구비서류, 신청방법, 전화, 누리집, 확인일.

Nothing here writes to the database; `services.services_import` does, in one transaction.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from opengu.welfare.models import Sector, SourceType

BOKJIRO_HEADERS = ("서비스아이디", "서비스명", "서비스요약", "소관부처명")
INSTITUTION_HEADERS = ("기관명", "자원구분", "공공민간", "자원명")
INSTITUTION_OPTIONAL = ("요약", "지원대상", "최소나이", "최대나이", "비용", "구비서류", "신청방법", "전화", "누리집", "확인일")

_URL = re.compile(
    r"(?:https?://|www\.)[^\s]+|(?<![A-Za-z0-9.])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:kr|com|net|org)(?:/[^\s]*)?"
)
_PHONE = re.compile(r"(?<![\d-])(?:0\d{1,2}-\d{3,4}-\d{3,4}|1\d{3}-\d{4}|1\d{2,3})(?![\d-])")
SOURCE_LABELS = {str(label): value for value, label in SourceType.choices}
SECTOR_LABELS = {str(label): value for value, label in Sector.choices}


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message says what to do, in Korean."""


@dataclass
class ImportRow:
    line: int  # row number as a spreadsheet shows it (header = 1)
    organization: dict[str, Any] = field(default_factory=dict)
    service: dict[str, Any] = field(default_factory=dict)
    links: list[tuple[str, str]] = field(default_factory=list)
    phones: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def clean(value: Any) -> str:
    """Cell text: HTML entities decoded (&middot; → ·), NFC, spaces trimmed."""
    text = "" if value is None else str(value)
    if "&" in text:
        text = html.unescape(text)
    return unicodedata.normalize("NFC", text.replace("\u00a0", " ")).strip()


def split_links(text: str) -> list[tuple[str, str]]:
    """"근로복지공단https://www.comwel.or.kr 근로복지넷https://…" → [(name, url), …].

    The name is the text before each URL (or the URL's host when there is none); URLs
    without a scheme get https://.
    """
    links: list[tuple[str, str]] = []
    start = 0
    for match in _URL.finditer(text):
        name = text[start:match.start()].strip()
        url = match.group(0).rstrip(".,)")
        if not url.startswith(("http://", "https://")):
            url = "https://" + url
        links.append((name or url.split("//", 1)[1].split("/")[0], url))
        start = match.end()
    return links


def split_phones(text: str) -> list[tuple[str, str]]:
    """"보건복지상담센터129 복지로 상담센터1566-0313" → [("보건복지상담센터", "129"), …].

    Text after the last number without a number of its own (e.g. "주소지 읍·면·동 주민센터")
    is returned with an empty number, so people still see whom to ask.
    """
    found: list[tuple[str, str]] = []
    start = 0
    for match in _PHONE.finditer(text):
        name = text[start:match.start()].strip()
        found.append((name, match.group(0)))
        start = match.end()
    rest = text[start:].strip()
    if rest:
        found.append((rest, ""))
    unique: list[tuple[str, str]] = []
    for name, number in found:
        if (name, number) not in unique and (name or number):
            unique.append((name, number))
    return unique


def read_table(path: Path) -> list[list[str]]:
    """The rows of a CSV (UTF-8 with or without BOM, else CP949) or xlsx file as text cells."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from zipfile import BadZipFile

        import openpyxl

        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (BadZipFile, KeyError, OSError) as exc:
            raise ImportFileError("xlsx 파일을 열 수 없습니다. 엑셀에서 다시 저장해 주세요.") from exc
        try:
            rows = [[_cell(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
        return rows
    if suffix not in {".csv", ".txt"}:
        raise ImportFileError("CSV 또는 xlsx 파일만 읽을 수 있습니다.")
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError("파일을 UTF-8로도 CP949로도 읽을 수 없습니다. 'CSV UTF-8'로 다시 저장해 주세요.")
    return [row for row in csv.reader(io.StringIO(text, newline=""))]


def _cell(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _date(text: str) -> dt.date | None:
    text = text.strip().replace(".", "-").replace("/", "-").rstrip("-")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _age(text: str, label: str, errors: list[str]) -> int | None:
    if not text:
        return None
    if not text.isdigit() or int(text) > 150:
        errors.append(f"{label}: 0부터 150까지의 정수로 적어 주세요('{text}').")
        return None
    return int(text)


def parse_rows(rows: list[list[str]]) -> tuple[str, list[ImportRow]]:
    """Recognise the layout by the header and parse each data row. Returns (layout, rows);
    layout is "bokjiro" or "institution". Blank rows are skipped."""
    if not rows:
        raise ImportFileError("파일이 비어 있습니다.")
    header = [clean(h) for h in rows[0]]
    if all(h in header for h in BOKJIRO_HEADERS):
        layout = "bokjiro"
    elif all(h in header for h in INSTITUTION_HEADERS):
        layout = "institution"
    else:
        raise ImportFileError(
            "머리글을 알아볼 수 없습니다. 복지로 목록(서비스아이디, 서비스명, 서비스요약, 소관부처명) 또는 "
            "기관 제출 양식(기관명, 자원구분, 공공민간, 자원명)의 머리글이 첫 줄에 있어야 합니다.")
    parsed: list[ImportRow] = []
    for offset, raw in enumerate(rows[1:], start=2):
        cells = {name: clean(raw[i]) if i < len(raw) else "" for i, name in enumerate(header)}
        if not any(cells.values()):
            continue
        row = ImportRow(line=offset)
        if layout == "bokjiro":
            _parse_bokjiro(cells, row)
        else:
            _parse_institution(cells, row)
        parsed.append(row)
    return layout, parsed


def _parse_bokjiro(cells: dict[str, str], row: ImportRow) -> None:
    for required in BOKJIRO_HEADERS:
        if not cells.get(required):
            row.errors.append(f"{required}: 비어 있습니다.")
    modified = cells.get("최종수정일", "")
    assured = _date(modified) if modified else None
    if modified and assured is None:
        row.errors.append(f"최종수정일: 날짜(YYYY-MM-DD)가 아닙니다('{modified}').")
    row.organization = {"name": cells.get("소관부처명", ""), "source_type": SourceType.MINISTRY,
                        "sector": Sector.PUBLIC}
    row.links = split_links(cells.get("사이트", ""))
    row.phones = split_phones(cells.get("대표문의", ""))
    row.service = {
        "external_id": cells.get("서비스아이디", ""),
        "name": cells.get("서비스명", ""),
        "description": cells.get("서비스요약", ""),
        "url": cells.get("서비스URL", "")[:500],
        "responsible_unit": cells.get("소관조직명", "")[:100],
        "assured_date": assured,
    }


def _parse_institution(cells: dict[str, str], row: ImportRow) -> None:
    for required in INSTITUTION_HEADERS:
        if not cells.get(required):
            row.errors.append(f"{required}: 비어 있습니다.")
    source = SOURCE_LABELS.get(cells.get("자원구분", ""))
    if cells.get("자원구분") and source is None:
        row.errors.append(f"자원구분: {', '.join(SOURCE_LABELS)} 가운데 하나로 적어 주세요('{cells['자원구분']}').")
    sector = SECTOR_LABELS.get(cells.get("공공민간", ""))
    if cells.get("공공민간") and sector is None:
        row.errors.append(f"공공민간: 공공 또는 민간으로 적어 주세요('{cells['공공민간']}').")
    low = _age(cells.get("최소나이", ""), "최소나이", row.errors)
    high = _age(cells.get("최대나이", ""), "최대나이", row.errors)
    if low is not None and high is not None and low > high:
        row.errors.append("최대나이: 최소나이보다 작을 수 없습니다.")
    assured_text = cells.get("확인일", "")
    assured = _date(assured_text) if assured_text else None
    if assured_text and assured is None:
        row.errors.append(f"확인일: 날짜(YYYY-MM-DD)가 아닙니다('{assured_text}').")
    website = cells.get("누리집", "")
    if website and not website.startswith(("http://", "https://")):
        website = "https://" + website
    row.organization = {"name": cells.get("기관명", ""), "source_type": source, "sector": sector,
                        "website": website[:500]}
    row.phones = split_phones(cells.get("전화", ""))
    row.service = {
        "name": cells.get("자원명", ""),
        "description": cells.get("요약", ""),
        "eligibility_description": cells.get("지원대상", ""),
        "minimum_age": low,
        "maximum_age": high,
        "fees_description": cells.get("비용", "")[:300],
        "required_documents": "\n".join(d.strip() for d in re.split(r"[,\n]", cells.get("구비서류", "")) if d.strip()),
        "application_process": cells.get("신청방법", ""),
        "assured_date": assured,
    }
