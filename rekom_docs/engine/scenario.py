"""A multi-year plan: the waterfall of each year and its individual-measure lines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from .checks import Disagreement
from .waterfall import Item, Waterfall, items, waterfall


@dataclass(frozen=True)
class YearPlan:
    """One year of a scenario: the reserved share (or amount) and its individual-measure lines."""

    year: int
    reserved_share: Fraction | None = None
    reserved_amount: int | None = None
    individual: tuple[Item, ...] = ()
    residual_label: str = ""


@dataclass(frozen=True)
class YearResult:
    """One computed year: its waterfall and the individual lines, the residual line last."""

    year: int
    waterfall: Waterfall
    individual: tuple[Item, ...]


@dataclass(frozen=True)
class Scenario:
    """A multi-year plan with a fixed frame and fixed items."""

    frame: int
    years: tuple[YearResult, ...]
    problems: tuple[Disagreement, ...]

    def year(self, year: int) -> YearResult:
        """The result of one year."""
        return next(result for result in self.years if result.year == year)


def scenario(frame: int, fixed_items: Iterable[Item | tuple[str, int]], years: Iterable[YearPlan], *,
             reserved_label: str = "", pot_label: str = "") -> Scenario:
    """Each year: the waterfall, then the reserved amount split into named lines plus a residual line.

    A residual below zero (named lines exceed the reserve) is reported as a Disagreement.
    """
    fixed = items(fixed_items)
    results: list[YearResult] = []
    problems: list[Disagreement] = []
    for plan in years:
        wf = waterfall(frame, fixed, plan.reserved_share, reserved_amount=plan.reserved_amount,
                       reserved_label=reserved_label, pot_label=pot_label)
        residual = wf.reserved - sum(item.amount for item in plan.individual)
        if residual < 0:
            problems.append(Disagreement("year_lines", sum(i.amount for i in plan.individual), wf.reserved,
                                         "kr", str(plan.year)))
        results.append(YearResult(plan.year, wf, (*plan.individual, Item(plan.residual_label, residual))))
    return Scenario(frame, tuple(results), tuple(problems))
