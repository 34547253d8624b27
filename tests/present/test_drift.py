"""A table whose printed kroner do not add up carries the rounding note right under it; one that adds up does not."""

from __future__ import annotations

from rekom_docs.build import checked_project
from rekom_docs.present import documents
from rekom_docs.present.document import TableView
from rekom_docs.present.drift import drifts, with_drift_note
from rekom_docs.present.wording import words
from tests.paths import ROOT


def _table(rows: list[list[str]], total: list[str]) -> TableView:
    return TableView("T", ["Nettverk", "A (kr)", "B (kr)", "Sum (kr)"], rows, total, [False, True, True, True])


def test_a_column_that_adds_up_gets_no_note():
    table = _table([["X", "1", "2", "3"], ["Y", "10", "20", "30"]], ["Sum", "11", "22", "33"])
    assert not drifts(table, row_sums=True)
    assert with_drift_note(table, "nb").note is None


def test_a_column_two_kroner_off_gets_the_note():
    table = _table([["X", "60\u00a0989", "249\u00a0986", "310\u00a0975"]], ["Sum", "60\u00a0991", "249\u00a0986", "310\u00a0977"])
    assert drifts(table)
    assert with_drift_note(table, "nn").note == words("nn")["table_rounding"]


def test_a_row_off_by_a_krone_counts_only_when_asked():
    table = _table([["X", "60\u00a0989", "249\u00a0986", "310\u00a0976"]], ["Sum", "60\u00a0989", "249\u00a0986", "310\u00a0976"])
    assert not drifts(table)
    assert drifts(table, row_sums=True)


def _innstilling_tables(meeting: str) -> list[TableView]:
    project = checked_project(ROOT / "cases")
    doc = next(d for d in documents(project.meeting(meeting), project, "letters", None) if d.template == "innstilling")
    found: list[TableView] = []

    def walk(x) -> None:
        if isinstance(x, TableView):
            found.append(x)
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(doc.context)
    return found


def test_2022_tables_that_drift_explain_it_and_sums_read_exactly():
    tables = {t.title: t for t in _innstilling_tables("2022-03-09-rekom")}
    note = words("nb")["table_rounding"]
    assert note in (tables["Innstilling 2022: fordeling på nettverkene (hver celle avrundet for seg)"].note or "")
    requests = tables["Innstilling 2022: meldte behov mot ramme"]
    assert note in (requests.note or "")
    assert requests.total is not None and requests.total[-1] == "7\u00a0315\u00a0750"  # 18 903 750 − 11 588 000
    assert tables["Innstilling 2022: budsjett"].note is None


def test_2024_appendix_without_shares_says_nothing_about_shares():
    notes = " ".join(t.note or "" for t in _innstilling_tables("2024-03-07-rekom"))
    assert "desimaler" not in notes
    assert words("nb")["table_rounding"] not in notes
