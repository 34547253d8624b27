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
FONT = "Carlito"  # Why: the metric twin of Calibri, installed with the set-up (fonts-crosextra-carlito)


def base_document(lang: str = "nb-NO"):
    """An empty A4 document in Norwegian (`lang`), real heading styles and a page footer."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    _language(doc, lang)
    _widow_control(doc)
    _bullets(doc)
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


def _widow_control(doc) -> None:
    """Widow and orphan control for every paragraph (docDefaults): no line alone at a page's top or foot.

    Why: in OOXML an absent w:widowControl means off, and LibreOffice follows that.
    """
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = OxmlElement("w:pPrDefault")
        defaults.append(ppr_default)
    ppr = ppr_default.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        ppr_default.append(ppr)
    if ppr.find(qn("w:widowControl")) is None:
        ppr.insert(0, OxmlElement("w:widowControl"))


def _bullets(doc) -> None:
    """Bullets as FONT's own `•` instead of the Symbol font's private-use glyph.

    Why: LibreOffice prints a Symbol bullet in OpenSymbol, a second embedded font in every PDF.
    """
    for lvl in doc.part.numbering_part.element.iter(qn("w:lvl")):
        text = lvl.find(qn("w:lvlText"))
        if text is None or text.get(qn("w:val")) != "\uf0b7":
            continue
        text.set(qn("w:val"), "\u2022")
        for rfonts in lvl.iter(qn("w:rFonts")):
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                if rfonts.get(qn(attr)) == "Symbol":
                    rfonts.set(qn(attr), FONT)


def _styles(doc) -> None:
    """Fonts and colours of the built-in styles, and the project's own styles."""
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 20), ("Heading 1", 15), ("Heading 2", 13), ("Heading 3", 11)):
        style = styles[name]
        style.font.name, style.font.size, style.font.color.rgb = FONT, Pt(size), ACCENT
        style.font.bold = True
    styles["Heading 3"].font.italic = False
    styles["Caption"].font.color.rgb = ACCENT  # Why: the default blue is 4.0:1 at 9 pt, below WCAG AA
    styles["Subtitle"].font.color.rgb = ACCENT
    _add(styles, "Vedtak", WD_STYLE_TYPE.PARAGRAPH, base="Normal", setup=_decision_style)
    _add(styles, "Vedtaksramme", WD_STYLE_TYPE.TABLE, base="Normal Table", setup=_decision_frame)
    _add(styles, "Møtedata", WD_STYLE_TYPE.PARAGRAPH, base="Normal", setup=lambda s: setattr(s.paragraph_format, "space_after", Pt(0)))
    _add(styles, "Hyperlink", WD_STYLE_TYPE.CHARACTER, setup=_link_style)
    _add(styles, "Footnote Text", WD_STYLE_TYPE.PARAGRAPH, base="Normal", setup=lambda s: setattr(s.font, "size", Pt(9)))
    _add(styles, "Footnote Reference", WD_STYLE_TYPE.CHARACTER, setup=lambda s: setattr(s.font, "superscript", True))
    _add(styles, "Tabelltekst", WD_STYLE_TYPE.PARAGRAPH, base="Normal", setup=_table_text)
    _add(styles, "Brevhode", WD_STYLE_TYPE.PARAGRAPH, base="Normal", setup=_letterhead_style)
    _add(styles, "Utregning", WD_STYLE_TYPE.PARAGRAPH, base="Normal", setup=_table_text)
    _one_font(styles)


def _one_font(styles) -> None:
    """Defaults and every style name FONT itself (monospace styles aside), never a theme font.

    Why: Word prefers a theme font (Cambria for headings) over the named one, LibreOffice
    does not, so the Word file and the PDF would differ.
    """
    for rfonts in styles.element.iter(qn("w:rFonts")):
        if (rfonts.get(qn("w:ascii")) or "").startswith("Courier"):
            continue
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            rfonts.set(qn(attr), FONT)


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
    """Vedtak: the decision's paragraphs; the frame around them all is the table style Vedtaksramme."""
    style.paragraph_format.space_after = Pt(4)


def _decision_frame(style) -> None:
    """Vedtaksramme: one shaded cell with a thick left rule, around a whole decision (lists too).

    Why a one-cell table: paragraph borders join only between paragraphs with equal
    indents, so a numbered or nested list inside a decision broke the frame into pieces.
    """
    tblpr = _child(style.element, "w:tblPr")
    borders = _child(tblpr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = _child(borders, f"w:{side}")
        values = (("w:val", "single"), ("w:sz", "24"), ("w:space", "0"), ("w:color", "1F3A5F")) if side == "left" else (("w:val", "nil"),)
        for attr, value in values:
            edge.set(qn(attr), value)
    margins = _child(tblpr, "w:tblCellMar")
    for side, twips in (("top", 60), ("left", 200), ("bottom", 20), ("right", 120)):
        edge = _child(margins, f"w:{side}")
        edge.set(qn("w:w"), str(twips))
        edge.set(qn("w:type"), "dxa")
    shading = _child(_child(style.element, "w:tcPr"), "w:shd")
    for attr, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", "EEF2F7")):
        shading.set(qn(attr), value)


def _child(parent, tag: str):
    """The child `tag` of `parent`, appended when missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def _link_style(style) -> None:
    style.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    style.font.underline = True


def _table_text(style) -> None:
    style.paragraph_format.space_after = Pt(0)
    style.font.size = Pt(10)


def _letterhead_style(style) -> None:
    style.font.size, style.font.color.rgb = Pt(16), ACCENT
    style.paragraph_format.space_after = Pt(0)
