"""Find table text that the PDF breaks where a reader would not: inside a number, a case number or a word.

Why geometry: only the rendered page shows where LibreOffice wrapped a cell. `pdftotext
-bbox-layout` gives every word with its line and block (a table column keeps to its own
blocks); a wrap inside a cell is two consecutive lines of one block. The Word file says
what the cells hold: a wrap is wrong when the last word of one line and the first of the
next are pieces of one token of a cell (split only at breakable spaces, so an amount
joined with no-break spaces is one token). A break at a soft hyphen prints a hyphen
and so spells no token: it is allowed.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

NBSP, SHY = "\u00a0", "\u00ad"
BREAKABLE = " \t\n"


@dataclass(frozen=True)
class Broken:
    """One token the PDF wraps inside: where, what was printed, what the cell holds."""

    page: int
    printed: str
    token: str

    def __str__(self) -> str:
        return f"page {self.page}: '{self.token.replace(NBSP, ' ').replace(SHY, '')}' is broken as '{self.printed}'"


def cell_tokens(docx: Path) -> set[str]:
    """Every token of every table cell (text split at breakable spaces: a no-break space joins),
    and every token of running text that holds a no-break space (`31.\u00a0mars`, a phone number)."""
    body = Document(str(docx)).element.body
    tokens: set[str] = set()
    for cell in body.iter(qn("w:tc")):
        text = " ".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in cell.iter(qn("w:p")))
        tokens.update(text.split(" "))
    for para in body.iter(qn("w:p")):
        tokens.update(t for t in "".join(x.text or "" for x in para.iter(qn("w:t"))).split(" ") if NBSP in t)
    tokens.discard("")
    return tokens


def pdf_lines(pdf: Path) -> list[tuple[int, list[list[str]]]]:
    """Each text block of the PDF as (page, lines of words), from `pdftotext -bbox-layout`."""
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(html, etree.HTMLParser(encoding="utf-8"))
    blocks = []
    for number, page in enumerate(root.iter("page"), start=1):
        for block in page.iter("block"):
            lines = [[w.text or "" for w in line.iter("word")] for line in block.iter("line")]
            blocks.append((number, [ln for ln in lines if ln]))
    return blocks


def broken_tokens(pdf: Path, docx: Path) -> list[Broken]:
    """Every table token the PDF wraps inside (mid-word, mid-number or at a no-break space)."""
    tokens = cell_tokens(docx)
    found = []
    for page, lines in pdf_lines(pdf):
        for before, after in zip(lines, lines[1:]):
            hit = _spanning(before, after, tokens)
            if hit:
                found.append(Broken(page, f"{' '.join(before[-3:])} | {' '.join(after[:3])}", hit))
    return found


def _spanning(before: list[str], after: list[str], tokens: set[str]) -> str | None:
    """The token that the wrap between two lines cuts, if any.

    The tail of `before` (its last k words) and the head of `after` (its first m words)
    form one token when joined with no space (a word cut) or with a no-break space
    (a number cut at its group separator), and the tail alone is not a whole token.
    """
    for k in range(1, min(len(before), 4) + 1):
        tail = before[-k:]
        for m in range(1, min(len(after), 4) + 1):
            head = after[:m]
            for joint in ("", NBSP):
                candidate = NBSP.join(tail) + joint + NBSP.join(head)
                token = _token_of(candidate, tokens)
                if token and NBSP.join(tail) not in tokens and not (joint == "" and _may_break_after(tail[-1])):
                    return token
    return None


def _may_break_after(piece: str) -> bool:
    """A line may end after a letter and a slash or hyphen (`Master/`, `barne-`), never after a digit."""
    return len(piece) > 1 and piece[-1] in "/-" and piece[-2].isalpha()


def _token_of(candidate: str, tokens: set[str]) -> str | None:
    """The cell token `candidate` spells (soft hyphens ignored), or None."""
    if candidate in tokens:
        return candidate
    plain = {t.replace(SHY, ""): t for t in tokens if SHY in t}
    return plain.get(candidate)



def broken_in_folder(out: Path) -> list[str]:
    """Every broken table token in every PDF under `out` that has its DOCX beside it, as readable lines."""
    problems = []
    for pdf in sorted(out.rglob("*.pdf")):
        docx = pdf.with_suffix(".docx")
        if docx.is_file():
            problems += [f"{pdf.relative_to(out)}: {b}" for b in broken_tokens(pdf, docx)]
    return problems
