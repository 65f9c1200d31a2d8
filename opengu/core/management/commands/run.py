from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


class Command(BaseCommand):
    help = (
        "opengu를 http://127.0.0.1:PORT 에서 서비스합니다 (gunicorn). "
        "--prepare 는 먼저 데이터베이스를 갱신하고 시연 자료를 (처음 한 번) 불러옵니다. 백그라운드 작업 처리기"
        "(opengu worker)도 함께 띄웁니다(--no-worker로 끔). Serve opengu."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default=os.environ.get("OPENGU_HOST", "127.0.0.1"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("OPENGU_WORKERS", "2")))
        parser.add_argument("--prepare", action="store_true", help="migrate와 demo를 먼저 실행합니다(make run).")
        parser.add_argument("--no-worker", action="store_true",
                            help="백그라운드 작업 처리기를 띄우지 않습니다(처리기를 따로 운영할 때).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["prepare"]:
            executor = MigrationExecutor(connection)
            if executor.migration_plan(executor.loader.graph.leaf_nodes()):
                self.stdout.write("데이터베이스를 갱신합니다…")
                call_command("migrate", interactive=False, verbosity=0)
            call_command("demo", stdout=self.stdout)
        bind = f"{options['host']}:{options['port']}"
        self.stdout.write(f"opengu: http://{bind}/  (Ctrl+C로 멈춤)")
        sys.stdout.flush()
        connection.close()
        argv = [
            "gunicorn", "opengu.wsgi:application", "--bind", bind, "--workers", str(options["workers"]),
            "--threads", "4", "--access-logfile", "-", "--log-level", "warning", "--preload",
        ]
        os.environ.setdefault("OPENGU_DATA_DIR", str(settings.DATA_DIR))
        if not options["no_worker"]:
            # Uploads load, mail and SMS go out, reminders run: without a worker they would wait
            # forever. It lives as long as the server: it gets SIGTERM when this process (which
            # becomes gunicorn's master) ends, and Ctrl+C reaches both. Quiet: a line per task
            # would push the demo logins off the screen.
            self.stdout.write("백그라운드 작업 처리기(opengu worker)도 함께 띄웁니다.")
            sys.stdout.flush()
            subprocess.Popen([sys.executable, "-m", "opengu", "worker", "--quiet"], preexec_fn=_end_with_parent)
        os.execvp(sys.executable, [sys.executable, "-m", *argv])


def _end_with_parent() -> None:
    """In the worker before it starts: ask Linux for SIGTERM when its parent ends."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
