"""The register DOCX is set on the project's letterhead: A4, Carlito, measured columns."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from rekom_docs.publish.fonts import used_fonts
from rekom_docs.publish.register_doc import fill_table, register_document
from rekom_docs.word.fontmetrics import text_width
from rekom_docs.word.table_layout import PAD


def test_the_register_is_a4_landscape_in_the_template_font_and_its_columns_fit_their_words(tmp_path: Path):
    doc = register_document("Vedtaksregister")
    texts = [["Sak", "Forum", "Vedtak"], ["11/2024", "Samarbeidsforum REKOM", "Fordelingen vedtas slik den er foreslått. " * 4]]
    table = fill_table(doc, texts, [False, False, False])
    path = tmp_path / "vedtak.docx"
    doc.save(str(path))
    section = Document(str(path)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    assert used_fonts(path) == {"Carlito"}
    assert section.header.paragraphs and "".join(p.text for p in section.header.paragraphs).strip()
    forum = table.columns[1].cells[0].width
    assert forum.pt >= text_width("Samarbeidsforum", 9.0, False) + PAD - 1  # no `Samarbeidsforu|m`


def test_the_register_docx_speaks_norwegian_while_csv_keeps_codes(tmp_path: Path):
    from rekom_docs.build import checked_project
    from rekom_docs.publish.registers import write_registers
    from tests.paths import ROOT

    write_registers(checked_project(ROOT / "cases"), tmp_path)
    for name in ("vedtak", "oppfolging"):
        cells = [c.text for row in Document(str(tmp_path / f"{name}.docx")).tables[0].rows[1:] for c in row.cells]
        assert not {"draft", "sent", "approved", "open", "done", "rekom", "kompetanseloftet"} & set(cells)
        assert not any(len(c) == 10 and c[4] == "-" and c[7] == "-" for c in cells)  # no ISO dates in the document
    assert ",draft," in (tmp_path / "vedtak.csv").read_text(encoding="utf-8")
