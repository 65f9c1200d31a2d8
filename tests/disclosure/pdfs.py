"""Synthetic PDFs with Korean text and made-up personal data, for redaction tests."""

from __future__ import annotations

import pymupdf

LINES = [
    "도로 점용 허가 민원 처리 결과 보고",
    "성명: 홍길동",
    "주민등록번호 900101-1234568 연락처 010-2345-6789",
    "전자우편 hong.gildong@example.com",
    "여권번호 M12345678 운전면허 11-23-456789-01",
    "환급 계좌: 국민은행 123-45-6789012",
    "연희로 12 앞 보도 점용을 3개월간 허가함.",
]
PERSONAL = ["홍길동", "900101-1234568", "010-2345-6789", "hong.gildong@example.com", "M12345678",
            "11-23-456789-01", "123-45-6789012"]
KEPT = ["도로 점용 허가 민원 처리 결과 보고", "연희로 12 앞 보도 점용을 3개월간 허가함."]


def make_pdf(lines: list[str] | None = None) -> bytes:
    document = pymupdf.open()
    page = document.new_page()
    y = 72.0
    for line in lines or LINES:
        page.insert_text((50, y), line, fontname="korea", fontsize=11)
        y += 20
    document.set_metadata({"author": "홍길동"})
    return bytes(document.tobytes())
