"""Allocation engine: budget waterfall, distribution keys, network/UH split, multi-year scenario.

Pure code with exact money: amounts are whole kroner (int), shares are Fraction, weights
may be int, Decimal or Fraction, and no float is ever involved. Data disagreements (a
stated total that does not add up, a percent label that does not match) are returned as
`Disagreement` values, never raised; exceptions are kept for malformed input.

Usage::

    from fractions import Fraction
    from decimal import Decimal
    from rekom_docs.allocate import (FlatShare, ProRata, Recipient, Rounding, allocate,
                                     check_sum, waterfall, Item)
    from rekom_docs.explain import explain_allocation

    nets = [Recipient("midtre", "Midtre Namdal", {"kommuner": 3, "årsverk": Decimal("228.1")}),
            Recipient("indre", "Indre Namdal", {"kommuner": 5, "årsverk": Decimal("78.4")})]
    wf = waterfall(17_873_000, [Item("Møter", 200_000)], reserved_share=Fraction(20, 100))
    result = allocate(wf.pot, nets, [FlatShare(Fraction(1, 10), by="kommuner", label="Sats 10 %"),
                                     ProRata(Fraction(9, 10), by="årsverk", label="Årsverk tildeling")],
                      Rounding.LARGEST_REMAINDER)
    assert result.total == wf.pot                     # every column sums exactly
    problems = check_sum("Faste beløp", stated=210_000, parts=[200_000])   # -> (Disagreement,)
    print("\\n".join(explain_allocation(result)))      # the "Utregning" lines, in bokmål

Rounding modes: `Rounding.LARGEST_REMAINDER` (Hamilton; ties go to the smaller recipient id,
so input order never matters) and `Rounding.SPREADSHEET` (every cell rounded half up on its
own, like Excel's ROUND; the drift of each total is reported in `Allocation.warnings`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import Literal, TypeAlias

Weight: TypeAlias = Fraction | int | Decimal
NETWORK = "nettverket"
"""Party name of the network itself in `Request.to` (anything else names a UH partner)."""


class Rounding(StrEnum):
    """How exact shares become whole kroner."""

    LARGEST_REMAINDER = "largest_remainder"
    SPREADSHEET = "spreadsheet"


# --------------------------------------------------------------------------- exact numbers


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


def _frozen(mapping: Mapping) -> Mapping:
    return MappingProxyType(dict(mapping))


def _largest_remainder(total: int, quotas: Mapping[str, Fraction]) -> dict[str, int]:
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


# --------------------------------------------------------------------------- trail


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


# --------------------------------------------------------------------------- distribute


@dataclass(frozen=True)
class Distribution:
    """One amount shared by weights: whole kroner per id, exact values and the trail."""

    total: int
    amounts: Mapping[str, int]
    exact: Mapping[str, Fraction]
    trail: tuple[Figure, ...]
    rounding: Rounding

    @property
    def drift(self) -> int:
        """Sum of rounded amounts minus the total (always 0 with largest remainder)."""
        return sum(self.amounts.values()) - self.total


def _weights(weights: Mapping[str, Weight]) -> dict[str, Fraction]:
    converted = {key: as_fraction(value) for key, value in weights.items()}
    negative = [key for key, value in converted.items() if value < 0]
    if negative:
        raise ValueError(f"negative weight for {', '.join(negative)}")
    return converted


def _share_out(basis: Fraction, weights: dict[str, Fraction], rounding: Rounding,
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
        amounts = _largest_remainder(int(basis), exact)
    else:
        amounts = {key: round_half_up(value) for key, value in exact.items()}
    trail = tuple(
        Figure(key, label, basis, weights[key], total_weight, exact[key], amounts[key],
               None if exact[key] == amounts[key] else rounding, unit)
        for key in weights
    )
    return amounts, trail


def distribute(total: int, weights: Mapping[str, Weight],
               rounding: Rounding = Rounding.LARGEST_REMAINDER, *, label: str = "",
               unit: str = "") -> Distribution:
    """Share `total` kroner pro rata by `weights` (ids to int/Decimal/Fraction)."""
    converted = _weights(weights)
    amounts, trail = _share_out(Fraction(total), converted, Rounding(rounding), label, unit)
    exact = {figure.recipient: figure.exact for figure in trail}
    return Distribution(total, _frozen(amounts), _frozen(exact), trail, Rounding(rounding))


# --------------------------------------------------------------------------- keys


@dataclass(frozen=True)
class Recipient:
    """A network receiving money, with the measures the keys can weigh by."""

    id: str
    name: str
    measures: Mapping[str, Weight] = field(default_factory=dict)


@dataclass(frozen=True)
class BaseGrant:
    """The same fixed amount to every recipient (grunntilskudd), outside the pot."""

    amount: int
    label: str = "Grunntilskudd"


@dataclass(frozen=True)
class FixedWithExceptions:
    """A fixed amount to every recipient, other amounts to the named ones (koordinering)."""

    default: int
    exceptions: Mapping[str, int] = field(default_factory=dict)
    label: str = "Koordinering"


@dataclass(frozen=True)
class FlatShare:
    """A share of the pot split by a whole count (`by` a measure) or equally (`by=None`)."""

    share: Fraction
    by: str | None = None
    label: str = ""


@dataclass(frozen=True)
class ProRata:
    """A share of the pot split pro rata by a measure (årsverk, barn, elever)."""

    share: Fraction
    by: str
    label: str = ""


Key: TypeAlias = BaseGrant | FixedWithExceptions | FlatShare | ProRata
ShareKey: TypeAlias = FlatShare | ProRata


def key_label(key: Key) -> str:
    """The column label of a key."""
    if isinstance(key, (FlatShare, ProRata)):
        return key.label or key.by or "Lik fordeling"
    return key.label


def _fixed_amounts(key: BaseGrant | FixedWithExceptions, recipients: Sequence[Recipient]) -> dict[str, int]:
    ids = {recipient.id for recipient in recipients}
    if isinstance(key, BaseGrant):
        return {recipient.id: key.amount for recipient in recipients}
    unknown = sorted(set(key.exceptions) - ids)
    if unknown:
        raise ValueError(f"{key.label}: exception for unknown recipient(s) {', '.join(unknown)}")
    return {recipient.id: key.exceptions.get(recipient.id, key.default) for recipient in recipients}


def _fixed_trail(key: BaseGrant | FixedWithExceptions, amounts: dict[str, int]) -> tuple[Figure, ...]:
    exceptions = key.exceptions if isinstance(key, FixedWithExceptions) else {}
    return tuple(
        Figure(rid, key.label, Fraction(amount), None, None, Fraction(amount), amount, None,
               method="exception" if rid in exceptions else "fixed")
        for rid, amount in amounts.items()
    )


def _measure(key: ShareKey, recipients: Sequence[Recipient]) -> dict[str, Fraction]:
    """The weights a share key uses; a FlatShare needs whole counts."""
    if key.by is None:
        return {recipient.id: Fraction(1) for recipient in recipients}
    missing = [recipient.id for recipient in recipients if key.by not in recipient.measures]
    if missing:
        raise ValueError(f"{key_label(key)}: no '{key.by}' for {', '.join(missing)}")
    weights = _weights({recipient.id: recipient.measures[key.by] for recipient in recipients})
    if isinstance(key, FlatShare) and any(weight.denominator != 1 for weight in weights.values()):
        raise ValueError(f"{key_label(key)}: '{key.by}' must be whole counts")
    return weights


def fixed_item(key: BaseGrant | FixedWithExceptions, recipients: Sequence[Recipient]) -> Item:
    """The total of a fixed key as a waterfall item (e.g. koordinering 1 300 000)."""
    return Item(key.label, sum(_fixed_amounts(key, recipients).values()))


# --------------------------------------------------------------------------- allocate


@dataclass(frozen=True)
class Row:
    """One recipient's amounts per key and its total."""

    recipient: str
    name: str
    amounts: Mapping[str, int]
    total: int
    exact_total: Fraction


@dataclass(frozen=True)
class Allocation:
    """Per recipient, per key, with column totals, the trail and drift warnings."""

    pot: int
    rounding: Rounding
    keys: tuple[str, ...]
    rows: tuple[Row, ...]
    columns: Mapping[str, int]  # sum of the cells of each key column
    parts: Mapping[str, Fraction]  # what each key shares: exact pot part or fixed total
    trail: tuple[Figure, ...]
    warnings: tuple[Drift, ...]  # spreadsheet mode only: totals that drift from exact

    @property
    def total(self) -> int:
        """Sum of the row totals."""
        return sum(row.total for row in self.rows)

    @property
    def amounts(self) -> Mapping[str, int]:
        """Row totals by recipient id."""
        return _frozen({row.recipient: row.total for row in self.rows})

    @property
    def names(self) -> Mapping[str, str]:
        """Display names by recipient id."""
        return _frozen({row.recipient: row.name for row in self.rows})

    def row(self, recipient: str) -> Row:
        """The row of one recipient id."""
        return next(row for row in self.rows if row.recipient == recipient)

    def column(self, key: str) -> Mapping[str, int]:
        """One key column by recipient id."""
        return _frozen({row.recipient: row.amounts[key] for row in self.rows})


def _pot_parts(pot: int, keys: Sequence[ShareKey], rounding: Rounding) -> tuple[list[Fraction], tuple[Figure, ...]]:
    """What each share key distributes; with largest remainder the parts are whole and sum to the pot.

    Why: a spreadsheet shares the exact part (10 % of the pot), so spreadsheet mode keeps it exact.
    """
    if not keys:
        if pot:
            raise ValueError(f"a pot of {pot} kr needs at least one share key")
        return [], ()
    shares = [as_fraction(key.share) for key in keys]
    if sum(shares) != 1 or any(share < 0 for share in shares):
        raise ValueError(f"the shares of the pot must be non-negative and sum to 1, got {sum(shares)}")
    exact = {f"{index:06d}": pot * share for index, share in enumerate(shares)}
    if rounding is Rounding.LARGEST_REMAINDER:
        whole = _largest_remainder(pot, exact)
        parts = [Fraction(whole[index]) for index in exact]
    else:
        parts = list(exact.values())
    trail = []
    for key, share, exact_part, part in zip(keys, shares, exact.values(), parts):
        amount = round_half_up(part)  # the printed column total; in spreadsheet mode `part` stays exact
        trail.append(Figure(None, key_label(key), Fraction(pot), share, Fraction(1), exact_part, amount,
                            None if amount == exact_part else rounding, method="part"))
    return parts, tuple(trail)


def allocate(pot: int, recipients: Sequence[Recipient], keys: Sequence[Key],
             rounding: Rounding = Rounding.LARGEST_REMAINDER) -> Allocation:
    """Share `pot` by the share keys and add the fixed keys; one column per key.

    Share keys (FlatShare, ProRata) split the pot and their shares must sum to 1; fixed keys
    (BaseGrant, FixedWithExceptions) come on top of the pot. Row total: sum of the cells, but in
    spreadsheet mode round(exact row sum), as the legacy sheet did.
    """
    rounding = Rounding(rounding)
    ids = [recipient.id for recipient in recipients]
    if len(set(ids)) != len(ids):
        raise ValueError("recipient ids must be unique")
    labels = [key_label(key) for key in keys]
    if len(set(labels)) != len(labels):
        raise ValueError("key labels must be unique")
    share_keys = [key for key in keys if isinstance(key, (FlatShare, ProRata))]
    parts, part_trail = _pot_parts(pot, share_keys, rounding)
    next_part = iter(parts)

    cells: dict[str, dict[str, int]] = {}
    exact: dict[str, dict[str, Fraction]] = {}
    trail: list[Figure] = list(part_trail)
    totals: dict[str, Fraction] = {}
    for key, label in zip(keys, labels):
        if isinstance(key, (BaseGrant, FixedWithExceptions)):
            amounts = _fixed_amounts(key, recipients)
            figures = _fixed_trail(key, amounts)
            totals[label] = Fraction(sum(amounts.values()))
        else:
            basis = next(next_part)
            amounts, figures = _share_out(basis, _measure(key, recipients), rounding, label, key.by or "")
            totals[label] = basis
        cells[label] = amounts
        exact[label] = {figure.recipient: figure.exact for figure in figures}
        trail.extend(figures)

    rows = []
    for recipient in recipients:
        row_cells = {label: cells[label][recipient.id] for label in labels}
        exact_total = sum((exact[label][recipient.id] for label in labels), Fraction(0))
        total = round_half_up(exact_total) if rounding is Rounding.SPREADSHEET else sum(row_cells.values())
        rows.append(Row(recipient.id, recipient.name, _frozen(row_cells), total, exact_total))
        trail.append(Figure(recipient.id, "Sum", exact_total, None, None, exact_total, total,
                            None if total == exact_total else rounding, method="sum"))

    columns = {label: sum(cells[label].values()) for label in labels}
    warnings = []
    if rounding is Rounding.SPREADSHEET:
        checked = [(label, columns[label], totals[label]) for label in labels]
        checked.append(("Sum", sum(row.total for row in rows), sum(totals.values(), Fraction(0))))
        warnings = [Drift(label, rounded, whole) for label, rounded, whole in checked if rounded != whole]
    return Allocation(pot, rounding, tuple(labels), tuple(rows), _frozen(columns), _frozen(totals),
                      tuple(trail), tuple(warnings))


# --------------------------------------------------------------------------- waterfall


@dataclass(frozen=True)
class Item:
    """A labelled amount in whole kroner."""

    label: str
    amount: int


@dataclass(frozen=True)
class Line:
    """One printable line of a waterfall."""

    label: str
    amount: int
    kind: Literal["frame", "fixed", "fixed_total", "remaining", "reserved", "pot"]
    share: Fraction | None = None  # for the reserved line: share of `basis`
    basis: int | None = None
    exact: Fraction | None = None


@dataclass(frozen=True)
class Waterfall:
    """Frame minus fixed items minus a reserved share, leaving the pot for collective measures."""

    frame: int
    fixed: tuple[Item, ...]
    reserved_share: Fraction  # as given, or implied by a given amount (amount / remaining)
    reserved_exact: Fraction
    reserved: int
    reserved_given_as: Literal["share", "amount"] = "share"
    reserved_label: str = "Individuelle tiltak"
    pot_label: str = "Kollektive tiltak"

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

    @property
    def lines(self) -> tuple[Line, ...]:
        """The waterfall as labelled lines, top to bottom."""
        return (
            Line("Ramme", self.frame, "frame"),
            *(Line(item.label, item.amount, "fixed") for item in self.fixed),
            Line("Sum faste beløp", self.fixed_total, "fixed_total"),
            Line("Til fordeling etter faste beløp", self.remaining, "remaining"),
            Line(self.reserved_label, self.reserved, "reserved", self.reserved_share, self.remaining,
                 self.reserved_exact),
            Line(self.pot_label, self.pot, "pot"),
        )


def _items(items: Iterable[Item | tuple[str, int]]) -> tuple[Item, ...]:
    return tuple(item if isinstance(item, Item) else Item(*item) for item in items)


def waterfall(frame: int, fixed_items: Iterable[Item | tuple[str, int]],
              reserved_share: Fraction | None = None, *, reserved_amount: int | None = None,
              reserved_label: str = "Individuelle tiltak", pot_label: str = "Kollektive tiltak") -> Waterfall:
    """Frame, minus fixed items, minus a reserved share (or amount) of what remains, leaves the pot.

    The reserved share of a non-whole amount is rounded half up; the pot takes the rest, so
    the lines always add up to the frame.
    """
    if reserved_share is not None and reserved_amount is not None:
        raise ValueError("give either reserved_share or reserved_amount, not both")
    items = _items(fixed_items)
    remaining = frame - sum(item.amount for item in items)
    if reserved_amount is not None:
        implied = Fraction(reserved_amount, remaining) if remaining else Fraction(0)
        return Waterfall(frame, items, implied, Fraction(reserved_amount), reserved_amount, "amount",
                         reserved_label, pot_label)
    share = as_fraction(reserved_share or 0)
    exact = share * remaining
    return Waterfall(frame, items, share, exact, round_half_up(exact), "share", reserved_label, pot_label)


# --------------------------------------------------------------------------- checks


@dataclass(frozen=True)
class Disagreement:
    """A stated figure that differs from the computed one (or from the same figure elsewhere)."""

    what: str
    stated: int | Fraction
    computed: int | Fraction
    unit: Literal["kr", "%"] = "kr"  # "%": both values are shares (Fraction of 1)
    stated_as: str = "oppgitt"
    computed_as: str = "beregnet"

    @property
    def difference(self) -> int | Fraction:
        """Stated minus computed."""
        return self.stated - self.computed


def check_amount(what: str, stated: int, computed: int, *, stated_as: str = "oppgitt",
                 computed_as: str = "beregnet") -> tuple[Disagreement, ...]:
    """A stated amount against the computed one."""
    if stated == computed:
        return ()
    return (Disagreement(what, stated, computed, "kr", stated_as, computed_as),)


def check_sum(what: str, stated: int, parts: Iterable[int]) -> tuple[Disagreement, ...]:
    """A stated total against the sum of its parts."""
    return check_amount(what, stated, sum(parts), computed_as="sum av delene")


def check_percent(what: str, stated: Fraction, part: int | Fraction, whole: int | Fraction, *,
                  places: int = 0) -> tuple[Disagreement, ...]:
    """A percent label (as a share, e.g. Fraction(20, 100)) against part/whole.

    Why: labels are printed rounded, so they agree when part/whole rounded half up to
    `places` decimals of a percent equals the label.
    """
    computed = Fraction(part) / Fraction(whole) if whole else Fraction(0)
    if round_percent(computed, places) == as_fraction(stated) * 100:
        return ()
    return (Disagreement(what, as_fraction(stated), computed, "%"),)


def check_tables(what: str, first: Mapping[str, int], second: Mapping[str, int], *,
                 first_as: str = "første tabell", second_as: str = "andre tabell") -> tuple[Disagreement, ...]:
    """Two tables that show the same quantity must agree row by row (a missing row counts as 0)."""
    names = list(first) + [name for name in second if name not in first]
    return tuple(
        Disagreement(f"{what}: {name}", first.get(name, 0), second.get(name, 0), "kr", first_as, second_as)
        for name in names
        if first.get(name, 0) != second.get(name, 0)
    )


def check_waterfall(wf: Waterfall, *, fixed_total: int | None = None, remaining: int | None = None,
                    reserved: int | None = None, reserved_share: Fraction | None = None,
                    pot: int | None = None, places: int = 0) -> tuple[Disagreement, ...]:
    """Stated waterfall figures against the computed ones; omitted figures are not checked.

    A stated percent label is checked against the stated reserved amount (or the computed one)
    as a share of the computed remainder; stated reserved + stated pot must equal the remainder.
    """
    problems: list[Disagreement] = []
    for what, stated, computed in (("Sum faste beløp", fixed_total, wf.fixed_total),
                                   ("Til fordeling etter faste beløp", remaining, wf.remaining),
                                   (wf.reserved_label, reserved, wf.reserved),
                                   (wf.pot_label, pot, wf.pot)):
        if stated is not None:
            problems += check_amount(what, stated, computed)
    if reserved_share is not None:
        amount = wf.reserved if reserved is None else reserved
        problems += check_percent(f"{wf.reserved_label}: prosentsats", reserved_share, amount,
                                  wf.remaining, places=places)
    if reserved is not None and pot is not None:
        problems += check_amount(f"{wf.reserved_label} + {wf.pot_label}", reserved + pot, wf.remaining,
                                 stated_as="sum av oppgitte tall", computed_as="til fordeling")
    return tuple(problems)


def check_preframes(preframes: Mapping[str, int], base_grants: Mapping[str, int], pot: int) -> tuple[Disagreement, ...]:
    """Stated pre-frames: each at least its base grant, all together base grants plus pot."""
    problems: list[Disagreement] = []
    for name in list(preframes) + [name for name in base_grants if name not in preframes]:
        stated, base = preframes.get(name, 0), base_grants.get(name, 0)
        if stated < base:
            problems.append(Disagreement(f"Forhåndsramme {name} er under grunntilskuddet", stated, base,
                                         computed_as="grunntilskudd"))
    problems += check_amount("Sum forhåndsrammer", sum(preframes.values()), sum(base_grants.values()) + pot,
                             stated_as="sum av oppgitte", computed_as="grunntilskudd + til fordeling")
    return tuple(problems)


def implied_weights(preframes: Mapping[str, int], base_grants: Mapping[str, int]) -> dict[str, int]:
    """Pre-frame minus base grant per recipient: a pro-rata key that reproduces the pre-frames.

    Why: the seeds give the pre-frames but not the child/pupil counts behind them.
    """
    return {name: amount - base_grants.get(name, 0) for name, amount in preframes.items()}


# --------------------------------------------------------------------------- network / UH


@dataclass(frozen=True)
class Portion:
    """One recipient's amount split between the network and its university partner(s)."""

    recipient: str
    to_network: int
    to_uh: Mapping[str, int]

    @property
    def uh_total(self) -> int:
        """Everything to UH partners."""
        return sum(self.to_uh.values())

    @property
    def total(self) -> int:
        """Network plus UH."""
        return self.to_network + self.uh_total

    @property
    def network_share(self) -> Fraction:
        """The network's part of the total."""
        return Fraction(self.to_network, self.total) if self.total else Fraction(0)


@dataclass(frozen=True)
class Split:
    """Portions per recipient with totals per UH partner."""

    portions: tuple[Portion, ...]

    @property
    def network_total(self) -> int:
        """Everything to the networks."""
        return sum(portion.to_network for portion in self.portions)

    @property
    def uh_totals(self) -> Mapping[str, int]:
        """Total per UH partner, in order of first appearance."""
        totals: dict[str, int] = {}
        for portion in self.portions:
            for uh, amount in portion.to_uh.items():
                totals[uh] = totals.get(uh, 0) + amount
        return _frozen(totals)

    @property
    def uh_total(self) -> int:
        """Everything to UH partners."""
        return sum(portion.uh_total for portion in self.portions)

    @property
    def total(self) -> int:
        """Networks plus UH."""
        return self.network_total + self.uh_total

    @property
    def totals(self) -> Mapping[str, int]:
        """Network plus UH per recipient."""
        return _frozen({portion.recipient: portion.total for portion in self.portions})


def split(portions: Iterable[Portion | tuple[str, int, Mapping[str, int]]]) -> Split:
    """Collect network/UH portions; negative amounts are refused."""
    collected = tuple(portion if isinstance(portion, Portion) else Portion(*portion) for portion in portions)
    for portion in collected:
        if portion.to_network < 0 or any(amount < 0 for amount in portion.to_uh.values()):
            raise ValueError(f"negative amount in the split of {portion.recipient}")
    return Split(collected)


def check_split(result: Split, frames: Mapping[str, int], *, frame_as: str = "ramme") -> tuple[Disagreement, ...]:
    """Network plus UH must equal each recipient's frame (e.g. the printed "Pro rata ramme")."""
    return check_tables("Til nettverket + til UH", result.totals, frames,
                        first_as="nettverk + UH", second_as=frame_as)


@dataclass(frozen=True)
class Request:
    """A need stated in a network's decision basis: `amount` to `to` (NETWORK or a UH name)."""

    recipient: str
    to: str
    amount: int


@dataclass(frozen=True)
class RequestCheck:
    """Requests of one recipient against its frame."""

    recipient: str
    frame: int
    by_party: Mapping[str, int]

    @property
    def requested(self) -> int:
        """Everything requested."""
        return sum(self.by_party.values())

    @property
    def difference(self) -> int:
        """Requested minus frame (negative: room left)."""
        return self.requested - self.frame

    @property
    def excess(self) -> int:
        """How much the requests exceed the frame (0 when within)."""
        return max(0, self.difference)


def compare_requests(frames: Mapping[str, int], requests: Iterable[Request]) -> tuple[RequestCheck, ...]:
    """Requests per recipient against its frame; a recipient without a frame has frame 0."""
    parties: dict[str, dict[str, int]] = {name: {} for name in frames}
    for request in requests:
        by_party = parties.setdefault(request.recipient, {})
        by_party[request.to] = by_party.get(request.to, 0) + request.amount
    return tuple(RequestCheck(name, frames.get(name, 0), _frozen(by_party)) for name, by_party in parties.items())


# --------------------------------------------------------------------------- multi-year


@dataclass(frozen=True)
class YearPlan:
    """One year of a scenario: the reserved share (or amount) and its individual-measure lines."""

    year: int
    reserved_share: Fraction | None = None
    reserved_amount: int | None = None
    individual: tuple[Item, ...] = ()
    residual_label: str = "Andre"


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
             reserved_label: str = "Individuelle tiltak", pot_label: str = "Kollektive tiltak") -> Scenario:
    """Each year: the waterfall, then the reserved amount split into named lines plus a residual line.

    A residual below zero (named lines exceed the reserve) is reported as a Disagreement.
    """
    items = _items(fixed_items)
    results: list[YearResult] = []
    problems: list[Disagreement] = []
    for plan in years:
        wf = waterfall(frame, items, plan.reserved_share, reserved_amount=plan.reserved_amount,
                       reserved_label=reserved_label, pot_label=pot_label)
        residual = wf.reserved - sum(item.amount for item in plan.individual)
        if residual < 0:
            problems.append(Disagreement(f"{plan.year}: individuelle linjer", sum(i.amount for i in plan.individual),
                                         wf.reserved, stated_as="sum av linjene", computed_as="avsatt"))
        results.append(YearResult(plan.year, wf, (*plan.individual, Item(plan.residual_label, residual))))
    return Scenario(frame, tuple(results), tuple(problems))
