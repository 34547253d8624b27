"""The typed values a document is made of: plain text, tables and charts, with no Word in them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Markdown:
    """Case text, already expanded, to become Word paragraphs; `style` for every plain paragraph.

    `subheading`: the heading level a bold-only line (`**a) Målgruppen**`) becomes; 0 keeps it a paragraph.
    """

    text: str
    style: str | None = None
    subheading: int = 0


@dataclass(frozen=True)
class TableView:
    """A table to print: header, body rows and a totals row, all as text; which columns are numbers."""

    title: str
    header: list[str]
    rows: list[list[str]]
    total: list[str] | None
    numeric: list[bool]
    note: str | None = None


@dataclass(frozen=True)
class ChartView:
    """A bar chart to draw, with the alt text a screen reader reads instead."""

    alt: str
    labels: list[str]
    series: dict[str, list[int]]
    lang: str = "nb"
    title: str = ""  # the caption under the chart


@dataclass(frozen=True)
class Document:
    """One document to render: which template, the context it gets, and its core properties."""

    template: str
    filename: str
    title: str
    author: str
    context: dict[str, Any] = field(default_factory=dict)
    lang: str = "nb"
    status: str = ""  # core property contentStatus: Utkast, Godkjent, ...
