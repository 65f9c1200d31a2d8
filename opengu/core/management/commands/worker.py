from __future__ import annotations

import logging
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


# The loggers that report every task started and finished (django-tasks, its database worker, RQ).
TASK_LOGGERS = ("django.tasks", "django_tasks", "django_tasks_db", "rq.worker")


def _warnings_only(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.WARNING


def quiet_task_logs() -> None:
    """Keep warnings and failures of tasks, drop the line per task started and finished. A filter
    on the logger, not its level: the workers set their loggers' levels themselves when they start."""
    for name in TASK_LOGGERS:
        logger = logging.getLogger(name)
        if _warnings_only not in logger.filters:
            logger.addFilter(_warnings_only)


class Command(BaseCommand):
    help = "백그라운드 작업을 처리합니다 (REDIS_URL이 있으면 Redis, 없으면 데이터베이스 대기열). Run background tasks."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", action="store_true", help="대기 중인 작업만 처리하고 끝냅니다.")
        parser.add_argument("--no-fork", action="store_true",
                            help="Redis 작업을 별도 프로세스 없이 이 프로세스에서 실행합니다(시험·점검용).")
        parser.add_argument("--quiet", action="store_true",
                            help="작업마다 남기는 시작·끝 기록을 빼고 경고와 실패만 보입니다(opengu run).")

    def handle(self, *args: Any, **options: Any) -> None:
        name = f"{socket.gethostname()}:{time.time():.0f}"
        stop = threading.Event()
        if options["quiet"]:
            quiet_task_logs()
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
