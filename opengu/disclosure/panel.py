"""정보공개모니터단 results (계획 §5-4): per round and per criterion, for the round page and the monitoring report.

A round's result per criterion: how many members answered, the mean score (1–5), how many gave each
score, and the comments (unsigned: staff see what was said, not who said it; the same words from several
members are shown once, with how many wrote them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opengu.core import charts
from opengu.disclosure.models import PANEL_CRITERIA, PanelMember, PanelRating, PanelRound


@dataclass
class CriterionResult:
    criterion: str
    label: str
    answers: int = 0
    total: int = 0
    distribution: list[int] = field(default_factory=lambda: [0, 0, 0, 0, 0])  # count of scores 1..5
    # Each distinct comment once, in the order first given, with how many members wrote it.
    comment_counts: dict[str, int] = field(default_factory=dict)

    @property
    def comments(self) -> list[tuple[str, int]]:
        """(comment, members who wrote it): the same words from several members are listed once."""
        return list(self.comment_counts.items())

    @property
    def mean(self) -> float | None:
        return round(self.total / self.answers, 2) if self.answers else None


@dataclass
class RoundResult:
    panel_round: PanelRound
    members: int  # serving on the closing day
    respondents: int
    criteria: list[CriterionResult]

    @property
    def response_rate(self) -> float | None:
        return self.respondents / self.members if self.members else None

    @property
    def chart(self) -> charts.BarChart:
        """One bar per criterion: the mean (0–5), each criterion's name above its bar."""
        rows = [charts.Row(label=r.label, value=r.mean, shown="-" if r.mean is None else str(r.mean))
                for r in self.criteria]
        desc = "; ".join(f"{r.label} {r.mean}{_('점')}" if r.mean is not None else f"{r.label} {_('응답 없음')}"
                         for r in self.criteria)
        title = _("%(t)s: 평가 항목별 평균 점수(5점 만점)") % {"t": self.panel_round.title}
        return charts.bar_chart(f"panel-{self.panel_round.pk}", rows, maximum=5, title=title, desc=desc)


def members_serving(on: dt.date) -> int:
    return (PanelMember.objects.filter(term_start__lte=on, term_end__gte=on)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on)).count())


def round_result(panel_round: PanelRound) -> RoundResult:
    found = {key: CriterionResult(criterion=key, label=str(label)) for key, label in PANEL_CRITERIA.items()}
    ratings = PanelRating.objects.filter(response__round=panel_round).order_by("criterion", "id")
    for rating in ratings.values("criterion", "score", "comment"):
        result = found.get(rating["criterion"])
        if result is None:
            continue
        result.answers += 1
        result.total += rating["score"]
        result.distribution[rating["score"] - 1] += 1
        comment = " ".join(rating["comment"].split())
        if comment:
            result.comment_counts[comment] = result.comment_counts.get(comment, 0) + 1
    return RoundResult(panel_round=panel_round, members=members_serving(panel_round.closes_on),
                       respondents=panel_round.responses.count(), criteria=list(found.values()))


def rounds_in_period(*, start: dt.date, end: dt.date) -> list[RoundResult]:
    """Results of the rounds whose survey period overlaps [start, end], oldest first (for the monitoring
    report); a round still open shows the answers so far."""
    rounds = PanelRound.objects.filter(opens_on__lte=end, closes_on__gte=start).order_by("closes_on", "id")
    return [round_result(panel_round) for panel_round in rounds]


def _counted(text: str, members: int) -> str:
    return text if members == 1 else _("%(text)s (%(n)s명)") % {"text": text, "n": members}


EXPORT_HEADER = [
    gettext_lazy("회차"), gettext_lazy("설문 기간"), gettext_lazy("응답 위원"), gettext_lazy("위원 수"),
    gettext_lazy("평가 항목"), gettext_lazy("응답"), gettext_lazy("평균(5점 만점)"), gettext_lazy("1점"),
    gettext_lazy("2점"), gettext_lazy("3점"), gettext_lazy("4점"), gettext_lazy("5점"), gettext_lazy("의견"),
]


def export_rows(results: list[RoundResult]) -> list[list[object]]:
    rows: list[list[object]] = []
    for result in results:
        period = f"{result.panel_round.opens_on.isoformat()} ~ {result.panel_round.closes_on.isoformat()}"
        for criterion in result.criteria:
            rows.append([result.panel_round.title, period, result.respondents, result.members, criterion.label,
                         criterion.answers, "" if criterion.mean is None else criterion.mean, *criterion.distribution,
                         " / ".join(_counted(text, n) for text, n in criterion.comments)])
    return rows
