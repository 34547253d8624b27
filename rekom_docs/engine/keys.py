"""Distribution keys and the allocation of a pot between recipients, one column per key."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TypeAlias

from .exact import Drift, Figure, Rounding, Weight, as_fraction, frozen, largest_remainder, round_half_up, share_out, weights
from .waterfall import Item


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
    label: str = ""


@dataclass(frozen=True)
class FixedWithExceptions:
    """A fixed amount to every recipient, other amounts to the named ones (koordinering)."""

    default: int
    exceptions: Mapping[str, int] = field(default_factory=dict)
    label: str = ""


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
        return key.label or key.by or "equal"
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
    measured = weights({recipient.id: recipient.measures[key.by] for recipient in recipients})
    if isinstance(key, FlatShare) and any(weight.denominator != 1 for weight in measured.values()):
        raise ValueError(f"{key_label(key)}: '{key.by}' must be whole counts")
    return measured


def fixed_item(key: BaseGrant | FixedWithExceptions, recipients: Sequence[Recipient]) -> Item:
    """The total of a fixed key as a waterfall item (e.g. koordinering 1 300 000)."""
    return Item(key.label, sum(_fixed_amounts(key, recipients).values()))


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
        return frozen({row.recipient: row.total for row in self.rows})

    @property
    def names(self) -> Mapping[str, str]:
        """Display names by recipient id."""
        return frozen({row.recipient: row.name for row in self.rows})

    def row(self, recipient: str) -> Row:
        """The row of one recipient id."""
        return next(row for row in self.rows if row.recipient == recipient)

    def column(self, key: str) -> Mapping[str, int]:
        """One key column by recipient id."""
        return frozen({row.recipient: row.amounts[key] for row in self.rows})


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
        whole = largest_remainder(pot, exact)
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
    exact: dict[str, dict[str | None, Fraction]] = {}
    trail: list[Figure] = list(part_trail)
    totals: dict[str, Fraction] = {}
    for key, label in zip(keys, labels):
        if isinstance(key, (BaseGrant, FixedWithExceptions)):
            amounts = _fixed_amounts(key, recipients)
            figures = _fixed_trail(key, amounts)
            totals[label] = Fraction(sum(amounts.values()))
        else:
            basis = next(next_part)
            amounts, figures = share_out(basis, _measure(key, recipients), rounding, label, key.by or "")
            totals[label] = basis
        cells[label] = amounts
        exact[label] = {figure.recipient: figure.exact for figure in figures}
        trail.extend(figures)

    rows = []
    for recipient in recipients:
        row_cells = {label: cells[label][recipient.id] for label in labels}
        exact_total = sum((exact[label][recipient.id] for label in labels), Fraction(0))
        total = round_half_up(exact_total) if rounding is Rounding.SPREADSHEET else sum(row_cells.values())
        rows.append(Row(recipient.id, recipient.name, frozen(row_cells), total, exact_total))
        trail.append(Figure(recipient.id, "total", exact_total, None, None, exact_total, total,
                            None if total == exact_total else rounding, method="sum"))

    columns = {label: sum(cells[label].values()) for label in labels}
    warnings = []
    if rounding is Rounding.SPREADSHEET:
        checked = [(label, columns[label], totals[label]) for label in labels]
        checked.append(("total", sum(row.total for row in rows), sum(totals.values(), Fraction(0))))
        warnings = [Drift(label, rounded, whole) for label, rounded, whole in checked if rounded != whole]
    return Allocation(pot, rounding, tuple(labels), tuple(rows), frozen(columns), frozen(totals),
                      tuple(trail), tuple(warnings))
