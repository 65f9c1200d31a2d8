from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from opengu.core.accesslog import verify_chain


class Command(BaseCommand):
    help = "개인정보 접속기록 점검. `opengu audit verify`: 해시 연결을 검사하고, 변경·삭제가 있으면 0이 아닌 값으로 끝납니다."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["verify"], help="verify: 해시 연결 검사")

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if not report.ok:
            raise CommandError(f"접속기록 {report.first_bad_id}번에서 이상 발견: {report.problem} (앞의 {report.checked}건은 온전)")
        self.stdout.write(self.style.SUCCESS(f"접속기록 {report.checked}건의 해시 연결이 온전합니다."))
