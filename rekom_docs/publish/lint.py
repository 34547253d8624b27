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
from docx.styles import BabelFish
from lxml import etree

from ..errors import RekomError
from ..word.prepared import read_styles

A4_MM = (210, 297)
_W = qn("w:p")[:-1]  # '{namespace}' of WordprocessingML, for tags read in loops


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
    names = _style_names(doc)
    return [*_properties(doc), *_pages(doc), *_headings(doc, names), *_fake_headings(doc, names), *_tables(doc),
            *_images(doc), *_nynorsk(doc)]


def _style_names(doc) -> dict[str, str]:
    """Each style id with the name Word shows ('heading 1' is 'Heading 1').

    Why from the XML: python-docx makes an object per style to name it, which cost most of the lint.
    Why not cached: a document whose rendering added a style has a styles part of its own, some
    megabytes of XML that a cache would keep alive after the document (a build's memory grew by a third).
    """
    found = {}
    for style in read_styles(doc).iterchildren(_W + "style"):
        name = style.find(_W + "name")
        if name is not None and style.get(_W + "styleId") is not None:
            found[style.get(_W + "styleId")] = BabelFish.internal2ui(name.get(_W + "val", ""))
    return found


def _properties(doc) -> list[str]:
    problems = []
    if not (doc.core_properties.title or "").strip():
        problems.append("the document has no title (core property 'title')")
    if not _language(doc):
        problems.append("the document has no language (w:lang in the default run properties)")
    return problems


def _language(doc) -> str | None:
    defaults = read_styles(doc).find(_W + "docDefaults")
    rpr = defaults.find(_W + "rPrDefault").find(_W + "rPr") if defaults is not None and defaults.find(_W + "rPrDefault") is not None else None
    lang = rpr.find(_W + "lang") if rpr is not None else None
    return lang.get(_W + "val") if lang is not None else None


def _pages(doc) -> list[str]:
    problems = []
    for i, s in enumerate(doc.sections):
        if s.page_width is None or s.page_height is None:
            problems.append(f"section {i + 1} has no page size (w:pgSz), so it is not set to A4")
        elif (round(s.page_width.mm), round(s.page_height.mm)) not in (A4_MM, A4_MM[::-1]):
            problems.append(f"section {i + 1} is {round(s.page_width.mm)}x{round(s.page_height.mm)} mm, not A4")
    return problems


def _headings(doc, names: dict[str, str]) -> list[str]:
    """Headings start at level 1 and never skip a level; none is empty."""
    problems, previous = [], 0
    for p in doc.element.body.iter(_W + "p"):
        style = names.get(_style_id(p), "")
        if not (style.startswith("Heading ") and style.split()[-1].isdigit()):
            continue
        level, text = int(style.split()[-1]), "".join(t.text or "" for t in p.iter(_W + "t"))
        if level > previous + 1:
            problems.append(f"heading '{text[:60]}' is level {level} after level {previous}: a level is skipped")
        if not text.strip():
            problems.append(f"an empty level-{level} heading")
        previous = level
    return problems


def _fake_headings(doc, names: dict[str, str]) -> list[str]:
    """Short paragraphs in a body style that are all bold: a heading only to the eye."""
    problems = []
    for p in doc.element.body.iterchildren(_W + "p"):
        if names.get(_style_id(p), "Normal") not in ("Normal", "Body Text"):
            continue
        runs = [r for r in p.iter(_W + "r") if "".join(t.text or "" for t in r.iter(_W + "t")).strip()]
        text = "".join(t.text or "" for t in p.iter(_W + "t")).strip()
        if runs and all(_bold(r) for r in runs) and len(text) <= 90 and not text.endswith((".", ":")):
            problems.append(f"'{text[:60]}' is bold text standing as a heading: give it a Heading style")
    return problems


def _style_id(p) -> str:
    """A paragraph's style id, read from the XML (python-docx's property costs ten times as much)."""
    ppr = p.find(_W + "pPr")
    style = ppr.find(_W + "pStyle") if ppr is not None else None
    return style.get(_W + "val", "") if style is not None else ""


def _bold(run) -> bool:
    rpr = run.find(_W + "rPr")
    b = rpr.find(_W + "b") if rpr is not None else None
    return b is not None and b.get(_W + "val", "true") not in ("0", "false", "off")


def _tables(doc) -> list[str]:
    problems = []
    for i, table in enumerate(doc.element.body.iter(_W + "tbl")):
        if all(len(tr.findall(_W + "tc")) == 1 for tr in table.iterchildren(_W + "tr")):
            continue  # a one-column table is a frame (the decision box, a row per paragraph), not data
        first = table.find(_W + "tr")
        trpr = first.find(_W + "trPr") if first is not None else None
        if trpr is None or trpr.find(_W + "tblHeader") is None:
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

    texts = ["".join(t.text or "" for t in p.iter(_W + "t")) for p in doc.element.body.iter(_W + "p")]
    return bokmal_problems([doc.core_properties.title or "", doc.core_properties.subject or "", *texts])
