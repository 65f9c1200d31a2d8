"""Support programmes (plan §2-2): 100가정 보듬기, households matched with sponsors, and I WISH
partnerships, partner institutions giving to households.

The plan's target is that half the matched households are 차상위 (the client flag
`near_poverty`): `district_summary` counts the households with a sponsorship running on a day,
how many of them carry the flag, and the share against TARGET_NEAR_POVERTY_PERCENT.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from opengu.core.audit import audit_event_record
from opengu.core.models import User
from opengu.lib import pii
from opengu.welfare import permissions
from opengu.welfare.models import Client, ClientFlag, Organization, Partnership, Sponsorship

TARGET_NEAR_POVERTY_PERCENT = 50
TARGET_HOUSEHOLDS = 100


class ProgrammeInputError(ValueError):
    """Bad input, with Korean messages by field name; nothing was written."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def _date(raw: str, field: str, label: str, errors: dict[str, str], *, required: bool) -> dt.date | None:
    raw = (raw or "").strip()
    if not raw:
        if required:
            errors[field] = f"{label}: 날짜를 적어 주세요(YYYY-MM-DD)."
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        errors[field] = f"{label}: 날짜 형식이 아닙니다(YYYY-MM-DD)."
        return None


def _period(starts_on: str, ends_on: str, errors: dict[str, str]) -> tuple[dt.date | None, dt.date | None]:
    """A programme's start (required) and end (open when blank), the end not before the start."""
    start = _date(starts_on, "starts_on", "시작일", errors, required=True)
    end = _date(ends_on, "ends_on", "종료일", errors, required=False)
    if start is not None and end is not None and end < start:
        errors["ends_on"] = "종료일: 시작일보다 앞섭니다."
    return start, end


def sponsorship_register(*, actor: User, client: Client | None, sponsor_name: str, sponsor_kind: str,
                         monthly_support: str, starts_on: str, ends_on: str = "") -> Sponsorship:
    """Match a household with a sponsor. Raises ProgrammeInputError with Korean messages by
    field; nothing is written then. Audited as welfare.sponsorship.register."""
    errors: dict[str, str] = {}
    if client is None:
        errors["client"] = "가구(대상자 번호): 등록된 대상자를 찾을 수 없습니다."
    name = (sponsor_name or "").strip()
    if not name:
        errors["sponsor_name"] = "후원자: 이름을 적어 주세요."
    elif len(name) > 100:
        errors["sponsor_name"] = "후원자: 100자 이내로 적어 주세요."
    if sponsor_kind not in Sponsorship.SponsorKind.values:
        errors["sponsor_kind"] = "후원자 구분: 개인, 단체, 기업 가운데 골라 주세요."
    support = (monthly_support or "").strip()
    if not support:
        errors["monthly_support"] = "매월 후원 내용: 무엇을 후원하는지 적어 주세요(예: 쌀 10kg, 30,000원)."
    elif len(support) > 200:
        errors["monthly_support"] = "매월 후원 내용: 200자 이내로 적어 주세요."
    start, end = _period(starts_on, ends_on, errors)
    if errors or client is None or start is None:
        raise ProgrammeInputError(errors)
    with transaction.atomic():
        sponsorship = Sponsorship.objects.create(client=client, sponsor_name=name, sponsor_kind=sponsor_kind,
                                                 monthly_support=support, starts_on=start, ends_on=end,
                                                 created_by=actor)
        audit_event_record(actor=actor, action="welfare.sponsorship.register", target=sponsorship,
                           client=client.pk, sponsor_kind=sponsor_kind)
    return sponsorship


def sponsorship_end(*, actor: User, sponsorship: Sponsorship, ends_on: str) -> Sponsorship:
    """End a match on a day (not before it started). Raises ProgrammeInputError; audited as
    welfare.sponsorship.end."""
    errors: dict[str, str] = {}
    end = _date(ends_on, "ends_on", "종료일", errors, required=True)
    if end is not None and end < sponsorship.starts_on:
        errors["ends_on"] = "종료일: 시작일보다 앞섭니다."
    if errors or end is None:
        raise ProgrammeInputError(errors)
    with transaction.atomic():
        sponsorship.ends_on = end
        sponsorship.save(update_fields=["ends_on"])
        audit_event_record(actor=actor, action="welfare.sponsorship.end", target=sponsorship, ends_on=end.isoformat())
    return sponsorship


def sponsor_display(sponsorship: Sponsorship) -> str:
    """A private person's name masked; a group's or company's in full."""
    if sponsorship.sponsor_kind == Sponsorship.SponsorKind.PERSON:
        return pii.mask_name(sponsorship.sponsor_name)
    return str(sponsorship.sponsor_name)


def _running(day: dt.date) -> Q:
    return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gte=day))


def sponsorships_for(user: Any, *, dong: int | None = None) -> QuerySet[Sponsorship]:
    """Matches the user may see: all for the centre, auditors and administrators; a dong
    centre's staff their own dong's households; nobody else any."""
    rows = Sponsorship.objects.select_related("client", "client__dong")
    if not permissions.can_read_centre(user):
        own = permissions.staff_dong_id(user)
        rows = rows.filter(client__dong_id=own) if own is not None else rows.none()
    if dong is not None:
        rows = rows.filter(client__dong_id=dong)
    return rows


@dataclass(frozen=True)
class Summary:
    """Households matched on `day` and the share that are 차상위, against the plan's target."""

    day: dt.date
    households: int
    near_poverty: int
    by_dong: list[tuple[str, int, int]]  # (dong name, households, of which 차상위), most first

    @property
    def near_poverty_percent(self) -> float:
        return round(100 * self.near_poverty / self.households, 1) if self.households else 0.0

    @property
    def meets_target(self) -> bool:
        return self.households > 0 and 100 * self.near_poverty >= TARGET_NEAR_POVERTY_PERCENT * self.households


def district_summary(*, day: dt.date) -> Summary:
    """Count each household once however many sponsors it has. The flag is read in Python
    (client flags are a JSON list, which SQLite cannot search with `contains`)."""
    clients = {s.client_id: s.client for s in Sponsorship.objects.filter(_running(day)).select_related("client__dong")}
    households: Counter[str] = Counter()
    near: Counter[str] = Counter()
    for client in clients.values():
        households[client.dong.name] += 1
        if ClientFlag.NEAR_POVERTY in (client.flags or []):
            near[client.dong.name] += 1
    by_dong = sorted(((name, n, near[name]) for name, n in households.items()), key=lambda row: (-row[1], row[0]))
    return Summary(day=day, households=len(clients), near_poverty=sum(near.values()), by_dong=by_dong)


# --- I WISH partnerships --------------------------------------------------------------------


def partnership_register(*, actor: User, organization: Organization | None, support: str,
                         households: list[Client], unknown: list[str], starts_on: str,
                         ends_on: str = "") -> Partnership:
    """A partner institution gives `support` to `households` (client numbers the caller looked
    up; `unknown` holds those it could not find). Raises ProgrammeInputError; audited as
    welfare.partnership.register."""
    errors: dict[str, str] = {}
    if organization is None:
        errors["organization"] = "협력 기관: 등록된 기관 가운데 골라 주세요."
    text = (support or "").strip()
    if not text:
        errors["support"] = "지원 내용: 무엇을 지원하는지 적어 주세요."
    elif len(text) > 200:
        errors["support"] = "지원 내용: 200자 이내로 적어 주세요."
    if unknown:
        errors["households"] = f"지원 가구: 등록된 대상자를 찾을 수 없습니다({', '.join(unknown)})."
    elif not households:
        errors["households"] = "지원 가구: 대상자 번호를 하나 이상 적어 주세요(쉼표로 구분)."
    start, end = _period(starts_on, ends_on, errors)
    if errors or organization is None or start is None:
        raise ProgrammeInputError(errors)
    with transaction.atomic():
        partnership = Partnership.objects.create(organization=organization, support=text, starts_on=start,
                                                 ends_on=end, created_by=actor)
        partnership.households.set(households)
        audit_event_record(actor=actor, action="welfare.partnership.register", target=partnership,
                           organization=organization.pk, households=sorted(h.pk for h in households))
    return partnership


def partnership_households(user: Any, partnership: Partnership) -> list[Client]:
    """The partnership's households the user may see (a dong centre's staff: their dong's)."""
    rows = list(partnership.households.select_related("dong").order_by("id"))
    if permissions.can_read_centre(user):
        return rows
    own = permissions.staff_dong_id(user)
    return [row for row in rows if own is not None and row.dong_id == own]
