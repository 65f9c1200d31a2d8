"""When the office calendar changes, every open request's dates are recomputed (after commit)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from opengu.core.models import OfficeDay


@receiver(post_save, sender=OfficeDay, dispatch_uid="disclosure-officeday-save")
@receiver(post_delete, sender=OfficeDay, dispatch_uid="disclosure-officeday-delete")
def office_day_changed(sender: Any, **kwargs: Any) -> None:
    from opengu.disclosure.services import deadlines_recompute_open

    transaction.on_commit(deadlines_recompute_open)
