"""WordprocessingML written as lxml elements in one go: paragraphs, runs, fields, table parts.

Why: python-docx adds one element at a time and, for each, searches its parent for the place
the schema gives it; a table built so cost more than the rest of a document. Here each
element is made with its properties already in schema order, the same XML python-docx writes.
Text and attribute values are escaped by lxml, never by hand.
"""

from __future__ import annotations

from docx.oxml.ns import nsmap
from lxml import etree

W = nsmap["w"]
_NSMAP = {"w": W}
_BREAKS = str.maketrans({"\t": "\x00\t\x00", "\n": "\x00\n\x00", "\r": "\x00\n\x00"})


def w(name: str) -> str:
    """The Clark name of `w:name`."""
    return f"{{{W}}}{name}"


_P, _PPR, _R, _RPR, _T = w("p"), w("pPr"), w("r"), w("rPr"), w("t")
_VAL, _SPACE = w("val"), "{http://www.w3.org/XML/1998/namespace}space"


def element(name: str, parent: etree._Element | None = None, **attrs: str) -> etree._Element:
    """A `w:name` element with `w:` attributes in the order given, appended to `parent` when there is one."""
    attrib = {w(key): value for key, value in attrs.items()}
    if parent is None:
        return etree.Element(w(name), attrib, nsmap=_NSMAP)
    return etree.SubElement(parent, w(name), attrib)


def paragraph(style: str | None = None, keep_next: bool = False, numbering: tuple[int, int] | None = None,
              border_below: bool = False, space_after: int | None = None, indent: tuple[int, int] | None = None,
              align: str | None = None, parent: etree._Element | None = None) -> etree._Element:
    """A `w:p` with its properties in schema order: style, keep with next, list (`w:numId`, `w:ilvl`),
    a rule below, space after and indentation (left, hanging) in twips, alignment; appended to `parent` if given.

    Why a parent: an element made on its own is a document of its own, which costs more than the paragraph.
    """
    p = etree.Element(_P, nsmap=_NSMAP) if parent is None else etree.SubElement(parent, _P)
    if style or keep_next or numbering or border_below or space_after is not None or indent or align:
        ppr = etree.SubElement(p, _PPR)
        if style:
            etree.SubElement(ppr, w("pStyle"), {_VAL: style})
        if keep_next:
            etree.SubElement(ppr, w("keepNext"))
        if numbering:
            num_pr = etree.SubElement(ppr, w("numPr"))
            etree.SubElement(num_pr, w("ilvl"), {_VAL: str(numbering[1])})
            etree.SubElement(num_pr, w("numId"), {_VAL: str(numbering[0])})
        if border_below:
            etree.SubElement(etree.SubElement(ppr, w("pBdr")), w("bottom"),
                             {_VAL: "single", w("sz"): "6", w("space"): "1", w("color"): "auto"})
        if space_after is not None:
            etree.SubElement(ppr, w("spacing"), {w("after"): str(space_after)})
        if indent:
            etree.SubElement(ppr, w("ind"), {w("left"): str(indent[0]), w("hanging"): str(indent[1])})
        if align:
            etree.SubElement(ppr, w("jc"), {_VAL: align})
    return p


def style_of(p: etree._Element) -> str | None:
    """The paragraph style id of paragraph `p`, or None."""
    found = p.find(f"{_PPR}/{w('pStyle')}")
    return None if found is None else found.get(_VAL)


def set_style(p: etree._Element, style: str) -> None:
    """Give paragraph `p` the paragraph style `style`, in place of any it has."""
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = etree.Element(_PPR)
        p.insert(0, ppr)
    found = ppr.find(w("pStyle"))
    if found is None:
        found = etree.Element(w("pStyle"))
        ppr.insert(0, found)
    found.set(_VAL, style)


def run(parent: etree._Element | None, text: str, bold: bool | None = None, italic: bool = False,
        size: int | None = None, style: str | None = None, font: str | None = None) -> etree._Element:
    """A `w:r` holding `text`, appended to `parent` if given; bold False is written (`w:b w:val="0"`),
    size in half points, `style` a character style id, `font` a direct font."""
    r = etree.Element(_R, nsmap=_NSMAP) if parent is None else etree.SubElement(parent, _R)
    if bold is not None or italic or size or style or font:
        rpr = etree.SubElement(r, _RPR)
        if style:
            etree.SubElement(rpr, w("rStyle"), {_VAL: style})
        if font:
            etree.SubElement(rpr, w("rFonts"), {w("ascii"): font, w("hAnsi"): font})
        if bold is not None:
            etree.SubElement(rpr, w("b"), {} if bold else {_VAL: "0"})
        if italic:
            etree.SubElement(rpr, w("i"))
        if size:
            etree.SubElement(rpr, w("sz"), {_VAL: str(size)})
    add_text(r, text)
    return r


def add_text(r: etree._Element, text: str) -> None:
    """Append `text` to run `r` as python-docx does: a tab is `w:tab`, a line end `w:br`, the rest `w:t`."""
    pieces = text.translate(_BREAKS).split("\x00") if "\t" in text or "\n" in text or "\r" in text else [text]
    for piece in pieces:
        if piece == "\t":
            etree.SubElement(r, w("tab"))
        elif piece == "\n":
            etree.SubElement(r, w("br"))
        elif piece:
            t = etree.SubElement(r, _T)
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(_SPACE, "preserve")


def simple_field(parent: etree._Element, instruction: str, shown: str) -> etree._Element:
    """Append a `w:fldSimple` field showing `shown` until Word updates it."""
    field = etree.SubElement(parent, w("fldSimple"), {w("instr"): instruction})
    etree.SubElement(etree.SubElement(field, _R), _T).text = shown
    return field


def cell(tr: etree._Element, width: int) -> etree._Element:
    """Append an empty `w:tc` of `width` twips (a cell must get a paragraph)."""
    tc = etree.SubElement(tr, w("tc"))
    etree.SubElement(etree.SubElement(tc, w("tcPr")), w("tcW"), {w("type"): "dxa", w("w"): str(width)})
    return tc


def table(style: str, align: str, widths: list[int]) -> etree._Element:
    """A `w:tbl` of table style `style` and columns of `widths` twips, as python-docx starts one; no rows yet."""
    tbl = etree.Element(w("tbl"), nsmap=_NSMAP)
    tbl_pr = etree.SubElement(tbl, w("tblPr"))
    etree.SubElement(tbl_pr, w("tblStyle"), {_VAL: style})
    etree.SubElement(tbl_pr, w("tblW"), {w("type"): "auto", w("w"): "0"})
    etree.SubElement(tbl_pr, w("jc"), {_VAL: align})
    etree.SubElement(tbl_pr, w("tblLook"), {w("firstColumn"): "1", w("firstRow"): "1", w("lastColumn"): "0",
                                            w("lastRow"): "0", w("noHBand"): "0", w("noVBand"): "1", _VAL: "04A0"})
    grid = etree.SubElement(tbl, w("tblGrid"))
    for width in widths:
        etree.SubElement(grid, w("gridCol"), {w("w"): str(width)})
    return tbl


def row(tbl: etree._Element, cant_split: bool = False, header: bool = False) -> etree._Element:
    """Append a `w:tr`; a row that may not split across pages, a header row repeated on each page."""
    tr = etree.SubElement(tbl, w("tr"))
    if cant_split or header:
        tr_pr = etree.SubElement(tr, w("trPr"))
        if cant_split:
            etree.SubElement(tr_pr, w("cantSplit"))
        if header:
            etree.SubElement(tr_pr, w("tblHeader"))
    return tr


class Fragment:
    """Blocks for a docxtpl `{{p name}}` tag: its XML is the blocks', each with its own namespace declarations."""

    def __init__(self, blocks: list[etree._Element]):
        self.blocks = blocks

    def __str__(self) -> str:
        return "".join(etree.tostring(block, encoding="unicode") for block in self.blocks)

    __html__ = __str__
