"""`opengu disclosure redact INPUT.pdf --output OUTPUT.pdf`: remove detected personal data from a PDF.
`opengu disclosure remind [--within N]`: e-mail staff about decisions falling due (see services)."""

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
        remind = sub.add_parser("remind", help="결정기한이 다가온 청구를 담당자에게 전자우편으로 알립니다.")
        remind.add_argument("--within", type=int, default=3, help="오늘부터 며칠 안에 기한이 오는 청구(기본 3일)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "remind":
            from opengu.disclosure.services import deadline_reminders_send

            if not 0 <= options["within"] <= 30:
                raise CommandError("--within 은 0부터 30까지입니다.")
            sent = deadline_reminders_send(within_days=options["within"])
            self.stdout.write(f"기한 알림 {sent}건(이미 보낸 알림은 다시 보내지 않습니다)")
            return
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
