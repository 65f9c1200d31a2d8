"""True redaction: detected personal data is gone from the output file, the rest remains."""

from __future__ import annotations

import pymupdf
import pytest

from opengu.disclosure import redaction
from opengu.lib import pii
from tests.disclosure.pdfs import KEPT, PERSONAL, make_pdf


def _text(data: bytes) -> str:
    return "".join(redaction.page_texts(data))


def test_detectors_find_the_document_kinds():
    text = "여권 M123A4567, 면허 11-23-456789-01, 농협 계좌 301-1234-5678-91, 신청인 김 민 수"
    kinds = {d.kind: d.value for d in pii.scan_document(text)}
    assert kinds == {"passport": "M123A4567", "driver_licence": "11-23-456789-01",
                     "account": "301-1234-5678-91", "name": "김 민 수"}


def test_account_numbers_need_a_bank_word_nearby():
    assert not pii.find_accounts("공사 번호 123-45-6789012 의 설계 변경")
    assert pii.find_accounts("신한은행 123-45-6789012")


def test_scan_keeps_its_old_results():
    assert [d.kind for d in pii.scan("010-2345-6789 900101-1234568")] == ["phone", "rrn"]


def test_automatic_redaction_removes_the_text_and_keeps_the_rest():
    original = make_pdf()
    assert all(value in _text(original) for value in PERSONAL)
    output, found = redaction.redact_automatically(original)
    assert {f.kind for f in found} == {"name", "rrn", "phone", "email", "passport", "driver_licence", "account"}
    text = _text(output)
    for value in PERSONAL:
        assert value not in text
    for line in KEPT:
        assert line in text
    with pymupdf.open(stream=output, filetype="pdf") as document:
        assert not document.metadata.get("author")
        # No annotation left to hide text under: the glyphs themselves are gone.
        assert not list(document[0].annots())


def test_a_region_that_does_not_cover_its_text_is_refused():
    original = make_pdf()
    with pytest.raises(redaction.RedactionError):
        redaction.apply(original, [redaction.Region(page=0, rects=[(0, 0, 5, 5)], text="홍길동")])


def test_unreadable_file_is_refused():
    with pytest.raises(redaction.RedactionError):
        redaction.detect(b"%PDF-1.4 broken")
