"""The page, the proofing language and the styles every starter template has.

Why: the styles are the ones the Markdown conversion and the table writer need (see
templates/README.md); a secretary restyles them in Word, so they are set here only once.
"""

from __future__ import annotations

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

ACCENT = RGBColor(0x1F, 0x3A, 0x5F)


def base_document(lang: str = "nb-NO"):
    """An empty A4 document in Norwegian (`lang`), real heading styles and a page footer."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    _language(doc, lang)
    _styles(doc)
    doc.core_properties.language = lang
    return doc


def _language(doc, tag: str) -> None:
    """Set the document's default proofing language (docDefaults) to `tag`."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), tag)


def _styles(doc) -> None:
    """Fonts and colours of the built-in styles, and the project's own styles."""
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = "Calibri", Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 20), ("Heading 1", 15), ("Heading 2", 13), ("Heading 3", 11)):
        style = styles[name]
        style.font.name, style.font.size, style.font.color.rgb = "Calibri", Pt(size), ACCENT
        style.font.bold = True
    styles["Heading 3"].font.italic = False
    styles["Caption"].font.color.rgb = ACCENT  # Why: the default blue is 4.0:1 at 9 pt, below WCAG AA
    styles["Subtitle"].font.color.rgb = ACCENT
    _add(styles, "Vedtak", WD_STYLE_TYPE.PARAGRAPH, base="Normal", setup=_decision_style)
    _add(styles, "Møtedata", WD_STYLE_TYPE.PARAGRAPH, base="Normal", setup=lambda s: setattr(s.paragraph_format, "space_after", Pt(0)))
    _add(styles, "Hyperlink", WD_STYLE_TYPE.CHARACTER, setup=_link_style)
    _add(styles, "Footnote Text", WD_STYLE_TYPE.PARAGRAPH, base="Normal", setup=lambda s: setattr(s.font, "size", Pt(9)))
    _add(styles, "Footnote Reference", WD_STYLE_TYPE.CHARACTER, setup=lambda s: setattr(s.font, "superscript", True))
    _add(styles, "Tabelltekst", WD_STYLE_TYPE.PARAGRAPH, base="Normal", setup=_table_text)
    _add(styles, "Brevhode", WD_STYLE_TYPE.PARAGRAPH, base="Normal", setup=_letterhead_style)
    _add(styles, "Utregning", WD_STYLE_TYPE.PARAGRAPH, base="Normal", setup=_table_text)


def _add(styles, name, kind, base=None, setup=None):
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, kind)
    if base:
        style.base_style = styles[base]
    style.quick_style = True
    if setup:
        setup(style)
    return style


def _decision_style(style) -> None:
    """Vedtak: indented, shaded and framed on the left, so the decision stands apart."""
    fmt = style.paragraph_format
    fmt.left_indent, fmt.space_after = Mm(4), Pt(4)
    ppr = style.element.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for attr, value in (("w:val", "single"), ("w:sz", "24"), ("w:space", "8"), ("w:color", "1F3A5F")):
        left.set(qn(attr), value)
    border.append(left)
    shading = OxmlElement("w:shd")
    for attr, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", "EEF2F7")):
        shading.set(qn(attr), value)
    ppr.append(border)
    ppr.append(shading)


def _link_style(style) -> None:
    style.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    style.font.underline = True


def _table_text(style) -> None:
    style.paragraph_format.space_after = Pt(0)
    style.font.size = Pt(10)


def _letterhead_style(style) -> None:
    style.font.size, style.font.color.rgb = Pt(16), ACCENT
    style.paragraph_format.space_after = Pt(0)
