"""Turn a document view into Word: docxtpl template, one Jinja environment, subdocs for rich parts."""

from __future__ import annotations

import copy
import dataclasses
import io
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.font import Font
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, Template, TemplateError

from ..errors import RekomError
from ..present.document import ChartView, Document, Markdown, TableView
from . import ooxml as ox
from .letterhead import apply_letterhead, find_letterhead
from .markdown import MarkdownSubdoc, render_markdown
from .ooxml import mark_header_row
from .stylebook import style_book
from .template_styles import require_styles

PLAIN_STYLES = {"Normal", "Body Text"}
# Elements that follow w:pBdr and w:shd in a paragraph's properties (ECMA-376 order).
_AFTER_SHADING = ("w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
                  "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                  "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
                  "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
                  "w:sectPr", "w:pPrChange")


class _CompilingOnce(Environment):
    """A Jinja environment that compiles each template part once, however many documents use it.

    Why: docxtpl compiles the body, headers and footers of the template for every document;
    for letters, one per recipient from the same template, that was a fifth of the work.
    """

    def __init__(self, **options):
        super().__init__(**options)
        self._compiled: dict[str, Template] = {}

    def from_string(self, source, globals=None, template_class=None):
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            if len(self._compiled) >= 64:  # a few parts of a few templates; bounded all the same
                self._compiled.clear()
            self._compiled[source] = super().from_string(source)
        return self._compiled[source]


@lru_cache(maxsize=1)
def jinja_env() -> Environment:
    """The one Jinja environment for Word templates: autoescape on, undefined names are errors.

    Why: docxtpl's default leaves autoescape off, so `&` or `<` in a name would corrupt
    the document XML; StrictUndefined turns a misspelt tag into an error, not a blank.
    """
    return _CompilingOnce(autoescape=True, undefined=StrictUndefined)


def render(doc: Document, template_dirs: list[Path]) -> DocxTemplate:
    """Render `doc` with the first template found in `template_dirs`."""
    path = find_template(doc.template, template_dirs, doc.lang)
    tpl = DocxTemplate(path)
    require_styles(tpl.get_docx(), path)
    letterhead = find_letterhead(doc.lang, template_dirs)
    if letterhead is not None:
        apply_letterhead(tpl.get_docx(), letterhead)
    context = _materialise(doc.context, tpl)
    try:
        tpl.render(context, jinja_env=jinja_env(), autoescape=True)
    except TemplateError as exc:
        raise RekomError(f"template {doc.template}.docx: {exc}") from exc
    props = tpl.docx.core_properties
    props.title, props.author, props.language = doc.title, doc.author, {"nb": "nb-NO", "nn": "nn-NO"}[doc.lang]
    props.created = props.modified = datetime.now(UTC).replace(microsecond=0)
    props.last_modified_by = doc.author
    props.content_status = doc.status  # Why: a draft says so in its properties too, not only on the page
    return tpl


def find_template(name: str, template_dirs: list[Path], lang: str = "nb") -> Path:
    """The first `<name>.docx` (nynorsk: `nn/<name>.docx`) in the folders; a user folder comes first."""
    relative = Path(name + ".docx") if lang == "nb" else Path(lang) / f"{name}.docx"
    for folder in template_dirs:
        if (folder / relative).is_file():
            return folder / relative
    raise RekomError(f"no template {relative} in {', '.join(str(d) for d in template_dirs)}")


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
    """Markdown as a subdoc; with a style, plain paragraphs take it and list items its frame.

    Why: a decision that is a numbered list must keep its numbering style, yet stand
    apart like the rest of the decision, so it borrows the style's border and shading.
    """
    sub = render_markdown(tpl, value.text)
    if value.style:
        book = style_book(tpl.get_docx().part)
        style_id = book.require(value.style, "paragraph", "decisions and proposals")
        plain = {book.find(name, "paragraph") for name in PLAIN_STYLES} | {None}
        frame = _frame_of(book.element, style_id)
        for element in sub.element.iterchildren(qn("w:p")):
            ppr = element.pPr
            if (ppr.style if ppr is not None else None) in plain:
                element.get_or_add_pPr().style = style_id
            else:
                _add_frame(element, frame)
    return sub


def _frame_of(styles, style_id: str) -> list:
    """The border and shading elements of a paragraph style."""
    found = ox.xpath(styles, f'w:style[@w:styleId="{style_id}"]/w:pPr')
    ppr = found[0] if found else None
    return [el for el in (ppr.find(qn("w:pBdr")), ppr.find(qn("w:shd"))) if el is not None] if ppr is not None else []


def _add_frame(paragraph, frame: list) -> None:
    ppr = paragraph.get_or_add_pPr()
    for el in frame:
        existing = ppr.find(el.tag)
        if existing is not None:
            ppr.remove(existing)
        ppr.insert_element_before(copy.deepcopy(el), *_AFTER_SHADING)


def table_subdoc(view: TableView, tpl: DocxTemplate):
    """A Word table with a caption, a repeating header row, right-aligned numbers and a bold totals row."""
    sub = MarkdownSubdoc(tpl)
    book = style_book(tpl.get_docx().part)  # Why: python-docx looks a style name up by reading every style
    caption = sub.add_paragraph(view.title)
    caption._p.get_or_add_pPr().style = book.require("Caption", "paragraph", "table captions")
    caption.paragraph_format.keep_with_next = True
    body = view.rows + ([view.total] if view.total else [])
    table = sub.add_table(rows=1 + len(body), cols=len(view.header))
    table._tbl.tblStyle_val = book.require("Table Grid", "table", "tables")
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    cell_style = book.require("Tabelltekst", "paragraph", "table cells")
    for r, (row, values) in enumerate(zip(table.rows, [view.header] + body)):
        bold = r == 0 or (view.total is not None and r == len(body))
        for cell, text, numeric in zip(row.cells, values, view.numeric):
            para = cell.paragraphs[0]
            para._p.get_or_add_pPr().style = cell_style
            para.add_run(text).bold = bold
            if numeric:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    mark_header_row(table.rows[0]._tr)
    for row in table.rows:
        _keep_row_together(row._tr)
    _column_widths(table, [view.header] + body, view.numeric, tpl)
    note = sub.add_paragraph(view.note or "")
    note._p.get_or_add_pPr().style = cell_style
    note.paragraph_format.space_after = Pt(8)
    if view.note:
        note.runs[0].italic = True
    return sub


def _keep_row_together(tr) -> None:
    """A row never breaks across pages (w:cantSplit)."""
    trpr = tr.get_or_add_trPr()
    if trpr.find(qn("w:cantSplit")) is None:
        trpr.insert(0, OxmlElement("w:cantSplit"))


def _column_widths(table, rows: list[list[str]], numeric: list[bool], tpl: DocxTemplate) -> None:
    """Columns sized by content: numbers never wrap, no word is broken, text shares what is left.

    Why: equal columns break long Norwegian words ("barnehagelærerutdanning") in narrow label
    columns while number columns stay half empty.
    """
    section = tpl.get_docx().sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    chars = width / Mm(1.85)  # about one character of 10 pt text
    columns = list(zip(*rows))
    words = [max(len(w) for cell in col for w in cell.replace("\u00a0", "_").split() or [""]) + 1 for col in columns]
    fixed = [max(max(len(c) for c in col[1:] or [""]) + 1, words[i]) if numeric[i] else 0 for i, col in enumerate(columns)]
    wish = [0 if numeric[i] else max(words[i], min(max(len(c) for c in col), 45)) for i, col in enumerate(columns)]
    least = sum(fixed) + sum(words[i] for i in range(len(columns)) if not numeric[i])
    if least > chars:  # too wide even at the least: a smaller type, down to 7 pt, rather than broken numbers
        size = max(7.0, 10 * chars / least)
        for run in table._tbl.iter(qn("w:r")):
            Font(run).size = Pt(size)  # what Run(run, parent).font does; no parent part needed
        chars *= 10 / size
    left = max(chars - sum(fixed), sum(words[i] for i in range(len(columns)) if not numeric[i]))
    scale = min(1.0, left / sum(wish)) if sum(wish) else 1.0
    need = [fixed[i] or max(words[i], wish[i] * scale) for i in range(len(columns))]
    grid = table._tbl.tblGrid
    for c, (col, share) in enumerate(zip(grid.gridCol_lst, need)):
        col.w = int(width * share / sum(need))
        for cell in table.columns[c].cells:
            cell.width = col.w


def chart_subdoc(chart: ChartView, tpl: DocxTemplate):
    """A chart picture in its own paragraph, with alt text (docPr descr) for screen readers."""
    from .chart import bar_chart

    sub = MarkdownSubdoc(tpl)
    para = sub.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    width = tpl.get_docx().sections[-1].page_width - Mm(60)
    para.add_run().add_picture(io.BytesIO(bar_chart(chart.labels, chart.series, chart.lang)), width=width)
    for doc_pr in para._p.iter(qn("wp:docPr")):
        doc_pr.set("descr", chart.alt)
        doc_pr.set("title", chart.alt.split(".")[0])
    return sub
