"""A document view as Markdown: the same text and tables as the Word file, for the web and for diffs.

Why from the view and not from the Word file: the view holds every sentence and figure
already decided, so the Markdown says what the document says with no second layout to keep.
"""

from __future__ import annotations

from typing import Any

from ..present.document import ChartView, Document, Markdown, TableView
from ..present.wording import words

_SKIP = {"forum", "marking"}  # shown in the title or the page header
# Labels the Word templates print themselves (the wording files do not hold them).
_LABELS = {"nb": {"date": "Dato", "place": "Sted", "chair": "Møteleder", "referent": "Referent"},
           "nn": {"date": "Dato", "place": "Stad", "chair": "Møteleiar", "referent": "Referent"}}


def document_markdown(doc: Document) -> str:
    """The whole document: its title, then each part of its context in order."""
    blocks = [f"# {doc.title}"]
    if doc.context.get("marking"):
        blocks.append(f"*{doc.context['marking']}*")
    for key, value in doc.context.items():
        if key not in _SKIP:
            blocks += _blocks(key, value, doc.lang, 2)
    return "\n\n".join(b for b in blocks if b.strip()) + "\n"


def _blocks(key: str, value: Any, lang: str, level: int) -> list[str]:
    """The Markdown blocks of one context value, under `key`."""
    if value is None or value == "" or value == [] or isinstance(value, bool):
        return []
    if isinstance(value, Markdown):
        return [value.text.strip()]
    if isinstance(value, TableView):
        return [table_markdown(value)]
    if isinstance(value, ChartView):
        return [f"*{value.alt}*"]
    if isinstance(value, dict):
        return _section(value, lang, level)
    if isinstance(value, (list, tuple)):
        if all(isinstance(v, str) for v in value):
            label = words(lang).get(key)
            return ([f"**{label}**"] if label else []) + ["\n".join(f"- {v}" for v in value)]
        return [b for v in value for b in _blocks(key, v, lang, level)]
    label = _LABELS[lang].get(key) or words(lang).get(key)
    return [f"**{label}:** {value}" if label else str(value)]


def _section(values: dict, lang: str, level: int) -> list[str]:
    """A dict: a heading when it has one, then its parts one level down."""
    out = [f"{'#' * min(level, 6)} {values['heading']}"] if values.get("heading") else []
    for key, value in values.items():
        if key != "heading":
            out += _blocks(key, value, lang, level + 1)
    return out


def table_markdown(table: TableView) -> str:
    """A pipe table with its title above, numbers right-aligned, the totals row in bold and the note below."""
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"

    lines = [f"**{table.title}**", "", row(table.header),
             "|" + "|".join("---:" if n else "---" for n in table.numeric) + "|"]
    lines += [row(r) for r in table.rows]
    if table.total:
        lines.append(row([f"**{c}**" if c else c for c in table.total]))
    if table.note:
        lines += ["", f"*{table.note}*"]
    return "\n".join(lines)
