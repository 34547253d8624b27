"""Exact numbers: fractions from exact inputs, rounding modes, largest remainder, and the trail of each figure."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import Literal, TypeAlias

Weight: TypeAlias = Fraction | int | Decimal


class Rounding(StrEnum):
    """How exact shares become whole kroner."""

    LARGEST_REMAINDER = "largest_remainder"
    SPREADSHEET = "spreadsheet"


def as_fraction(value: Weight) -> Fraction:
    """An exact Fraction from int, Decimal or Fraction; float and bool are refused."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, Fraction)):
        raise TypeError(f"expected an exact number (int, Decimal or Fraction), got {value!r}")
    return Fraction(value)


def round_half_up(value: Fraction | int) -> int:
    """Round to the nearest integer, halves away from zero (Excel's ROUND(x; 0))."""
    value = Fraction(value)
    magnitude = math.floor(abs(value) + Fraction(1, 2))
    return magnitude if value >= 0 else -magnitude


def round_percent(share: Fraction, places: int = 0) -> Fraction:
    """A share as a percent rounded half up to `places` decimals (as a Fraction of percent)."""
    scale = 10**places
    return Fraction(round_half_up(share * 100 * scale), scale)


def frozen(mapping: Mapping) -> Mapping:
    return MappingProxyType(dict(mapping))


def largest_remainder(total: int, quotas: Mapping[str, Fraction]) -> dict[str, int]:
    """Hamilton: floors first, then one krone each to the largest remainders.

    Why: ties are broken by id (ascending), so the result does not depend on input order.
    """
    amounts = {key: math.floor(quota) for key, quota in quotas.items()}
    left = total - sum(amounts.values())
    if not 0 <= left <= len(amounts):
        raise ValueError(f"quotas do not add up to {total}")
    by_remainder = sorted(quotas, key=lambda key: (-(quotas[key] - amounts[key]), key))
    for key in by_remainder[:left]:
        amounts[key] += 1
    return amounts


@dataclass(frozen=True)
class Figure:
    """How one figure was reached: key, share, exact value and the rounding applied."""

    recipient: str | None  # None for pot-level figures (e.g. the part of the pot a key shares)
    key: str
    basis: Fraction  # the amount being shared (or the fixed amount itself)
    weight: Fraction | None  # this recipient's weight; None for fixed amounts
    total_weight: Fraction | None
    exact: Fraction
    amount: int
    rounding: Rounding | None  # None when no rounding was needed
    unit: str = ""  # what the weight counts: "kommuner", "årsverk"
    method: Literal["share", "fixed", "exception", "sum", "part"] = "share"

    @property
    def share(self) -> Fraction:
        """The fraction of `basis` this figure is (1 for fixed amounts)."""
        if self.weight is None or not self.total_weight:
            return Fraction(1) if self.weight is None else Fraction(0)
        return self.weight / self.total_weight

    @property
    def percent(self) -> Fraction:
        """The share in percent, exact."""
        return self.share * 100

    @property
    def adjustment(self) -> Fraction:
        """Rounded amount minus the exact value."""
        return self.amount - self.exact


@dataclass(frozen=True)
class Drift:
    """Spreadsheet mode: a printed total (sum of rounded cells) differs from the exact total."""

    column: str
    rounded_sum: int
    exact: Fraction

    @property
    def drift(self) -> Fraction:
        """Sum of rounded cells minus the exact total."""
        return self.rounded_sum - self.exact


def weights(weights: Mapping[str, Weight]) -> dict[str, Fraction]:
    converted = {key: as_fraction(value) for key, value in weights.items()}
    negative = [key for key, value in converted.items() if value < 0]
    if negative:
        raise ValueError(f"negative weight for {', '.join(negative)}")
    return converted


def share_out(basis: Fraction, weights: dict[str, Fraction], rounding: Rounding,
               label: str, unit: str) -> tuple[dict[str, int], tuple[Figure, ...]]:
    """Share `basis` by `weights`; with largest remainder `basis` must be whole kroner."""
    total_weight = sum(weights.values(), Fraction(0))
    if total_weight == 0:
        if basis:
            raise ValueError(f"cannot share {basis} kr by {label or unit or 'weights'}: all weights are zero")
        exact = dict.fromkeys(weights, Fraction(0))
    else:
        exact = {key: basis * weight / total_weight for key, weight in weights.items()}
    if rounding is Rounding.LARGEST_REMAINDER:
        if basis.denominator != 1:
            raise ValueError(f"largest remainder needs whole kroner to share, got {basis}")
        amounts = largest_remainder(int(basis), exact)
    else:
        amounts = {key: round_half_up(value) for key, value in exact.items()}
    trail = tuple(
        Figure(key, label, basis, weights[key], total_weight, exact[key], amounts[key],
               None if exact[key] == amounts[key] else rounding, unit)
        for key in weights
    )
    return amounts, trail
