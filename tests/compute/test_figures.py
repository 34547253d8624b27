"""`rekom_docs.compute.figures.compute` on small in-memory allocations, and the tables of the 2022 case.

The specs are built as the case files would write them (`Allocation.model_validate` of the
YAML's plain values), against a small register built here; the bundled 2022 case is loaded
once through `open_project` for the document tables.
"""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path

import pytest

from rekom_docs.build import checked_project as open_project
from rekom_docs.compute.figures import compute, prose
from rekom_docs.model.allocation import Allocation
from rekom_docs.model.schema import Registers
from rekom_docs.present.figures import figure_tables
from tests.paths import ROOT as ROOT_DIR

REPO = ROOT_DIR
CASE_2022 = Path("cases/2022/2022-03-09-rekom.yaml")

# The networks of seed 000 (sak 8/2022) with their municipality counts; the names are
# placeholders, only the counts matter to the 'Sats 10 %' key.
NETWORKS_2022 = {
    "midtre-namdal": ("Midtre Namdal", 3), "indre-namdal": ("Indre Namdal", 5), "ytre-namdal": ("Ytre Namdal", 2),
    "innherred": ("Innherred", 3), "levanger-verdal": ("Levanger/Verdal", 2), "vaernes": ("Værnes", 5),
    "trondheim-malvik": ("Trondheim/Malvik", 2), "gauldal": ("Gauldal", 6),
    "trondelag-sorvest": ("Trøndelag sørvest", 6), "fosen": ("Fosen", 4),
}
ARSVERK_2022 = {"midtre-namdal": "228.1", "indre-namdal": "78.4", "ytre-namdal": "145.6", "innherred": "405.8",
                "levanger-verdal": "460.8", "vaernes": "427.6", "trondheim-malvik": "2903.5", "gauldal": "515.3",
                "trondelag-sorvest": "591.1", "fosen": "318.1"}
# Seed 000's spreadsheet "Forslått tildeling 2022 - versjon 1", cell for cell.
SATS_2022 = {"midtre-namdal": 91_484, "indre-namdal": 152_474, "ytre-namdal": 60_989, "innherred": 91_484,
             "levanger-verdal": 60_989, "vaernes": 152_474, "trondheim-malvik": 60_989, "gauldal": 182_968,
             "trondelag-sorvest": 182_968, "fosen": 121_979}
ARSVERK_KR_2022 = {"midtre-namdal": 391_634, "indre-namdal": 134_608, "ytre-namdal": 249_986, "innherred": 696_734,
                   "levanger-verdal": 791_165, "vaernes": 734_163, "trondheim-malvik": 4_985_131, "gauldal": 884_738,
                   "trondelag-sorvest": 1_014_882, "fosen": 546_158}
SUM_2022 = {"midtre-namdal": 483_118, "indre-namdal": 287_082, "ytre-namdal": 310_976, "innherred": 788_218,
            "levanger-verdal": 852_155, "vaernes": 886_637, "trondheim-malvik": 5_046_121, "gauldal": 1_067_707,
            "trondelag-sorvest": 1_197_851, "fosen": 668_137}


def registers(networks: dict[str, tuple[str, int]] | None = None) -> Registers:
    """A register with one forum over `networks` (id -> short name, municipality count)."""
    networks = networks or {"fosen": ("Fosen", 4), "namdal": ("Namdal", 2), "tr": ("Trondheimsregionen", 4)}
    return Registers.model_validate({
        "organisations": {"sf": {"name": "Statsforvalteren i Trøndelag"},
                          "ntnu": {"name": "NTNU", "university": True},
                          "dmmh": {"name": "DMMH", "university": True}},
        "networks": {nid: {"name": f"Kompetansenettverket for {short}", "short": short,
                           "municipalities": [f"{short} {i}" for i in range(1, count + 1)]}
                     for nid, (short, count) in networks.items()},
        "fora": {"rekom": {"name": "Samarbeidsforum REKOM", "organisation": "sf", "networks": list(networks)}},
    })


REG = registers()


def spec(**fields) -> Allocation:
    return Allocation.model_validate({"title": "Fordeling", **fields})


# A waterfall with a fixed key as a line, a 20 % reserve with a residual line, and three keys:
# remaining 3 000 000 - 400 000 = 2 600 000, reserved 520 000, pot 2 080 000.
WATERFALL = {
    "frame": "3 000 000",
    "fixed": [{"label": "Møter", "amount": "100 000"}, {"label": "Koordinering", "key": "koord"}],
    "reserved": {"share": "20 %", "lines": [{"label": "Fagbrev", "amount": "120 000"}], "residual": "Andre"},
    "recipients": {"fosen": {"barn": "1000"}, "namdal": {"barn": "500"}, "tr": {"barn": "2500"}},
    "keys": [{"id": "koord", "label": "Koordinering", "fixed": "100 000", "exceptions": {"tr": "100 000"}},
          {"id": "sats", "label": "Sats", "flat": "10 %", "by": "kommuner"},
          {"id": "barn", "label": "Barn", "pro_rata": "90 %", "by": "barn"}],
}


def messages(figures) -> list[str]:
    """The problem messages, with no-break spaces as plain ones (percentages print '20,00\u00a0%')."""
    return [message.replace("\u00a0", " ") for _, message, _ in figures.problems]


# --- computed values and prose ---------------------------------------------------------


def test_waterfall_keys_and_prose_values():
    f = compute(spec(**WATERFALL), REG, "rekom")
    assert f.problems == []
    assert [(i.label, i.amount) for i in f.reserved_lines] == [("Fagbrev", 120_000), ("Andre", 400_000)]
    values = prose(f)["fordeling"]
    assert {k: values[k] for k in ("frame", "fixed_total", "remaining", "reserved", "pot", "unallocated")} == {
        "frame": 3_000_000, "fixed_total": 400_000, "remaining": 2_600_000, "reserved": 520_000,
        "pot": 2_080_000, "unallocated": 0}
    assert values["reserved_share"] == Fraction(1, 5)
    assert values["fixed"] == {"Møter": 100_000, "Koordinering": 300_000}
    # Sats: 208 000 by 4/2/4 municipalities; Barn: 1 872 000 by 1000/500/2500 children.
    assert values["by_key"] == {"koord": 300_000, "sats": 208_000, "barn": 1_872_000}
    assert values["nettverk"] == {"fosen": 100_000 + 83_200 + 468_000, "namdal": 100_000 + 41_600 + 234_000,
                                  "tr": 100_000 + 83_200 + 1_170_000}
    assert values["total"] == sum(values["nettverk"].values()) == 2_080_000 + 300_000


def test_largest_remainder_columns_sum_exactly_to_their_parts():
    f = compute(spec(pot="100 000", recipients={"fosen": {"barn": "1"}, "namdal": {"barn": "1"}, "tr": {"barn": "1"}},
                     keys=[{"id": "barn", "label": "Barn", "pro_rata": "100 %", "by": "barn"}]), REG, "rekom")
    values = prose(f)["fordeling"]
    # 33 333,33 each: the krone left over goes to the smallest id, 'fosen'.
    assert values["nettverk"] == {"fosen": 33_334, "namdal": 33_333, "tr": 33_333}
    assert values["total"] == values["pot"] == 100_000
    assert "frame" not in values and f.problems == []


def test_prose_is_keyed_by_the_allocation_name_and_carries_the_split():
    f = compute(spec(name="innstilling", pot="1 000 000",
                     split={"fosen": {"network": "100 000", "uh": {"ntnu": "300 000"}},
                            "tr": {"network": "200 000", "uh": "400 000"}}), REG, "rekom")
    assert list(prose(f)) == ["innstilling"]
    values = prose(f)["innstilling"]
    assert (values["to_networks"], values["to_uh"], values["split_total"]) == (300_000, 700_000, 1_000_000)
    assert values["pot"] == 1_000_000 and "nettverk" not in values


def test_decided_pot_leaves_the_rest_unallocated():
    f = compute(spec(**WATERFALL, pot="2 000 000"), REG, "rekom")
    assert f.problems == []
    assert (prose(f)["fordeling"]["pot"], prose(f)["fordeling"]["unallocated"]) == (2_000_000, 80_000)


# --- stated figures --------------------------------------------------------------------


def test_stated_figures_that_agree_raise_nothing():
    stated = {"fixed_total": "400 000", "remaining": "2 600 000", "reserved": "520 000", "reserved_share": "20 %",
              "pot": "2 080 000", "totals": {"koord": "300 000", "sats": "208 000", "barn": "1 872 000",
                                             "total": "2 380 000"},
              "columns": {"sats": {"fosen": "83 200", "namdal": "41 600", "tr": "83 200"}}}
    assert compute(spec(**WATERFALL, stated=stated), REG, "rekom").problems == []


@pytest.mark.parametrize(("stated", "path", "message"), [
    ({"fixed_total": "400 002"}, ("stated", "fixed_total"),
     "sum of the fixed items: stated 400 002, computed 400 000 (off by 2)"),
    ({"remaining": "2 599 000"}, ("stated", "remaining"),
     "left after the fixed items: stated 2 599 000, computed 2 600 000 (off by -1 000)"),
    ({"reserved": "520 001"}, ("stated", "reserved"),
     "Individuelle tiltak: stated 520 001, computed 520 000 (off by 1)"),
    ({"pot": "2 080 002"}, ("stated", "pot"), "Kollektive tiltak: stated 2 080 002, computed 2 080 000 (off by 2)"),
    ({"reserved_share": "25 %"}, ("stated", "reserved_share"),
     "Individuelle tiltak: percent label: stated 25,00 %, computed 20,00 %"),
    ({"columns": {"barn": {"namdal": "243 000"}}}, ("stated", "columns", "barn", "namdal"),
     "Barn for Namdal: stated 243 000, computed 234 000"),
    ({"columns": {"total": {"tr": "1 353 201"}}}, ("stated", "columns", "total", "tr"),
     "Sum for Trondheimsregionen: stated 1 353 201, computed 1 353 200"),
    ({"totals": {"sats": "208 001"}}, ("stated", "totals", "sats"), "Sats total: stated 208 001, computed 208 000"),
    ({"totals": {"total": "2 380 002"}}, ("stated", "totals", "total"),
     "Sum total: stated 2 380 002, computed 2 380 000"),
])
def test_a_stated_mismatch_names_both_values(stated, path, message):
    f = compute(spec(**WATERFALL, stated=stated), REG, "rekom")
    assert [(p, m.replace("\u00a0", " ")) for p, m, _ in f.problems] == [(path, message)]
    assert f.problems[0][2].name == "ERROR"


def test_stated_uh_totals_against_a_split_per_university():
    split = {"fosen": {"network": "100 000", "uh": {"ntnu": "500 000"}},
             "tr": {"network": "100 000", "uh": {"ntnu": "100 000", "dmmh": "200 000"}}}
    ok = compute(spec(pot="1 000 000", split=split, stated={"uh_totals": {"ntnu": "600 000", "dmmh": "200 000"}}),
                 REG, "rekom")
    assert ok.problems == []
    swapped = compute(spec(pot="1 000 000", split=split, stated={"uh_totals": {"ntnu": "700 000", "dmmh": "100 000"}}),
                      REG, "rekom")
    assert messages(swapped) == ["to UH: NTNU: stated 700 000, computed 600 000 (off by 100 000)",
                                 "to UH: DMMH: stated 100 000, computed 200 000 (off by -100 000)"]


def test_a_request_above_its_frame_is_a_warning_naming_the_excess():
    f = compute(spec(**WATERFALL, requests={"namdal": {"nettverket": "100 000", "dmmh": "300 000"}}), REG, "rekom")
    assert [(p, m, s.name) for p, m, s in f.problems] == [
        (("requests", "namdal"), "requests for Namdal exceed its frame 375 600 by 24 400 (requested 400 000)", "WARNING")]


# --- spreadsheet rounding --------------------------------------------------------------


def _sheet_2022(**stated) -> Allocation:
    return spec(rounding="spreadsheet", pot="11 588 000", recipients={k: {"årsverk": v} for k, v in ARSVERK_2022.items()},
                keys=[{"id": "sats", "label": "Sats 10 %", "flat": "10 %", "by": "kommuner"},
                      {"id": "arsverk", "label": "Årsverk tildeling", "pro_rata": "90 %", "by": "årsverk"}],
                stated=stated or None)


def test_spreadsheet_mode_reproduces_the_2022_cells():
    f = compute(_sheet_2022(), registers(NETWORKS_2022), "rekom")
    a = f.allocation
    assert dict(a.column("Sats 10 %")) == SATS_2022
    assert dict(a.column("Årsverk tildeling")) == ARSVERK_KR_2022
    assert dict(a.amounts) == SUM_2022
    # The cells drift from the exact parts: the sums the seed never printed.
    assert (sum(SATS_2022.values()), sum(ARSVERK_KR_2022.values()), sum(SUM_2022.values())) == \
        (1_158_798, 10_429_199, 11_588_002)


def test_spreadsheet_mode_checks_stated_totals_against_the_exact_parts():
    """The sheet prints 1 158 800 (10 % of 11 588 000) although its cells sum to 1 158 798."""
    reg = registers(NETWORKS_2022)
    stated = {"columns": {"sats": SATS_2022, "arsverk": ARSVERK_KR_2022, "total": SUM_2022},
              "totals": {"sats": "1 158 800", "arsverk": "10 429 200", "total": "11 588 000"}}
    f = compute(_sheet_2022(**stated), reg, "rekom")
    assert [s.name for _, _, s in f.problems] == ["WARNING"] * 3
    assert messages(f) == [
        "spreadsheet rounding: the cells of 'Sats 10 %' sum to 1 158 798, the exact total is 1 158 800 (drift -2 kr)",
        "spreadsheet rounding: the cells of 'Årsverk tildeling' sum to 10 429 199, the exact total is 10 429 200 (drift -1 kr)",
        "spreadsheet rounding: the cells of 'Sum' sum to 11 588 002, the exact total is 11 588 000 (drift 2 kr)",
    ]
    # The sums of the cells, stated as totals, are what the sheet did not print: errors.
    wrong = compute(_sheet_2022(totals={"sats": "1 158 798", "total": "11 588 002"}), reg, "rekom")
    assert [m for _, m, s in wrong.problems if s.name == "ERROR"] == [
        "Sats 10 % total: stated 1 158 798, computed 1 158 800", "Sum total: stated 11 588 002, computed 11 588 000"]


def test_spreadsheet_mode_one_changed_cell_is_named_with_both_values():
    cells = dict(ARSVERK_KR_2022, gauldal=884_783)
    f = compute(_sheet_2022(columns={"arsverk": cells}), registers(NETWORKS_2022), "rekom")
    errors = [(p, m) for p, m, s in f.problems if s.name == "ERROR"]
    assert errors == [(("stated", "columns", "arsverk", "gauldal"),
                       "Årsverk tildeling for Gauldal: stated 884 783, computed 884 738")]


# --- pre-frames -------------------------------------------------------------------------

# Pot: 6 000 000 - 500 000 (koordinering) - 600 000 (grunntilskudd) - 400 000 = 4 500 000;
# the pre-frames are base grant plus share of the pot, so they sum to 600 000 + 4 500 000.
PREFRAMES = {"fosen": "1 234 567", "namdal": "345 678", "tr": "3 519 755"}


def _budget(preframes: dict, derive: bool = True) -> Allocation:
    return spec(frame="6 000 000",
                fixed=[{"label": "Koordinering", "key": "koord"}, {"label": "Grunntilskudd", "key": "base"},
                       {"label": "Møter", "amount": "400 000"}],
                keys=[{"id": "koord", "label": "Koordinering", "fixed": "100 000", "exceptions": {"tr": "300 000"}},
                      {"id": "base", "label": "Grunntilskudd", "base": "200 000"},
                      {"id": "andel", "label": "Andel", "pro_rata": "100 %", "by": "elever"}],
                preframes={"amounts": preframes, **({"derive": "elever"} if derive else {})})


def test_a_derived_preframe_key_reproduces_the_preframes_exactly():
    f = compute(_budget(PREFRAMES), REG, "rekom")
    assert f.problems == []
    values = prose(f)["fordeling"]
    assert values["pot"] == 4_500_000 and values["by_key"] == {"koord": 500_000, "base": 600_000, "andel": 4_500_000}
    frames = {row.recipient: row.amounts["Grunntilskudd"] + row.amounts["Andel"] for row in f.allocation.rows}
    assert frames == {"fosen": 1_234_567, "namdal": 345_678, "tr": 3_519_755}
    # No krone is rounded: every exact share is whole.
    assert all(fig.rounding is None for fig in f.allocation.trail)
    # Coordination comes on top of the pre-frame.
    assert values["nettverk"] == {"fosen": 1_334_567, "namdal": 445_678, "tr": 3_819_755}


def test_preframes_that_miss_base_grants_plus_pot_name_both_sums():
    f = compute(_budget(dict(PREFRAMES, tr="3 519 756")), REG, "rekom")
    assert [m for p, m, _ in f.problems if p == ("preframes", "amounts")] == [
        "sum of the pre-frames: stated 5 100 001, computed 5 100 000 (off by 1)"]


def test_a_preframe_below_its_base_grant_is_an_error():
    # Without 'derive' the key weighs by a given measure; Namdal's pre-frame is below 200 000.
    spec_ = _budget({"fosen": "1 000 000", "namdal": "150 000", "tr": "3 950 000"}, derive=False)
    spec_ = spec_.model_copy(update={"recipients": {"fosen": {"elever": 800}, "namdal": {"elever": 0},
                                                    "tr": {"elever": 3700}}})
    f = compute(spec_, REG, "rekom")
    assert "pre-frame of Namdal is below its base grant: stated 150 000, computed 200 000 (off by -50 000)" \
        in messages(f)


# --- reference problems -----------------------------------------------------------------


@pytest.mark.parametrize(("change", "path", "message"), [
    ({"keys": [*WATERFALL["keys"][:2],
               {"id": "barn", "label": "Barn", "pro_rata": "80 %", "by": "barn"}]},
     ("keys",), "the shares of the pot add up to 90,0 %, not 100 %"),
    ({"fixed": [{"label": "Koordinering", "key": "koordinering"}]},
     ("fixed", 0, "key"), "'koordinering' is not a 'base' or 'fixed' key of this allocation"),
    ({"recipients": {"fosen": {"barn": "1"}, "namdal": {"elever": "1"}, "tr": {"barn": "1"}}},
     ("keys", 2, "by"), "no 'barn' given for Namdal under 'recipients'"),
])
def test_reference_problems_stop_the_computation(change, path, message):
    f = compute(spec(**{**WATERFALL, **change}), REG, "rekom")
    assert [(p, m.replace("\u00a0", " ")) for p, m, _ in f.problems] == [(path, message)]
    assert f.allocation is None and f.waterfall is None


# --- the bundled 2022 case as document tables -------------------------------------------


@pytest.fixture(scope="module")
def figures_2022():
    cwd = Path.cwd()
    try:
        os.chdir(REPO)
        project = open_project(CASE_2022)
    finally:
        os.chdir(cwd)
    (item,) = project.meetings
    (figures,) = item.figures.values()
    return figures


def _kroner(cell: str) -> int:
    return int(cell.replace("\u00a0", "").replace(" ", "").replace("\u202f", ""))


def test_2022_distribution_table_reproduces_seed_000(figures_2022):
    tables = figure_tables(figures_2022)
    (table,) = [t for t in tables if t.title.startswith("Innstilling 2022: fordeling")]
    header = table.header
    sats, arsverk, total = (header.index(h) for h in ("Likt per kommune (10 %), kr", "Tildeling etter årsverk (90 %), kr", "Sum (kr)"))
    names = dict(figures_2022.allocation.names)
    by_name = {row[0]: row for row in table.rows}
    assert len(table.rows) == 10
    for nid, name in names.items():
        row = by_name[name]
        assert (_kroner(row[sats]), _kroner(row[arsverk]), _kroner(row[total])) == \
            (SATS_2022[nid], ARSVERK_KR_2022[nid], SUM_2022[nid]), name
    assert [_kroner(table.total[i]) for i in (sats, arsverk, total)] == [1_158_800, 10_429_200, 11_588_000]
    assert table.total[0] == "Sum"


def test_2022_case_has_budget_distribution_and_requests_tables(figures_2022):
    titles = [t.title for t in figure_tables(figures_2022)]
    assert len(titles) == 3 and titles[0] == "Innstilling 2022: budsjett"
    budget = figure_tables(figures_2022)[0]
    rows = {row[0]: _kroner(row[1]) for row in budget.rows}
    assert (rows["Ramme"], rows["Kollektive tiltak"]) == (17_873_000, 11_588_000)
    # Every stated cell and total of the sheet agrees; only the drift warnings and requests remain.
    assert [m for _, m, s in figures_2022.problems if s.name == "ERROR"] == []


# --- once checker bugs, now fixed ---------------------------------------------------------


def test_split_within_the_frames_of_pot_plus_fixed_keys_is_fine():
    split = {"fosen": {"network": "200 000", "uh": {"ntnu": "451 200"}},
             "namdal": {"network": "100 000", "uh": {"dmmh": "275 600"}},
             "tr": {"network": "353 200", "uh": {"dmmh": "1 000 000"}}}
    f = compute(spec(**WATERFALL, split=split), REG, "rekom")
    assert prose(f)["fordeling"]["split_total"] == prose(f)["fordeling"]["total"] == 2_380_000
    assert f.problems == []


def test_scenario_table_uses_the_allocations_labels():
    f = compute(spec(frame="1 000 000", pot_label="Til fordeling nettverkene",
                     reserved={"label": "Avsatt", "share": "20 %"},
                     scenario=[{"year": 2026, "share": "30 %"}]), REG, "rekom")
    table = figure_tables(f)[-1]
    assert [row[0] for row in table.rows][1] == "Avsatt"
    assert table.rows[-1] == ["Til fordeling nettverkene", "700\u00a0000"]
