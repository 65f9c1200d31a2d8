"""The command line redaction: `opengu disclosure redact INPUT.pdf --output OUTPUT.pdf`."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from opengu.disclosure import redaction
from tests.disclosure.pdfs import KEPT, PERSONAL, make_pdf


def test_it_removes_the_personal_data_and_prints_what_it_removed(tmp_path):
    source = tmp_path / "in.pdf"
    source.write_bytes(make_pdf())
    target = tmp_path / "out.pdf"
    out = io.StringIO()
    call_command("disclosure", "redact", str(source), "--output", str(target), stdout=out)
    text = "".join(redaction.page_texts(target.read_bytes()))
    assert all(value not in text for value in PERSONAL) and all(line in text for line in KEPT)
    printed = out.getvalue()
    assert "900101-1******" in printed and "7곳을 지웠습니다" in printed
    assert "900101-1234568" not in printed


def test_it_refuses_to_overwrite_the_input(tmp_path):
    source = tmp_path / "in.pdf"
    source.write_bytes(make_pdf())
    with pytest.raises(CommandError):
        call_command("disclosure", "redact", str(source), "--output", str(source))
