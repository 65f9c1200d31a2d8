"""JSON status of long work, polled by the page that started it (portal/progress.js)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, JsonResponse

from opengu.core.progress import progress_for


@login_required
def progress_status(request: HttpRequest, key: str) -> JsonResponse:
    progress = progress_for(key=key, user=request.user)  # type: ignore[arg-type]
    if progress is None:
        raise Http404
    return JsonResponse({
        "key": progress.key, "label": progress.label, "status": progress.status,
        "status_label": progress.get_status_display(), "done": progress.done, "total": progress.total,
        "percent": progress.percent, "message": progress.message,
    })
