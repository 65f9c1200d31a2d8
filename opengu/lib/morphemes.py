"""Korean search terms from morphological analysis (kiwipiepy).

Whitespace tokens do not work for Korean: "장애인일자리지원" is one token but three words, and
"사시는" must meet "살다". `search_terms` returns the content morphemes (nouns, roots of
verbs and adjectives, foreign words and numbers) in order, lower-cased, so an index and a query
built with it meet on the same forms. The analyser loads once per process (about a second).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

# Nouns (common, proper, bound used as nouns), roots, verb/adjective stems, foreign words, numbers.
CONTENT_TAGS = frozenset({"NNG", "NNP", "NR", "XR", "VV", "VA", "SL", "SN", "SH", "NP"})
NOUN_TAGS = frozenset({"NNG", "NNP"})
# Morphemes so common in welfare text that they carry no meaning for ranking.
STOP_TERMS = frozenset({"하", "되", "있", "없", "및", "등", "위하", "통하", "대하", "따르", "수", "것"})
_NON_TEXT = re.compile(r"[^\w\s·]")
# A one-syllable prefix or suffix that the analyser keeps inside a noun it knows whole: 밑반찬,
# 집수리; 병원비, 복지관, 장학금, 상품권, 요양원, 놀이터. The rest of such a noun is what people
# type ("반찬", "수리", "병원"), so the index holds it too (`compound_parts`).
NOUN_PREFIXES = frozenset("밑집새첫헌맨")
NOUN_SUFFIXES = frozenset("비관금권원소료품점터실")


@functools.lru_cache(maxsize=1)
def analyser() -> Any:
    """The shared Kiwi instance (loaded on first use)."""
    from kiwipiepy import Kiwi

    return Kiwi()


def normalise(text: str) -> str:
    """NFC, symbols to spaces, runs of spaces to one: the text the analyser sees."""
    text = unicodedata.normalize("NFC", text)
    return " ".join(_NON_TEXT.sub(" ", text).split())


def search_terms(text: str) -> list[str]:
    """Content morphemes of `text` in order (duplicates kept), lower-cased.

    Verb and adjective stems come back as the stem ("사시는" → "살"), so a query and an
    indexed text meet whatever the ending.
    """
    return index_terms(text)[0]


def index_terms(text: str) -> tuple[list[str], list[str]]:
    """`search_terms(text)`, and the nouns written together that the analyser split ("가까운
    집수리 지원" → 집, 수리 and, joined, "집수리"): the analyser splits a compound in one sentence
    and keeps it whole in another, so an index holds both forms and a query typed either way meets it."""
    cleaned = normalise(text)
    if not cleaned:
        return [], []
    terms: list[str] = []
    joined: list[str] = []
    tokens = analyser().tokenize(cleaned)
    for index, token in enumerate(tokens):
        tag = token.tag.split("-")[0]
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        if (after is not None and tag in NOUN_TAGS and after.tag.split("-")[0] in NOUN_TAGS
                and token.start + token.len == after.start):
            joined.append((token.form + after.form).lower())
        if tag not in CONTENT_TAGS:
            continue
        form = token.form.lower()
        following = after.form if after is not None else ""
        if tag in {"VV", "VA"} and following in {"ᆷ", "음", "ㅁ"}:
            # "돌봄" is analysed as 돌보 + ᆷ in some sentences and as a noun in others.
            form = _with_final_m(form)
        if form in STOP_TERMS or not form.strip():
            continue
        terms.append(form)
    return terms, joined


@functools.lru_cache(maxsize=20_000)
def compound_parts(term: str) -> tuple[str, ...]:
    """The noun inside a noun the analyser keeps whole, for the index: "밑반찬" → ("반찬",),
    "병원비" → ("병원",); () when the term is shorter than three syllables, has no such prefix or
    suffix, or the rest is not a noun on its own ("도시락" keeps no "도시": 락 is no suffix)."""
    if len(term) < 3 or not all("가" <= c <= "힣" for c in term):
        return ()
    candidates = ([term[1:]] if term[0] in NOUN_PREFIXES else []) + ([term[:-1]] if term[-1] in NOUN_SUFFIXES else [])
    return tuple(part for part in candidates if _is_noun(part) and part not in STOP_TERMS)


def _is_noun(text: str) -> bool:
    tokens = analyser().tokenize(text)
    return len(tokens) == 1 and tokens[0].tag in NOUN_TAGS and tokens[0].form == text


def _with_final_m(stem: str) -> str:
    """돌보 → 돌봄: the nominal form a stem takes with the ending -ㅁ."""
    last = stem[-1]
    code = ord(last) - 0xAC00
    if 0 <= code < 11172 and code % 28 == 0:
        return stem[:-1] + chr(ord(last) + 16)  # 16 = final ㅁ
    return stem


def compact(text: str) -> str:
    """Text without spaces or symbols, for matching phrases however they are spaced."""
    return normalise(text).replace(" ", "").lower()
