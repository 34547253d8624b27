"""Typed amounts in case texts against computed figures: which slips count as near."""

from __future__ import annotations

import pytest

from rekom_docs.check.literals import how_near, literal_amounts, near


@pytest.mark.parametrize("typed, computed, how", [
    (23_200_000, 23_020_000, "two digits swapped"),
    (2_302_000, 23_020_000, "a digit dropped"),
    (3_752_000, 3_750_000, "one digit differs"),
    (19_300_000, 19_270_000, "off by 30 000"),
])
def test_slips_are_near(typed, computed, how):
    assert near(typed, computed)
    assert how_near(typed, computed) == how


@pytest.mark.parametrize("typed, computed", [
    (200_000, 400_000),        # round amounts: one digit apart from many different figures
    (100_000, 1_040_000),      # a round typed amount is not a dropped digit
    (3_000_000, 3_693_600),    # far apart
    (5_150_000, 1_500_000),    # different figures that share digits
])
def test_other_amounts_are_not_near(typed, computed):
    assert not near(typed, computed)


def test_typed_amounts_leave_out_tags_years_dates_and_decimals():
    text = ("Rammen er {{ kr(innstilling.frame) }} kr, i 2024 om lag 3 893 600 kr; 15.12.2021; "
            "6 074,3 årsverk; kr 400 000 og 250 000,- og 1200 kr, 10 %.")
    assert [value for _, value in literal_amounts(text)] == [3_893_600, 400_000, 250_000, 1_200]
