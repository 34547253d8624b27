"""The page and table layout of the register DOCX: the project's letterhead, A4 landscape, measured columns.

Why the letterhead file: it carries the template set's styles (Carlito, headings), header and
footer, so `make pdf` finds only installed fonts and the register looks like the other papers.
"""

from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from ..present.template_set import BUNDLED_TEMPLATES
from ..word import table_layout
from ..word.typography import no_break

SIZE = 9.0  # points: a register has many columns


def register_document(title: str, lang: str = "nb-NO"):
    """An empty A4 landscape document on the bundled letterhead, with `title` as its heading and core title."""
    doc = Document(str(BUNDLED_TEMPLATES / "letterhead.docx"))
    body = doc.element.body
    for block in list(body):
        if not block.tag.endswith("}sectPr"):
            body.remove(block)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    doc.core_properties.title, doc.core_properties.language = title, lang
    doc.add_paragraph(title, style="Heading 1")
    return doc


def fill_table(doc, texts: list[list[str]], numeric: list[bool]):
    """A table of `texts` (the first row the header) with columns as wide as their content needs."""
    section = doc.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    rows = [[no_break(c) for c in row] for row in texts]
    layout = table_layout.plan(rows, {0}, numeric, table_layout.points(width), SIZE)
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, (row, values) in enumerate(zip(table.rows, layout.rows)):
        for cell, text, right in zip(row.cells, values, numeric):
            para = cell.paragraphs[0]
            run = para.add_run(text)
            run.bold, run.font.size = r == 0, Pt(layout.size)
            if right:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    table_layout.apply(table, layout, width, SIZE)
    return table
