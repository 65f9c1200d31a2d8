"""Writes of the open-data catalogue: every one keyword-only, atomic where it can be, audited.

`resource_version_load` is the one pipeline behind the upload page and `opengu opendata load`:
store the file, profile it, fill a new table, then switch the resource to it in a single
transaction. Until that switch the previous version stays live; on any failure the new
table is dropped and the version marked failed with the Korean reason.
"""

from __future__ import annotations

import datetime as dt
import enum
import secrets
from collections.abc import Callable
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify

from opengu.core.audit import audit_event_record
from opengu.core.counters import counter_transaction
from opengu.core.models import Department, User
from opengu.core.progress import progress_advance, progress_finish, progress_start
from opengu.opendata import datastore, geo, ingest, permissions
from opengu.opendata.models import (
    ApiKey,
    ApiUsage,
    Category,
    Dataset,
    Licence,
    Resource,
    ResourceVersion,
    UpdateCycle,
)

CYCLE_DAYS = {
    UpdateCycle.DAILY: 1, UpdateCycle.WEEKLY: 7, UpdateCycle.MONTHLY: 31, UpdateCycle.QUARTERLY: 92,
    UpdateCycle.HALF_YEARLY: 183, UpdateCycle.YEARLY: 366,
}
RESERVED_SLUGS = {"staff", "api-keys", "requests", "national-portal"}  # pages under /data/, not datasets
EDITABLE = ("title", "description", "category", "keywords", "licence", "update_cycle", "next_due",
            "temporal_from", "temporal_to", "spatial", "contact", "national_portal_id")


def next_due_after(cycle: str, day: dt.date) -> dt.date | None:
    """When a dataset updated on `day` is next due; None for 수시 (as needed)."""
    days = CYCLE_DAYS.get(UpdateCycle(cycle)) if cycle in UpdateCycle.values else None
    return day + dt.timedelta(days=days) if days else None


def _keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.replace("，", ",").split(",")
    return [word.strip() for word in (value or []) if word and word.strip()][:30]


def _validate(dataset: Dataset) -> None:
    errors: dict[str, str] = {}
    if not dataset.title.strip():
        errors["title"] = "제목을 입력해 주세요."
    if not dataset.slug:
        errors["slug"] = "주소 이름을 만들 수 없습니다. 영문이나 한글로 된 주소 이름을 입력해 주세요."
    elif dataset.slug in RESERVED_SLUGS:
        errors["slug"] = f"주소 이름 '{dataset.slug}'은(는) 쓸 수 없습니다."
    elif Dataset.objects.filter(slug=dataset.slug).exclude(pk=dataset.pk).exists():
        errors["slug"] = f"주소 이름 '{dataset.slug}'은(는) 이미 쓰이고 있습니다."
    if dataset.licence not in Licence.values:
        errors["licence"] = "이용허락 유형을 목록에서 골라 주세요."
    if dataset.update_cycle not in UpdateCycle.values:
        errors["update_cycle"] = "갱신 주기를 목록에서 골라 주세요."
    if dataset.temporal_from and dataset.temporal_to and dataset.temporal_from > dataset.temporal_to:
        errors["temporal_to"] = "자료 기간의 끝이 시작보다 빠릅니다."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def dataset_create(*, actor: User | None, title: str, department: Department, category: Category,
                   slug: str = "", description: str = "", **fields: Any) -> Dataset:
    """Create an unpublished dataset. `actor` None is the system (demo, command run by an operator)."""
    dataset = Dataset(title=title.strip(), slug=slugify(slug or title, allow_unicode=True)[:100],
                      description=description, department=department, category=category)
    if actor is not None and not permissions.can_create_dataset(actor):
        raise PermissionDenied
    if actor is not None and not permissions.can_change_dataset(actor, dataset):
        raise PermissionDenied
    for name, value in fields.items():
        if name not in EDITABLE:
            raise TypeError(f"unknown dataset field {name}")
        setattr(dataset, name, _keywords(value) if name == "keywords" else value)
    if dataset.next_due is None:
        dataset.next_due = next_due_after(dataset.update_cycle, timezone.localdate())
    _validate(dataset)
    dataset.save()
    audit_event_record(actor=actor, action="opendata.dataset.create", target=dataset, summary=dataset.title)
    return dataset


@transaction.atomic
def dataset_update(*, actor: User, dataset: Dataset, **fields: Any) -> Dataset:
    if not permissions.can_change_dataset(actor, dataset):
        raise PermissionDenied
    changed = {}
    for name, value in fields.items():
        if name not in EDITABLE:
            raise TypeError(f"unknown dataset field {name}")
        value = _keywords(value) if name == "keywords" else value
        if getattr(dataset, name) != value:
            changed[name] = str(value)
            setattr(dataset, name, value)
    _validate(dataset)
    if changed:
        dataset.save()
        audit_event_record(actor=actor, action="opendata.dataset.update", target=dataset,
                           summary=", ".join(changed), changed=changed)
    return dataset


@transaction.atomic
def dataset_publish(*, actor: User | None, dataset: Dataset) -> Dataset:
    """Publish; refused while a live version has personal-data flags without a recorded decision.
    `actor` None is the system (demo data)."""
    if actor is not None and not permissions.can_publish_dataset(actor, dataset):
        raise PermissionDenied
    pending = [r.name for r in dataset.resources.select_related("live_version")
               if r.live_version is not None and r.live_version.needs_personal_data_decision]
    if pending:
        raise ValidationError({"published": "개인정보로 보이는 열이 있는 자원이 있습니다: "
                               f"{', '.join(pending)}. 검토 결정을 먼저 기록해 주세요."})
    if not dataset.published:
        dataset.published = True
        dataset.published_at = timezone.now()
        dataset.save(update_fields=["published", "published_at", "updated_at"])
        audit_event_record(actor=actor, action="opendata.dataset.publish", target=dataset, summary=dataset.title)
    return dataset


@transaction.atomic
def dataset_unpublish(*, actor: User, dataset: Dataset) -> Dataset:
    if not permissions.can_publish_dataset(actor, dataset):
        raise PermissionDenied
    if dataset.published:
        dataset.published = False
        dataset.save(update_fields=["published", "updated_at"])
        audit_event_record(actor=actor, action="opendata.dataset.unpublish", target=dataset, summary=dataset.title)
    return dataset


@transaction.atomic
def resource_version_personal_data_decide(*, actor: User | None, version: ResourceVersion,
                                          decision: str) -> ResourceVersion:
    """Record why flagged columns may be published (e.g. 사업장 대표전화로 개인정보 아님)."""
    if actor is not None and not permissions.can_decide_personal_data(actor, version.resource.dataset):
        raise PermissionDenied
    if len(decision.strip()) < 5:
        raise ValidationError({"decision": "검토 결정 내용을 5자 이상 적어 주세요."})
    version.personal_data_decision = decision.strip()
    version.personal_data_decided_by = actor
    if version.quality:
        version.quality = ingest.regrade_after_decision(version.quality, version.row_count)
    version.save(update_fields=["personal_data_decision", "personal_data_decided_by", "quality"])
    audit_event_record(actor=actor, action="opendata.version.personal_data_decide", target=version,
                       summary=decision.strip()[:200], columns=[p["column"] for p in version.personal_data])
    return version


ProgressCallback = Callable[[int, int | None, str], None]


def _new_version(*, actor: User | None, dataset: Dataset, resource: Resource | None, resource_name: str,
                 source_name: str) -> ResourceVersion:
    with transaction.atomic():
        if resource is None:
            resource = dataset.resources.filter(kind=Resource.Kind.DATASTORE).order_by("order", "id").first()
        if resource is None:
            resource = Resource.objects.create(dataset=dataset, name=resource_name or dataset.title,
                                               kind=Resource.Kind.DATASTORE)
        # Lock the resource so two loads of it number their versions one after the other.
        Resource.objects.select_for_update().filter(pk=resource.pk).first()
        number = (resource.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = ResourceVersion.objects.create(resource=resource, number=number, source_name=source_name,
                                                 created_by=actor)
        progress_start(key=version.progress_key, label=f"{resource.name} v{number}", started_by=actor)
    return version


def resource_version_prepare(
    *, actor: User | None, dataset: Dataset, file: IO[bytes] | File, source_name: str,
    resource: Resource | None = None, resource_name: str = "",
) -> ResourceVersion:
    """Store the file and create the waiting version (and its progress row); nothing goes live.

    The upload page calls this, then queues `resource_version_fill` for a worker.
    """
    if actor is not None and not permissions.can_change_dataset(actor, dataset):
        raise PermissionDenied
    ingest.source_format(source_name)  # refuse HWP or PDF before storing anything
    version = _new_version(actor=actor, dataset=dataset, resource=resource, resource_name=resource_name,
                           source_name=source_name)
    try:
        stored = default_storage.save(f"opendata/{dataset.pk}/{version.pk}/{source_name.rsplit('/', 1)[-1]}",
                                      file if isinstance(file, File) else File(file))
    except Exception as exc:
        _fail(actor, version, f"파일을 저장하지 못했습니다: {exc}")
        raise ingest.IngestError(f"파일을 저장하지 못했습니다: {exc}") from exc
    version.stored_file = stored
    version.save(update_fields=["stored_file"])
    return version


def _fail(actor: User | None, version: ResourceVersion, message: str) -> None:
    ResourceVersion.objects.filter(pk=version.pk).update(status=ResourceVersion.Status.FAILED, error=message)
    progress_finish(key=version.progress_key, ok=False, message=message)
    audit_event_record(actor=actor, action="opendata.version.fail", target=version, summary=message[:300])


def resource_version_fill(*, version: ResourceVersion, on_progress: ProgressCallback | None = None) -> ResourceVersion:
    """Profile the stored file, fill the version's table and switch the resource to it.

    Returns the version, live. Raises ingest.IngestError (Korean message) after marking the
    version failed; the previously live version, if any, is untouched and still live.
    """
    actor = version.created_by
    if version.status != ResourceVersion.Status.LOADING:
        raise ingest.IngestError(f"{version.number}판은 이미 처리되었습니다({version.get_status_display()}).")
    table = datastore.table_name_for(version.pk)
    stored = version.stored_file
    created = False
    staging: datastore.Staging | None = None
    try:
        def open_stream() -> IO[bytes]:
            return default_storage.open(stored, "rb")

        progress_advance(key=version.progress_key, done=0, message="파일을 살펴보는 중")
        if on_progress:
            on_progress(0, None, "파일을 살펴보는 중")
        if connection.vendor == "postgresql":
            # One pass: the profile's cleaned rows go straight into a TEMP table by COPY.
            def on_staged(done: int) -> None:
                progress_advance(key=version.progress_key, done=done, message="읽어 들이는 중")
                if on_progress:
                    on_progress(done, None, "읽어 들이는 중")

            staging = datastore.Staging(datastore.staging_name_for(version.pk), on_batch=on_staged)
        prof = ingest.profile(open_stream, version.source_name, sink=staging)
        if staging is not None:
            staging.flush()
        columns = [column.as_dict() for column in prof.columns]

        def on_batch(done: int) -> None:
            progress_advance(key=version.progress_key, done=done, total=prof.row_count, message="적재 중")
            if on_progress:
                on_progress(done, prof.row_count, "적재 중")

        datastore.create_table(table, columns)
        created = True
        loaded = -1
        if staging is not None:
            on_batch(0)
            try:
                loaded = datastore.fill_from_staging(table, columns, staging.table)
            except datastore.StagingMismatch:
                loaded = -1  # typed in Python below, as on SQLite
            staging.drop()
            staging = None
            if loaded >= 0:
                on_batch(loaded)
        if loaded < 0:
            loaded = datastore.insert_rows(table, columns, ingest.typed_rows(open_stream, prof), on_batch=on_batch)
        if loaded != prof.row_count:
            raise ingest.IngestError(f"행 수가 맞지 않습니다(살펴본 {prof.row_count:,}행, 적재 {loaded:,}행). "
                                     "파일이 적재 중에 바뀌었습니다.")
        datastore.index_sortable(table, columns)
        columns, located = geo.locate(table, columns, system=version.resource.coordinate_system)
        _swap(actor=actor, version=version, table=table, prof=prof, columns=columns, coordinates=located)
    except BaseException as exc:
        # Ctrl-C or a worker shutdown lands here too: clean up, record it, let it go on. A hard
        # kill runs nothing, and still leaves the previous version live: only _swap moves it.
        if created:
            datastore.drop_table(table)
        if staging is not None:
            datastore.drop_staging(staging.table)
        if isinstance(exc, ingest.IngestError):
            message = str(exc)
        elif isinstance(exc, Exception):
            message = f"적재하지 못했습니다: {exc}"
        else:
            message = "적재가 중단되었습니다. 이전 판은 그대로 게시 중입니다."
        _fail(actor, version, message)
        version.refresh_from_db()
        if isinstance(exc, ingest.IngestError) or not isinstance(exc, Exception):
            raise
        raise ingest.IngestError(message) from exc
    version = ResourceVersion.objects.select_related("resource", "resource__dataset").get(pk=version.pk)
    resource_versions_prune(resource=version.resource)  # the new version is live: old tables may go
    if on_progress:
        on_progress(version.row_count, version.row_count, "완료")
    return version


def resource_version_load(
    *, actor: User | None, dataset: Dataset, file: IO[bytes] | File, source_name: str,
    resource: Resource | None = None, resource_name: str = "", on_progress: ProgressCallback | None = None,
) -> ResourceVersion:
    """Prepare and fill in one go: the terminal command and the demo use this."""
    version = resource_version_prepare(actor=actor, dataset=dataset, file=file, source_name=source_name,
                                       resource=resource, resource_name=resource_name)
    return resource_version_fill(version=version, on_progress=on_progress)


@transaction.atomic
def _swap(*, actor: User | None, version: ResourceVersion, table: str, prof: ingest.Profile,
          columns: list[dict[str, Any]], coordinates: dict[str, Any] | None = None) -> None:
    resource = Resource.objects.select_for_update().get(pk=version.resource_id)
    previous = resource.live_version
    if previous is not None:
        ResourceVersion.objects.filter(pk=previous.pk).update(status=ResourceVersion.Status.SUPERSEDED)
    version.status = ResourceVersion.Status.LIVE
    version.table_name = table
    version.row_count = prof.row_count
    version.columns = columns
    version.quality = prof.quality()
    version.personal_data = prof.personal_data
    version.coordinates = coordinates or {}
    version.encoding = prof.encoding
    version.loaded_at = timezone.now()
    version.save()
    resource.live_version = version
    resource.format = prof.format
    resource.save(update_fields=["live_version", "format"])
    dataset = resource.dataset
    dataset.next_due = next_due_after(dataset.update_cycle, timezone.localdate())
    dataset.save(update_fields=["next_due", "updated_at"])
    progress_advance(key=version.progress_key, done=prof.row_count, total=prof.row_count)
    progress_finish(key=version.progress_key, ok=True, message="완료")
    audit_event_record(actor=actor, action="opendata.version.live", target=version,
                       summary=f"{resource.name} v{version.number}: {prof.row_count:,}행",
                       previous=previous.number if previous else None, rows=prof.row_count)


def resource_versions_prune(*, resource: Resource, keep: int | None = None) -> list[int]:
    """Drop the tables of superseded versions beyond the newest `keep` (the setting
    OPENGU_OPENDATA_KEEP_VERSIONS, the live one counted); their rows in the history stay, with
    no table. Returns the version numbers whose tables were dropped."""
    keep = max(1, settings.OPENGU_OPENDATA_KEEP_VERSIONS if keep is None else keep)
    kept = resource.versions.exclude(table_name="").order_by("-number")
    dropped = []
    for version in kept[keep:]:
        if version.pk == resource.live_version_id:
            continue
        datastore.drop_table(version.table_name)
        ResourceVersion.objects.filter(pk=version.pk).update(table_name="")
        dropped.append(version.number)
    if dropped:
        audit_event_record(actor=None, action="opendata.version.prune", target=resource,
                           summary=f"{resource.name}: {', '.join(map(str, dropped))}판 표 삭제(보관 {keep}개)")
    return dropped


@transaction.atomic
def resource_key_column_set(*, actor: User, resource: Resource, key_column: str) -> Resource:
    """Choose the field that names a row across versions (blank: detect one) for the change feed."""
    dataset = resource.dataset
    if not permissions.can_change_dataset(actor, dataset):
        raise PermissionDenied
    key_column = key_column.strip()
    live = resource.live_version
    if key_column and (live is None or key_column not in {c["id"] for c in live.columns}):
        raise ValidationError({"key_column": f"'{key_column[:50]}' 열이 게시 중인 판에 없습니다."})
    if resource.key_column != key_column:
        resource.key_column = key_column
        resource.save(update_fields=["key_column"])
        audit_event_record(actor=actor, action="opendata.resource.key_column", target=resource,
                           summary=key_column or "자동 판별")
    return resource


def resource_versions_abandon_stale(*, older_than: dt.timedelta = dt.timedelta(hours=6)) -> list[int]:
    """Mark versions still loading after `older_than` as failed and drop their half-filled tables.

    A worker killed mid-load (SIGKILL, a machine lost) runs no clean-up; this is that clean-up,
    run by `opengu opendata cleanup`. Live versions are never touched. Returns the version ids.
    """
    cutoff = timezone.now() - older_than
    abandoned = []
    for version in ResourceVersion.objects.filter(status=ResourceVersion.Status.LOADING, created_at__lt=cutoff):
        datastore.drop_table(datastore.table_name_for(version.pk))
        _fail(None, version, "적재가 끝나지 않아(작업자 중단) 실패로 정리했습니다. 이전 판은 그대로 게시 중입니다.")
        abandoned.append(version.pk)
    return abandoned


# API keys, quotas and usage

MAX_ACTIVE_KEYS = 5


@transaction.atomic
def api_key_issue(*, actor: User, purpose: str) -> ApiKey:
    """Issue a key at once (no approval wait) to a registered user; at most five active keys each."""
    if not permissions.can_issue_api_key(actor):
        raise PermissionDenied
    purpose = purpose.strip()
    if len(purpose) < 2:
        raise ValidationError({"purpose": "활용 목적을 2자 이상 적어 주세요."})
    if len(purpose) > 200:
        raise ValidationError({"purpose": "활용 목적은 200자 이내로 적어 주세요."})
    if ApiKey.objects.filter(user=actor, active=True).count() >= MAX_ACTIVE_KEYS:
        raise ValidationError({"purpose": f"사용 중인 인증키가 이미 {MAX_ACTIVE_KEYS}개입니다. 쓰지 않는 키를 먼저 폐기해 주세요."})
    key = ApiKey.objects.create(user=actor, key=secrets.token_hex(32), purpose=purpose)
    audit_event_record(actor=actor, action="opendata.api_key.issue", target=key, summary=purpose)
    return key


@transaction.atomic
def api_key_revoke(*, actor: User, key: ApiKey) -> ApiKey:
    if not permissions.can_revoke_api_key(actor, key):
        raise PermissionDenied
    if key.active:
        key.active = False
        key.save(update_fields=["active"])
        audit_event_record(actor=actor, action="opendata.api_key.revoke", target=key, summary=key.purpose)
    return key


class Admission(enum.Enum):
    """What the API faces do with a call: serve it, or answer with their own error code."""

    ADMITTED = "admitted"
    UNKNOWN_KEY = "unknown_key"  # data.go.kr 30, Seoul INFO-100
    DAILY_QUOTA = "daily_quota"  # data.go.kr 22, Seoul INFO-300, HTTP 429
    RATE_LIMIT = "rate_limit"  # the same codes, HTTP 429


SAMPLE_KEY = "sample"  # Seoul's public sample key: no registration, five rows a call


def api_call_admit(*, key: str, dataset: Any, face: str) -> Admission:
    """Check the key, its daily quota and per-minute limit, and count the call if admitted.

    Counters are fixed windows on the key row, updated under its row lock, so concurrent calls
    on several servers never both take the last unit of a quota. Calls refused are not counted.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    minute = now.replace(second=0, microsecond=0)
    with counter_transaction():  # its own transaction (select_for_update) unless inside one
        api_key: ApiKey | None = None
        if key != SAMPLE_KEY or face != ApiUsage.Face.SEOUL:
            api_key = ApiKey.objects.select_for_update().filter(key=key, active=True).first() if key else None
            if api_key is None:
                return Admission.UNKNOWN_KEY
            if api_key.day != today:
                api_key.day, api_key.day_count = today, 0
            if api_key.minute != minute:
                api_key.minute, api_key.minute_count = minute, 0
            if api_key.day_count >= api_key.daily_quota:
                return Admission.DAILY_QUOTA
            if api_key.minute_count >= api_key.per_minute:
                return Admission.RATE_LIMIT
            api_key.day_count += 1
            api_key.minute_count += 1
            api_key.total_count += 1
            api_key.last_used_at = now
            api_key.save(update_fields=["day", "day_count", "minute", "minute_count", "total_count",
                                        "last_used_at"])
        usage, _created = ApiUsage.objects.get_or_create(key=api_key, dataset=dataset, face=face, day=today)
        ApiUsage.objects.filter(pk=usage.pk).update(count=F("count") + 1)
    return Admission.ADMITTED


@transaction.atomic
def resource_coordinate_system_set(*, actor: User, resource: Resource, system: str) -> Resource:
    """Set (or clear, with "") the coordinate system of a resource's x/y columns and recompute
    the live version's WGS84 positions with it."""
    from opengu.lib.coordinates import SYSTEMS

    if not permissions.can_change_dataset(actor, resource.dataset):
        raise PermissionDenied
    if system and system not in SYSTEMS:
        raise ValidationError({"system": f"알 수 없는 좌표계입니다: {system[:30]}"})
    previous = resource.coordinate_system
    resource.coordinate_system = system
    resource.save(update_fields=["coordinate_system"])
    version = resource.live_version
    if version is not None and version.table_name:
        version.columns, version.coordinates = geo.locate(version.table_name, version.columns, system=system)
        version.save(update_fields=["columns", "coordinates"])
    audit_event_record(actor=actor, action="opendata.resource.coordinate_system", target=resource,
                       summary=f"{previous or '자동'} → {system or '자동'}", previous=previous, system=system)
    return resource
