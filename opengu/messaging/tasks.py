"""Background delivery: thin wrappers around the services, run by `opengu worker`."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from opengu.messaging import services


@task()
def deliver_due() -> dict[str, int]:
    """Deliver what is due, read delivery reports, and book the next run for pending retries."""
    run = services.messaging_deliver_due()
    reported = services.messaging_poll_reports()
    upcoming = services.next_due_at()
    if upcoming is not None and upcoming > timezone.now():
        deliver_due.using(run_after=upcoming).enqueue()
    return {**vars(run), "reported": reported}
