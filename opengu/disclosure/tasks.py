"""Background work for disclosure requests, run by `opengu worker`: thin wrappers around services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from opengu.disclosure import services

REMINDER_HOUR = 8  # local time: before the office opens, so the day's work starts with it


@task()
def send_deadline_reminders(within_days: int = 3) -> int:
    """Remind staff of due dates in the next days, then book tomorrow's run (re-runs are harmless:
    every reminder has an idempotency key)."""
    sent = services.deadline_reminders_send(within_days=within_days)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    run_after = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(REMINDER_HOUR)))
    # A backend that cannot defer (the immediate one) would run tomorrow's call now, for ever.
    if send_deadline_reminders.get_backend().supports_defer:
        send_deadline_reminders.using(run_after=run_after).enqueue(within_days=within_days)
    return sent
