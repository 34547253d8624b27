"""Value parsers: money, decimals, percentages, clock times and slots never go through float."""

from __future__ import annotations

from datetime import time
from decimal import Decimal
from fractions import Fraction

import pytest

from rekom_docs.model.values import parse_cell, parse_clock, parse_decimal, parse_money, parse_percent, parse_slot


@pytest.mark.parametrize("raw, kroner", [(17873000, 17873000), ("17 873 000", 17873000), ("17\u00a0873\u00a0000", 17873000), ("0", 0)])
def test_money(raw, kroner):
    assert parse_money(raw) == kroner


@pytest.mark.parametrize("raw", ["17.873.000", "1 2345", "10.5", True, 10.5, "kr 100"])
def test_money_refuses_ambiguous_or_inexact_input(raw):
    with pytest.raises(ValueError):
        parse_money(raw)


def test_decimal_is_exact_and_refuses_float():
    assert parse_decimal("228.1") == Decimal("228.1")
    assert parse_decimal("228,1") == Decimal("228.1")
    with pytest.raises(ValueError):
        parse_decimal(228.1)


@pytest.mark.parametrize("raw, share", [("20 %", Fraction(1, 5)), ("12.5%", Fraction(1, 8)), (30, Fraction(3, 10))])
def test_percent(raw, share):
    assert parse_percent(raw) == share


def test_percent_out_of_range():
    with pytest.raises(ValueError, match="between 0 and 100"):
        parse_percent("120 %")


@pytest.mark.parametrize("raw", ["08:30", "08.30", "8.30", "08. 30"])
def test_clock_accepts_norwegian_and_iso_forms(raw):
    assert parse_clock(raw) == time(8, 30)


@pytest.mark.parametrize("raw", ["24.00", "8", "08:60", 510])
def test_clock_refuses_non_times(raw):
    with pytest.raises(ValueError):
        parse_clock(raw)


def test_slot_with_en_dash_and_order():
    assert parse_slot("08.30 – 08.45") == (time(8, 30), time(8, 45))
    with pytest.raises(ValueError, match="ends before it starts"):
        parse_slot("09.00-08.45")


def test_cells():
    assert parse_cell("654 521") == 654521
    assert parse_cell("3,8") == Decimal("3.8")
    assert parse_cell("Innherred") == "Innherred"
