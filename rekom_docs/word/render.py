"""Turn a document view into Word: docxtpl template, one Jinja environment, subdocs for rich parts."""

from __future__ import annotations

import dataclasses
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate
from jinja2 import TemplateError

from ..errors import RekomError, relative
from ..jinja import plain_message, render_budget, template_line
from ..jinja import word_env as jinja_env
from ..present import template_set
from ..present.document import ChartView, Document, Markdown, TableView
from . import table_layout, wml
from .letterhead import find_letterhead
from .markdown import MarkdownStyles, MarkdownSubdoc, render_markdown
from .prepared import open_template
from .stylebook import style_book
from .tables import FIGURE, FRAME_SUFFIX, caption, caption_runs, frame_table, grid_table, number_captions
from .typography import no_break

PLAIN_STYLES = {"Normal", "Body Text"}
NOTE_SPACE = 160  # twips (8 pt) after a table's note


def render(doc: Document, template_dirs: list[Path]) -> DocxTemplate:
    """Render `doc` with the first template found in `template_dirs`."""
    path = find_template(doc.template, template_dirs, doc.lang)
    tpl = open_template(path, find_letterhead(doc.lang, template_dirs))
    try:
        context = _materialise(doc.context, tpl)
    except ValueError as exc:  # MarkdownTooDeep, MissingStyleError: the text or the template, said plainly
        raise RekomError(f"{_shown(path)}, paragraph 1: {exc}") from None
    try:
        with render_budget():
            tpl.render(context, jinja_env=jinja_env(), autoescape=True)
    except (TemplateError, ValueError, TypeError, ArithmeticError, LookupError, RecursionError) as exc:
        # Why more than TemplateError: a template can call a value's method wrongly ('x'.split(1)).
        raise RekomError(f"{_shown(path)}, paragraph {_paragraph(exc)}: {plain_message(exc)}") from None
    number_captions(tpl.docx.element.body)
    props = tpl.docx.core_properties
    props.title, props.author, props.language = doc.title, doc.author, {"nb": "nb-NO", "nn": "nn-NO"}[doc.lang]
    props.created = props.modified = datetime.now(UTC).replace(microsecond=0)
    props.last_modified_by = doc.author
    props.content_status = doc.status  # Why: a draft says so in its properties too, not only on the page
    return tpl


def _shown(path: Path) -> str:
    return relative(path)


def _paragraph(exc: BaseException) -> int:
    """The paragraph an error is in (docxtpl puts each paragraph on its own line, after one)."""
    line = template_line(exc)
    return max(line - 1, 1) if line else 1


def find_template(name: str, template_dirs: list[Path], lang: str = "nb") -> Path:
    """The first `<name>.docx` (nynorsk: `nn/<name>.docx`) in the folders; a user folder comes first."""
    relative = Path(name + ".docx") if lang == "nb" else Path(lang) / f"{name}.docx"
    found = template_set.first([relative], template_dirs)
    if found is None:
        raise RekomError(f"no template {relative} in {', '.join(str(d) for d in template_dirs)}")
    return found


def _materialise(value: Any, tpl: DocxTemplate) -> Any:
    """Replace view values that need Word (Markdown, tables) by subdocs, recursively."""
    if isinstance(value, Markdown):
        return _markdown(value, tpl)
    if isinstance(value, TableView):
        return table_subdoc(value, tpl)
    if isinstance(value, ChartView):
        return chart_subdoc(value, tpl)
    if isinstance(value, dict):
        return {k: _materialise(v, tpl) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_materialise(v, tpl) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _materialise(getattr(value, f.name), tpl) for f in dataclasses.fields(value)}
    return value


def _markdown(value: Markdown, tpl: DocxTemplate):
    """Markdown as a subdoc; with a style, plain paragraphs take it and the whole text sits in its frame.

    Why: a decision that is a numbered (or nested) list must keep its numbering, yet stand
    apart as one block with the rest of the decision.
    """
    sub = render_markdown(tpl, value.text, MarkdownStyles(subheading=value.subheading))
    if value.style:
        book = style_book(tpl.get_docx().part)  # Why: python-docx looks a style name up by reading every style
        style_id = book.require(value.style, "paragraph", "decisions and proposals")
        plain = {book.find(name, "paragraph") for name in PLAIN_STYLES} | {None}
        for p in sub.element.iterchildren(qn("w:p")):
            if wml.style_of(p) in plain:
                wml.set_style(p, style_id)
        frame_table(sub.element, tpl.get_docx(), value.style + FRAME_SUFFIX)
    return sub


def table_subdoc(view: TableView, tpl: DocxTemplate) -> wml.Fragment:
    """A Word table with its numbered caption, a repeating header row, right-aligned numbers, a bold totals row."""
    book = style_book(tpl.get_docx().part)
    head = wml.paragraph(caption_runs(view.title), book.require("Caption", "paragraph", "table captions"),
                         keep_next=True, declare=True)
    body = view.rows + ([view.total] if view.total else [])
    section = tpl.get_docx().sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    texts = [[no_break(c) for c in row] for row in [view.header] + body]
    bold = {0, len(body)} if view.total else {0}
    layout = table_layout.plan(texts, bold, view.numeric, table_layout.points(width))
    cell_style = book.require("Tabelltekst", "paragraph", "table cells")
    table = grid_table(layout, width, (book.require("Table Grid", "table", "tables"), cell_style), view.title,
                       bold, view.numeric)
    note = wml.paragraph(wml.run(view.note, italic=True) if view.note else "", cell_style, space_after=NOTE_SPACE,
                         declare=True)
    return wml.Fragment([head, table, note])


def chart_subdoc(chart: ChartView, tpl: DocxTemplate):
    """A chart picture in its own paragraph, with alt text (docPr descr) for screen readers, and its caption below."""
    from .chart import bar_chart

    sub = MarkdownSubdoc(tpl)
    para = sub.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.paragraph_format.keep_with_next = True
    width = tpl.get_docx().sections[-1].page_width - Mm(60)
    para.add_run().add_picture(io.BytesIO(bar_chart(chart.labels, chart.series, chart.lang)), width=width)
    for doc_pr in para._p.iter(qn("wp:docPr")):
        doc_pr.set("descr", chart.alt)
        doc_pr.set("title", chart.alt.split(".")[0])
    if chart.title:
        caption(sub.add_paragraph(style="Caption"), chart.title, FIGURE)
    return sub
