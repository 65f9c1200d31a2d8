"""`opengu opendata load FILE --dataset SLUG [--title ...]`: the upload page's pipeline from a terminal.
`opengu opendata cleanup [--hours 6]`: fail versions a killed worker left loading.

Creates the dataset if missing (unpublished), adds a new version of its datastore resource,
shows progress, and exits non-zero with the Korean reason when the file cannot be loaded.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError, CommandParser

from opengu.core.models import Department
from opengu.opendata import ingest, services
from opengu.opendata.models import Category, Dataset


class Command(BaseCommand):
    help = "열린데이터: 파일을 데이터셋의 새 판으로 적재합니다."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        load = sub.add_parser("load", help="CSV, TSV, XLSX, JSON 파일 적재")
        load.add_argument("file")
        load.add_argument("--dataset", required=True, help="데이터셋 주소 이름(slug)")
        load.add_argument("--title", default="", help="새 데이터셋의 제목(없으면 파일 이름)")
        load.add_argument("--department", default="", help="새 데이터셋의 제공 부서 코드")
        load.add_argument("--category", default="", help="새 데이터셋의 분류 주소 이름")
        load.add_argument("--resource", default="", help="자원 이름")
        cleanup = sub.add_parser("cleanup", help="끝나지 않은 적재(작업자 중단)를 실패로 정리")
        cleanup.add_argument("--hours", type=float, default=6.0, help="이만큼 지난 적재 중 판을 정리(기본 6시간)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "cleanup":
            abandoned = services.resource_versions_abandon_stale(older_than=dt.timedelta(hours=options["hours"]))
            self.stdout.write(f"정리한 판: {len(abandoned)}개")
            return
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"파일이 없습니다: {path}")
        dataset = Dataset.objects.filter(slug=options["dataset"]).first()
        if dataset is None:
            dataset = self._create(options, path)
        interactive = sys.stdout.isatty()

        def progress(done: int, total: int | None, message: str) -> None:
            text = f"{message}: {done:,}" + (f" / {total:,}행" if total else "행")
            if interactive:
                self.stdout.write("\r" + text, ending="")
                self.stdout.flush()
            elif message != "적재 중" or done == total:
                self.stdout.write(text)

        try:
            with path.open("rb") as handle:
                version = services.resource_version_load(
                    actor=None, dataset=dataset, file=File(handle, name=path.name), source_name=path.name,
                    resource_name=options["resource"], on_progress=progress,
                )
        except ingest.IngestError as exc:
            if interactive:
                self.stdout.write("")
            raise CommandError(f"적재하지 못했습니다: {exc}") from exc
        if interactive:
            self.stdout.write("")
        quality = version.quality
        self.stdout.write(self.style.SUCCESS(
            f"{dataset.slug}: {version.resource.name} {version.number}판, {version.row_count:,}행, "
            f"열 {len(version.columns)}개, 인코딩 {version.encoding or '-'}, 품질 {quality.get('grade', '-')}"))
        for issue in quality.get("issues", []):
            self.stdout.write(f"  - {issue['message']}")
        for column in version.columns:
            if column.get("reason"):
                self.stdout.write(f"  - {column['id']}: {column['reason']}")

    def _create(self, options: dict[str, Any], path: Path) -> Dataset:
        department = (Department.objects.filter(code=options["department"]).first() if options["department"]
                      else Department.objects.order_by("order", "id").first())
        if department is None:
            raise CommandError("제공 부서가 없습니다. --department 코드를 확인하거나 먼저 'opengu demo'로 기본 자료를 넣어 주세요.")
        category = (Category.objects.filter(slug=options["category"]).first() if options["category"]
                    else Category.objects.order_by("kind", "order").first())
        if category is None:
            raise CommandError(f"분류가 없습니다: {options['category'] or '(기본)'}")
        try:
            dataset = services.dataset_create(actor=None, title=options["title"] or path.stem, slug=options["dataset"],
                                              department=department, category=category)
        except ValidationError as exc:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc
        self.stdout.write(f"새 데이터셋을 만들었습니다(비공개): {dataset.slug}")
        return dataset
