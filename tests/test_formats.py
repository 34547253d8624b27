"""English message numbers (plain_number): whole, decimal and exact fractional values."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from rekom_docs.formats import plain_number


@pytest.mark.parametrize(("value", "text"), [
    (17873000, "17 873 000"),
    (-10000, "-10 000"),
    (Decimal("91484.21"), "91 484.21"),
    (Fraction(200001, 2), "100 000.5"),  # an exact pot part need not be whole kroner
    (Fraction(-3, 2), "-1.5"),
    (Fraction(7), "7"),
    (Fraction(1000000, 3), "333 333.33"),  # no finite expansion: two decimals
])
def test_plain_number(value, text):
    assert plain_number(value) == text
