"""맞춤형 안내: benefit rules as code (plain Python, no Django). See docs/decisions/0002-benefit-rules.md.

    from opengu.welfare.benefits import BENEFITS, Household, check
    results = check(Household(on=date, birth_date=..., household_size=..., income=...))
"""

from __future__ import annotations

from opengu.welfare.benefits.catalogue import BENEFITS, BY_CODE, catalogue_for
from opengu.welfare.benefits.engine import Household, Result, Status, evaluate
from opengu.welfare.benefits.parameters import ALL as PARAMETERS

__all__ = ["BENEFITS", "BY_CODE", "PARAMETERS", "Household", "Result", "Status", "catalogue_for", "check", "evaluate"]


def check(household: Household, codes: list[str] | None = None, district: str = "") -> list[Result]:
    """Every benefit (or those in `codes`) evaluated for `household`, in catalogue order; the
    district's own benefits named for `district`."""
    catalogue = catalogue_for(district)
    by_code = {benefit.code: benefit for benefit in catalogue}
    chosen = [by_code[code] for code in codes] if codes else list(catalogue)
    return [evaluate(benefit, household, PARAMETERS) for benefit in chosen]
