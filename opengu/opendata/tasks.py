"""Background loads: the upload page queues one, `opengu worker` runs it; thin over services."""

from __future__ import annotations

from django_tasks import task

from opengu.opendata import ingest, services
from opengu.opendata.models import ResourceVersion


@task()
def version_fill(version_id: int) -> dict[str, object]:
    """Fill a prepared version. A failure is recorded on the version, not raised again."""
    version = ResourceVersion.objects.select_related("resource", "created_by").get(pk=version_id)
    try:
        version = services.resource_version_fill(version=version)
    except ingest.IngestError as exc:
        return {"version": version_id, "ok": False, "error": str(exc)}
    return {"version": version_id, "ok": True, "rows": version.row_count}
