"""`opengu welfare import FILE [--dry-run] [--user NAME] [--department CODE]`: load a list of services.
`opengu welfare reindex`: rebuild every service's search terms (after an upgrade that changes
how text is indexed; edits and imports index as they go).

`import` reads a 복지로 list or an institution's list (CSV or xlsx), prints a preview and every
row error in Korean, and writes everything or nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opengu.core.models import Department, User
from opengu.welfare.importer import ImportFileError, parse_rows, read_table
from opengu.welfare.services import services_import, services_reindex


class Command(BaseCommand):
    help = "복지자원 가져오기: opengu welfare import FILE [--dry-run]"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import", help="CSV 또는 xlsx 목록을 가져옵니다.")
        load.add_argument("file")
        load.add_argument("--dry-run", action="store_true", help="저장하지 않고 미리 봅니다.")
        load.add_argument("--user", default="", help="이력에 남길 직원 아이디")
        load.add_argument("--department", default="", help="새 기관의 관리 부서 코드")
        sub.add_parser("reindex", help="모든 자원의 검색 색인을 다시 만듭니다.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "reindex":
            total = services_reindex(progress=lambda done, count: self.stdout.write(f"  {done:,}/{count:,}"))
            self.stdout.write(f"검색 색인을 다시 만들었습니다: 자원 {total:,}건")
            return
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"파일이 없습니다: {path}")
        actor = None
        if options["user"]:
            actor = User.objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"사용자가 없습니다: {options['user']}")
        department = None
        if options["department"]:
            department = Department.objects.filter(code=options["department"]).first()
            if department is None:
                raise CommandError(f"부서가 없습니다: {options['department']}")
        try:
            layout, rows = parse_rows(read_table(path))
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        report = services_import(actor=actor, rows=rows, dry_run=options["dry_run"], managing_department=department)
        label = "복지로 목록" if layout == "bokjiro" else "기관 제출 양식"
        self.stdout.write(f"{path.name}: {label}, {len(rows)}행")
        for line in report.preview:
            self.stdout.write(f"  {line}")
        if report.errors:
            for error in report.errors:
                self.stderr.write(f"  {error}")
            raise CommandError(f"오류 {len(report.errors)}건: 아무것도 저장하지 않았습니다.")
        verb = "저장하면" if report.dry_run else "저장했습니다:"
        self.stdout.write(f"{verb} 새 자원 {report.created}, 변경 {report.updated}, 그대로 {report.unchanged}")
        if report.dry_run:
            self.stdout.write("미리 보기만 했습니다(--dry-run). 저장하지 않았습니다.")
