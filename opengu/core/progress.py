"""Progress of long work: the task updates it, the page that started the work shows it."""

from __future__ import annotations

from django.db.models import F

from opengu.core.models import Progress, User


def progress_start(*, key: str, label: str, total: int | None = None, started_by: User | None = None) -> Progress:
    progress, _ = Progress.objects.update_or_create(
        key=key,
        defaults={"label": label, "total": total, "done": 0, "status": Progress.Status.WAITING,
                  "message": "", "started_by": started_by},
    )
    return progress


def progress_advance(*, key: str, done: int | None = None, step: int = 0, total: int | None = None, message: str = "") -> None:
    """Record how far the work got. Written outside the work's own transaction so pages see it."""
    changes: dict[str, object] = {"status": Progress.Status.RUNNING}
    if done is not None:
        changes["done"] = done
    elif step:
        changes["done"] = F("done") + step
    if total is not None:
        changes["total"] = total
    if message:
        changes["message"] = message
    Progress.objects.filter(key=key).update(**changes)


def progress_finish(*, key: str, ok: bool = True, message: str = "") -> None:
    Progress.objects.filter(key=key).update(
        status=Progress.Status.DONE if ok else Progress.Status.FAILED, message=message
    )


def progress_for(*, key: str, user: User) -> Progress | None:
    """The progress row if `user` may see it: whoever started it, or an administrator."""
    from opengu.core.permissions import is_administrator

    progress = Progress.objects.filter(key=key).first()
    if progress is None:
        return None
    if progress.started_by_id in (None, user.pk) or is_administrator(user):
        return progress
    return None
