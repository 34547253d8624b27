"""Test-side conveniences over the engine: one-key distribution, sums, splits and disagreement lines."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from rekom_docs.engine import Disagreement, Figure, Rounding, Split, Weight, check_amount, check_tables
from rekom_docs.engine.exact import share_out, weights
from rekom_docs.present.explain import format_kroner, format_percent


@dataclass(frozen=True)
class Distribution:
    """One amount shared by weights."""

    total: int
    amounts: dict[str, int]
    exact: dict[str, Fraction]
    trail: tuple[Figure, ...]
    rounding: Rounding

    @property
    def drift(self) -> int:
        return sum(self.amounts.values()) - self.total


def distribute(total: int, shares: Mapping[str, Weight], rounding: Rounding | str = Rounding.LARGEST_REMAINDER, *,
               label: str = "", unit: str = "") -> Distribution:
    """Share `total` by `shares` with the engine's own rounding."""
    amounts, trail = share_out(Fraction(total), weights(shares), Rounding(rounding), label, unit)
    return Distribution(total, amounts, {f.recipient: f.exact for f in trail}, trail, Rounding(rounding))


def check_sum(field: str, stated: int, parts: Iterable[int]) -> tuple[Disagreement, ...]:
    """A stated total against the sum of its parts."""
    return check_amount(field, stated, sum(parts))


def check_split(result: Split, frames: Mapping[str, int]) -> tuple[Disagreement, ...]:
    """Network plus UH must equal each recipient's frame."""
    return check_tables("split", result.totals, frames)


def explain_disagreement(d: Disagreement) -> str:
    """`fixed_total: oppgitt 3 752 000 kr, beregnet 3 750 000 kr (differanse 2 000 kr)`."""
    what = f"{d.field}: {d.subject}" if d.subject else d.field
    if d.unit == "%":
        return f"{what}: oppgitt {format_percent(Fraction(d.stated))}, beregnet {format_percent(Fraction(d.computed))}"
    return (f"{what}: oppgitt {format_kroner(d.stated)}, beregnet {format_kroner(d.computed)} "
            f"(differanse {format_kroner(d.difference)})")
