"""Stated figures against computed ones: each disagreement is a value, never an exception.

Why: a disagreement names a field (an id such as `fixed_total`), not a sentence, so the
stages above word it for their reader (an English error, a Norwegian note).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from .exact import as_fraction, round_percent
from .waterfall import Waterfall


@dataclass(frozen=True)
class Disagreement:
    """A stated figure that differs from the computed one: `field` says which, `subject` whose."""

    field: str
    stated: int | Fraction
    computed: int | Fraction
    unit: Literal["kr", "%"] = "kr"  # "%": both values are shares (Fraction of 1)
    subject: str = ""  # the recipient, row or year the figure belongs to

    @property
    def difference(self) -> int | Fraction:
        """Stated minus computed."""
        return self.stated - self.computed


def check_amount(field: str, stated: int, computed: int, subject: str = "") -> tuple[Disagreement, ...]:
    """A stated amount against the computed one."""
    return () if stated == computed else (Disagreement(field, stated, computed, "kr", subject),)


def check_percent(field: str, stated: Fraction, part: int | Fraction, whole: int | Fraction, *,
                  places: int = 0) -> tuple[Disagreement, ...]:
    """A percent label (as a share, e.g. Fraction(20, 100)) against part/whole.

    Why: labels are printed rounded, so they agree when part/whole rounded half up to
    `places` decimals of a percent equals the label.
    """
    computed = Fraction(part) / Fraction(whole) if whole else Fraction(0)
    if round_percent(computed, places) == as_fraction(stated) * 100:
        return ()
    return (Disagreement(field, as_fraction(stated), computed, "%"),)


def check_tables(field: str, first: Mapping[str, int], second: Mapping[str, int]) -> tuple[Disagreement, ...]:
    """Two tables that show the same quantity must agree row by row (a missing row counts as 0)."""
    names = list(first) + [name for name in second if name not in first]
    return tuple(Disagreement(field, first.get(name, 0), second.get(name, 0), "kr", name)
                 for name in names if first.get(name, 0) != second.get(name, 0))


def check_waterfall(wf: Waterfall, *, fixed_total: int | None = None, remaining: int | None = None,
                    reserved: int | None = None, reserved_share: Fraction | None = None,
                    pot: int | None = None, places: int = 0) -> tuple[Disagreement, ...]:
    """Stated waterfall figures against the computed ones; omitted figures are not checked.

    A stated percent label is checked against the stated reserved amount (or the computed one)
    as a share of the computed remainder; stated reserved + stated pot must equal the remainder.
    """
    problems: list[Disagreement] = []
    for field, stated, computed in (("fixed_total", fixed_total, wf.fixed_total), ("remaining", remaining, wf.remaining),
                                    ("reserved", reserved, wf.reserved), ("pot", pot, wf.pot)):
        if stated is not None:
            problems += check_amount(field, stated, computed)
    if reserved_share is not None:
        amount = wf.reserved if reserved is None else reserved
        problems += check_percent("reserved_share", reserved_share, amount, wf.remaining, places=places)
    if reserved is not None and pot is not None:
        problems += check_amount("reserved_and_pot", reserved + pot, wf.remaining)
    return tuple(problems)


def check_preframes(preframes: Mapping[str, int], base_grants: Mapping[str, int], pot: int) -> tuple[Disagreement, ...]:
    """Stated pre-frames: each at least its base grant, all together base grants plus pot."""
    problems: list[Disagreement] = []
    for name in list(preframes) + [name for name in base_grants if name not in preframes]:
        stated, base = preframes.get(name, 0), base_grants.get(name, 0)
        if stated < base:
            problems.append(Disagreement("preframe_below_base", stated, base, "kr", name))
    problems += check_amount("preframes_total", sum(preframes.values()), sum(base_grants.values()) + pot)
    return tuple(problems)


def implied_weights(preframes: Mapping[str, int], base_grants: Mapping[str, int]) -> dict[str, int]:
    """Pre-frame minus base grant per recipient: a pro-rata key that reproduces the pre-frames.

    Why: the seeds give the pre-frames but not the child/pupil counts behind them.
    """
    return {name: amount - base_grants.get(name, 0) for name, amount in preframes.items()}
