"""The starter letterhead.docx: the header and footer every rendered document takes.

Why: a letterhead defined once means changing the logo, the sender or the page footer is
one edit in Word; the body of letterhead.docx is not used and only says so.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from .styles import ACCENT, base_document

# A neutral shaded square where the logo goes (replace it with a picture in Word); Why shading,
# not a glyph such as U+25A0: Carlito has no geometric shapes, and a fallback font would be embedded.
MARK = "\u00a0\u00a0"


def letterhead(t: dict[str, str]) -> Document:
    """A header with a text mark and the sender, a footer with `Side N av M`."""
    doc = base_document(t["lang"])
    section = doc.sections[0]
    head = section.header.paragraphs[0]
    mark = head.add_run(MARK)
    mark.font.color.rgb, mark.font.size = ACCENT, Pt(16)
    mark._r.get_or_add_rPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="1F3A5F"/>'))
    sender = head.add_run("\u00a0" + t["sender"])
    sender.bold, sender.font.color.rgb, sender.font.size = True, ACCENT, Pt(12)
    _bottom_rule(head._p)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run(f"{t['page']} ")
    _field(foot, "PAGE")
    foot.add_run(f" {t['page_of']} ")
    _field(foot, "NUMPAGES")
    doc.add_paragraph(t["letterhead_note"])
    return doc


def _bottom_rule(p) -> None:
    """A thin line under the header paragraph (w:pBdr/w:bottom)."""
    border, bottom = OxmlElement("w:pBdr"), OxmlElement("w:bottom")
    for attr, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "4"), ("w:color", "1F3A5F")):
        bottom.set(qn(attr), value)
    border.append(bottom)
    p.get_or_add_pPr().append(border)


def _field(para, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) showing 1 until Word updates it."""
    run = para.add_run()
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == code:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {code} "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)
