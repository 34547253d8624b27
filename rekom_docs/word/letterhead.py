"""Give a document the header and footer of letterhead.docx: the letterhead is defined once.

Why: every template used to carry its own copy of the page footer and the letters their own
sender lines; with one letterhead.docx, a new logo or sender is one edit in Word. The parts
are copied before docxtpl renders, with the pictures, links and styles they refer to. What a
template has in its own header or footer (the minutes' marking line) follows the letterhead's.
"""

from __future__ import annotations

import copy
import io
import zipfile
from functools import lru_cache
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from ..errors import RekomError, relative
from ..present.template_set import first
from .ooxml import style_by_id

KINDS = ("header", "footer", "first_page_header", "first_page_footer", "even_page_header", "even_page_footer")
_REL_ATTRS = (qn("r:embed"), qn("r:id"), qn("r:link"))
_STYLE_REFS = (qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle"))


def find_letterhead(lang: str, template_dirs: list[Path]) -> Path | None:
    """The letterhead in use: `nn/letterhead.docx` for nynorsk if there is one, else `letterhead.docx`."""
    names = [Path(lang) / "letterhead.docx"] if lang != "nb" else []
    return first([*names, Path("letterhead.docx")], template_dirs)


def apply_letterhead(document: DocumentObject, path: Path) -> None:
    """Replace every section's headers and footers in `document` by those of the letterhead at `path`."""
    source = _read(path, path.stat().st_mtime_ns)
    origin = source.sections[0]
    for section in document.sections:
        for kind in KINDS:
            give, take = getattr(origin, kind), getattr(section, kind)
            if not give.is_linked_to_previous:  # the letterhead has a header or footer of this kind
                _copy_story(give, take, source, document, path)
        section.different_first_page_header_footer = origin.different_first_page_header_footer
    document.settings.odd_and_even_pages_header_footer = source.settings.odd_and_even_pages_header_footer


@lru_cache(maxsize=4)
def _read(path: Path, _stamp: int) -> DocumentObject:
    """The letterhead, read once per build (it is only copied from, never changed)."""
    try:
        return Document(str(path))
    except (KeyError, ValueError, OSError, zipfile.BadZipFile, PackageNotFoundError, etree.LxmlError) as exc:
        raise RekomError(f"{relative(path)}: cannot read it as a Word document: {exc}") from exc


def _copy_story(give, take, source: DocumentObject, document: DocumentObject, path: Path) -> None:
    """Put the letterhead's paragraphs and tables first in one header or footer, re-linking what they refer to."""
    own = [] if take.is_linked_to_previous else [child for child in take._element if _shows(child)]
    take.is_linked_to_previous = False
    target = take._element
    for child in list(target):
        target.remove(child)
    copied = [copy.deepcopy(child) for child in give._element]
    for child in [*copied, *own]:
        target.append(child)
    for element in (inner for child in copied for inner in child.iter()):
        for attr in _REL_ATTRS:
            if element.get(attr):
                element.set(attr, _relink(element.get(attr), give.part, take.part, path))
        if element.tag in _STYLE_REFS:
            _copy_style(element.get(qn("w:val")), source, document)


def _shows(element) -> bool:
    """True when a header paragraph or table shows something: text, a tag, a field or a picture."""
    return bool("".join(element.itertext()).strip()) or next(element.iter(qn("w:drawing"), qn("w:pict")), None) is not None


def _relink(rid: str, give_part, take_part, path: Path) -> str:
    """The relationship id in the document's part for what `rid` names in the letterhead's part."""
    rel = give_part.rels[rid]
    if rel.is_external:
        return take_part.relate_to(rel.target_ref, rel.reltype, is_external=True)
    if rel.reltype == RT.IMAGE:
        new_rid, _ = take_part.get_or_add_image(io.BytesIO(rel.target_part.blob))
        return new_rid
    raise RekomError(f"{relative(path)}: the header or footer holds an object Word links as {rel.reltype.rsplit('/', 1)[-1]}; "
                     "only text, tables, pictures, links and fields can be carried into the documents")


def _copy_style(style_id: str | None, source: DocumentObject, document: DocumentObject) -> None:
    """Add the letterhead's style `style_id` to the document when the document lacks it."""
    have = document.styles.element
    if not style_id or style_by_id(have, style_id) is not None:
        return
    style = style_by_id(source.styles.element, style_id)
    if style is not None:
        have.append(copy.deepcopy(style))
