"""Markdown case text -> real Word formatting, for python-docx documents and docxtpl.

Markdown (extensions tables, footnotes, sane_lists, fenced_code) is converted to HTML
by the `markdown` package, parsed with lxml and walked into paragraphs, runs, lists,
hyperlinks, footnotes and tables of the target document. Raw HTML in the Markdown is
not interpreted: it comes out as the literal text the secretary typed.

Public API:
    render_markdown(tpl, text, styles=None) -> MarkdownSubdoc   # for `{{p name}}`
    add_markdown(container, text, styles=None) -> None           # Document, subdoc
    missing_styles(document, styles=None) -> list[str]           # template check
    MarkdownStyles, MissingStyleError

Styles are looked up by name in the document (case-insensitively: Word stores built-in
names such as "footnote text" in lower case). A style a given text needs but the
template lacks raises MissingStyleError; nothing is invented. Only "Quote" and the
code character style are optional, with a documented direct-formatting fallback.
"""

from __future__ import annotations

from docx.document import _Body
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.text.paragraph import Paragraph
from lxml import etree

from . import ooxml as ox
from .markdown_convert import Converter, Story
from .stylebook import MarkdownStyles, MissingStyleError, missing_styles

__all__ = [
    "MarkdownStyles",
    "MarkdownSubdoc",
    "MissingStyleError",
    "add_markdown",
    "missing_styles",
    "render_markdown",
]

# --- the docxtpl subdocument ----------------------------------------------------------


class MarkdownSubdoc:
    """A docxtpl subdocument sharing the template's main part, for `{{p name}}` tags.

    Why: equals docxtpl's `tpl.new_subdoc()` without a path (whose module needs the
    optional docxcompose package): paragraphs are built in a detached `w:body` whose
    part is the template's main document part, so hyperlink relationships, numbering
    and footnotes land in the document that is saved.
    """

    def __init__(self, tpl):
        self.tpl = tpl
        self.docx = tpl.get_docx()
        self._body = _Body(parse_xml(f"<w:body {nsdecls('w')}/>"), self)

    @property
    def part(self):
        """The template's main document part."""
        return self.docx.part

    @property
    def element(self) -> etree._Element:
        """The detached `w:body` holding the built blocks."""
        return self._body._element

    def add_paragraph(self, text: str = "", style=None) -> Paragraph:
        """Append a paragraph, like Document.add_paragraph."""
        return self._body.add_paragraph(text, style)

    def _get_xml(self) -> str:
        """The blocks as XML, each carrying its own namespace declarations.

        Why: serialized one by one, every block declares the prefixes it uses, so the
        XML stays valid whatever the template's root element declares (docxtpl parses
        the result with recover=True and would silently drop unbound prefixes).
        """
        return "".join(etree.tostring(child, encoding="unicode") for child in self.element)

    __str__ = __html__ = _get_xml


def render_markdown(tpl, text: str, styles: MarkdownStyles | None = None) -> MarkdownSubdoc:
    """Markdown `text` as a subdocument of docxtpl template `tpl`, for a `{{p name}}` tag."""
    subdoc = MarkdownSubdoc(tpl)
    add_markdown(subdoc, text, styles)
    return subdoc


def add_markdown(container, text: str, styles: MarkdownStyles | None = None) -> None:
    """Append Markdown `text` as Word blocks to a python-docx Document or a MarkdownSubdoc."""
    document_part = _document_part(container)
    converter = Converter(document_part, styles or MarkdownStyles())
    story = Story(container.part)
    converter.convert(text, story)
    blocks = story.elements()
    if isinstance(container, MarkdownSubdoc):
        container.element.extend(blocks)
    else:  # a python-docx Document: before the body's section properties, as add_paragraph puts them
        body = container.element.body
        last = body[-1] if len(body) else None
        for block in blocks:
            if last is not None and last.tag == qn("w:sectPr"):
                last.addprevious(block)
            else:
                body.append(block)


def _document_part(container):
    """The main DocumentPart behind a Document, a subdoc or anything with `.part`."""
    return ox.main_document_part(container.part)
