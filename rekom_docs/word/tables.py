"""Tables that hold together on the page and carry a real, numbered caption tied to them.

Why: a table whose last rows and Sum land alone on the next page, or whose caption stays
behind, reads as two tables; a caption typed as plain text is invisible to Word's list of
tables and to a screen reader.
"""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from . import table_layout, wml
from .ooxml import style_by_id
from .stylebook import style_book
from .table_layout import Plan

TABLE, FIGURE = "Tabell", "Figur"  # caption labels (the same in bokmål and nynorsk)
KEEP_HEAD, KEEP_TAIL = 2, 3  # body rows kept with the header, rows kept with the Sum
WHOLE = 16  # a table of up to this many rows (header and Sum included) is kept on one page


def caption(paragraph, title: str, label: str = TABLE) -> None:
    """Fill a python-docx Caption paragraph: `<label> <SEQ field>. title`."""
    paragraph._p.extend(wml.parse([caption_runs(title, label)]))


def caption_runs(title: str, label: str = TABLE) -> str:
    """The runs of a caption: `<label> <SEQ field>. title`."""
    return wml.run(f"{label} ") + wml.simple_field(f" SEQ {label} \\* ARABIC ", "1") + wml.run(f". {title}")


def kept_with_next(rows: int) -> list[bool]:
    """Which rows of a table of `rows` keep with the next: all but the last of a short table, else the head and tail."""
    last = rows - 1
    return [r < last and (last < WHOLE or r <= KEEP_HEAD or r >= last - KEEP_TAIL) for r in range(rows)]


def grid_table(layout: Plan, width: int, styles: tuple[str, str], title: str, bold_rows: set[int],
               numeric: list[bool]) -> str:
    """A table of the texts `layout.rows`: header row repeated, no row split, columns as `layout` plans them
    over `width` EMU; the rows keep together as kept_with_next says.

    Why keep with next: Word and LibreOffice move a row whose paragraphs are 'keep with next' to the
    page of the row after it; a short table (up to WHOLE rows) is kept whole. The title is the table's
    own caption (w:tblCaption), which ties the caption to it for assistive technology. `styles` are
    the ids of the table style and of the cell paragraphs' style.
    """
    widths, size = table_layout.column_twips(layout, width), table_layout.half_points(layout)
    rows = []
    for r, (keep, values) in enumerate(zip(kept_with_next(len(layout.rows)), layout.rows)):
        cells = [wml.cell(col, wml.paragraph(wml.run(text, bold=r in bold_rows, size=size), styles[1], keep_next=keep,
                                             align="right" if is_number else None))
                 for text, col, is_number in zip(values, widths, numeric)]
        rows.append(wml.row(cells, cant_split=True, header=r == 0))
    return wml.table(rows, styles[0], widths, align="left", caption=title[:255], declare=True)


def number_captions(body) -> None:
    """Number the caption fields of each label in document order (the result a reader sees before fields update)."""
    counts: dict[str, int] = {}
    for field in body.iter(qn("w:fldSimple")):
        words = (field.get(qn("w:instr")) or "").split()
        if words[:1] == ["SEQ"] and len(words) > 1:
            counts[words[1]] = counts.get(words[1], 0) + 1
            for text in field.iter(qn("w:t")):
                text.text = str(counts[words[1]])


FRAME_SUFFIX = "sramme"  # the frame of paragraph style `Vedtak` is the table style `Vedtaksramme`
SHORT_FRAME = 12  # a frame of up to this many blocks is one row, never split across pages
_CELL = '<w:tcW w:w="5000" w:type="pct"/>'
_INNER_EDGE = '<w:{0} w:w="0" w:type="dxa"/>'  # no cell margin where one row of the frame meets the next


def frame_table(body, document, style_name: str) -> None:
    """Move every block of `body` into a full-width frame of table style `style_name`, when the template has it.

    Why a table: a frame drawn by paragraph borders breaks wherever the indent changes (a list, a
    nested list); a cell holds them all. Why one unsplittable row per paragraph: LibreOffice applies
    no widow control where a page breaks inside a cell, so a long frame breaks only between its
    paragraphs; a short one is one row, kept whole with the heading above. Where rows meet, the cell
    margins go and list items keep their contextual spacing, so the rows read as one box. A template
    without the style keeps plain paragraphs.
    """
    book = style_book(document.part)  # Why: not every style read per decision
    style_id = book.find(style_name, "table")
    blocks = list(body)
    if style_id is None or not blocks:
        return
    tbl = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{style_id}"/><w:tblW w:w="5000" w:type="pct"/>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        '</w:tblPr><w:tblGrid><w:gridCol/></w:tblGrid></w:tbl>')
    groups = [blocks] if len(blocks) <= SHORT_FRAME else frame_rows(blocks)
    for index, group in enumerate(groups):
        edges = "".join(_INNER_EDGE.format(side) for side, inner in (("top", index > 0),
                                                                     ("bottom", index < len(groups) - 1)) if inner)
        margins = f"<w:tcMar>{edges}</w:tcMar>" if edges else ""
        row = parse_xml(f'<w:tr {nsdecls("w")}><w:trPr><w:cantSplit/></w:trPr>'
                        f'<w:tc><w:tcPr>{_CELL}{margins}</w:tcPr></w:tc></w:tr>')
        cell = row.find(qn("w:tc"))
        if index < len(groups) - 1 and _contextual(book.element, group[-1], groups[index + 1][0]):
            group[-1].get_or_add_pPr().get_or_add_spacing().set(qn("w:after"), "0")
        cell.extend(group)
        if group[-1].tag != qn("w:p"):
            cell.append(parse_xml(f"<w:p {nsdecls('w')}/>"))  # Why: a cell must end with a paragraph
        tbl.append(row)
    body.append(tbl)


def frame_rows(blocks: list) -> list[list]:
    """The blocks grouped into the frame's rows: a paragraph each, a table with the paragraphs around it."""
    rows: list[list] = []
    for block in blocks:
        if rows and (block.tag != qn("w:p") or rows[-1][-1].tag != qn("w:p")):
            rows[-1].append(block)
        else:
            rows.append([block])
    return rows


def _contextual(styles, above, below) -> bool:
    """Whether paragraphs `above` and `below` share a style with contextual spacing (no space between list items)."""
    if above.tag != qn("w:p") or below.tag != qn("w:p") or wml.style_of(above) != wml.style_of(below):
        return False
    found = style_by_id(styles, wml.style_of(above))
    return found is not None and found.find(f"{qn('w:pPr')}/{qn('w:contextualSpacing')}") is not None
