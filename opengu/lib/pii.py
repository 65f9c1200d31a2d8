"""Personal data: recognise, validate and mask Korean identifiers.

Resident registration numbers (주민등록번호) and foreigner registration numbers (외국인등록번호)
carry a check digit only when issued before October 2020; later ones end in random digits.
So a failed checksum lowers confidence, it never rejects.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import phonenumbers

RRN_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
RRN_PATTERN = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})\s?[-–]?\s?([1-8])(\d{6})(?!\d)")
PHONE_PATTERN = re.compile(
    # The trunk 0 may be left out only after +82; digits that are part of a decimal number
    # (a projected coordinate such as 194567.1234) are not a phone number.
    r"(?<!\d)(?<!\d\.)(?:\+82[-\s]?0?|0)(1[016789]|2|[3-6][1-5]|70|50\d)[-.\s)]?(\d{3,4})[-.\s]?(\d{4})(?!\d|\.\d)"
)
EMAIL_PATTERN = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


@dataclass(frozen=True)
class Detection:
    kind: str  # rrn | foreigner_number | phone | email | ...
    value: str
    start: int
    end: int
    confidence: float
    reason: str


def _century(gender_digit: int) -> int | None:
    return {9: 1800, 0: 1800, 1: 1900, 2: 1900, 5: 1900, 6: 1900, 3: 2000, 4: 2000, 7: 2000, 8: 2000}.get(
        gender_digit
    )


def rrn_check_digit(first12: str, foreigner: bool = False) -> int:
    total = sum(int(d) * w for d, w in zip(first12, RRN_WEIGHTS, strict=True))
    return ((13 if foreigner else 11) - total % 11) % 10


def classify_rrn(digits: str) -> Detection | None:
    """Classify 13 digits as RRN / foreigner number, or None when the birth date is impossible."""
    digits = re.sub(r"\D", "", digits)
    if len(digits) != 13:
        return None
    gender = int(digits[6])
    century = _century(gender)
    if century is None:
        return None
    try:
        dt.date(century + int(digits[:2]), int(digits[2:4]), int(digits[4:6]))
    except ValueError:
        return None
    foreigner = gender in (5, 6, 7, 8)
    kind = "foreigner_number" if foreigner else "rrn"
    if rrn_check_digit(digits[:12], foreigner) == int(digits[12]):
        return Detection(kind, digits, 0, 13, 0.99, "생년월일과 검증번호가 맞습니다")
    # Issued since 2020-10: random trailing digits, no check digit.
    return Detection(kind, digits, 0, 13, 0.8, "생년월일은 맞지만 검증번호가 맞지 않습니다(2020년 10월 이후 번호일 수 있음)")


def find_rrns(text: str) -> list[Detection]:
    found = []
    for m in RRN_PATTERN.finditer(text):
        digits = "".join(m.groups())
        d = classify_rrn(digits)
        if d:
            found.append(Detection(d.kind, m.group(0), m.start(), m.end(), d.confidence, d.reason))
    return found


def find_phones(text: str) -> list[Detection]:
    found = []
    for m in PHONE_PATTERN.finditer(text):
        number = normalize_phone(m.group(0))
        if number:
            mobile = number.startswith("010") or number.startswith("01")
            found.append(
                Detection("phone", m.group(0), m.start(), m.end(), 0.95 if mobile else 0.85, "전화번호 형식")
            )
    return found


def find_emails(text: str) -> list[Detection]:
    return [Detection("email", m.group(0), m.start(), m.end(), 0.99, "전자우편 형식") for m in EMAIL_PATTERN.finditer(text)]


def scan(text: str) -> list[Detection]:
    """All detections, longest first where they overlap (an RRN is not also a phone number)."""
    found = sorted(find_rrns(text) + find_emails(text) + find_phones(text), key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[Detection] = []
    for d in found:
        if kept and d.start < kept[-1].end:
            continue
        kept.append(d)
    return kept


def mask_detection(hit: Detection) -> str:
    """The detected value masked the way lists show it (010-****-5678, 900101-1******, h***@example.com)."""
    if hit.kind == "phone":
        return mask_phone(hit.value)
    if hit.kind == "email":
        return mask_email(hit.value)
    if hit.kind in ("rrn", "foreigner_number"):
        return mask_rrn(hit.value)
    return "*" * len(hit.value)


def mask_in_text(text: str) -> str:
    """`text` with every `scan` hit masked in place, for showing free text to the public."""
    for hit in reversed(scan(text or "")):
        text = text[: hit.start] + mask_detection(hit) + text[hit.end :]
    return text


def normalize_phone(raw: str) -> str | None:
    """Korean phone number in national format with hyphens (010-1234-5678), or None."""
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        parsed = phonenumbers.parse(raw, "KR")
    except phonenumbers.NumberParseException:
        return None
    # A foreign number would otherwise come back in national format and pass for a Korean one.
    if parsed.country_code != 82 or not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL).replace(" ", "-")


def mask_name(name: str) -> str:
    """홍길동 → 홍*동, 남궁민수 → 남**수, 김철 → 김*, English names keep their first letter."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_phone(phone: str) -> str:
    """010-1234-5678 → 010-****-5678."""
    normalized = normalize_phone(phone) or phone or ""
    parts = normalized.split("-")
    if len(parts) == 3:
        return f"{parts[0]}-{'*' * len(parts[1])}-{parts[2]}"
    digits = re.sub(r"\D", "", normalized)
    if len(digits) < 5:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_rrn(rrn: str) -> str:
    """900101-1234567 → 900101-1******."""
    digits = re.sub(r"\D", "", rrn or "")
    if len(digits) != 13:
        return "*" * len(digits)
    return f"{digits[:6]}-{digits[6]}******"


def mask_email(email: str) -> str:
    """hong.gildong@example.com → ho*********@example.com."""
    if "@" not in (email or ""):
        return mask_name(email or "")
    local, domain = email.split("@", 1)
    keep = 2 if len(local) > 3 else 1
    return local[:keep] + "*" * max(len(local) - keep, 1) + "@" + domain


def mask_address(address: str) -> str:
    """Keep the road or dong, hide numbers: 서울 서대문구 연희로 123-4 → 서울 서대문구 연희로 ***."""
    parts = (address or "").split()
    out = []
    for part in parts:
        out.append("***" if re.search(r"\d", part) else part)
    return " ".join(out)


# ---------------------------------------------------------------- documents to be published
# Extra detectors for redacting documents before publication (정보공개법 제9조제1항제6호).

# 여권번호: M12345678 (old) or M123A4567 (2021 format).
PASSPORT_PATTERN = re.compile(r"(?<![A-Za-z0-9])([MSRGD]\d{8}|[MSRGD]\d{3}[A-Z]\d{4})(?![A-Za-z0-9])")
# 운전면허번호: 11-23-456789-01 (region 11–28, or a region name in older licences).
LICENCE_PATTERN = re.compile(r"(?<!\d)(1[1-9]|2[0-8])[-\s](\d{2})[-\s](\d{6})[-\s](\d{2})(?!\d)")
# An account number: 10 to 14 digits in 2 to 4 hyphenated groups (or plain), near a bank word.
ACCOUNT_PATTERN = re.compile(r"(?<![\d-])(\d{2,6}(?:-\d{2,7}){1,3}|\d{10,14})(?![\d-])")
BANK_WORDS = re.compile(r"은행|농협|신협|수협|우체국|새마을금고|계좌|예금주|입금|저축|카카오뱅크|케이뱅크|토스뱅크")
# A name right after a label: 성명: 홍길동, 신청인 김 민 수 (2 to 4 hangul syllables).
NAME_LABEL_PATTERN = re.compile(
    r"(?:성\s*명|신\s*청\s*인|청\s*구\s*인|민\s*원\s*인|대\s*표\s*자|보\s*호\s*자|예\s*금\s*주|작\s*성\s*자)"
    r"[ \t]*[:：)\]]?[ \t]*([가-힣](?: ?[가-힣]){1,3})(?![가-힣])"
)
_BANK_WINDOW = 20


def find_passports(text: str) -> list[Detection]:
    return [Detection("passport", m.group(1), m.start(1), m.end(1), 0.9, "여권번호 형식")
            for m in PASSPORT_PATTERN.finditer(text)]


def find_driver_licences(text: str) -> list[Detection]:
    return [Detection("driver_licence", m.group(0), m.start(), m.end(), 0.9, "운전면허번호 형식")
            for m in LICENCE_PATTERN.finditer(text)]


def find_accounts(text: str) -> list[Detection]:
    """Account numbers only where a bank word is within 20 characters (else too many false hits)."""
    found = []
    for m in ACCOUNT_PATTERN.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        if not 10 <= len(digits) <= 14:
            continue
        window = text[max(0, m.start() - _BANK_WINDOW):m.end() + _BANK_WINDOW]
        if BANK_WORDS.search(window):
            found.append(Detection("account", m.group(1), m.start(1), m.end(1), 0.85, "은행·계좌 표시 근처의 계좌번호 형식"))
    return found


def find_labelled_names(text: str) -> list[Detection]:
    return [Detection("name", m.group(1), m.start(1), m.end(1), 0.8, "성명·신청인 등의 표시 뒤 이름")
            for m in NAME_LABEL_PATTERN.finditer(text)]


def scan_document(text: str) -> list[Detection]:
    """`scan` plus passport, driver's licence, account numbers near bank words and labelled names.

    Longest first where detections overlap, as in `scan`.
    """
    found = sorted(
        scan(text) + find_passports(text) + find_driver_licences(text) + find_accounts(text)
        + find_labelled_names(text),
        key=lambda d: (d.start, -(d.end - d.start)),
    )
    kept: list[Detection] = []
    for d in found:
        if kept and d.start < kept[-1].end:
            continue
        kept.append(d)
    return kept
