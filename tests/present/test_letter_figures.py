"""Every amount a letter prints is a figure its innstilling prints (or the sum of lines shown above it)."""

from __future__ import annotations

import re

import pytest

from rekom_docs.build import checked_project
from rekom_docs.present import documents
from rekom_docs.present.document import Document, TableView

from ..paths import EXAMPLES, ROOT

TREES = [ROOT / "cases", *sorted(p for p in (EXAMPLES / "valid").iterdir() if p.is_dir())]
AMOUNT = re.compile(r"(?<![\d,])\d{1,3}(?:[\u00a0 ]\d{3})+(?![\d,])|(?<![\d,])\d{4,}(?![\d,])")


def amounts(text: str) -> list[int]:
    """The whole-krone amounts in a text (`310 976`, `1 300 000`), years and small counts left out."""
    return [int(re.sub(r"\D", "", m)) for m in AMOUNT.findall(text) if not re.fullmatch(r"(19|20)\d\d", m)]


def rows(tables: list[TableView]) -> list[list[int]]:
    """The amounts of every row and totals row of the tables."""
    return [[a for cell in row for a in amounts(cell)] for t in tables for row in [*t.rows, t.total or []]]


def printed(tables: list[TableView]) -> set[int]:
    """Every amount in the tables' cells and totals."""
    return {a for row in rows(tables) for a in row}


def letter_sets() -> list[tuple[str, Document, list[Document]]]:
    """Per meeting with a recommendation, in each standard: the innstilling and its letters."""
    found = []
    for tree in TREES:
        project = checked_project(tree)
        for item in project.meetings:
            for lang in ("nb", "nn"):
                docs = documents(item, project, "letters", lang)
                for rec in (d for d in docs if d.template == "innstilling"):
                    found.append((f"{item.id}/{lang}", rec, [d for d in docs if d.template == "brev"]))
    return found


def _rounded_apart(total: int, lines: list[int], row: list[int]) -> bool:
    """The letter sums rounded cells of an innstilling row whose own total differs by rounding (310 975 for 310 976)."""
    if len(lines) < 2 or any(row.count(a) < lines.count(a) for a in lines):
        return False
    return total not in row and any(0 < abs(other - total) <= len(lines) for other in row)


SETS = letter_sets()


def test_there_are_letters_to_compare():
    assert sum(len(letters) for _, _, letters in SETS) >= 20
    assert {"2022-03-09-rekom/nb", "2024-03-07-rekom/nb"} <= {name for name, _, _ in SETS}


@pytest.mark.parametrize("name, recommendation, letters", SETS, ids=[s[0] for s in SETS])
def test_every_letter_amount_is_an_innstilling_figure(name, recommendation, letters):
    known, its_rows = printed(recommendation.context["tables"]), rows(recommendation.context["tables"])
    wrong = []
    for letter in letters:
        for table in letter.context["amounts"]:
            lines = [a for row in table.rows for a in amounts(row[1])]
            wrong += [(letter.filename, table.title, a) for a in lines if a not in known]
            total = amounts(table.total[1])[0] if table.total else None
            if total is not None and total not in known and total != sum(lines):
                wrong.append((letter.filename, f"{table.title}: total", total))
            wrong += [(letter.filename, f"{table.title}: total", total) for row in its_rows if total and _rounded_apart(total, lines, row)]
            wrong += [(letter.filename, "note", a) for a in amounts(table.note or "") if a not in known]
    assert wrong == []


def test_a_letter_prints_the_rounded_row_total_not_the_sum_of_rounded_cells():
    """2022 is shared with spreadsheet rounding: Ytre Namdal's cells 60 989 + 249 986 make 310 975, its row 310 976."""
    _, _, letters = next(s for s in SETS if s[0] == "2022-03-09-rekom/nb")
    letter = next(d for d in letters if d.filename == "brev/ytre-namdal.docx")
    frame = letter.context["amounts"][0]
    assert frame.total == ["Ramme", "310\u00a0976"]
    assert "avrundet for seg" in frame.note


def test_a_network_letter_separates_network_partners_and_shared_measures():
    _, _, letters = next(s for s in SETS if s[0] == "2024-03-07-rekom/nb")
    tables = next(d for d in letters if d.filename == "brev/fosen.docx").context["amounts"]
    assert [t.title for t in tables] == ["Til Fosennettverket", "Til UH i partnerskapet (kollektive tiltak)",
                                         "Felles tiltak med andre nettverk"]
    assert tables[0].total == ["Sum", "188\u00a0805"]
    assert tables[1].rows == [["DMMH", "790\u00a0000"]]
    assert tables[2].rows == [["Tilretteleggingsmidler: Fosen, Malvik/Trondheim og Gauldal", "420\u00a0000"]]
    assert "kommer senere" in tables[2].note
    shared = [d.filename for d in letters if any(t.title == "Felles tiltak med andre nettverk" for t in d.context["amounts"])]
    assert shared == ["brev/trondheim-malvik.docx", "brev/fosen.docx", "brev/gauldal.docx"]
