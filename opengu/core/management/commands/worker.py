from __future__ import annotations

import socket
import threading
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from opengu.core.models import WorkerHeartbeat


def _beat(name: str, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            close_old_connections()
            WorkerHeartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})
        except Exception:  # the database may be briefly away; the next beat retries
            pass
        stop.wait(30)


class Command(BaseCommand):
    help = "백그라운드 작업을 처리합니다 (REDIS_URL이 있으면 Redis, 없으면 데이터베이스 대기열). Run background tasks."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", action="store_true", help="대기 중인 작업만 처리하고 끝냅니다.")
        parser.add_argument("--no-fork", action="store_true",
                            help="Redis 작업을 별도 프로세스 없이 이 프로세스에서 실행합니다(시험·점검용).")

    def handle(self, *args: Any, **options: Any) -> None:
        name = f"{socket.gethostname()}:{time.time():.0f}"
        stop = threading.Event()
        threading.Thread(target=_beat, args=(name, stop), daemon=True).start()
        try:
            if settings.REDIS_URL:
                # The tasks backend wraps RQ's Job; scheduled runs (run_after) need the scheduler.
                call_command("rqworker", "default", "--job-class", "django_tasks_rq.Job", "--with-scheduler",
                             *(["--burst"] if options["batch"] else []),
                             *(["--worker-class", "rq.worker.SimpleWorker"] if options["no_fork"] else []))
            else:
                call_command("db_worker", *(["--batch"] if options["batch"] else []), "--interval", "1")
        finally:
            stop.set()
