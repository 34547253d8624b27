"""The styles a Word template must have: those the Markdown conversion and the table writer use.

Why: a secretary may delete or rename a style in Word; the build and `templates check` then
name the style, instead of failing deep inside the conversion with a traceback.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE

from ..errors import RekomError, relative
from .markdown import missing_styles

# Styles the code writes besides the Markdown ones: table captions and cells, decisions.
CODE_STYLES = (("Caption", WD_STYLE_TYPE.PARAGRAPH), ("Tabelltekst", WD_STYLE_TYPE.PARAGRAPH),
               ("Vedtak", WD_STYLE_TYPE.PARAGRAPH))


def missing(document: Document) -> list[str]:
    """The names of the needed styles `document` lacks."""
    have = {(style.type, style.name.casefold()) for style in document.styles if style.name}
    return missing_styles(document) + [name for name, kind in CODE_STYLES if (kind, name.casefold()) not in have]


def require_styles(document: Document, path: Path) -> None:
    """Stop with a clean error naming every needed style the template lacks."""
    lacking = missing(document)
    if lacking:
        names = ", ".join(f"'{name}'" for name in lacking)
        raise RekomError(f"template {relative(path)}: has no style {names}, which the documents need; "
                         "add it in Word (Styles > New Style, with exactly that name) or copy it from the bundled template")
