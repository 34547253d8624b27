"""Accessibility and house-style checks on a DOCX: what a screen reader and an archive need.

Checked: title and language set, A4 pages, headings that start at level 1 and never skip a
level, no bold line standing in for a heading, every table with a marked (repeating) header
row, alt text on every image, and no bokmål left in a nynorsk document.
"""

from __future__ import annotations

from pathlib import Path
from zipfile import BadZipFile

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from ..errors import RekomError

A4_MM = (210, 297)


def lint_docx(path: Path) -> list[str]:
    """Every accessibility problem found in the document at `path`, as readable sentences.

    Raises RekomError when the file is no Word document (a PDF, a broken zip, an Excel file).
    """
    try:
        doc = Document(str(path))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError, OSError, etree.LxmlError) as exc:
        raise RekomError(f"{path}: not a Word document that can be read ({exc.__class__.__name__}: {str(exc)[:120]})") from None
    return lint_document(doc)


def lint_document(doc) -> list[str]:
    """Every accessibility problem found in an open python-docx document (see `lint_docx`)."""
    return [*_properties(doc), *_pages(doc), *_headings(doc), *_fake_headings(doc), *_tables(doc), *_images(doc),
            *_nynorsk(doc)]


def _properties(doc) -> list[str]:
    problems = []
    if not (doc.core_properties.title or "").strip():
        problems.append("the document has no title (core property 'title')")
    if not _language(doc):
        problems.append("the document has no language (w:lang in the default run properties)")
    return problems


def _language(doc) -> str | None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None and defaults.find(qn("w:rPrDefault")) is not None else None
    lang = rpr.find(qn("w:lang")) if rpr is not None else None
    return lang.get(qn("w:val")) if lang is not None else None


def _pages(doc) -> list[str]:
    problems = []
    for i, s in enumerate(doc.sections):
        if s.page_width is None or s.page_height is None:
            problems.append(f"section {i + 1} has no page size (w:pgSz), so it is not set to A4")
        elif (round(s.page_width.mm), round(s.page_height.mm)) not in (A4_MM, A4_MM[::-1]):
            problems.append(f"section {i + 1} is {round(s.page_width.mm)}x{round(s.page_height.mm)} mm, not A4")
    return problems


def _headings(doc) -> list[str]:
    """Headings start at level 1 and never skip a level; none is empty."""
    names = {style.style_id: style.name for style in doc.styles}  # Why: python-docx looks styles up slowly
    problems, previous = [], 0
    for p in doc.element.body.iter(qn("w:p")):
        style = names.get(p.style or "", "")
        if not (style.startswith("Heading ") and style.split()[-1].isdigit()):
            continue
        level, text = int(style.split()[-1]), "".join(t.text or "" for t in p.iter(qn("w:t")))
        if level > previous + 1:
            problems.append(f"heading '{text[:60]}' is level {level} after level {previous}: a level is skipped")
        if not text.strip():
            problems.append(f"an empty level-{level} heading")
        previous = level
    return problems


def _fake_headings(doc) -> list[str]:
    """Short paragraphs in a body style that are all bold: a heading only to the eye."""
    names = {style.style_id: style.name for style in doc.styles}
    problems = []
    for p in doc.element.body.iterchildren(qn("w:p")):
        if names.get(p.style or "", "Normal") not in ("Normal", "Body Text"):
            continue
        runs = [r for r in p.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()]
        text = "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
        if runs and all(_bold(r) for r in runs) and len(text) <= 90 and not text.endswith((".", ":")):
            problems.append(f"'{text[:60]}' is bold text standing as a heading: give it a Heading style")
    return problems


def _bold(run) -> bool:
    rpr = run.find(qn("w:rPr"))
    b = rpr.find(qn("w:b")) if rpr is not None else None
    return b is not None and b.get(qn("w:val"), "true") not in ("0", "false", "off")


def _tables(doc) -> list[str]:
    problems = []
    for i, table in enumerate(doc.element.body.iter(qn("w:tbl"))):
        if all(len(tr.findall(qn("w:tc"))) == 1 for tr in table.iterchildren(qn("w:tr"))):
            continue  # a one-column table is a frame (the decision box, a row per paragraph), not data
        first = table.find(qn("w:tr"))
        trpr = first.find(qn("w:trPr")) if first is not None else None
        if trpr is None or trpr.find(qn("w:tblHeader")) is None:
            problems.append(f"table {i + 1} has no header row marked to repeat (w:tblHeader)")
    return problems


def _images(doc) -> list[str]:
    return [f"image '{pr.get('name')}' has no alt text (descr)"
            for pr in doc.element.body.iter(qn("wp:docPr")) if not (pr.get("descr") or "").strip()]


def _nynorsk(doc) -> list[str]:
    """A nynorsk document is nynorsk in every sentence, its title included (mållova)."""
    if (_language(doc) or "").lower() != "nn-no":
        return []
    from ..nynorsk.markers import bokmal_problems

    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.body.iter(qn("w:p"))]
    return bokmal_problems([doc.core_properties.title or "", doc.core_properties.subject or "", *texts])
