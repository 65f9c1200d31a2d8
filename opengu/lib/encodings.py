"""Decode Korean public files: UTF-8 (with or without BOM) first, then CP949.

Files labelled EUC-KR are CP949 in practice (it adds the 8,822 hangul syllables EUC-KR lacks,
such as 똠 or 햏), so the strict `euc_kr` codec is never used: it would reject real files.
Detection reads the whole stream in chunks with incremental decoders, in constant memory,
because a file can be pure ASCII for a million rows and carry its first hangul in the last.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

UTF8_BOM = codecs.BOM_UTF8
CANDIDATES = ("utf-8", "cp949")
CHUNK = 1 << 16


@dataclass(frozen=True)
class Detected:
    encoding: str  # a Python codec name: "utf-8-sig", "utf-8" or "cp949"
    label: str  # shown to people: "UTF-8 (BOM)", "UTF-8", "CP949"


class UndecodableError(ValueError):
    """Neither UTF-8 nor CP949 decodes the bytes; `offset` is where UTF-8 first failed."""

    def __init__(self, offset: int) -> None:
        self.offset = offset
        super().__init__(
            f"파일을 UTF-8로도 CP949(EUC-KR)로도 읽을 수 없습니다({offset + 1}번째 바이트). "
            "엑셀에서 'CSV UTF-8'로 다시 저장해 주세요."
        )


def _decodes(stream: IO[bytes], encoding: str) -> tuple[bool, int]:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    offset = 0
    while True:
        chunk = stream.read(CHUNK)
        try:
            decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            return False, offset + exc.start
        if not chunk:
            return True, offset
        offset += len(chunk)


def detect_encoding(open_stream: Callable[[], IO[bytes]]) -> Detected:
    """Which codec decodes the whole stream, UTF-8 first. `open_stream` gives a fresh binary
    stream each call (the caller's file is read at most twice). Raises UndecodableError."""
    with open_stream() as stream:
        head = stream.read(len(UTF8_BOM))
        stream.seek(0)
        ok, utf8_offset = _decodes(stream, "utf-8")
    if ok:
        if head == UTF8_BOM:
            return Detected("utf-8-sig", "UTF-8 (BOM)")
        return Detected("utf-8", "UTF-8")
    with open_stream() as stream:
        ok, _ = _decodes(stream, "cp949")
    if ok:
        return Detected("cp949", "CP949")
    raise UndecodableError(utf8_offset)


def decode_bytes(data: bytes) -> tuple[str, Detected]:
    """Decode a small byte string with the same rule as `detect_encoding`."""
    if data.startswith(UTF8_BOM):
        try:
            return data.decode("utf-8-sig"), Detected("utf-8-sig", "UTF-8 (BOM)")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), Detected("utf-8", "UTF-8")
    except UnicodeDecodeError as exc:
        offset = exc.start
    try:
        return data.decode("cp949"), Detected("cp949", "CP949")
    except UnicodeDecodeError:
        raise UndecodableError(offset) from None
