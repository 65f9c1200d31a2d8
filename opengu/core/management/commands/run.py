from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "opengu를 http://127.0.0.1:PORT 에서 서비스합니다 (gunicorn). Serve opengu with gunicorn."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default=os.environ.get("OPENGU_HOST", "127.0.0.1"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("OPENGU_WORKERS", "2")))

    def handle(self, *args: Any, **options: Any) -> None:
        bind = f"{options['host']}:{options['port']}"
        self.stdout.write(f"opengu: http://{bind}/  (Ctrl+C로 멈춤)")
        sys.stdout.flush()
        argv = [
            "gunicorn", "opengu.wsgi:application", "--bind", bind, "--workers", str(options["workers"]),
            "--threads", "4", "--access-logfile", "-", "--log-level", "warning",
        ]
        os.environ.setdefault("OPENGU_DATA_DIR", str(settings.DATA_DIR))
        os.execvp(sys.executable, [sys.executable, "-m", *argv])
