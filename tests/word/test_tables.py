"""Tables hold together on the page and carry a numbered caption tied to them."""

from __future__ import annotations

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from rekom_docs.word import wml
from rekom_docs.word.letterhead import _copy_style
from rekom_docs.word.ooxml import style_by_id, style_numbering
from rekom_docs.word.table_layout import Plan
from rekom_docs.word.tables import FIGURE, SHORT_FRAME, caption, frame_table, grid_table, number_captions

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _table(rows: int, title: str = "Fordeling"):
    """A grid table of `rows` rows (a header, then names and amounts), parsed."""
    layout = Plan([120.0, 60.0], 10.0, [["Nettverk", "Beløp"]] + [[f"Nettverk {i}", f"{i} 000"] for i in range(1, rows)])
    xml = grid_table(layout, Mm(160), ("TableGrid", "Tabelltekst"), title, {0}, [False, True])
    return wml.parse([xml])[0]


def _keeps(tbl) -> list[bool]:
    return [all(p.find(f"{W}pPr/{W}keepNext") is not None for p in tr.iter(f"{W}p")) for tr in tbl.iter(f"{W}tr")]


def test_long_table_keeps_its_head_and_its_tail_with_the_sum():
    tbl = _table(20)
    keeps = _keeps(tbl)
    assert keeps[:3] == [True] * 3 and not any(keeps[3:16]) and keeps[16:19] == [True] * 3 and not keeps[19]
    assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in tbl.iter(f"{W}tr"))
    assert tbl.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val") == "Fordeling"


def test_short_table_is_kept_whole():
    assert _keeps(_table(6, "Kort")) == [True] * 5 + [False]


def test_a_table_of_eleven_rows_and_a_sum_is_kept_whole():
    assert _keeps(_table(13, "Tildeling")) == [True] * 12 + [False]  # header, eleven networks, Sum


def test_a_grid_table_repeats_its_header_bolds_it_and_right_aligns_numbers():
    tbl = _table(3, 'Tittel med "sitat" & <tegn>\nog linjeskift')
    rows = list(tbl.iter(f"{W}tr"))
    assert [tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in rows] == [True, False, False]
    assert [b.get(f"{W}val") for b in rows[0].iter(f"{W}b")] == [None, None]
    assert [b.get(f"{W}val") for b in rows[1].iter(f"{W}b")] == ["0", "0"]  # explicit: the table style bolds column 1
    assert [jc.get(f"{W}val") for jc in rows[1].iter(f"{W}jc")] == ["right"]
    assert [t.text for t in rows[1].iter(f"{W}t")] == ["Nettverk 1", "1 000"]
    assert tbl.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val") == 'Tittel med "sitat" & <tegn>\nog linjeskift'
    widths = [int(c.get(f"{W}w")) for c in tbl.iter(f"{W}gridCol")]
    assert abs(sum(widths) - Mm(160).twips) <= 2 and abs(widths[0] - 2 * widths[1]) <= 1
    assert [int(c.get(f"{W}w")) for c in rows[0].iter(f"{W}tcW")] == widths


def test_a_short_decision_frame_does_not_split_across_pages():
    doc = Document()
    doc.add_paragraph("Vedtak")
    frame_table(doc.element.body, doc, "Table Grid")
    row = doc.element.body.find(f"{qn('w:tbl')}/{qn('w:tr')}")
    assert row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None


def _long_frame():
    """A framed decision of more blocks than SHORT_FRAME: text, a bullet list, a table and its closing line."""
    doc = Document()
    blocks = [wml.paragraph(wml.run(f"Avsnitt {i}"), declare=True) for i in range(SHORT_FRAME)]
    blocks += [wml.paragraph(wml.run(t), "ListBullet", numbering=(1, 0), declare=True) for t in ("a", "b")]
    blocks += [wml.table([wml.row([wml.cell(100, wml.paragraph(wml.run("celle")))])], "TableGrid", [100], declare=True),
               wml.paragraph(wml.run("Etter tabellen"), declare=True)]
    doc.element.body.extend(wml.parse(blocks))
    doc.element.body.remove(doc.element.body.find(qn("w:sectPr")))
    frame_table(doc.element.body, doc, "Table Grid")
    return doc.element.body.find(qn("w:tbl"))


def _row_texts(tbl) -> list[str]:
    return ["|".join("".join(t.text for t in p.iter(qn("w:t"))) for p in tr.find(qn("w:tc")).iterchildren(qn("w:p")))
            for tr in tbl.iterchildren(qn("w:tr"))]


def test_a_long_decision_frame_breaks_only_between_paragraphs():
    tbl = _long_frame()
    rows = list(tbl.iterchildren(qn("w:tr")))
    assert _row_texts(tbl) == [f"Avsnitt {i}" for i in range(SHORT_FRAME)] + ["a", "b|Etter tabellen"]
    assert rows[-1].find(f"{qn('w:tc')}/{qn('w:tbl')}") is not None  # a table goes with the lines around it
    assert all(tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for tr in rows)


def test_the_rows_of_a_long_frame_read_as_one_box():
    rows = list(_long_frame().iterchildren(qn("w:tr")))
    margins = [{m.tag.split("}")[1]: m.get(qn("w:w")) for mar in tr.iter(qn("w:tcMar")) for m in mar} for tr in rows]
    assert margins[0] == {"bottom": "0"} and margins[-1] == {"top": "0"}
    assert all(m == {"top": "0", "bottom": "0"} for m in margins[1:-1])
    after = [tr.find(f"{qn('w:tc')}/{qn('w:p')}").get_or_add_pPr().spacing_after for tr in rows]
    assert after[SHORT_FRAME - 1:SHORT_FRAME + 2] == [None, 0, None]  # no space between list items, as in one cell


def test_captions_are_numbered_per_label_in_document_order():
    doc = Document()
    for title, label in (("A", "Tabell"), ("Diagram", FIGURE), ("B", "Tabell")):
        caption(doc.add_paragraph(style="Caption"), title, label)
    number_captions(doc.element.body)
    assert [p.text for p in doc.paragraphs] == ["Tabell . A", "Figur . Diagram", "Tabell . B"]  # fields hold the number
    numbers = ["".join(t.text for t in f.iter(qn("w:t"))) for f in doc.element.body.iter(qn("w:fldSimple"))]
    assert numbers == ["1", "1", "2"]
    assert [f.get(qn("w:instr")) for f in doc.element.body.iter(qn("w:fldSimple"))][1] == " SEQ Figur \\* ARABIC "


def test_a_style_id_with_a_quote_is_looked_up_as_data():
    """A template's style id goes into no XPath expression: `a"b` is found or missing, never a syntax error."""
    source, document = Document(), Document()
    styles = source.styles.element
    style = styles.add_style_of_type("Quoted", 1, False)
    style.set(qn("w:styleId"), 'a"b')
    assert style_by_id(styles, 'a"b') is style and style_by_id(styles, "none") is None
    assert style_numbering(styles, 'a"b') is None
    _copy_style('a"b', source, document)
    assert style_by_id(document.styles.element, 'a"b') is not None
