"""`opengu disclosure redact INPUT.pdf --output OUTPUT.pdf`: remove detected personal data from a PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opengu.disclosure import redaction
from opengu.disclosure.services import _masked


class Command(BaseCommand):
    help = "정보공개 도구. redact: PDF에서 자동 탐지한 개인정보를 지운 사본을 만듭니다(텍스트 자체를 삭제)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        redact = sub.add_parser("redact", help="자동 탐지한 개인정보를 PDF에서 지웁니다.")
        redact.add_argument("input", type=Path)
        redact.add_argument("--output", type=Path, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["input"]
        target: Path = options["output"]
        if not source.is_file():
            raise CommandError(f"입력 파일이 없습니다: {source}")
        if target.resolve() == source.resolve():
            raise CommandError("원본을 덮어쓰지 않도록 다른 출력 파일을 지정해 주세요.")
        try:
            output, found = redaction.redact_automatically(source.read_bytes())
        except redaction.RedactionError as exc:
            raise CommandError(str(exc)) from None
        target.write_bytes(output)
        # Print what was removed masked: the terminal and its scroll-back are not a safe place either.
        for hit in found:
            self.stdout.write(f"{hit.page + 1}쪽\t{hit.kind}\t{_masked(hit.kind, hit.text)}\t정보공개법 제9조제1항제6호")
        self.stdout.write(f"{len(found)}곳을 지웠습니다: {target}")
