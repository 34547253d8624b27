"""Unit tests of the allocation engine and its bokmål explanations."""

from __future__ import annotations

import ast
import inspect
from decimal import Decimal
from fractions import Fraction

import pytest

import rekom_docs.engine as engine_package
import rekom_docs.present.explain as explain_module
from rekom_docs.engine import (
    BaseGrant,
    Disagreement,
    FixedWithExceptions,
    FlatShare,
    Item,
    Portion,
    ProRata,
    Recipient,
    Request,
    Rounding,
    YearPlan,
    allocate,
    check_amount,
    check_percent,
    check_preframes,
    check_tables,
    check_waterfall,
    compare_requests,
    fixed_item,
    implied_weights,
    round_half_up,
    round_percent,
    scenario,
    split,
    waterfall,
)
from rekom_docs.present.explain import (
    explain_allocation,
    explain_waterfall,
    format_kroner,
    format_number,
    format_percent,
)
from tests.engine.helpers import check_split, check_sum, distribute, explain_disagreement

NB = "\u00a0"
NETWORK = "nettverket"



def _recipients() -> list[Recipient]:
    return [
        Recipient("a", "Alfa", {"kommuner": 1, "årsverk": Decimal("10.5")}),
        Recipient("b", "Beta", {"kommuner": 2, "årsverk": Decimal("0")}),
        Recipient("c", "Gamma", {"kommuner": 3, "årsverk": Decimal("31.5")}),
    ]


# --------------------------------------------------------------------------- rounding


@pytest.mark.parametrize(("value", "expected"), [
    (Fraction(1, 2), 1), (Fraction(5, 2), 3), (Fraction(-1, 2), -1), (Fraction(49, 100), 0), (Fraction(7), 7),
])
def test_round_half_up_rounds_halves_away_from_zero(value: Fraction, expected: int) -> None:
    assert round_half_up(value) == expected


def test_round_percent_keeps_the_requested_decimals() -> None:
    assert round_percent(Fraction(2281, 60743), 1) == Fraction(38, 10)
    assert round_percent(Fraction(1, 8), 0) == 13


def test_largest_remainder_breaks_ties_by_id_not_by_order() -> None:
    first = distribute(1, {"b": 1, "a": 1})
    second = distribute(1, {"a": 1, "b": 1})
    assert dict(first.amounts) == dict(second.amounts) == {"a": 1, "b": 0}


def test_largest_remainder_gives_the_extra_krone_to_the_largest_remainder() -> None:
    result = distribute(10, {"x": 1, "y": 2})  # 3.33 and 6.67
    assert dict(result.amounts) == {"x": 3, "y": 7}
    assert result.drift == 0


def test_spreadsheet_rounds_each_cell_and_reports_drift() -> None:
    result = distribute(100, {"a": 1, "b": 1, "c": 1}, Rounding.SPREADSHEET)
    assert dict(result.amounts) == {"a": 33, "b": 33, "c": 33}
    assert result.drift == -1


def test_rounding_mode_can_be_named_by_text() -> None:
    assert distribute(100, {"a": 1, "b": 1, "c": 1}, "spreadsheet").rounding is Rounding.SPREADSHEET


def test_decimal_and_fraction_weights_are_exact() -> None:
    result = distribute(1000, {"a": Decimal("0.1"), "b": Fraction(3, 10)})
    assert dict(result.exact) == {"a": 250, "b": 750}


@pytest.mark.parametrize("bad", [1.5, True, "3"])
def test_inexact_weights_are_refused(bad: object) -> None:
    with pytest.raises(TypeError):
        distribute(10, {"a": bad})  # type: ignore[dict-item]


def test_negative_weight_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        distribute(10, {"a": 2, "b": -1})


def test_all_zero_weights_cannot_share_money_but_can_share_nothing() -> None:
    with pytest.raises(ValueError, match="all weights are zero"):
        distribute(10, {"a": 0, "b": 0})
    assert dict(distribute(0, {"a": 0}).amounts) == {"a": 0}


def test_the_trail_holds_share_exact_value_and_rounding() -> None:
    figure = distribute(10, {"x": 1, "y": 2}, label="Test", unit="stk").trail[0]
    assert (figure.recipient, figure.key, figure.share, figure.exact, figure.amount) == ("x", "Test", Fraction(1, 3),
                                                                                        Fraction(10, 3), 3)
    assert figure.rounding is Rounding.LARGEST_REMAINDER
    assert figure.percent == Fraction(100, 3)
    assert figure.adjustment == Fraction(-1, 3)


def test_no_float_in_the_engine_or_the_explanations() -> None:
    for module in (*_engine_modules(), explain_module):
        tree = ast.parse(inspect.getsource(module))
        floats = [node for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, float)]
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Name) and node.id in ("float", "round")]
        assert floats == [] and calls == [], module.__name__


def _engine_modules() -> list:
    import importlib
    import pkgutil

    return [importlib.import_module(f"rekom_docs.engine.{m.name}") for m in pkgutil.iter_modules(engine_package.__path__)]


def test_the_engine_is_pure_and_says_nothing_in_norwegian() -> None:
    """No I/O, no module above it, and no Norwegian letters in its code (labels come from the caller)."""
    for module in _engine_modules():
        source = inspect.getsource(module)
        tree = ast.parse(source)
        imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom) and node.module and node.level == 0}
        assert imported <= {"__future__", "collections", "dataclasses", "decimal", "enum", "fractions", "math",
                            "types", "typing"}, module.__name__
        strings = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
                   and not isinstance(getattr(node, "parent", None), ast.Expr)]
        code = [s for s in strings if any(ch in s for ch in "æøåÆØÅ") and not s.startswith(("An ", "A ", "The "))]
        assert code == [], module.__name__


# --------------------------------------------------------------------------- allocate


def test_allocate_combines_keys_and_adds_fixed_keys_on_top_of_the_pot() -> None:
    keys = [BaseGrant(1000, "Grunntilskudd"), FlatShare(Fraction(1, 3), by="kommuner", label="Flat"),
            ProRata(Fraction(2, 3), by="årsverk", label="Årsverk")]
    result = allocate(6000, _recipients(), keys)
    assert dict(result.columns) == {"Grunntilskudd": 3000, "Flat": 2000, "Årsverk": 4000}
    assert dict(result.amounts) == {"a": 1000 + 333 + 1000, "b": 1000 + 667, "c": 1000 + 1000 + 3000}
    assert result.total == 9000
    assert result.warnings == ()


def test_zero_weight_gets_only_the_weight_free_parts() -> None:
    result = allocate(6000, _recipients(), [BaseGrant(1000, "Grunntilskudd"), ProRata(Fraction(1), by="årsverk", label="Å")])
    assert dict(result.row("b").amounts) == {"Grunntilskudd": 1000, "Å": 0}


def test_fixed_with_exceptions() -> None:
    key = FixedWithExceptions(100_000, {"c": 300_000}, "Koordinering")
    result = allocate(0, _recipients(), [key])
    assert dict(result.amounts) == {"a": 100_000, "b": 100_000, "c": 300_000}
    assert fixed_item(key, _recipients()) == Item("Koordinering", 500_000)
    assert [figure.method for figure in result.trail if figure.key == "Koordinering"] == ["fixed", "fixed", "exception"]


def test_exception_for_an_unknown_recipient_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown recipient"):
        allocate(0, _recipients(), [FixedWithExceptions(1, {"zz": 2})])


def test_flat_share_without_measure_splits_equally_and_needs_whole_counts_otherwise() -> None:
    assert dict(allocate(9, _recipients(), [FlatShare(Fraction(1))]).amounts) == {"a": 3, "b": 3, "c": 3}
    with pytest.raises(ValueError, match="whole counts"):
        allocate(9, _recipients(), [FlatShare(Fraction(1), by="årsverk")])


def test_shares_must_sum_to_one() -> None:
    with pytest.raises(ValueError, match="sum to 1"):
        allocate(100, _recipients(), [ProRata(Fraction(1, 2), by="årsverk")])


def test_missing_measure_is_refused() -> None:
    with pytest.raises(ValueError, match="no 'barn'"):
        allocate(100, _recipients(), [ProRata(Fraction(1), by="barn")])


def test_pot_parts_are_whole_with_largest_remainder_and_exact_in_spreadsheet_mode() -> None:
    keys = [FlatShare(Fraction(1, 3), label="A"), FlatShare(Fraction(2, 3), label="B")]
    assert dict(allocate(10, _recipients(), keys).parts) == {"A": 3, "B": 7}
    assert dict(allocate(10, _recipients(), keys, Rounding.SPREADSHEET).parts) == {"A": Fraction(10, 3),
                                                                                   "B": Fraction(20, 3)}


def test_spreadsheet_row_total_is_the_rounded_exact_sum() -> None:
    recipients = [Recipient("a", "A", {"n": 2}), Recipient("b", "B", {"n": 3})]
    keys = [ProRata(Fraction(1, 2), by="n", label="P"), ProRata(Fraction(1, 2), by="n", label="Q")]
    result = allocate(12, recipients, keys, Rounding.SPREADSHEET)  # cells 2.4 (a) and 3.6 (b)
    assert dict(result.row("a").amounts) == {"P": 2, "Q": 2}
    assert (result.row("a").total, result.row("b").total) == (5, 7)  # cells sum to 4 and 8
    assert result.warnings == ()  # every column, and the Sum column, happens to add up here


# --------------------------------------------------------------------------- waterfall


def test_waterfall_lines_add_up_to_the_frame() -> None:
    wf = waterfall(1_000_000, [Item("Møter", 100_000), ("Frikjøp", 50_000)], Fraction(1, 5))
    assert (wf.fixed_total, wf.remaining, wf.reserved, wf.pot) == (150_000, 850_000, 170_000, 680_000)
    assert wf.frame == wf.fixed_total + wf.reserved + wf.pot
    assert [item.label for item in wf.fixed] == ["Møter", "Frikjøp"]


def test_waterfall_rounds_a_fractional_reserve_half_up_and_the_pot_takes_the_rest() -> None:
    wf = waterfall(1001, [], Fraction(1, 2))
    assert (wf.reserved_exact, wf.reserved, wf.pot) == (Fraction(1001, 2), 501, 500)


def test_waterfall_with_a_reserved_amount_reports_the_implied_share() -> None:
    wf = waterfall(1000, [Item("x", 200)], reserved_amount=200)
    assert wf.reserved_share == Fraction(1, 4)
    with pytest.raises(ValueError):
        waterfall(1000, [], Fraction(1, 5), reserved_amount=200)


def test_check_waterfall_names_stated_and_computed() -> None:
    wf = waterfall(1000, [Item("x", 200)], Fraction(1, 4))
    assert check_waterfall(wf, fixed_total=200, remaining=800, reserved=200, reserved_share=Fraction(1, 4),
                           pot=600) == ()
    problems = check_waterfall(wf, fixed_total=202, reserved_share=Fraction(1, 5))
    assert problems == (Disagreement("fixed_total", 202, 200),
                        Disagreement("reserved_share", Fraction(1, 5), Fraction(1, 4), "%"))


# --------------------------------------------------------------------------- checks


def test_check_sum_and_amount() -> None:
    assert check_sum("T", 10, [4, 6]) == ()
    (problem,) = check_sum("T", 12, [4, 6])
    assert (problem.stated, problem.computed, problem.difference) == (12, 10, 2)


def test_check_percent_respects_the_printed_precision() -> None:
    assert check_percent("Andel", Fraction(108, 1000), 1_300_000, 12_000_000, places=1) == ()
    (problem,) = check_percent("Andel", Fraction(11, 100), 1_300_000, 12_000_000, places=1)
    assert problem.computed == Fraction(13, 120)


def test_check_tables_reports_each_differing_row_and_missing_rows() -> None:
    problems = check_tables("uh", {"A": 1, "B": 2}, {"A": 1, "B": 3, "C": 4})
    assert [(p.field, p.subject, p.stated, p.computed) for p in problems] == [("uh", "B", 2, 3), ("uh", "C", 0, 4)]


def test_check_preframes_flags_frames_below_the_base_grant_and_a_wrong_sum() -> None:
    base = {"a": 100, "b": 100}
    assert check_preframes({"a": 150, "b": 250}, base, 200) == ()
    problems = check_preframes({"a": 90, "b": 250}, base, 200)
    assert [(p.stated, p.computed) for p in problems] == [(90, 100), (340, 400)]
    assert implied_weights({"a": 150, "b": 250}, base) == {"a": 50, "b": 150}


def test_check_amount_names_field_and_subject() -> None:
    (problem,) = check_amount("x", 1, 2, subject="fosen")
    assert (problem.field, problem.subject, problem.difference) == ("x", "fosen", -1)


# --------------------------------------------------------------------------- split, requests, scenario


def test_split_totals_per_uh() -> None:
    result = split([Portion("a", 100, {"DMMH": 300}), ("b", 50, {"DMMH": 100, "Nord": 50})])
    assert dict(result.uh_totals) == {"DMMH": 400, "Nord": 50}
    assert (result.network_total, result.uh_total, result.total) == (150, 450, 600)
    assert result.portions[0].network_share == Fraction(1, 4)
    assert check_split(result, {"a": 400, "b": 200}) == ()
    assert [(p.field, p.subject) for p in check_split(result, {"a": 400, "b": 201})] == [("split", "b")]


def test_split_refuses_negative_amounts() -> None:
    with pytest.raises(ValueError):
        split([Portion("a", -1, {})])


def test_compare_requests_gives_excess_per_network() -> None:
    checks = compare_requests({"a": 1000, "b": 500}, [Request("a", NETWORK, 300), Request("a", "DMMH", 900),
                                                      Request("b", "Nord", 400), Request("x", "Nord", 10)])
    by_id = {check.recipient: check for check in checks}
    assert (by_id["a"].requested, by_id["a"].excess, dict(by_id["a"].by_party)) == (1200, 200,
                                                                                    {NETWORK: 300, "DMMH": 900})
    assert (by_id["b"].excess, by_id["b"].difference) == (0, -100)
    assert (by_id["x"].frame, by_id["x"].excess) == (0, 10)


def test_scenario_reports_lines_that_exceed_the_reserve() -> None:
    result = scenario(1000, [Item("x", 0)], [YearPlan(2025, Fraction(1, 10), individual=(Item("a", 60),), residual_label="Andre"),
                                             YearPlan(2026, Fraction(1, 10), individual=(Item("a", 130),))])
    assert result.year(2025).individual[-1] == Item("Andre", 40)
    assert result.problems == (Disagreement("year_lines", 130, 100, "kr", "2026"),)


# --------------------------------------------------------------------------- explain


def test_number_formatting_in_bokmaal() -> None:
    assert format_number(1_158_800) == f"1{NB}158{NB}800"
    assert format_number(Decimal("6074.3")) == f"6{NB}074,3"
    assert format_kroner(Fraction(3 * 1_158_800, 38)) == f"91{NB}484,21{NB}kr"
    assert format_percent(Fraction(1, 5)) == f"20{NB}%"
    assert format_percent(Fraction(3, 38)) == f"7,89{NB}%"


def test_explanation_line_of_a_share() -> None:
    recipients = [Recipient("m", "Midtre Namdal", {"kommuner": 3}), Recipient("r", "Resten", {"kommuner": 35})]
    result = allocate(1_158_800, recipients, [FlatShare(Fraction(1), by="kommuner", label="Sats 10 %")],
                      Rounding.SPREADSHEET)
    lines = [line.replace(NB, " ") for line in explain_allocation(result)]
    assert ("Midtre Namdal: Sats 10 %: 3 av 38 kommuner = 3/38 (7,89 %) av 1 158 800 kr = 91 484,21 kr, "
            "avrundet til 91 484 kr") in lines
    thirds = allocate(100, _recipients(), [FlatShare(Fraction(1), label="Likt")], Rounding.SPREADSHEET)
    assert [line.replace(NB, " ") for line in explain_allocation(thirds)][-2] == (
        "Merk: kolonnen Likt summerer til 99 kr, men eksakt sum er 100 kr "
        "(avvik -1 kr fordi hver celle er avrundet for seg)")


def test_explanation_of_problems_and_waterfall() -> None:
    text = explain_disagreement(Disagreement("fixed_total", 3_752_000, 3_750_000)).replace(NB, " ")
    assert text == "fixed_total: oppgitt 3 752 000 kr, beregnet 3 750 000 kr (differanse 2 000 kr)"
    wf = waterfall(1000, [Item("Møter", 200)], Fraction(1, 5), reserved_label="Individuelle tiltak", pot_label="Kollektive tiltak")
    lines = [line.replace(NB, " ") for line in explain_waterfall(wf)]
    assert lines[-2:] == ["− Individuelle tiltak: 20 % av 800 kr = 160 kr", "= Kollektive tiltak: 640 kr"]
