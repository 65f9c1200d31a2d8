"""True redaction of PDFs: the text is removed from the file, not painted over.

`detect` finds personal data (lib.pii.scan_document) in each page's text and locates it on the
page; `apply` removes the given regions with PyMuPDF redaction annotations (`apply_redactions`
deletes the glyphs under them, and images and vector graphics that overlap), clears metadata,
and checks by extracting the text again that none of the removed strings survive.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pymupdf
from django.utils.translation import gettext as _

from opengu.lib import pii

Rect = tuple[float, float, float, float]


class RedactionError(Exception):
    """The PDF cannot be read, or removed text is still in the output."""


@dataclass
class Found:
    """Personal data found on one page: its kind, the text and where it is drawn."""

    page: int
    kind: str
    text: str
    reason: str
    rects: list[Rect] = field(default_factory=list)


@dataclass(frozen=True)
class Region:
    page: int
    rects: Sequence[Rect]
    text: str = ""


def _open(data: bytes) -> pymupdf.Document:
    try:
        document = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises its own types for broken files
        raise RedactionError(_("PDF 파일을 읽을 수 없습니다.")) from exc
    if document.needs_pass:
        raise RedactionError(_("암호가 걸린 PDF는 처리할 수 없습니다."))
    return document


def page_texts(data: bytes) -> list[str]:
    """The text of each page, as a reader of the file would extract it."""
    with _open(data) as document:
        return [page.get_text() for page in document]


def _squash(text: str) -> str:
    return "".join(text.split())


def detect(data: bytes) -> list[Found]:
    """Personal data on every page, each with the rectangles where its text is drawn."""
    found: list[Found] = []
    with _open(data) as document:
        for number, page in enumerate(document):
            text = page.get_text()
            for hit in pii.scan_document(text):
                value = hit.value.strip()
                rects = [tuple(r) for r in page.search_for(value)]
                if not rects and " " in value:  # "이 영 희" may be laid out without the spaces
                    rects = [tuple(r) for r in page.search_for(value.replace(" ", ""))]
                if rects:
                    found.append(Found(page=number, kind=hit.kind, text=value, reason=hit.reason,
                                       rects=[(r[0], r[1], r[2], r[3]) for r in rects]))
    return found


def locate(data: bytes, page: int, text: str) -> list[Rect]:
    """Where `text` is drawn on `page` (0-based); empty when it is not there."""
    with _open(data) as document:
        if not 0 <= page < document.page_count:
            return []
        return [(r.x0, r.y0, r.x1, r.y1) for r in document[page].search_for(text)]


def apply(data: bytes, regions: Iterable[Region]) -> bytes:
    """A copy of the PDF with every region's content removed; metadata cleared.

    Raises RedactionError when a removed text can still be extracted from the result.
    """
    regions = list(regions)
    with _open(data) as document:
        for region in regions:
            page = document[region.page]
            for rect in region.rects:
                page.add_redact_annot(pymupdf.Rect(*rect), fill=(0, 0, 0))
        for page in document:
            # Pixels of images under a region are blanked too (a scanned page carries its text as image).
            page.apply_redactions(images=2)  # pymupdf.PDF_REDACT_IMAGE_PIXELS, missing from its stubs
        document.set_metadata({})
        document.del_xml_metadata()
        output = document.tobytes(garbage=4, deflate=True, clean=True)
    leaks = still_present(output, [r.text for r in regions if r.text])
    if leaks:
        raise RedactionError(_("가린 내용이 파일에 남아 있습니다: %(names)s")
                             % {"names": ", ".join(pii.mask_name(t) for t in leaks)})
    return output


def still_present(data: bytes, texts: Iterable[str]) -> list[str]:
    """Which of `texts` can be extracted from the PDF (spacing ignored)."""
    whole = _squash("".join(page_texts(data)))
    return [t for t in texts if t and _squash(t) in whole]


def redact_automatically(data: bytes) -> tuple[bytes, list[Found]]:
    """Detect and remove every personal data hit: what the command line does."""
    found = detect(data)
    output = apply(data, [Region(page=f.page, rects=f.rects, text=f.text) for f in found])
    return output, found
