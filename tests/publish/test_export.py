"""`rekom-docs export --format md`: the documents as Markdown, with the same headings and tables as the Word files."""

from __future__ import annotations

from pathlib import Path

from rekom_docs.cli import main
from rekom_docs.present.document import Document, Markdown, TableView
from rekom_docs.publish.export import document_markdown, table_markdown
from tests.paths import ROOT


def test_table_has_its_title_aligned_numbers_and_a_bold_total():
    table = TableView("Fordeling", ["Nettverk", "Beløp (kr)"], [["Fosen", "100 000"], ["A|B", "5"]],
                      ["Sum", "100 005"], [False, True], note="Avrundet.")
    assert table_markdown(table).splitlines() == [
        "**Fordeling**", "", "| Nettverk | Beløp (kr) |", "|---|---:|", "| Fosen | 100 000 |", "| A\\|B | 5 |",
        "| **Sum** | **100 005** |", "", "*Avrundet.*"]


def test_document_reads_in_order_with_headings_for_cases():
    doc = Document("referat", "referat.docx", "Referat fra X 1. januar 2024", "SF", {
        "forum": {"name": "X"}, "meeting": {"time": "10.00–12.00", "note": Markdown("Velkommen.")},
        "cases": [{"heading": "Sak 1/2024 Aktuelt", "text": Markdown("Tekst."), "follow_ups": ["Sende ut rammene."],
                   "votes": [], "decision": None}]})
    assert document_markdown(doc) == ("# Referat fra X 1. januar 2024\n\n**Tid:** 10.00–12.00\n\nVelkommen.\n\n"
                                      "## Sak 1/2024 Aktuelt\n\nTekst.\n\n- Sende ut rammene.\n")


def test_export_command_writes_every_bundled_minutes(tmp_path: Path, capsys):
    assert main(["export", "--format", "md", "--out", str(tmp_path)]) == 0
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md"))
    meetings = sorted(p.stem for p in (ROOT / "cases").glob("*/*.yaml") if p.name.count(".") == 1)
    assert written == [f"{m}/referat.md" for m in meetings]
    text = (tmp_path / "2024-01-11-kompetanseloftet" / "referat.md").read_text(encoding="utf-8")
    assert text.startswith("# Referat fra ")
    assert "Det var 10 forfall, og 4 vararepresentanter møtte. Det var 34 stemmeberettigede." in text
    assert "\n## Sak 4/2024 " in text
    assert capsys.readouterr().out.count("wrote ") == len(meetings)
