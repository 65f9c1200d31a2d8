"""Background work on Redis (RQ) when REDIS_URL is set: the same task, really run by `opengu worker`."""

from __future__ import annotations

import pytest
import redis
from django.core.management import call_command
from django.db import transaction

from opengu.messaging.models import OutboxMessage
from opengu.messaging.services import email_send

REDIS = "redis://127.0.0.1:6379/9"


def redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


pytestmark = pytest.mark.skipif(not redis_answers(), reason="no Redis at 127.0.0.1:6379")


@pytest.mark.django_db(transaction=True)
def test_a_message_is_delivered_by_an_rq_worker(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": REDIS}}
    redis.Redis.from_url(REDIS).flushdb()  # database 9 is this test's own
    settings.REDIS_URL = REDIS
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with transaction.atomic():  # the delivery task is enqueued on commit
        message = email_send(to="rq@example.com", subject="대기열 시험", body="본문")
    assert OutboxMessage.objects.get(pk=message.pk).status == OutboxMessage.Status.QUEUED
    call_command("worker", "--batch", "--no-fork")  # the test database lives in this process
    assert OutboxMessage.objects.get(pk=message.pk).status == OutboxMessage.Status.SENT
