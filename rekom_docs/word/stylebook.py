"""The styles of one document by name: looked up once per rendered document, not once per field."""

from __future__ import annotations

from collections.abc import Iterable
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
