"""`opengu worker --quiet` (how `opengu run` starts it) drops the line per task started and
finished, which would bury the demo logins, and keeps what someone must see: a task that failed."""

from __future__ import annotations

import logging

import pytest
from django.core.management import call_command
from django.db import transaction

from opengu.core.management.commands.worker import TASK_LOGGERS
from opengu.messaging.models import OutboxMessage
from opengu.messaging.services import email_send


@pytest.fixture
def task_loggers():
    """The filters `--quiet` adds live on process-wide loggers: take them off after the test."""
    yield
    for name in TASK_LOGGERS:
        logging.getLogger(name).filters.clear()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("quiet", [False, True])
def test_a_quiet_worker_still_delivers_but_logs_no_task_lines(settings, caplog, task_loggers, quiet):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.REDIS_URL = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with transaction.atomic():  # the delivery task is enqueued on commit
        message = email_send(to="quiet@example.com", subject="조용한 처리기", body="본문")
    with caplog.at_level(logging.INFO):
        call_command("worker", "--batch", *(["--quiet"] if quiet else []))
    assert OutboxMessage.objects.get(pk=message.pk).status == OutboxMessage.Status.SENT
    task_lines = [r for r in caplog.records if r.name in TASK_LOGGERS and "Task id=" in r.getMessage()]
    assert bool(task_lines) is not quiet


def test_quiet_keeps_warnings_and_failures(caplog, task_loggers):
    from opengu.core.management.commands.worker import quiet_task_logs

    quiet_task_logs()
    quiet_task_logs()  # twice adds one filter, not two
    logger = logging.getLogger("django.tasks")
    assert len(logger.filters) == 1
    with caplog.at_level(logging.INFO):
        logger.info("Task id=1 state=SUCCESSFUL")
        logger.error("Task id=2 state=FAILED")
    assert [r.getMessage() for r in caplog.records] == ["Task id=2 state=FAILED"]
