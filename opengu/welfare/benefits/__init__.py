"""맞춤형 안내: benefit rules as code (plain Python, no Django). See docs/decisions/0002-benefit-rules.md.

    from opengu.welfare.benefits import BENEFITS, Household, check
    results = check(Household(on=date, birth_date=..., household_size=..., income=...))
"""

from __future__ import annotations

from opengu.welfare.benefits.catalogue import BENEFITS, BY_CODE
from opengu.welfare.benefits.engine import Household, Result, Status, evaluate
from opengu.welfare.benefits.parameters import ALL as PARAMETERS

__all__ = ["BENEFITS", "BY_CODE", "PARAMETERS", "Household", "Result", "Status", "check", "evaluate"]


def check(household: Household, codes: list[str] | None = None) -> list[Result]:
    """Every benefit (or those in `codes`) evaluated for `household`, in catalogue order."""
    chosen = [BY_CODE[code] for code in codes] if codes else list(BENEFITS)
    return [evaluate(benefit, household, PARAMETERS) for benefit in chosen]
