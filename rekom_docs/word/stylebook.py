"""The styles of one document by name: looked up once per rendered document, not once per field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

from . import ooxml as ox

_PARAGRAPH = "paragraph"


class MissingStyleError(ValueError):
    """The template lacks a style the Markdown text needs."""

    def __init__(self, style_name: str, kind: str, needed_for: str):
        self.style_name = style_name
        super().__init__(
            f"the template has no {kind} style named {style_name!r} (needed for {needed_for}); "
            "add it to the Word template"
        )


def style_book(document_part) -> StyleBook:
    """The style book of a document, made once per document part (one rendered document).

    Why: a template has a hundred styles; reading them for every Markdown field and
    table cost more than rendering the field.
    """
    book = getattr(document_part, "_rekom_style_book", None)
    if book is None:
        book = StyleBook(document_part)
        document_part._rekom_style_book = book
    return book


def set_style_book(document_part, book: StyleBook) -> None:
    """Give a document the style book of the template it was opened from (its styles are the template's)."""
    document_part._rekom_style_book = book


class StyleBook:
    """Resolves style names to style ids of one document, case-insensitively."""

    def __init__(self, document_part):
        self.element = document_part.styles.element
        self.lists: dict[tuple, Any] = {}  # list styles by kind and names, resolved once
        self._ids: dict[tuple[str, str], str] = {}
        for style in ox.xpath(self.element, "w:style"):
            name = ox.xpath(style, "w:name/@w:val")
            if name:
                key = (style.get(qn("w:type")) or _PARAGRAPH, name[0].casefold())
                self._ids.setdefault(key, style.get(qn("w:styleId")))

    def find(self, name: str, kind: str) -> str | None:
        """Style id of `name` of `kind`, or None."""
        return self._ids.get((kind, name.casefold()))

    def require(self, name: str, kind: str, needed_for: str) -> str:
        """Style id of `name`, or MissingStyleError."""
        style_id = self.find(name, kind)
        if style_id is None:
            raise MissingStyleError(name, kind, needed_for)
        return style_id

    def first(self, names: Iterable[str], kind: str, needed_for: str) -> str:
        """Style id of the first of `names` present, or MissingStyleError naming them all."""
        names = tuple(names)
        for name in names:
            if (style_id := self.find(name, kind)) is not None:
                return style_id
        raise MissingStyleError(" or ".join(names), kind, needed_for)

    def present_prefix(self, names: Iterable[str], kind: str) -> list[str]:
        """Ids of the leading run of `names` that exist (level 1, 2, ... without gaps)."""
        ids = []
        for name in names:
            style_id = self.find(name, kind)
            if style_id is None:
                break
            ids.append(style_id)
        return ids


PARAGRAPH, CHARACTER, TABLE = "paragraph", "character", "table"


@dataclass(frozen=True)
class MarkdownStyles:
    """Names of the template styles the converter writes; first present wins in tuples."""

    body: tuple[str, ...] = ("Body Text", "Normal")
    heading: str = "Heading {level}"
    heading_offset: int = 0  # `#` becomes "Heading {1 + heading_offset}"
    subheading: int = 0  # a top-level paragraph that is all bold becomes "Heading {subheading}"; 0: off
    bullet: tuple[str, ...] = ("List Bullet", "List Bullet 2", "List Bullet 3")
    number: tuple[str, ...] = ("List Number", "List Number 2", "List Number 3")
    hyperlink: str = "Hyperlink"
    footnote_text: str = "Footnote Text"
    footnote_reference: str = "Footnote Reference"
    table: str = "Table Grid"
    table_text: str = "Normal"
    quote: str = "Quote"  # optional: indented body paragraph when missing
    code: str = "HTML Code"  # optional: direct Courier New when missing


def missing_styles(document, styles: MarkdownStyles | None = None) -> list[str]:
    """Names of the styles the converter may need that `document` lacks (template check)."""
    styles = styles or MarkdownStyles()
    book = style_book(ox.main_document_part(document.part))
    wanted = [
        (" or ".join(styles.body), PARAGRAPH, styles.body),
        *[(n, PARAGRAPH, (n,)) for n in (styles.heading.format(level=i) for i in (1, 2, 3))],
        *[(n, PARAGRAPH, (n,)) for n in (*styles.bullet[:2], *styles.number[:2])],
        (styles.hyperlink, CHARACTER, (styles.hyperlink,)),
        (styles.footnote_text, PARAGRAPH, (styles.footnote_text,)),
        (styles.footnote_reference, CHARACTER, (styles.footnote_reference,)),
        (styles.table, TABLE, (styles.table,)),
        (styles.table_text, PARAGRAPH, (styles.table_text,)),
    ]
    return [label for label, kind, names in wanted if not any(book.find(n, kind) for n in names)]
