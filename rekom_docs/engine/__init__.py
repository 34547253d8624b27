"""The allocation engine: pure and exact; no I/O and no Norwegian text.

Amounts are whole kroner (int), shares are Fraction, weights may be int, Decimal or Fraction,
and no float is ever involved. Disagreements between stated and computed figures are returned
as `Disagreement` values naming a field, never raised; exceptions are kept for malformed input.

    wf = waterfall(17_873_000, [Item("Møter", 200_000)], reserved_share=Fraction(20, 100))
    result = allocate(wf.pot, recipients, [FlatShare(Fraction(1, 10), by="kommuner", label="Sats"),
                                           ProRata(Fraction(9, 10), by="årsverk", label="Årsverk")])
    assert result.total == wf.pot                     # every column sums exactly

Rounding modes: `Rounding.LARGEST_REMAINDER` (Hamilton; ties go to the smaller recipient id,
so input order never matters) and `Rounding.SPREADSHEET` (every cell rounded half up on its
own, like Excel's ROUND; the drift of each total is reported in `Allocation.warnings`).
"""

from .checks import Disagreement, check_amount, check_percent, check_preframes, check_tables, check_waterfall, implied_weights
from .exact import Drift, Figure, Rounding, Weight, as_fraction, round_half_up, round_percent
from .keys import (
                     Allocation,
                     BaseGrant,
                     FixedWithExceptions,
                     FlatShare,
                     Key,
                     ProRata,
                     Recipient,
                     Row,
                     ShareKey,
                     allocate,
                     fixed_item,
                     key_label,
)
from .scenario import Scenario, YearPlan, YearResult, scenario
from .split import Portion, Request, RequestCheck, Split, compare_requests, split
from .waterfall import Item, Waterfall, waterfall

__all__ = [
    "Allocation", "BaseGrant", "Disagreement", "Drift", "Figure", "FixedWithExceptions", "FlatShare", "Item", "Key",
    "Portion", "ProRata", "Recipient", "Request", "RequestCheck", "Rounding", "Row", "Scenario", "ShareKey", "Split",
    "Waterfall", "Weight", "YearPlan", "YearResult", "allocate", "as_fraction", "check_amount", "check_percent",
    "check_preframes", "check_tables", "check_waterfall", "compare_requests", "fixed_item", "implied_weights",
    "key_label", "round_half_up", "round_percent", "scenario", "split", "waterfall",
]
