"""WordprocessingML written as text: the XML python-docx writes, escaped as lxml escapes it."""

from __future__ import annotations

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, Twips
from lxml import etree

from rekom_docs.word import wml


def _c14n(element) -> bytes:
    return etree.tostring(element, method="c14n", exclusive=True)  # only the namespaces it uses


def test_a_paragraph_is_the_one_python_docx_builds_property_by_property():
    doc = Document()
    p = doc.add_paragraph()
    ppr = p._p.get_or_add_pPr()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.paragraph_format.left_indent = Twips(720)  # set out of schema order: python-docx sorts them
    ppr.get_or_add_ind().set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}hanging", "360")
    p.paragraph_format.space_after = Pt(8)
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 1
    num_pr.get_or_add_numId().val = 7
    p.paragraph_format.keep_with_next = True
    ppr.style = "ListNumber"
    run = p.add_run("a\tb\nc ")
    run.font.size = Pt(9)
    run.italic = True
    run.bold = False
    run.font.name = "Courier New"
    run._r.get_or_add_rPr().style = "Hyperlink"
    ours = wml.paragraph(wml.run("a\tb\nc ", bold=False, italic=True, size=18, style="Hyperlink", font="Courier New"),
                         "ListNumber", keep_next=True, numbering=(7, 1), space_after=160, indent=(720, 360),
                         align="right")
    assert _c14n(wml.parse([ours])[0]) == _c14n(p._p)


def test_text_is_escaped_and_kept_as_typed():
    typed = 'Navn & <adresse> "sitat" '
    p = wml.parse([wml.paragraph(wml.run(typed), "Normal")])[0]
    texts = [t for t in p.iter() if t.tag.endswith("}t")]
    assert [t.text for t in texts] == [typed]
    assert texts[0].get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"  # a trailing space is kept


def test_an_attribute_keeps_quotes_line_ends_and_tabs():
    value = 'A "B" & C\nD\tE'
    tbl = wml.parse([wml.table([], "TableGrid", [100], caption=value)])[0]
    caption = next(e for e in tbl.iter() if e.tag.endswith("}tblCaption"))
    assert caption.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == value


@pytest.mark.parametrize("bad", ["null\x00", "bell\x07", "escape\x1b"])
def test_characters_xml_cannot_hold_are_refused_as_lxml_refuses_them(bad):
    with pytest.raises(ValueError) as ours:
        wml.run(bad)
    with pytest.raises(ValueError) as theirs:
        etree.Element("t").text = bad
    assert str(ours.value) == str(theirs.value)


def test_a_fragment_is_valid_xml_block_by_block():
    fragment = wml.Fragment([wml.paragraph(wml.run("x"), "Normal", declare=True),
                             wml.table([wml.row([wml.cell(100, wml.paragraph())])], "TableGrid", [100], declare=True)])
    assert [etree.fromstring(block).tag.split("}")[1] for block in fragment.blocks] == ["p", "tbl"]
    assert str(fragment) == fragment.__html__() == "".join(fragment.blocks)
