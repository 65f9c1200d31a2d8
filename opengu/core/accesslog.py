"""The personal-data access log (개인정보 접속기록): write one chained row, verify the chain.

Each row's hash covers its own content and the previous row's hash, so altering or deleting
any row breaks every hash after it; `verify_chain` reports the first break.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.http import HttpRequest

from opengu.core.models import PersonalDataAccess, User

GENESIS = "0" * 64
CHAIN_LOCK = 74126001  # advisory lock id for PostgreSQL


def _row_digest(previous_hash: str, row: PersonalDataAccess) -> str:
    content = {
        "at": row.at.isoformat(),
        "actor": row.actor_id,
        "actor_username": row.actor_username,
        "actor_department": row.actor_department,
        "ip": row.ip or "",
        "action": row.action,
        "subject": row.subject,
        "record_ids": [str(i) for i in row.record_ids],
        "record_count": row.record_count,
        "purpose": row.purpose,
        "path": row.path,
    }
    payload = previous_hash + json.dumps(content, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record_access(
    *,
    actor: User,
    action: str,
    subject: str,
    record_ids: Iterable[Any],
    request: HttpRequest | None = None,
    purpose: str = "",
) -> PersonalDataAccess:
    """Append one access record. Exports must state a purpose."""
    if action == PersonalDataAccess.Action.EXPORT and not purpose.strip():
        raise ValueError("내려받기에는 목적을 적어야 합니다.")
    ids = [str(i) for i in record_ids]
    department = ""
    staff = getattr(actor, "staff", None) if actor.is_staff_member else None
    if staff is not None:
        department = staff.department.name
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
        last = PersonalDataAccess.objects.order_by("-id").values_list("row_hash", flat=True).first()
        row = PersonalDataAccess(
            actor=actor,
            actor_username=actor.username,
            actor_department=department,
            ip=client_ip(request),
            action=action,
            subject=subject,
            record_ids=ids[:1000],
            record_count=len(ids),
            purpose=purpose,
            path=(request.get_full_path()[:300] if request is not None else ""),
            previous_hash=last or GENESIS,
        )
        row.row_hash = _row_digest(row.previous_hash, row)
        row.save()
    return row


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    first_bad_id: int | None = None
    problem: str = ""


def verify_chain() -> ChainReport:
    previous = GENESIS
    checked = 0
    for row in PersonalDataAccess.objects.order_by("id").iterator(chunk_size=2000):
        if row.previous_hash != previous:
            return ChainReport(False, checked, row.id, "앞 기록과 연결이 끊겼습니다(삭제 또는 순서 변경).")
        if _row_digest(previous, row) != row.row_hash:
            return ChainReport(False, checked, row.id, "기록 내용이 변경되었습니다.")
        previous = row.row_hash
        checked += 1
    return ChainReport(True, checked)
