"""Tables hold together on the page and carry a numbered caption tied to them."""

from __future__ import annotations

from docx import Document
from docx.oxml.ns import qn

from rekom_docs.word.tables import FIGURE, caption, frame_table, keep_rows_together, number_captions


def _keeps(table) -> list[bool]:
    return [all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs) for row in table.rows]


def test_long_table_keeps_its_head_and_its_tail_with_the_sum():
    doc = Document()
    table = doc.add_table(rows=20, cols=2)
    keep_rows_together(table, "Fordeling")
    keeps = _keeps(table)
    assert keeps[:3] == [True] * 3 and not any(keeps[3:16]) and keeps[16:19] == [True] * 3 and not keeps[19]
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == "Fordeling"


def test_short_table_is_kept_whole():
    doc = Document()
    table = doc.add_table(rows=6, cols=2)
    keep_rows_together(table, "Kort")
    assert _keeps(table) == [True] * 5 + [False]


def test_a_table_of_eleven_rows_and_a_sum_is_kept_whole():
    doc = Document()
    table = doc.add_table(rows=13, cols=2)  # header, eleven networks, Sum
    keep_rows_together(table, "Tildeling")
    assert _keeps(table) == [True] * 12 + [False]


def test_a_short_decision_frame_does_not_split_across_pages():
    doc = Document()
    doc.add_paragraph("Vedtak")
    frame_table(doc.element.body, doc, "Table Grid")
    row = doc.element.body.find(f"{qn('w:tbl')}/{qn('w:tr')}")
    assert row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None


def test_captions_are_numbered_per_label_in_document_order():
    doc = Document()
    for title, label in (("A", "Tabell"), ("Diagram", FIGURE), ("B", "Tabell")):
        caption(doc.add_paragraph(style="Caption"), title, label)
    number_captions(doc.element.body)
    assert [p.text for p in doc.paragraphs] == ["Tabell . A", "Figur . Diagram", "Tabell . B"]  # fields hold the number
    numbers = ["".join(t.text for t in f.iter(qn("w:t"))) for f in doc.element.body.iter(qn("w:fldSimple"))]
    assert numbers == ["1", "1", "2"]
    assert [f.get(qn("w:instr")) for f in doc.element.body.iter(qn("w:fldSimple"))][1] == " SEQ Figur \\* ARABIC "
