"""The budget waterfall: frame, minus fixed items, minus a reserved share, leaves the pot."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from .exact import as_fraction, round_half_up


@dataclass(frozen=True)
class Item:
    """A labelled amount in whole kroner."""

    label: str
    amount: int


@dataclass(frozen=True)
class Waterfall:
    """Frame minus fixed items minus a reserved share, leaving the pot for collective measures."""

    frame: int
    fixed: tuple[Item, ...]
    reserved_share: Fraction  # as given, or implied by a given amount (amount / remaining)
    reserved_exact: Fraction
    reserved: int
    reserved_given_as: Literal["share", "amount"] = "share"
    reserved_label: str = ""
    pot_label: str = ""

    @property
    def fixed_total(self) -> int:
        """Sum of the fixed items."""
        return sum(item.amount for item in self.fixed)

    @property
    def remaining(self) -> int:
        """What is left after the fixed items."""
        return self.frame - self.fixed_total

    @property
    def pot(self) -> int:
        """What is left for collective measures."""
        return self.remaining - self.reserved


def items(values: Iterable[Item | tuple[str, int]]) -> tuple[Item, ...]:
    """Items from Item values or (label, amount) pairs."""
    return tuple(value if isinstance(value, Item) else Item(*value) for value in values)


def waterfall(frame: int, fixed_items: Iterable[Item | tuple[str, int]],
              reserved_share: Fraction | None = None, *, reserved_amount: int | None = None,
              reserved_label: str = "", pot_label: str = "") -> Waterfall:
    """Frame, minus fixed items, minus a reserved share (or amount) of what remains, leaves the pot.

    The reserved share of a non-whole amount is rounded half up; the pot takes the rest, so
    the lines always add up to the frame.
    """
    if reserved_share is not None and reserved_amount is not None:
        raise ValueError("give either reserved_share or reserved_amount, not both")
    fixed = items(fixed_items)
    remaining = frame - sum(item.amount for item in fixed)
    if reserved_amount is not None:
        implied = Fraction(reserved_amount, remaining) if remaining else Fraction(0)
        return Waterfall(frame, fixed, implied, Fraction(reserved_amount), reserved_amount, "amount",
                         reserved_label, pot_label)
    share = as_fraction(reserved_share or 0)
    exact = share * remaining
    return Waterfall(frame, fixed, share, exact, round_half_up(exact), "share", reserved_label, pot_label)
