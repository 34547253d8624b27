"""WordprocessingML written as text in one go: paragraphs, runs, fields, hyperlinks, tables.

Why: python-docx adds one element at a time and, for each, searches its parent for the place
the schema gives it; a table built so cost more than the rest of a document, and docxtpl turns
every block back into text anyway. Here each element is written with its properties already in
schema order (the XML python-docx writes), and text and attribute values go through `text` and
`attr`, which escape them and refuse what XML cannot hold, as lxml does. `parse` makes elements
of blocks where a tree is needed (footnotes, frames).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from docx.oxml.ns import nsmap
from docx.oxml.parser import parse_xml
from lxml import etree

W = nsmap["w"]
DECLARE = f'xmlns:w="{W}"'  # on each block handed to docxtpl: it stays valid XML on its own
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")  # what lxml refuses
_BREAKS = re.compile(r"(\t|\r|\n)")


def text(value: str) -> str:
    """`value` escaped as element text; ValueError (as from lxml) for characters XML cannot hold."""
    _check(value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(value: object) -> str:
    """`value` escaped as an attribute value (quotes, line ends and tabs too)."""
    value = text(str(value)).replace('"', "&quot;")
    if "\n" in value or "\r" in value or "\t" in value:
        value = value.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return value


def _check(value: str) -> None:
    if _ILLEGAL.search(value):
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")


def paragraph(runs: str = "", style: str | None = None, keep_next: bool = False,
              numbering: tuple[int, int] | None = None, border_below: bool = False, space_after: int | None = None,
              indent: tuple[int, int] | None = None, align: str | None = None, declare: bool = False) -> str:
    """A `w:p` holding `runs`, its properties in schema order: style, keep with next, list (`w:numId`,
    `w:ilvl`), a rule below, space after and indentation (left, hanging) in twips, alignment."""
    props = "".join((
        f'<w:pStyle w:val="{attr(style)}"/>' if style else "",
        "<w:keepNext/>" if keep_next else "",
        f'<w:numPr><w:ilvl w:val="{numbering[1]}"/><w:numId w:val="{numbering[0]}"/></w:numPr>' if numbering else "",
        '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>' if border_below else "",
        f'<w:spacing w:after="{space_after}"/>' if space_after is not None else "",
        f'<w:ind w:left="{indent[0]}" w:hanging="{indent[1]}"/>' if indent else "",
        f'<w:jc w:val="{align}"/>' if align else "",
    ))
    head = f"<w:p {DECLARE}>" if declare else "<w:p>"
    return head + (f"<w:pPr>{props}</w:pPr>" if props else "") + runs + "</w:p>"


def run(content: str, bold: bool | None = None, italic: bool = False, size: int | None = None,
        style: str | None = None, font: str | None = None) -> str:
    """A `w:r` of text `content` (see run_text); bold False is written (`w:b w:val="0"`), size in half
    points, `style` a character style id, `font` a direct font."""
    return run_with(run_text(content), bold, italic, size, style, font)


def run_with(inner: str, bold: bool | None = None, italic: bool = False, size: int | None = None,
             style: str | None = None, font: str | None = None) -> str:
    """A `w:r` holding the run content `inner` (a break, a footnote reference), formatted as `run` formats."""
    props = "".join((
        f'<w:rStyle w:val="{attr(style)}"/>' if style else "",
        f'<w:rFonts w:ascii="{attr(font)}" w:hAnsi="{attr(font)}"/>' if font else "",
        "" if bold is None else "<w:b/>" if bold else '<w:b w:val="0"/>',
        "<w:i/>" if italic else "",
        f'<w:sz w:val="{size}"/>' if size else "",
    ))
    return "<w:r>" + (f"<w:rPr>{props}</w:rPr>" if props else "") + inner + "</w:r>"


def run_text(value: str) -> str:
    """Run content for `value` as python-docx writes it: a tab is `w:tab`, a line end `w:br`, the rest `w:t`."""
    out = []
    for piece in _BREAKS.split(value) if ("\t" in value or "\n" in value or "\r" in value) else (value,):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\n", "\r"):
            out.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            out.append(f"<w:t{space}>{text(piece)}</w:t>")
    return "".join(out)


def simple_field(instruction: str, shown: str) -> str:
    """A `w:fldSimple` field showing `shown` until Word updates it."""
    return f'<w:fldSimple w:instr="{attr(instruction)}"><w:r><w:t>{text(shown)}</w:t></w:r></w:fldSimple>'


def hyperlink(rid: str, runs: str) -> str:
    """A `w:hyperlink` to relationship `rid` holding `runs` (the `r:` prefix is declared where blocks are parsed)."""
    return f'<w:hyperlink r:id="{attr(rid)}" w:history="1">{runs}</w:hyperlink>'


def table(rows: Iterable[str], style: str, widths: list[int], align: str | None = None, caption: str | None = None,
          declare: bool = False) -> str:
    """A `w:tbl` as python-docx starts one (auto width, its default look), of table style `style` and columns
    of `widths` twips, holding `rows`; `caption` is its title for assistive technology (w:tblCaption)."""
    props = "".join((
        f'<w:tblStyle w:val="{attr(style)}"/><w:tblW w:type="auto" w:w="0"/>',
        f'<w:jc w:val="{align}"/>' if align else "",
        '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" '
        'w:val="04A0"/>',
        f'<w:tblCaption w:val="{attr(caption)}"/>' if caption is not None else "",
    ))
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    head = f"<w:tbl {DECLARE}>" if declare else "<w:tbl>"
    return f"{head}<w:tblPr>{props}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def row(cells: Iterable[str], cant_split: bool = False, header: bool = False) -> str:
    """A `w:tr` of `cells`; a row that may not split across pages, a header row repeated on each page."""
    props = ("<w:cantSplit/>" if cant_split else "") + ("<w:tblHeader/>" if header else "")
    return "<w:tr>" + (f"<w:trPr>{props}</w:trPr>" if props else "") + "".join(cells) + "</w:tr>"


def cell(width: int, content: str) -> str:
    """A `w:tc` of `width` twips holding the paragraphs `content` (a cell must hold one at least)."""
    return f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>{content}</w:tc>'


def parse(blocks: Iterable[str]) -> list[etree._Element]:
    """Elements (python-docx's classes) of blocks written here; `w:` and `r:` are declared around them."""
    body = parse_xml(f'<w:body {DECLARE} xmlns:r="{nsmap["r"]}">{"".join(blocks)}</w:body>')
    return list(body)


def style_of(p: etree._Element) -> str | None:
    """The paragraph style id of paragraph element `p`, or None."""
    found = p.find(f"{{{W}}}pPr/{{{W}}}pStyle")
    return None if found is None else found.get(f"{{{W}}}val")


def set_style(p: etree._Element, style: str) -> None:
    """Give paragraph element `p` the paragraph style `style`, in place of any it has."""
    ppr = p.find(f"{{{W}}}pPr")
    if ppr is None:
        ppr = p.makeelement(f"{{{W}}}pPr", {})
        p.insert(0, ppr)
    found = ppr.find(f"{{{W}}}pStyle")
    if found is None:
        found = ppr.makeelement(f"{{{W}}}pStyle", {})
        ppr.insert(0, found)
    found.set(f"{{{W}}}val", style)


class Fragment:
    """Blocks for a docxtpl `{{p name}}` tag, as text (each block declaring `w:`)."""

    def __init__(self, blocks: list[str]):
        self.blocks = blocks

    def __str__(self) -> str:
        return "".join(self.blocks)

    __html__ = __str__
