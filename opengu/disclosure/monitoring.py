"""정보공개 모니터링 (plan §5-4): per-department figures for a period, a score and a 우수/부진 grade.

Requests count when they were received within the period. A decision is on time when it was
issued on or before its decision due date (the extended one if extended); a request still
undecided after its due date counts as late. Proactive items count as they stand on `today`.

The score (0–100) weighs what the plan asks departments to keep (계획 §5-1, §5-4): deadlines (30), few
extensions (5), few 정보부존재 answers (10), refusals that survive objection (15), proactive items published
on time (15), minutes published on time (15), records-inventory mismatches settled (10). Only the duties a
department had count: its score is the points it earned over the weights of its measurable components, times
100. Every department of the office is listed, the dong community centres too. A department is scored only when
it had work in the period to measure (a request received or a committee meeting held); proactive items and the
records inventory stand as they are on `today`, so on their own they are shown but not scored. A department with
nothing to measure shows "해당 없음", unranked, after the ranked ones: having had no requests ranks nobody first.

Minutes: meetings of the department's committees held in the period; late when published after their due
date or still unpublished past it on `today`. Inventory: settled ÷ mismatches once both lists are in (100%
when they agree), as it stands on `today`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from opengu.core.selectors import department_list
from opengu.disclosure.models import (
    UNDECIDED_STATES,
    Decision,
    DisclosureRequest,
    Meeting,
    Objection,
    ProactiveItem,
)
from opengu.disclosure.selectors import inventory_progress, with_due_dates

WEIGHTS: dict[str, int] = {"on_time": 30, "extensions": 5, "not_held": 10, "objections": 15, "proactive": 15,
                           "minutes": 15, "inventory": 10}
NOT_APPLICABLE = "해당 없음"
EXCELLENT_FROM = 90.0  # 우수: score at least this
POOR_BELOW = 70.0  # 부진: score below this
# The grade is kept as its Korean word (a stable key, also for CSS classes); pages and exports show its label.
GRADE_LABELS = {
    "우수": pgettext_lazy("monitoring grade", "우수"),
    "보통": pgettext_lazy("monitoring grade", "보통"),
    "부진": pgettext_lazy("monitoring grade", "부진"),
    NOT_APPLICABLE: pgettext_lazy("monitoring grade", "해당 없음"),
}
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
    meetings: int = 0
    minutes_late: int = 0
    inventory_mismatches: int = 0
    inventory_settled: int = 0
    inventory_compared: bool = False
    score: float | None = None
    grade: str = ""
    rank: int | None = None

    @property
    def grade_label(self) -> str:
        return str(GRADE_LABELS.get(self.grade, self.grade))

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

    @property
    def minutes_late_rate(self) -> float | None:
        return _rate(self.minutes_late, self.meetings)

    @property
    def inventory_share(self) -> float | None:
        """Settled ÷ mismatches once both lists are in (1.0 when they agree); None before."""
        if not self.inventory_compared:
            return None
        return self.inventory_settled / self.inventory_mismatches if self.inventory_mismatches else 1.0

    def components(self) -> dict[str, float]:
        """Points per measurable component (see WEIGHTS); components with nothing to divide are left out."""
        goods = {
            "on_time": self.on_time_rate,
            "extensions": None if self.extension_rate is None else 1.0 - self.extension_rate,
            "not_held": None if self.not_held_rate is None else 1.0 - self.not_held_rate,
            "objections": None if self.upheld_rate is None else 1.0 - self.upheld_rate,
            "proactive": None if self.proactive_overdue_rate is None else 1.0 - self.proactive_overdue_rate,
            "minutes": None if self.minutes_late_rate is None else 1.0 - self.minutes_late_rate,
            "inventory": self.inventory_share,
        }
        return {name: WEIGHTS[name] * good for name, good in goods.items() if good is not None}

    @property
    def measurable(self) -> bool:
        """Work in the period to judge the department by: a request received or a committee meeting held."""
        return bool(self.requests or self.meetings)

    def computed_score(self) -> float | None:
        points = self.components()
        if not self.measurable or not points:
            return None
        return round(100 * sum(points.values()) / sum(WEIGHTS[name] for name in points), 1)


def grade_for(score: float | None) -> str:
    if score is None:
        return NOT_APPLICABLE
    if score >= EXCELLENT_FROM:
        return "우수"
    if score < POOR_BELOW:
        return "부진"
    return "보통"


def department_figures(*, start: dt.date, end: dt.date, today: dt.date | None = None) -> list[DepartmentFigures]:
    """Figures for every department of the office (the dong community centres too) for [start, end], ranked by
    score (best first; ties share a rank and are listed by name); departments with nothing to measure follow,
    unranked, in the order of the organisation chart."""
    today = today or timezone.localdate()
    found: dict[int, DepartmentFigures] = {
        department.pk: DepartmentFigures(department_id=department.pk, department=department.name)
        for department in department_list()
    }

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

    meetings = (Meeting.objects.filter(held_at__date__gte=start, held_at__date__lte=end)
                .values("committee__department_id", "committee__department__name")
                .annotate(n=Count("id"), late=Count("id", filter=Q(published_on__isnull=True, minutes_due_on__lt=today)
                                                    | Q(published_on__gt=F("minutes_due_on")))))
    for meeting in meetings:
        figures = row(meeting["committee__department_id"], meeting["committee__department__name"])
        figures.meetings, figures.minutes_late = meeting["n"], meeting["late"]

    for progress in inventory_progress():
        figures = row(progress.department_id, progress.department)
        figures.inventory_compared = progress.compared
        figures.inventory_mismatches, figures.inventory_settled = progress.mismatches, progress.settled

    for figures in found.values():
        figures.score = figures.computed_score()
        figures.grade = grade_for(figures.score)
    ranked = sorted((f for f in found.values() if f.score is not None), key=lambda f: (-(f.score or 0.0), f.department))
    for index, figures in enumerate(ranked):
        same = index and ranked[index - 1].score == figures.score
        figures.rank = ranked[index - 1].rank if same else index + 1
    return ranked + [f for f in found.values() if f.score is None]


EXPORT_HEADER = [
    gettext_lazy("순위"), gettext_lazy("부서"), gettext_lazy("평가"), gettext_lazy("점수"), gettext_lazy("청구"),
    gettext_lazy("결정"), gettext_lazy("기한 내 결정"), gettext_lazy("기한 초과"), gettext_lazy("기한 준수율(%)"),
    gettext_lazy("연장"), pgettext_lazy("decision", "공개"), pgettext_lazy("decision", "부분공개"),
    pgettext_lazy("decision", "비공개"), pgettext_lazy("decision", "정보부존재"), gettext_lazy("부존재 비율(%)"),
    gettext_lazy("비공개 사유(제9조제1항 호: 건수)"), gettext_lazy("이의신청"), gettext_lazy("이의신청 인용(부분 인용 포함)"),
    gettext_lazy("사전정보공표 항목"), gettext_lazy("공표 기한 초과"), gettext_lazy("회의"), gettext_lazy("회의록 기한 넘김"),
    gettext_lazy("기록물 불일치"), gettext_lazy("기록물 정리"),
]


def _percent(rate: float | None) -> str:
    return "" if rate is None else f"{rate * 100:.1f}"


def export_row(f: DepartmentFigures) -> list[object]:
    items = ", ".join(f"제{item}호: {n}" for item, n in f.refusals)
    return [
        f.rank, f.department, f.grade_label, f.score, f.requests, f.decided, f.on_time, f.late, _percent(f.on_time_rate),
        f.extensions, f.by_kind[Decision.Kind.DISCLOSE], f.by_kind[Decision.Kind.PARTIAL],
        f.by_kind[Decision.Kind.WITHHOLD], f.not_held, _percent(f.not_held_rate), items, f.objections,
        f.objections_upheld, f.proactive_active, f.proactive_overdue, f.meetings, f.minutes_late,
        f.inventory_mismatches if f.inventory_compared else None, f.inventory_settled if f.inventory_compared else None,
    ]
