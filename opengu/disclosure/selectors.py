"""Reads of disclosure requests: each returns a queryset with what its page needs fetched."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from opengu.core.permissions import is_auditor
from opengu.disclosure import permissions
from opengu.disclosure.models import (
    FINAL_STATES,
    UNDECIDED_STATES,
    CommitteeAgendaItem,
    Deadline,
    DisclosureRequest,
    DocumentClass,
    InventoryList,
    InventoryMismatch,
    Meeting,
    OriginalDocument,
    ProactiveItem,
    Review,
    State,
)


def _due(kind: str) -> Subquery:
    return Subquery(Deadline.objects.filter(request=OuterRef("pk"), kind=kind).values("due")[:1],
                    output_field=DateField())


def with_due_dates(rows: QuerySet[DisclosureRequest]) -> QuerySet[DisclosureRequest]:
    """Annotate `decision_due_on` (extended if extended) and `objection_due_on`."""
    return rows.annotate(
        decision_due_on=Coalesce(_due(Deadline.Kind.EXTENDED), _due(Deadline.Kind.DECISION)),
        objection_due_on=Coalesce(_due(Deadline.Kind.OBJECTION_EXTENDED), _due(Deadline.Kind.OBJECTION_DECISION)),
        redecision_due_on=_due(Deadline.Kind.REDECISION),
    )


def overdue_q(today: dt.date | None = None) -> Q:
    today = today or timezone.localdate()
    return (Q(state__in=UNDECIDED_STATES, decision_due_on__lt=today)
            | Q(state=State.OBJECTED, objection_due_on__lt=today)
            | Q(state=State.REDECIDING, redecision_due_on__lt=today))


def requests_of_requester(user: Any) -> QuerySet[DisclosureRequest]:
    return with_due_dates(DisclosureRequest.objects.filter(requester_id=user.id).select_related("department"))


def request_of_requester(user: Any, number: str) -> DisclosureRequest | None:
    return (DisclosureRequest.objects.filter(requester_id=user.id, number=number)
            .select_related("department", "handler__staff").prefetch_related("deadlines").first())


def staff_queue(user: Any, *, state: str = "", overdue: bool = False, query: str = "",
                department_id: int | None = None) -> QuerySet[DisclosureRequest]:
    """The requests `user` may see: their department's, or all for the disclosure office and auditors."""
    rows = DisclosureRequest.objects.select_related("department", "handler__staff")
    if not (permissions.is_disclosure_officer(user) or is_auditor(user)):
        rows = rows.filter(department_id=user.staff.department_id)
    elif department_id:
        rows = rows.filter(department_id=department_id)
    rows = with_due_dates(rows)
    if state == "open":
        rows = rows.exclude(state__in=FINAL_STATES)
    elif state in State.values:
        rows = rows.filter(state=state)
    if overdue:
        rows = rows.filter(overdue_q())
    if query:
        rows = rows.filter(Q(number__icontains=query) | Q(subject__icontains=query))
    return queue_ordered(rows)


def queue_ordered(rows: QuerySet[DisclosureRequest]) -> QuerySet[DisclosureRequest]:
    """Overdue first, then by the date the next step falls due (the objection decision while objected, the
    decision while undecided), soonest first; requests with nothing due come last, newest first."""
    rows = rows.annotate(
        queue_overdue=Case(When(overdue_q(), then=Value(0)), default=Value(1), output_field=IntegerField()),
        queue_due=Case(When(state=State.OBJECTED, then=F("objection_due_on")),
                       When(state__in=UNDECIDED_STATES, then=F("decision_due_on")),
                       When(state=State.REDECIDING, then=F("redecision_due_on")), default=None,
                       output_field=DateField()),
    )
    return rows.order_by("queue_overdue", F("queue_due").asc(nulls_last=True), "-received_on", "-id")


def request_for_staff(pk: int) -> DisclosureRequest | None:
    return (DisclosureRequest.objects.select_related("department", "handler__staff", "requester")
            .prefetch_related("deadlines", "third_parties", "reviews").filter(pk=pk).first())


def department_counts(user: Any) -> tuple[int, int]:
    """(open, overdue) requests of the user's department (all departments for the disclosure office)."""
    rows = staff_queue(user, state="open")
    return rows.count(), rows.filter(overdue_q()).count()


def public_register(*, query: str = "", outcome: str = "", year: int | None = None) -> QuerySet[DisclosureRequest]:
    """Requests and outcomes without any requester data; subjects only where the requester agreed."""
    rows = (DisclosureRequest.objects.select_related("department", "decision")
            .only("number", "subject", "received_on", "state", "in_public_register", "department__name",
                  "decision__kind", "decision__issued_on"))
    if query:
        rows = rows.filter(in_public_register=True, subject__icontains=query)
    if outcome:
        rows = rows.filter(decision__kind=outcome, decision__issued_on__isnull=False)
    if year:
        rows = rows.filter(received_on__year=year)
    return rows.order_by("-received_on", "-id")


def review_queue() -> dict[str, Any]:
    """What waits for the disclosure office: drafts to review, focused reviews, the committee's agenda."""
    base = DisclosureRequest.objects.select_related("department")
    return {
        "prior": with_due_dates(base.filter(state=State.UNDER_REVIEW)).prefetch_related("decision__grounds"),
        "focused": with_due_dates(base.filter(
            focused_review=True, reviews__kind=Review.Kind.FOCUSED, reviews__status=Review.Status.PENDING,
        ).exclude(state__in=FINAL_STATES)).distinct(),
        "agenda": CommitteeAgendaItem.objects.filter(status=CommitteeAgendaItem.Status.OPEN)
        .select_related("department").prefetch_related("requests"),
    }


# ---------------------------------------------------------------- proactive publication and documents


def _korean_filter(rows: QuerySet[Any], query: str, fields: tuple[str, ...]) -> QuerySet[Any]:
    """Every content morpheme of `query` must occur in one of `fields` (particles ignored)."""
    from opengu.lib.korean import search_terms

    for term in search_terms(query):
        match = Q()
        for name in fields:
            match |= Q(**{f"{name}__icontains": term})
        rows = rows.filter(match)
    return rows


def proactive_catalogue(*, query: str = "", field: str = "", department_id: int | None = None,
                        overdue: bool = False) -> QuerySet[ProactiveItem]:
    """Active proactive items with their department; Korean search over title and scope."""
    rows = ProactiveItem.objects.filter(active=True).select_related("department")
    if query:
        rows = _korean_filter(rows, query, ("title", "scope"))
    if field:
        rows = rows.filter(field=field)
    if department_id:
        rows = rows.filter(department_id=department_id)
    if overdue:
        rows = rows.filter(next_due_on__lt=timezone.localdate())
    return rows.order_by("field", "title", "id")


def sees_every_department(user: Any) -> bool:
    """The disclosure office and auditors work across departments; other staff see their own first."""
    return permissions.is_disclosure_officer(user) or is_auditor(user)


def proactive_overdue_count(user: Any) -> int:
    """Overdue items of the user's department (every department for the disclosure office)."""
    rows = ProactiveItem.objects.filter(active=True, next_due_on__lt=timezone.localdate())
    if not (permissions.is_disclosure_officer(user) or is_auditor(user)):
        rows = rows.filter(department_id=user.staff.department_id)
    return rows.count()


def documents_published(*, query: str = "", department_id: int | None = None,
                        month: tuple[int, int] | None = None) -> QuerySet[OriginalDocument]:
    """The public 원문공개 list: every listed document (비공개 ones too, without a file)."""
    rows = OriginalDocument.objects.filter(in_public_list=True).select_related("department")
    rows = rows.filter(Q(published_on__isnull=False) | Q(disclosure_class=DocumentClass.CLOSED))
    if query:
        rows = _korean_filter(rows, query, ("title", "number"))
    if department_id:
        rows = rows.filter(department_id=department_id)
    if month:
        rows = rows.filter(approved_on__year=month[0], approved_on__month=month[1])
    return rows.order_by("-approved_on", "-id")


def documents_for_staff(user: Any, *, pending: bool = False) -> QuerySet[OriginalDocument]:
    rows = OriginalDocument.objects.select_related("department")
    if not (permissions.is_disclosure_officer(user) or is_auditor(user)):
        rows = rows.filter(department_id=user.staff.department_id)
    if pending:
        rows = rows.filter(published_on__isnull=True).exclude(disclosure_class=DocumentClass.CLOSED)
    return rows.order_by("-approved_on", "-id")


# ---------------------------------------------------------------- meetings (회의 공개)


def meetings_published(*, query: str = "", committee_id: int | None = None) -> QuerySet[Meeting]:
    """Published minutes with their committee and links; Korean search over title, agenda and decisions."""
    rows = Meeting.objects.filter(published_on__isnull=False).select_related("committee__department")
    if query:
        rows = _korean_filter(rows, query, ("title", "agenda", "decisions", "committee__name"))
    if committee_id:
        rows = rows.filter(committee_id=committee_id)
    return rows.prefetch_related("links").order_by("-held_at", "-id")


def meetings_for_staff(user: Any, *, overdue: bool = False, today: dt.date | None = None) -> QuerySet[Meeting]:
    """Meetings of the user's department's committees (all for the disclosure office and auditors)."""
    rows = Meeting.objects.select_related("committee__department")
    if not (permissions.is_disclosure_officer(user) or is_auditor(user)):
        rows = rows.filter(committee__department_id=user.staff.department_id)
    if overdue:
        rows = rows.filter(published_on__isnull=True, minutes_due_on__lt=today or timezone.localdate())
    return rows.order_by("-held_at", "-id")


# ---------------------------------------------------------------- records inventory (기록물 전수조사)


@dataclass(frozen=True)
class InventoryProgress:
    """One department's inventory: which lists are in, row counts, mismatches and the share settled."""

    department_id: int
    department: str
    registered: int | None  # rows in the registered list; None when not imported yet
    held: int | None
    mismatches: int
    settled: int
    by_kind: dict[str, int]

    @property
    def compared(self) -> bool:
        return self.registered is not None and self.held is not None

    @property
    def share(self) -> float | None:
        """Settled ÷ mismatches; 1.0 when both lists are in and agree; None before both are in."""
        if not self.compared:
            return None
        return self.settled / self.mismatches if self.mismatches else 1.0

    @property
    def percent(self) -> int:
        return round((self.share or 0.0) * 100)


def inventory_progress() -> list[InventoryProgress]:
    """Every department that imported a list, by name, with the share of mismatches settled."""
    counts: dict[int, dict[str, Any]] = {}
    lists = (InventoryList.objects.select_related("department").annotate(rows=Count("records"))
             .order_by("department__name"))
    for item in lists:
        entry = counts.setdefault(item.department_id, {"name": item.department.name, "lists": {}})
        entry["lists"][item.source] = item.rows
    out = []
    for department_id, entry in counts.items():
        mismatches = InventoryMismatch.objects.filter(department_id=department_id)
        by_kind = dict(mismatches.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
        out.append(InventoryProgress(
            department_id=department_id, department=entry["name"], registered=entry["lists"].get("registered"),
            held=entry["lists"].get("held"), mismatches=sum(by_kind.values()),
            settled=mismatches.exclude(status=InventoryMismatch.Status.OPEN).count(), by_kind=by_kind))
    return out


def inventory_mismatches(*, department_id: int | None = None, kind: str = "",
                         status: str = "") -> QuerySet[InventoryMismatch]:
    rows = InventoryMismatch.objects.select_related("department", "resolved_by")
    if department_id:
        rows = rows.filter(department_id=department_id)
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    return rows

