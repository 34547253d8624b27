"""A Word template opened, checked and given its letterhead once per template, not once per document.

Why: reading a template's styles to check them and copying the letterhead's header and footer
into it cost as much as the rest of a render; they depend only on the two files. docxtpl's
clean-up of the template XML (patch_xml) likewise depends only on that XML. A template's
styles.xml is a third of a megabyte that rendering only reads: each document gets the style
book made once for the template, and parses and writes the part again only if it reads it.
"""

from __future__ import annotations

import hashlib
import io
import threading
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.oxml import serialize_part_xml
from docx.opc.package import Unmarshaller
from docx.opc.part import Part, PartFactory
from docx.opc.pkgreader import PackageReader
from docx.oxml.parser import parse_xml
from docx.package import Package
from docx.parts.styles import StylesPart
from docxtpl import DocxTemplate
from lxml import etree

from ..errors import RekomError, relative
from .letterhead import apply_letterhead
from .package import Stored, save_package, stored_parts
from .stylebook import StyleBook, set_style_book
from .template_styles import require_styles

_LISTING = "\t\a\n\f"  # what docxtpl's resolve_listing turns into Word breaks and tabs


class Template(DocxTemplate):
    """docxtpl's template with its pure steps cached and its footnotes part never rendered as Jinja.

    Why footnotes: the case texts' footnotes are written into that part before the render, so
    rendering it would read their text as template source (`{` + line break + `{ ... }}`).
    """

    docx: Any
    is_rendered: bool

    def __init__(self, prepared: Prepared):
        super().__init__(io.BytesIO(prepared.data))
        self._prepared = prepared

    def init_docx(self, reload: bool = True) -> None:
        """Open the document with a styles part read only on demand, and give it the template's style book."""
        if self.docx and not (self.is_rendered and reload):
            return
        opened = Package()
        _LAZY.on = True
        try:
            Unmarshaller.unmarshal(self._prepared.reader, opened, PartFactory)
        finally:
            _LAZY.on = False
        self.docx, self.is_rendered = opened.main_document_part.document, False
        set_style_book(self.docx.part, self._prepared.book)

    def save(self, filename, *args, **kwargs) -> None:
        """docxtpl's save, with the parts the document shares with its template stored as compressed once."""
        if not self.is_rendered:
            super().save(filename, *args, **kwargs)
            return
        self.pre_processing()
        save_package(self.docx.part.package, filename, self._prepared.parts)
        self.post_processing(filename)
        self.is_saved = True

    def patch_xml(self, src_xml: str) -> str:
        """docxtpl's clean-up of template XML, once per exact source."""
        return _patched(src_xml)

    def resolve_listing(self, xml: str) -> str:
        """docxtpl's tabs and breaks in text; nothing to do (and no regex over the document) when there are none."""
        return super().resolve_listing(xml) if any(char in xml for char in _LISTING) else xml

    def render_footnotes(self, context, jinja_env=None) -> None:
        """Nothing: footnotes hold case text, which is data."""


def open_template(path: Path, letterhead: Path | None) -> Template:
    """A fresh docxtpl template of `path` with the letterhead applied and its styles checked."""
    return Template(_prepared(path, _stamp(path), letterhead, _stamp(letterhead) if letterhead else None))


def _stamp(path: Path) -> bytes:
    """What tells a changed file apart: a hash of its content (a file system's times may be coarse)."""
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError as exc:
        raise RekomError(f"{relative(path)}:1: cannot be read as a Word document ({str(exc)[:120]})") from None


@dataclass(frozen=True)
class Prepared:
    """A template ready to render: its bytes with the letterhead applied, read (python-docx's reader, whose
    parts are bytes: every document parses its own), its style book and its parts as stored."""

    data: bytes
    reader: PackageReader
    book: StyleBook
    parts: dict[str, Stored]


@lru_cache(maxsize=16)
def _prepared(path: Path, _stamp: bytes, letterhead: Path | None, _letterhead_stamp: bytes | None) -> Prepared:
    """The template prepared (see Prepared); its styles checked on the way."""
    try:
        document = Document(str(path))
    except (KeyError, ValueError, OSError, zipfile.BadZipFile, PackageNotFoundError, etree.LxmlError) as exc:
        raise RekomError(f"{relative(path)}:1: cannot be read as a Word document ({str(exc)[:120]})") from None
    require_styles(document, path)
    if letterhead is not None:
        apply_letterhead(document, letterhead)
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    return Prepared(data, PackageReader.from_file(io.BytesIO(data)), StyleBook(document.part), stored_parts(data))


@lru_cache(maxsize=64)
def _patched(src_xml: str) -> str:
    return DocxTemplate.patch_xml(DocxTemplate(""), src_xml)


class _LazyStylesPart(StylesPart):
    """A styles part parsed when first read, and saved as the bytes it was loaded from when never read.

    Why the bytes are the same: they are python-docx's own serialization (the prepared template
    was saved by it), which parsing and serializing again gives back unchanged.
    """

    def __init__(self, partname, content_type: str, blob: bytes, package):
        Part.__init__(self, partname, content_type, package=package)
        self._source: bytes = blob
        self._parsed: Any = None

    @classmethod
    def load(cls, partname, content_type, blob, package):
        return cls(partname, content_type, blob, package)

    @property
    def _element(self):  # type: ignore[override]  # XmlPart keeps it as an attribute
        if self._parsed is None:
            self._parsed = parse_xml(self._source)
        return self._parsed

    @property
    def blob(self) -> bytes:
        return self._source if self._parsed is None else serialize_part_xml(self._parsed)


def read_styles(document) -> Any:
    """A document's styles XML, to read and never to change.

    Why: a document rendered from a prepared template whose styles nothing changed would parse
    them only to be read (by the lint, each document); here that is done once per template.
    """
    part = document.part._styles_part
    if isinstance(part, _LazyStylesPart) and part._parsed is None:
        return _parsed_styles(part._source)
    return part.element


@lru_cache(maxsize=8)  # Why 8: the templates one build takes turns (minutes, agenda, innstilling, letter; nb and nn)
def _parsed_styles(source: bytes) -> Any:
    return parse_xml(source)


class _Lazy(threading.local):
    on = False


_LAZY = _Lazy()
_DOCX_SELECTOR = PartFactory.part_class_selector


def _select_part_class(content_type: str, reltype: str):
    """python-docx's choice of part class, but a lazy styles part while a prepared template opens."""
    if _LAZY.on and content_type == CT.WML_STYLES:
        return _LazyStylesPart
    return _DOCX_SELECTOR(content_type, reltype) if _DOCX_SELECTOR else None


PartFactory.part_class_selector = _select_part_class
