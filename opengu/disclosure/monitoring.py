"""정보공개 모니터링 (plan §5-4): per-department figures for a period, a score and a 우수/부진 grade.

Requests count when they were received within the period. A decision is on time when it was
issued on or before its decision due date (the extended one if extended); a request still
undecided after its due date counts as late. Proactive items count as they stand on `today`.

The score (0–100) weighs what the plan asks departments to keep: deadlines (40), few extensions
(10), few 정보부존재 answers (15), refusals that survive objection (20), proactive items published
on time (15). A component with nothing to measure (no decided request, no proactive item) gets
full marks: a department is not ranked down for having had no requests.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from opengu.disclosure.models import (
    UNDECIDED_STATES,
    Decision,
    DisclosureRequest,
    Objection,
    ProactiveItem,
)
from opengu.disclosure.selectors import with_due_dates

WEIGHTS: dict[str, int] = {"on_time": 40, "extensions": 10, "not_held": 15, "objections": 20, "proactive": 15}
EXCELLENT_FROM = 90.0  # 우수: score at least this
POOR_BELOW = 70.0  # 부진: score below this
RESTRICTIVE = (Decision.Kind.WITHHOLD, Decision.Kind.PARTIAL, Decision.Kind.NOT_HELD)
UPHELD = (Objection.Outcome.UPHELD, Objection.Outcome.PARTLY)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class DepartmentFigures:
    """One department's figures for the period; rates are None when there is nothing to divide."""

    department_id: int
    department: str
    requests: int = 0
    decided: int = 0
    on_time: int = 0
    late: int = 0
    extensions: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    refusals_by_item: Counter[int] = field(default_factory=Counter)
    objections: int = 0
    objections_upheld: int = 0
    proactive_active: int = 0
    proactive_overdue: int = 0
    score: float = 0.0
    grade: str = ""
    rank: int = 0

    @property
    def refusals(self) -> list[tuple[int, int]]:
        """(Art. 9(1) item, count) in item order (templates cannot call Counter.items)."""
        return sorted(self.refusals_by_item.items())

    @property
    def on_time_rate(self) -> float | None:
        return _rate(self.on_time, self.on_time + self.late)

    @property
    def extension_rate(self) -> float | None:
        return _rate(self.extensions, self.requests)

    @property
    def not_held(self) -> int:
        return self.by_kind[Decision.Kind.NOT_HELD]

    @property
    def not_held_rate(self) -> float | None:
        return _rate(self.not_held, self.decided)

    @property
    def restrictive(self) -> int:
        return sum(self.by_kind[kind] for kind in RESTRICTIVE)

    @property
    def upheld_rate(self) -> float | None:
        """Share of restrictive decisions overturned (wholly or partly) on objection."""
        return _rate(self.objections_upheld, self.restrictive)

    @property
    def proactive_overdue_rate(self) -> float | None:
        return _rate(self.proactive_overdue, self.proactive_active)

    def components(self) -> dict[str, float]:
        """Points per component (see WEIGHTS); a missing rate scores full."""
        def good(rate: float | None, inverted: bool = True) -> float:
            if rate is None:
                return 1.0
            return 1.0 - rate if inverted else rate

        return {
            "on_time": WEIGHTS["on_time"] * good(self.on_time_rate, inverted=False),
            "extensions": WEIGHTS["extensions"] * good(self.extension_rate),
            "not_held": WEIGHTS["not_held"] * good(self.not_held_rate),
            "objections": WEIGHTS["objections"] * good(self.upheld_rate),
            "proactive": WEIGHTS["proactive"] * good(self.proactive_overdue_rate),
        }


def grade_for(score: float) -> str:
    if score >= EXCELLENT_FROM:
        return "우수"
    if score < POOR_BELOW:
        return "부진"
    return "보통"


def department_figures(*, start: dt.date, end: dt.date, today: dt.date | None = None) -> list[DepartmentFigures]:
    """Figures for every department with a request in [start, end] or an active proactive item,
    ranked by score (best first; ties share a rank and are listed by name)."""
    today = today or timezone.localdate()
    found: dict[int, DepartmentFigures] = {}

    def row(department_id: int, name: str) -> DepartmentFigures:
        if department_id not in found:
            found[department_id] = DepartmentFigures(department_id=department_id, department=name)
        return found[department_id]

    requests = with_due_dates(
        DisclosureRequest.objects.filter(received_on__gte=start, received_on__lte=end, department__isnull=False)
        .select_related("department", "decision", "extension", "objection").prefetch_related("decision__grounds")
    )
    for request in requests:
        assert request.department is not None
        figures = row(request.department_id, request.department.name)  # type: ignore[arg-type]
        figures.requests += 1
        if hasattr(request, "extension"):
            figures.extensions += 1
        decision = getattr(request, "decision", None) if hasattr(request, "decision") else None
        due = getattr(request, "decision_due_on", None)
        objection = getattr(request, "objection", None) if hasattr(request, "objection") else None
        # An upheld objection reopens the decision: the department's original decision is what counts here.
        before = objection.decision_before if objection is not None else {}
        if before:
            issued: dt.date | None = dt.date.fromisoformat(before["issued_on"])
            kind, items = before["kind"], list(before.get("items", []))
        elif decision is not None and decision.issued_on is not None:
            issued, kind, items = decision.issued_on, decision.kind, [g.item for g in decision.grounds.all()]
        else:
            issued, kind, items = None, "", []
        if issued is not None:
            figures.decided += 1
            figures.by_kind[kind] += 1
            figures.refusals_by_item.update(items)
            if due is None or issued <= due:
                figures.on_time += 1
            else:
                figures.late += 1
        elif request.state in UNDECIDED_STATES and due is not None and due < today:
            figures.late += 1
        if objection is not None:
            figures.objections += 1
            if objection.outcome in UPHELD:
                figures.objections_upheld += 1

    proactive = (ProactiveItem.objects.filter(active=True).values("department_id", "department__name")
                 .annotate(active=Count("id"), overdue=Count("id", filter=Q(next_due_on__lt=today))))
    for item in proactive:
        figures = row(item["department_id"], item["department__name"])
        figures.proactive_active = item["active"]
        figures.proactive_overdue = item["overdue"]

    ranked = sorted(found.values(), key=lambda f: f.department)
    for figures in ranked:
        figures.score = round(sum(figures.components().values()), 1)
        figures.grade = grade_for(figures.score)
    ranked.sort(key=lambda f: -f.score)
    for index, figures in enumerate(ranked):
        same = index and ranked[index - 1].score == figures.score
        figures.rank = ranked[index - 1].rank if same else index + 1
    return ranked


EXPORT_HEADER = [
    "순위", "부서", "평가", "점수", "청구", "결정", "기한 내 결정", "기한 초과", "기한 준수율(%)", "연장",
    "공개", "부분공개", "비공개", "정보부존재", "부존재 비율(%)", "비공개 사유(제9조제1항 호: 건수)",
    "이의신청", "이의신청 인용(부분 인용 포함)", "사전정보공표 항목", "공표 기한 초과",
]


def _percent(rate: float | None) -> str:
    return "" if rate is None else f"{rate * 100:.1f}"


def export_row(f: DepartmentFigures) -> list[object]:
    items = ", ".join(f"제{item}호: {n}" for item, n in f.refusals)
    return [
        f.rank, f.department, f.grade, f.score, f.requests, f.decided, f.on_time, f.late, _percent(f.on_time_rate),
        f.extensions, f.by_kind[Decision.Kind.DISCLOSE], f.by_kind[Decision.Kind.PARTIAL],
        f.by_kind[Decision.Kind.WITHHOLD], f.not_held, _percent(f.not_held_rate), items, f.objections,
        f.objections_upheld, f.proactive_active, f.proactive_overdue,
    ]
