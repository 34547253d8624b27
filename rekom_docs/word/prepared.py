"""A Word template opened, checked and given its letterhead once per template, not once per document.

Why: reading a template's styles to check them and copying the letterhead's header and footer
into it cost as much as the rest of a render; they depend only on the two files. docxtpl's
clean-up of the template XML (patch_xml) likewise depends only on that XML.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from lxml import etree

from ..errors import RekomError, relative
from .letterhead import apply_letterhead
from .template_styles import require_styles

_LISTING = re.compile("[\t\a\n\f]")  # what docxtpl's resolve_listing turns into Word breaks and tabs


class Template(DocxTemplate):
    """docxtpl's template with its pure steps cached and its footnotes part never rendered as Jinja.

    Why footnotes: the case texts' footnotes are written into that part before the render, so
    rendering it would read their text as template source (`{` + line break + `{ ... }}`).
    """

    def patch_xml(self, src_xml: str) -> str:
        """docxtpl's clean-up of template XML, once per exact source."""
        return _patched(src_xml)

    def resolve_listing(self, xml: str) -> str:
        """docxtpl's tabs and breaks in text; nothing to do (and no regex over the document) when there are none."""
        return super().resolve_listing(xml) if _LISTING.search(xml) else xml

    def render_footnotes(self, context, jinja_env=None) -> None:
        """Nothing: footnotes hold case text, which is data."""


def open_template(path: Path, letterhead: Path | None) -> Template:
    """A fresh docxtpl template of `path` with the letterhead applied and its styles checked."""
    return Template(io.BytesIO(_prepared(path, _stamp(path), letterhead, _stamp(letterhead) if letterhead else None)))


def _stamp(path: Path) -> tuple[int, int]:
    """What tells a changed file apart: its modification time and size."""
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=16)
def _prepared(path: Path, _stamp: tuple[int, int], letterhead: Path | None, _letterhead_stamp: object) -> bytes:
    """The template's bytes after the letterhead is applied; its styles checked on the way."""
    try:
        document = Document(str(path))
    except (KeyError, ValueError, OSError, zipfile.BadZipFile, PackageNotFoundError, etree.LxmlError) as exc:
        raise RekomError(f"{relative(path)}:1: cannot be read as a Word document ({str(exc)[:120]})") from None
    require_styles(document, path)
    if letterhead is not None:
        apply_letterhead(document, letterhead)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@lru_cache(maxsize=64)
def _patched(src_xml: str) -> str:
    return DocxTemplate.patch_xml(DocxTemplate(""), src_xml)
