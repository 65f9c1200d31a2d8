"""Korean text helpers: clean cell text and read the numbers and dates of Korean public files.

Each parser returns None when the text does not fit exactly, so the caller can keep the
original text: a code with leading zeros ("0164A", "01012345678") is never a number.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from opengu.lib.morphemes import analyser

_ENTITY = re.compile(r"&(#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,7});")
_SPACES = re.compile(r"[\s\u00a0\u3000]+")

# Thousands separators only in groups of three: "1,234,567" yes, "1,23" no (a list, not a number).
_INTEGER = re.compile(r"[+-]?(?:0|[1-9]\d{0,17}|[1-9]\d{0,2}(?:,\d{3}){1,5})")
_DECIMAL = re.compile(r"[+-]?(?:0|[1-9]\d*|[1-9]\d{0,2}(?:,\d{3})+)\.\d+")
BIGINT_MAX = 2**63 - 1

_DATE_PATTERNS = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(r"(?P<y>\d{4})\.\s?(?P<m>\d{1,2})\.\s?(?P<d>\d{1,2})\.?"),
    re.compile(r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})"),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
    re.compile(r"(?P<y>\d{4})년\s?(?P<m>\d{1,2})월\s?(?P<d>\d{1,2})일"),
)
_TIME = re.compile(r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.(?P<f>\d{1,6}))?)?")
_TRUE = {"true", "y", "yes", "예"}
_FALSE = {"false", "n", "no", "아니오"}


def clean_text(value: str) -> str:
    """Unescape HTML entities (&amp; &#39; &nbsp;), normalise to NFC, trim; inner spacing kept."""
    if "&" in value and _ENTITY.search(value):
        value = html.unescape(value)
    if not value.isascii():  # ASCII is already NFC: the common case costs no normalisation
        value = unicodedata.normalize("NFC", value.replace("\u00a0", " "))
    return value.strip()


def clean_label(value: str) -> str:
    """A header as people read it: cleaned text with runs of spaces and newlines as one space."""
    return _SPACES.sub(" ", clean_text(value)).strip()


def parse_integer(text: str) -> int | None:
    """"1,234" → 1234, "-5" → -5; None for "007", "1.0", "12a" or values beyond 64 bits."""
    if not _INTEGER.fullmatch(text):
        return None
    number = int(text.replace(",", ""))
    return number if -BIGINT_MAX <= number <= BIGINT_MAX else None


def parse_decimal(text: str) -> Decimal | None:
    """"1,234.50" → Decimal("1234.50"); integers fit too ("12" → 12). None for "01.5"."""
    if _DECIMAL.fullmatch(text):
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits only digits
            return None
    integer = parse_integer(text)
    return Decimal(integer) if integer is not None else None


def fits_decimal(text: str) -> bool:
    """parse_decimal(text) is not None, without building the Decimal."""
    return _DECIMAL.fullmatch(text) is not None or parse_integer(text) is not None


def _date_prefix(text: str) -> tuple[dt.date, str] | None:
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        try:
            day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            return None
        return day, text[match.end():]
    return None


def parse_date(text: str) -> dt.date | None:
    """2014-10-01, 2014.10.01, 2014. 10. 1., 2014/10/01, 20141001, 2014년 10월 1일."""
    found = _date_prefix(text)
    if found is None or found[1].strip():
        return None
    return found[0]


def parse_datetime(text: str) -> dt.datetime | None:
    """A date as above followed by a time (13:28, 9:05, 13:28:05), separated by space or T.
    A date alone is midnight: callers decide whether that is acceptable."""
    found = _date_prefix(text)
    if found is None:
        return None
    day, rest = found
    rest = rest.strip()
    if not rest:
        return dt.datetime(day.year, day.month, day.day)
    if rest[0] in "Tt":
        rest = rest[1:]
    match = _TIME.fullmatch(rest.strip())
    if match is None:
        return None
    try:
        moment = dt.time(int(match["H"]), int(match["M"]), int(match["S"] or 0),
                         int((match["f"] or "0").ljust(6, "0")))
    except ValueError:
        return None
    return dt.datetime.combine(day, moment)


def parse_boolean(text: str) -> bool | None:
    lowered = text.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    return None


def has_leading_zero(text: str) -> bool:
    """"0164", "01012345678": codes whose leading zero a number would drop."""
    return len(text) > 1 and text[0] == "0" and text[1].isdigit()


_CONTENT_TAGS = ("NNG", "NNP", "NR", "SL", "SN", "SH", "XR")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def search_terms(query: str, limit: int = 10) -> list[str]:
    """The content morphemes of a query, for substring matching: '주차장을 찾아요' → ['주차장'].

    Particles and endings go, so a query with them still matches; each term is then matched
    as a substring, which finds a word inside a compound ('주차' in '거주자우선주차장').
    Words without hangul are kept as they are; a word with no noun (찾아요) is dropped unless
    nothing else is left. Unlike `morphemes.search_terms` (for ranked indexes), verb stems are
    left out: a one-syllable stem as a substring would match almost anything.
    """
    terms: list[str] = []
    words = clean_label(query).split()[:limit]
    for word in words:
        if not _HANGUL.search(word) or len(word) < 2:
            terms.append(word)
            continue
        terms.extend(token.form for token in analyser().tokenize(word) if token.tag.startswith(_CONTENT_TAGS))
    if not terms:
        terms = words
    seen: set[str] = set()
    return [t for t in terms if not (t in seen or seen.add(t))][:limit]  # type: ignore[func-returns-value]


def has_final_consonant(word: str) -> bool:
    """Whether the last Hangul syllable of `word` has a 받침 (final consonant)."""
    for char in reversed(word.strip()):
        if "가" <= char <= "힣":
            return (ord(char) - 0xAC00) % 28 != 0
        if char.isalnum():
            return False
    return False


def with_eul(word: str) -> str:
    """`word` with the object particle 을/를: 성명을, 청구 제목을, 주소를."""
    return f"{word}{'을' if has_final_consonant(word) else '를'}"


def with_i(word: str) -> str:
    """`word` with the subject particle 이/가: 가구가, 대상이."""
    return f"{word}{'이' if has_final_consonant(word) else '가'}"


def with_eun(word: str) -> str:
    """`word` with the topic particle 은/는: 성명은, 주소는."""
    return f"{word}{'은' if has_final_consonant(word) else '는'}"


def with_ro(word: str) -> str:
    """`word` with the right form of the particle 으로/로: 공개로, 인용으로, 서울로 (ㄹ takes 로)."""
    last = next((c for c in reversed(word.strip()) if "가" <= c <= "힣"), "")
    if last and (ord(last) - 0xAC00) % 28 not in (0, 8):  # 8 is ㄹ
        return f"{word}으로"
    return f"{word}로"


def korean_date(day: object) -> str:
    """2026년 12월 3일 (no zero padding, as Korean official documents write dates)."""
    return f"{day.year}년 {day.month}월 {day.day}일"  # type: ignore[attr-defined]


def count_of(count: int, unit: str) -> str:
    """`count` of `unit`, readable when the unit is itself a quantity: 12장, 1MB; "30분" or "10컷" are
    counted in 회 with the total, so the numbers do not run together: 30분 2회(60분), not 230분."""
    lead = re.match(r"\d+", unit)
    if lead is None:
        return f"{count:,}{unit}"
    if count == 1:
        return unit
    size, rest = int(lead.group()), unit[lead.end():]
    return f"{unit} {count:,}회({count * size:,}{rest})"


def as_sentence(text: str) -> str:
    """`text` ending as a sentence (a full stop added unless it ends with . ! ? 。), so that free text written
    without one does not run into the next sentence of a notice."""
    text = text.strip()
    return text if not text or text[-1] in ".!?。" else f"{text}."
