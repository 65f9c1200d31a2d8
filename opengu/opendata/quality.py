"""Quality per department (plan §6-2): datasets, grades, freshness and pending personal-data
decisions, counted over every dataset of the district (numbers only, no personal data).

A dataset's grade is the worst grade among its live tables ("미적재" when none is live); it is
overdue when its update cycle is not 수시 and its next due date has passed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from opengu.opendata.models import Dataset, Resource, UpdateCycle

GRADES = ("A", "B", "C", "D")
NOT_LOADED = "미적재"


@dataclass
class DepartmentQuality:
    department_id: int | None
    name: str
    datasets: int = 0
    published: int = 0
    grades: Counter[str] = field(default_factory=Counter)  # A–D and NOT_LOADED → datasets
    overdue: int = 0
    pending_decisions: int = 0  # live versions with personal-data flags and no decision

    @property
    def good_share(self) -> float | None:
        """Share of datasets graded A or B, None without datasets."""
        return (self.grades["A"] + self.grades["B"]) / self.datasets if self.datasets else None


def dataset_grade(dataset: Dataset) -> str:
    grades = [r.live_version.quality.get("grade", "D") for r in dataset.resources.all()
              if r.kind == Resource.Kind.DATASTORE and r.live_version is not None and r.live_version.quality]
    return max(grades) if grades else NOT_LOADED  # "D" > "A": the worst


def by_department(datasets: list[Dataset], *, today: dt.date) -> list[DepartmentQuality]:
    """One row per department that has datasets, ordered by department name; `datasets` must
    come with department and resources' live versions fetched (selectors.quality_datasets)."""
    rows: dict[int, DepartmentQuality] = {}
    for dataset in datasets:
        row = rows.setdefault(dataset.department_id, DepartmentQuality(dataset.department_id, dataset.department.name))
        row.datasets += 1
        row.published += dataset.published
        row.grades[dataset_grade(dataset)] += 1
        if dataset.update_cycle != UpdateCycle.AS_NEEDED and dataset.next_due is not None and dataset.next_due < today:
            row.overdue += 1
        row.pending_decisions += sum(1 for r in dataset.resources.all()
                                     if r.live_version is not None and r.live_version.needs_personal_data_decision)
    return sorted(rows.values(), key=lambda row: row.name)


def totals(rows: list[DepartmentQuality]) -> DepartmentQuality:
    total = DepartmentQuality(None, "합계")
    for row in rows:
        total.datasets += row.datasets
        total.published += row.published
        total.grades.update(row.grades)
        total.overdue += row.overdue
        total.pending_decisions += row.pending_decisions
    return total
