"""Property tests of the allocation engine (kept small: a few seconds in all)."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from rekom_docs.engine import (
    BaseGrant,
    FlatShare,
    ProRata,
    Recipient,
    Rounding,
    allocate,
    round_half_up,
    waterfall,
)
from tests.engine.helpers import distribute

FAST = settings(max_examples=60, deadline=None)

ids = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå", min_size=1, max_size=6)
fte = st.one_of(st.integers(min_value=0, max_value=4).map(Decimal),  # small whole weights: many ties
                st.integers(min_value=0, max_value=50_000).map(lambda tenths: Decimal(tenths) / 10))  # 228.1
weights = st.dictionaries(ids, fte, min_size=1, max_size=12).filter(lambda w: any(w.values()))
pots = st.integers(min_value=0, max_value=30_000_000)


@st.composite
def networks(draw: st.DrawFn) -> list[Recipient]:
    """Recipients with a whole municipality count (at least one > 0) and årsverk (at least one > 0)."""
    fte_by_id = draw(weights)
    counts = draw(st.lists(st.integers(0, 12), min_size=len(fte_by_id), max_size=len(fte_by_id))
                  .filter(lambda c: any(c)))
    return [Recipient(rid, rid.upper(), {"kommuner": count, "årsverk": fte_by_id[rid]})
            for rid, count in zip(fte_by_id, counts)]


def _keys(flat: Fraction) -> list:
    return [BaseGrant(150_000, "Grunntilskudd"), FlatShare(flat, by="kommuner", label="Flat"),
            ProRata(1 - flat, by="årsverk", label="Årsverk")]


flat_shares = st.fractions(min_value=0, max_value=1, max_denominator=100)


@FAST
@given(pots, weights)
def test_largest_remainder_total_is_exact_and_each_amount_is_floor_or_ceiling(pot: int, w: dict) -> None:
    result = distribute(pot, w)
    assert sum(result.amounts.values()) == pot
    assert all(math.floor(result.exact[k]) <= result.amounts[k] <= math.ceil(result.exact[k]) for k in w)


@FAST
@given(pots, networks(), flat_shares)
def test_allocation_columns_sum_to_their_parts_and_nothing_is_negative(pot: int, nets: list, flat: Fraction) -> None:
    result = allocate(pot, nets, _keys(flat))
    assert result.total == pot + 150_000 * len(nets)
    assert result.columns["Flat"] + result.columns["Årsverk"] == pot
    assert dict(result.columns) == dict(result.parts.items())
    assert all(amount >= 0 for row in result.rows for amount in row.amounts.values())


@FAST
@given(pots, weights, st.data())
def test_more_weight_never_gives_less(pot: int, w: dict, data: st.DataObject) -> None:
    rid = data.draw(st.sampled_from(sorted(w)))
    extra = data.draw(st.integers(min_value=1, max_value=10_000).map(lambda tenths: Decimal(tenths) / 10))
    before = distribute(pot, w).amounts[rid]
    after = distribute(pot, {**w, rid: w[rid] + extra}).amounts[rid]
    assert after >= before


@FAST
@given(pots, networks(), flat_shares, st.sampled_from(list(Rounding)), st.randoms(use_true_random=False))
def test_order_of_recipients_changes_nothing(pot: int, nets: list, flat: Fraction, rounding: Rounding,
                                             rng) -> None:
    shuffled = list(nets)
    rng.shuffle(shuffled)
    first, second = allocate(pot, nets, _keys(flat), rounding), allocate(pot, shuffled, _keys(flat), rounding)
    assert {row.recipient: dict(row.amounts) for row in first.rows} == {
        row.recipient: dict(row.amounts) for row in second.rows}
    assert first.warnings == second.warnings


@FAST
@given(pots, networks(), flat_shares, st.sampled_from(list(Rounding)))
def test_zero_weight_gets_only_the_weight_free_parts(pot: int, nets: list, flat: Fraction,
                                                     rounding: Rounding) -> None:
    zero = Recipient("nullverk", "Null", {"kommuner": 3, "årsverk": Decimal(0)})
    row = allocate(pot, [*nets, zero], _keys(flat), rounding).row("nullverk")
    assert row.amounts["Årsverk"] == 0
    assert row.total == row.amounts["Grunntilskudd"] + row.amounts["Flat"]
    # Whatever the others' årsverk, the zero-weight recipient's amounts stay the same.
    heavier = [Recipient(n.id, n.name, {**n.measures, "årsverk": n.measures["årsverk"] * 3 + 1}) for n in nets]
    assert allocate(pot, [*heavier, zero], _keys(flat), rounding).row("nullverk") == row


@FAST
@given(pots, weights)
def test_spreadsheet_cells_are_rounded_on_their_own_and_the_drift_is_reported(pot: int, w: dict) -> None:
    result = distribute(pot, w, Rounding.SPREADSHEET)
    assert all(result.amounts[k] == round_half_up(result.exact[k]) for k in w)
    assert result.drift == sum(result.amounts.values()) - pot
    assert 2 * abs(result.drift) <= len(w)


@FAST
@given(pots, networks(), flat_shares)
def test_spreadsheet_warnings_list_exactly_the_drifting_columns(pot: int, nets: list, flat: Fraction) -> None:
    result = allocate(pot, nets, _keys(flat), Rounding.SPREADSHEET)
    drifting = {label for label in result.keys if result.columns[label] != result.parts[label]}
    if sum(row.total for row in result.rows) != pot + 150_000 * len(nets):
        drifting.add("total")
    assert {drift.column for drift in result.warnings} == drifting
    assert all(drift.drift != 0 for drift in result.warnings)


@FAST
@given(st.integers(0, 50_000_000), st.lists(st.integers(0, 2_000_000), max_size=6), flat_shares)
def test_waterfall_lines_always_add_up_to_the_frame(frame: int, fixed: list[int], share: Fraction) -> None:
    wf = waterfall(frame, [(f"Post {i}", amount) for i, amount in enumerate(fixed)], share)
    assert wf.fixed_total + wf.reserved + wf.pot == frame
    assert abs(wf.reserved - share * wf.remaining) <= Fraction(1, 2)
