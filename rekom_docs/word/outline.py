"""A plain-text outline of a DOCX body: styles, text, tables, links and footnotes, in order.

Why: golden tests and `lint-docx` compare what a reader sees and how it is structured,
not the XML bytes, which change with every render (ids, timestamps).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


def outline(path: Path) -> str:
    """One line per paragraph (`[Style] text`) and per table row (`| a | b |`)."""
    doc = Document(str(path))
    lines: list[str] = []
    for block in doc.element.body.iterchildren():
        if block.tag == qn("w:p"):
            para = Paragraph(block, doc)
            lines.append(f"[{para.style.name if para.style is not None else '?'}] {_text(block)}".rstrip())
        elif block.tag == qn("w:tbl"):
            lines += _table(Table(block, doc))
    return "\n".join(lines) + "\n"


def _text(element) -> str:
    """Visible text with links as `[text](target)` and footnote references as `[^n]`."""
    parts = []
    for node in element.iter(qn("w:t"), qn("w:footnoteReference"), qn("w:tab"), qn("w:br")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:footnoteReference"):
            parts.append(f"[^{node.get(qn('w:id'))}]")
        else:
            parts.append(" ")
    return "".join(parts)


def _table(table: Table) -> list[str]:
    lines = [f"<table style={table.style.name if table.style is not None else '?'}>"]
    for row in table.rows:
        header = row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
        cells = []
        for cell in row.cells:
            para = cell.paragraphs[0]
            align = ">" if para.alignment is not None and para.alignment == 2 else ""
            cells.append(f"{align}{cell.text}")
        lines.append(("H" if header else " ") + "| " + " | ".join(cells) + " |")
    return lines
