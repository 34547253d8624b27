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

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import markdown
from docx.document import _Body
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.part import Part, XmlPart
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement, parse_xml
from docx.oxml.table import CT_Tbl
from docx.shared import Emu, Inches, Twips
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree
from lxml import html as lxml_html

from ..compute.casetext import depth_problem
from . import ooxml as ox
from . import table_layout
from .markdown_lists import CARRIED, normalize_lists, parse_marker
from .stylebook import MissingStyleError, style_book
from .typography import no_break

__all__ = [
    "MarkdownStyles",
    "MarkdownSubdoc",
    "MissingStyleError",
    "add_markdown",
    "missing_styles",
    "render_markdown",
]

_PARAGRAPH, _CHARACTER, _TABLE = "paragraph", "character", "table"
BOLD_HEADING_LENGTH = 90  # characters: a longer bold paragraph is emphasis, not a heading
_EXTRA_LEVEL_INDENT = 360  # twips per list level deeper than the template's list styles
_QUOTE_INDENT = 720  # twips, blockquote indentation when the template has no "Quote"
_CODE_FONT = "Courier New"




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
    book = style_book(_document_part(document))
    wanted = [
        (" or ".join(styles.body), _PARAGRAPH, styles.body),
        *[(n, _PARAGRAPH, (n,)) for n in (styles.heading.format(level=i) for i in (1, 2, 3))],
        *[(n, _PARAGRAPH, (n,)) for n in (*styles.bullet[:2], *styles.number[:2])],
        (styles.hyperlink, _CHARACTER, (styles.hyperlink,)),
        (styles.footnote_text, _PARAGRAPH, (styles.footnote_text,)),
        (styles.footnote_reference, _CHARACTER, (styles.footnote_reference,)),
        (styles.table, _TABLE, (styles.table,)),
        (styles.table_text, _PARAGRAPH, (styles.table_text,)),
    ]
    return [label for label, kind, names in wanted if not any(book.find(n, kind) for n in names)]


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

    def add_table(self, rows: int, cols: int):
        """Append a table as wide as the text column, like Document.add_table."""
        section = self.docx.sections[-1]
        width = section.page_width - section.left_margin - section.right_margin
        return self._body.add_table(rows, cols, width)

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
    converter = _Converter(document_part, styles or MarkdownStyles())
    story = _Story(new_p=container.add_paragraph, part=container.part)
    converter.convert(text, story)


def _document_part(container):
    """The main DocumentPart behind a Document, a subdoc or anything with `.part`."""
    return ox.main_document_part(container.part)


def _set_text(run: Run, text: str) -> None:
    """The run's text as one `w:t`, as python-docx writes it; tabs and line breaks go through python-docx.

    Why: python-docx appends a run's text one character at a time, a tenth of all rendering.
    """
    if not text or "\t" in text or "\n" in text or "\r" in text:
        run.text = text
        return
    t = OxmlElement("w:t")
    t.text = text
    if len(text.strip()) < len(text):
        t.set(qn("xml:space"), "preserve")
    run._r.append(t)


# --- Markdown -> HTML tree ------------------------------------------------------------

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")


class MarkdownTooDeep(ValueError):
    """Lists or quotes in a case text nest too deep (the check stage reports it, located)."""


def _markdown_to_html(text: str) -> str:
    """HTML for `text`; raw HTML in the source is kept as literal text."""
    problem = depth_problem(text)
    if problem:
        raise MarkdownTooDeep(problem)
    return _parser().reset().convert(normalize_lists(_clean_source(text)))


@lru_cache(maxsize=1)
def _parser() -> markdown.Markdown:
    """One Markdown parser, reset between texts. Why: setting one up costs more than converting a text."""
    md = markdown.Markdown(extensions=["tables", "footnotes", "sane_lists", "fenced_code"])
    # Why: case texts are Markdown, not HTML; "<b>" or "a <x> b" must print as typed.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def _clean_source(text: str) -> str:
    """Unix newlines, tabs as 4 spaces, no XML-illegal control characters (nor our markers)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
    return _CONTROL_CHARS.sub("", text)


def _parse_html(html: str) -> etree._Element:
    """The HTML fragment as an lxml tree under one `div`."""
    if not html.strip():
        return lxml_html.Element("div")
    return lxml_html.fragment_fromstring(html, create_parent="div")


# --- inline items ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Text:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None


@dataclass(frozen=True)
class _Break:
    link: str | None = None


@dataclass(frozen=True)
class _NoteRef:
    note_id: str
    link: str | None = None


_Inline = _Text | _Break | _NoteRef

_BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_LINK_SCHEMES = ("http://", "https://", "mailto:", "ftp://", "tel:")
_WS = re.compile(r"[ \t\r\n]+")
_BLOCK_TAGS = {"p", "ul", "ol", "pre", "blockquote", "table", "hr", "div",
               "h1", "h2", "h3", "h4", "h5", "h6"}


def _inline_items(el: etree._Element, fmt: dict) -> Iterator[_Inline]:
    """The inline content of `el` (its text and inline children) as flat items."""
    yield from _text_items(el.text, fmt)
    for child in el:
        if not isinstance(child.tag, str):  # comments, processing instructions
            yield from _text_items(child.tail, fmt)
            continue
        yield from _child_items(child, fmt)
        yield from _text_items(child.tail, fmt)


def _child_items(child: etree._Element, fmt: dict) -> Iterator[_Inline]:
    """Items for one inline element."""
    tag = child.tag
    if tag in ("strong", "b"):
        yield from _inline_items(child, {**fmt, "bold": True})
    elif tag in ("em", "i"):
        yield from _inline_items(child, {**fmt, "italic": True})
    elif tag == "code":
        yield _Text(_WS.sub(" ", child.text_content()), **{**_fmt(fmt), "code": True})
    elif tag == "br":
        yield _Break(link=fmt.get("link"))
    elif tag == "sup" and child.find("a[@class='footnote-ref']") is not None:
        yield _NoteRef(child.find("a").get("href", "").lstrip("#"), link=fmt.get("link"))
    elif tag == "a":
        href = (child.get("href") or "").strip()
        link = href if href.lower().startswith(_LINK_SCHEMES) else fmt.get("link")
        yield from _inline_items(child, {**fmt, "link": link, "in_link": True})
    elif tag == "img":
        yield from _text_items(child.get("alt") or "", fmt)
    else:
        yield from _inline_items(child, fmt)


def _text_items(text: str | None, fmt: dict) -> Iterator[_Text]:
    """Text with bare URLs turned into links (unless already inside a link)."""
    if not text:
        return
    base = _fmt(fmt)
    if fmt.get("in_link"):
        yield _Text(text, **base)
        return
    pos = 0
    for match in _BARE_URL.finditer(text):
        url = _trim_url(match.group(0))
        if text[pos:match.start()]:
            yield _Text(text[pos:match.start()], **base)
        href = url if "://" in url else "https://" + url
        yield _Text(url, **{**base, "link": href})
        pos = match.start() + len(url)
    if text[pos:]:
        yield _Text(text[pos:], **base)


def _fmt(fmt: dict) -> dict:
    """The formatting keys of a walk state (without its `in_link` flag)."""
    return {k: v for k, v in fmt.items() if k != "in_link"}


def _trim_url(url: str) -> str:
    """A bare URL without trailing sentence punctuation or an unbalanced `)`."""
    while url and url[-1] in ".,;:!?'\"»”’":
        url = url[:-1]
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1]
    return url


def _normalize_spaces(items: list[_Inline]) -> list[_Inline]:
    """Collapse HTML whitespace as a browser would, join typed amounts with no-break spaces, trim the ends."""
    out: list[_Inline] = []
    after_space = True  # at paragraph start, leading whitespace goes
    for item in items:
        if isinstance(item, _Text):
            text = _WS.sub(" ", item.text)
            if not item.code:
                text = no_break(text)
            if after_space:
                text = text.lstrip(" ")
            if not text:
                continue
            after_space = text.endswith(" ")
            out.append(_replace_text(item, text))
        else:
            after_space = isinstance(item, _Break)
            out.append(item)
    while out and isinstance(out[-1], _Text) and out[-1].text.endswith(" "):
        last = out.pop()
        assert isinstance(last, _Text)  # the loop condition checked it
        if last.text.rstrip(" "):
            out.append(_replace_text(last, last.text.rstrip(" ")))
            break
    return out


def _replace_text(item: _Text, text: str) -> _Text:
    """`item` with other text."""
    return _Text(text, item.bold, item.italic, item.code, item.link)


# --- the walk -----------------------------------------------------------------------


@dataclass
class _Story:
    """Where blocks go: a paragraph factory and the part that owns their r:ids."""

    new_p: Callable[[], Paragraph]
    part: Part

    def new_table(self, rows: int, cols: int, width: int) -> Table:
        """A table placed where the next paragraph would go."""
        anchor = self.new_p()
        tbl = CT_Tbl.new_tbl(rows, cols, Emu(width))
        anchor._p.addprevious(tbl)
        anchor._p.getparent().remove(anchor._p)
        return Table(tbl, anchor._parent)


@dataclass
class _Block:
    """How plain paragraphs look at the current point of the walk."""

    style: str
    indent: int = 0  # left indentation of plain paragraphs in twips
    list_depth: int = 0
    list_base: int = 0  # extra left indentation of lists (inside an unstyled quote)


@dataclass
class _Lists:
    """Resolved list styles of one kind (bullet or number), by nesting level."""

    style_ids: list[str]
    numbering: list[ox.StyleNumbering] = field(default_factory=list)


class _Converter:
    """Walks the HTML of one Markdown text into a story of the document."""

    def __init__(self, document_part, styles: MarkdownStyles):
        self.doc_part = document_part
        self.styles = styles
        self.book = style_book(document_part)
        self.notes: dict[str, etree._Element] = {}
        self._footnotes: XmlPart | None = None

    def convert(self, text: str, story: _Story) -> None:
        """Append `text` to `story`."""
        root = _parse_html(_markdown_to_html(text))
        self._take_footnotes(root)
        body = self.book.first(self.styles.body, _PARAGRAPH, "body paragraphs")
        self._blocks(root, story, _Block(style=body))

    def _take_footnotes(self, root: etree._Element) -> None:
        """Remove the footnote list from the tree and index its items by id."""
        for div in root.xpath("//div[@class='footnote']"):
            for li in div.xpath("./ol/li[@id]"):
                _drop_backrefs(li)
                self.notes[li.get("id")] = li
            div.getparent().remove(div)

    # blocks

    def _blocks(self, parent: etree._Element, story: _Story, block: _Block) -> None:
        """Convert the block children of `parent`; loose inline text becomes a paragraph."""
        pending: list[etree._Element | str] = []
        if (parent.text or "").strip():
            pending.append(parent.text)
        for child in list(parent):  # copy: inline children are moved out below
            if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
                self._flush_loose(pending, story, block)
                self._block(child, story, block)
                if (child.tail or "").strip():
                    pending.append(child.tail)
            else:
                pending.append(child)
        self._flush_loose(pending, story, block)

    def _flush_loose(self, pending: list, story: _Story, block: _Block) -> None:
        """Write inline content found between blocks as one paragraph."""
        if not pending:
            return
        holder = lxml_html.Element("span")
        for piece in pending:
            if isinstance(piece, str):
                _append_text(holder, piece)
            else:
                holder.append(piece)  # moves it; fine, the tree is ours
        pending.clear()
        self._paragraph(story, block.style, _inline_items(holder, {}), block.indent)

    def _block(self, el: etree._Element, story: _Story, block: _Block) -> None:
        """Convert one block element."""
        tag = el.tag
        if tag == "p" and self.styles.subheading and not block.indent and is_bold_line(el):
            name = self.styles.heading.format(level=self.styles.subheading)
            style = self.book.require(name, _PARAGRAPH, "a bold line used as a heading")
            self._paragraph(story, style, _inline_items(el[0], {}), block.indent)
        elif tag == "p":
            self._paragraph(story, block.style, _inline_items(el, {}), block.indent)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = int(tag[1]) + self.styles.heading_offset
            name = self.styles.heading.format(level=level)
            style = self.book.require(name, _PARAGRAPH, f"Markdown heading {'#' * int(tag[1])}")
            self._paragraph(story, style, _inline_items(el, {}), block.indent)
        elif tag in ("ul", "ol"):
            self._list(el, story, block)
        elif tag == "pre":
            self._code_block(el, story, block)
        elif tag == "blockquote":
            self._blockquote(el, story, block)
        elif tag == "table":
            self._table(el, story, block)
        elif tag == "hr":
            p = self._paragraph(story, block.style, [], block.indent)
            ox.add_bottom_border(p._p)
        else:  # div and anything unexpected: walk its content
            self._blocks(el, story, block)

    def _paragraph(self, story: _Story, style_id: str, items, indent: int = 0) -> Paragraph:
        """A paragraph of style `style_id` holding `items`."""
        paragraph = story.new_p()
        paragraph._p.get_or_add_pPr().style = style_id
        if indent:
            ox.set_indent(paragraph._p, indent)
        self._runs(paragraph, story, _normalize_spaces(list(items)))
        return paragraph

    def _code_block(self, el: etree._Element, story: _Story, block: _Block) -> None:
        """A fenced or indented code block: one paragraph, monospace, lines kept."""
        paragraph = story.new_p()
        paragraph._p.get_or_add_pPr().style = block.style
        if block.indent:
            ox.set_indent(paragraph._p, block.indent)
        run = paragraph.add_run()
        self._format_run(run, _Text("", code=True))
        run.text = el.text_content().rstrip("\n")  # python-docx: \n -> w:br, \t -> w:tab

    def _blockquote(self, el: etree._Element, story: _Story, block: _Block) -> None:
        """Quoted blocks: style "Quote" if the template has it, else indented body text."""
        quote = self.book.find(self.styles.quote, _PARAGRAPH)
        if quote:
            inner = _Block(quote, block.indent, block.list_depth, block.list_base)
        else:
            inner = _Block(block.style, block.indent + _QUOTE_INDENT, block.list_depth,
                           block.list_base + _QUOTE_INDENT)
        self._blocks(el, story, inner)

    # lists

    def _list_styles(self, kind: str) -> _Lists:
        """List styles (level 1, 2, ...) and their numbering; level 1 must exist."""
        names = self.styles.bullet if kind == "ul" else self.styles.number
        if (kind, names) not in self.book.lists:
            what = "bullet lists" if kind == "ul" else "numbered lists"
            ids = self.book.present_prefix(names, _PARAGRAPH)
            if not ids:
                raise MissingStyleError(names[0], _PARAGRAPH, what)
            numbering = []
            for name, style_id in zip(names, ids):
                found = ox.style_numbering(self.book.element, style_id)
                if found is None:
                    raise MissingStyleError(name, "numbered paragraph", f"{what} (style has no w:numPr)")
                numbering.append(found)
            self.book.lists[kind, names] = _Lists(ids, numbering)
        return self.book.lists[kind, names]

    def _list(self, el: etree._Element, story: _Story, block: _Block) -> None:
        """One `ul`/`ol`: a fresh numbering instance per numbered list, so it restarts.

        An `ol` holding items of several formats ("1." then "a)") is split into one
        list per run of items of one format.
        """
        lists = self._list_styles(el.tag)
        level = min(block.list_depth, len(lists.style_ids) - 1)
        deeper = block.list_depth - level  # levels beyond the template's list styles
        style_id, numbering = lists.style_ids[level], lists.numbering[level]
        numbering_el = self.doc_part.numbering_part.element
        explicit = bool(deeper or block.list_base)
        runs: list[tuple[tuple[str, str] | None, int, list]]
        if el.tag == "ul":
            runs = [(None, 0, list(el.iterchildren("li")))]
        else:
            runs = _ordered_runs(el)
        for fmt, start, items in runs:
            num_id = numbering.num_id
            if fmt is not None:
                num_id = ox.new_num_formatted(numbering_el, num_id, numbering.ilvl, start,
                                              fmt[0], fmt[1].format(level=numbering.ilvl + 1))
            elif el.tag == "ol":
                num_id = ox.new_num_restarting(numbering_el, num_id, numbering.ilvl, start)
            left, hanging = ox.level_indent(numbering_el, num_id, numbering.ilvl)
            left += deeper * _EXTRA_LEVEL_INDENT + block.list_base
            for li in items:
                self._list_item(li, story, block, style_id, num_id, numbering.ilvl,
                                (left, hanging), explicit)

    def _list_item(self, li, story: _Story, block: _Block, style_id: str, num_id: int,
                   ilvl: int, indent: tuple[int, int], explicit_indent: bool) -> None:
        """First paragraph numbered; further paragraphs aligned with its text."""
        children = list(li)
        lead_items: list = []
        rest: list[etree._Element] = []
        if children and children[0].tag == "p" and not (li.text or "").strip():
            lead_items = list(_inline_items(children[0], {}))
            rest = children[1:]
        else:
            holder = lxml_html.Element("span")
            _append_text(holder, li.text or "")
            for child in children:
                if rest or child.tag in _BLOCK_TAGS:
                    rest.append(child)
                else:
                    holder.append(child)
            lead_items = list(_inline_items(holder, {}))
        paragraph = self._paragraph(story, style_id, lead_items)
        ox.set_numbering(paragraph._p, num_id, ilvl)
        if explicit_indent:
            ox.set_indent(paragraph._p, *indent)
        inner = _Block(block.style, indent[0], block.list_depth + 1, block.list_base)
        for child in rest:
            self._block(child, story, inner)

    # tables

    def _table(self, el: etree._Element, story: _Story, block: _Block) -> None:
        """A Markdown table: header rows repeat, numbers right-aligned, columns as wide as their content needs."""
        style = self.book.require(self.styles.table, _TABLE, "Markdown tables")
        cell_style = self.book.require(self.styles.table_text, _PARAGRAPH, "table cells")
        rows = el.xpath("./thead/tr|./tbody/tr|./tr")
        if not rows:
            return
        cols = max(len(r.xpath("./th|./td")) for r in rows)
        table = story.new_table(len(rows), cols, self._text_width(block.indent))
        table._tbl.tblStyle_val = style
        align = _column_alignments(rows, cols)
        for _r, (tr, row) in enumerate(zip(rows, table.rows)):
            if tr.getparent().tag == "thead":
                ox.mark_header_row(row._tr)
            for c, td in enumerate(tr.xpath("./th|./td")):
                self._cell(row.cells[c], td, story, cell_style, _cell_alignment(td, align[c]))
        texts = [[no_break(_WS.sub(" ", td.text_content()).strip()) for td in tr.xpath("./th|./td")] for tr in rows]
        texts = [row + [""] * (cols - len(row)) for row in texts]
        heads = {r for r, tr in enumerate(rows) if tr.getparent().tag == "thead"}
        width, size = self._text_width(block.indent), self._font_size(cell_style)
        layout = table_layout.plan(texts, heads, [a == "right" for a in align], table_layout.points(width), size, False)
        table_layout.apply(table, layout, width, size)

    def _cell(self, cell, td, story: _Story, style_id: str, alignment: str | None) -> None:
        """Fill one table cell with the inline content of `td`/`th`."""
        paragraph = cell.paragraphs[0]
        paragraph._p.get_or_add_pPr().style = style_id
        if alignment:
            paragraph.alignment = _ALIGN[alignment]
        fmt = {"bold": True} if td.tag == "th" else {}
        cell_story = _Story(new_p=lambda: paragraph, part=story.part)
        self._runs(paragraph, cell_story, _normalize_spaces(list(_inline_items(td, fmt))))

    def _font_size(self, style_id: str) -> float:
        """Points of the style's font size, through its base styles; 11 when none is set."""
        styles = self.doc_part.styles
        style = next((s for s in styles if s.style_id == style_id), None)
        while style is not None and style.font.size is None:
            style = style.base_style
        return style.font.size.pt if style is not None else 11.0

    def _text_width(self, indent: int) -> int:
        """Width in EMU between the margins of the document's last section, less `indent`."""
        sections = self.doc_part.document.sections
        section = sections[-1] if len(sections) else None
        width = Inches(6)
        if section is not None and section.page_width and section.left_margin is not None:
            width = section.page_width - section.left_margin - (section.right_margin or 0)
        return int(width - Twips(indent))

    # runs

    def _runs(self, paragraph: Paragraph, story: _Story, items: list[_Inline]) -> None:
        """Write items as runs; consecutive items with one link share a `w:hyperlink`."""
        link_el, link_url = None, None
        for item in items:
            if item.link != link_url:
                link_url = item.link
                link_el = ox.add_hyperlink(paragraph._p, story.part, link_url) if link_url else None
            target = link_el if link_el is not None else paragraph._p
            if isinstance(item, _NoteRef):
                target.append(self._footnote_reference(item.note_id))
                continue
            r = OxmlElement("w:r")
            target.append(r)
            run = Run(r, paragraph)
            if isinstance(item, _Break):
                run.add_break()
                continue
            self._format_run(run, item)
            _set_text(run, item.text)

    def _format_run(self, run: Run, item: _Text) -> None:
        """Bold, italic, code and hyperlink character formatting of one run."""
        if item.link:
            run._r.get_or_add_rPr().style = self.book.require(
                self.styles.hyperlink, _CHARACTER, "links")
        if item.code:
            code_style = self.book.find(self.styles.code, _CHARACTER)
            if code_style and not item.link:
                run._r.get_or_add_rPr().style = code_style
            else:
                run.font.name = _CODE_FONT
        if item.bold:
            run.bold = True
        if item.italic:
            run.italic = True

    # footnotes

    def _footnote_reference(self, note_id: str) -> etree._Element:
        """A new Word footnote with the text of Markdown note `note_id`; its body run."""
        li = self.notes.get(note_id)
        ref_style = self.book.require(self.styles.footnote_reference, _CHARACTER, "footnotes")
        text_style = self.book.require(self.styles.footnote_text, _PARAGRAPH, "footnotes")
        if self._footnotes is None:
            self._footnotes = ox.footnotes_part(self.doc_part)
        footnote_id, footnote = ox.new_footnote(self._footnotes)
        part = self._footnotes

        def new_p() -> Paragraph:
            p = OxmlElement("w:p")
            footnote.append(p)
            return Paragraph(p, part)

        story = _Story(new_p=new_p, part=part)
        if li is not None:
            self._blocks(li, story, _Block(style=text_style))
        self._finish_footnote(footnote, new_p, text_style, ref_style)
        return ox.footnote_reference_run(footnote_id, ref_style)

    def _finish_footnote(self, footnote, new_p, text_style: str, ref_style: str) -> None:
        """Put the footnote mark and a space at the start of the note's first paragraph."""
        first = footnote.find(qn("w:p"))
        if first is None:
            first = new_p()._p
            first.get_or_add_pPr().style = text_style
        elif footnote[-1].tag == qn("w:tbl"):
            new_p()._p.get_or_add_pPr().style = text_style  # Word wants a paragraph last
        mark = ox.footnote_mark_run(ref_style)
        space = OxmlElement("w:r")
        Run(space, None).text = " "  # type: ignore[arg-type]  # a detached run: setting its text never uses the parent
        p_pr = first.find(qn("w:pPr"))
        index = 0 if p_pr is None else first.index(p_pr) + 1
        first.insert(index, space)
        first.insert(index, mark)


_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT,
          "center": WD_ALIGN_PARAGRAPH.CENTER}
_NUMBER = re.compile(
    r"^[-+\u2212]?\s?(?:kr\.?\s?|nok\s?)?"
    r"(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:[.,]\d+)?(?:[.,]-)?"
    r"\s?(?:%|‰|kr\.?|nok|mill\.?|mrd\.?)?$",
    re.IGNORECASE,
)
_TEXT_ALIGN = re.compile(r"text-align:\s*(left|right|center)")


def is_bold_line(p: etree._Element) -> bool:
    """True for a paragraph that is one short bold span and nothing else (`**a) Målgruppen**`).

    Why: secretaries mark sub-headings so; a screen reader and the outline only see a real heading.
    """
    if len(p) != 1 or p[0].tag not in ("strong", "b") or (p.text or "").strip() or (p[0].tail or "").strip():
        return False
    text = p[0].text_content().strip()
    return 0 < len(text) <= BOLD_HEADING_LENGTH and not text.endswith((".", ":"))


def _is_number(text: str) -> bool:
    """True for amounts and shares such as `17 873 000`, `-1 200,50`, `20 %`."""
    return bool(_NUMBER.match(text.strip()))


def _column_alignments(rows: list, cols: int) -> list[str | None]:
    """'right' for columns whose non-empty body cells are all numbers, else None."""
    body = [r.xpath("./td") for r in rows if r.getparent().tag != "thead"]
    result: list[str | None] = []
    for c in range(cols):
        texts = [cells[c].text_content().strip() for cells in body if c < len(cells)]
        texts = [t for t in texts if t]
        result.append("right" if texts and all(_is_number(t) for t in texts) else None)
    return result


def _cell_alignment(td: etree._Element, column: str | None) -> str | None:
    """Explicit Markdown alignment (`:--:`) wins; then numeric cell or column -> right."""
    found = _TEXT_ALIGN.search(td.get("style") or "")
    if found:
        return found.group(1)
    if td.tag == "td" and _is_number(td.text_content()):
        return "right"
    return column


def _append_text(holder: etree._Element, text: str) -> None:
    """Append text at the end of `holder` (after its last child)."""
    if len(holder):
        holder[-1].tail = (holder[-1].tail or "") + text
    else:
        holder.text = (holder.text or "") + text


_CARRIED_FORMATS = {  # kind of carried marker -> (w:numFmt, w:lvlText); None: the style's
    "decimal": None,
    "lower": ("lowerLetter", "%{level})"),
    "upper": ("upperLetter", "%{level})"),
    "lower_dot": ("lowerLetter", "%{level}."),
    "upper_dot": ("upperLetter", "%{level}."),
    "paren": ("decimal", "%{level})"),
}


def _ordered_runs(ol: etree._Element) -> list[tuple[tuple[str, str] | None, int, list]]:
    """The items of an `ol` as runs of one format: (format or None for "1.", start, items).

    Items carry their marker (see `_CARRY_OPEN`); it is taken out of the item's text here.
    """
    runs: list[tuple[tuple[str, str] | None, int, list]] = []
    first = int(ol.get("start") or 1)
    for position, li in enumerate(ol.iterchildren("li")):
        carried = _take_carried_marker(li)
        if carried is None:
            fmt, number = None, first + position
        else:
            marker = parse_marker(carried + " ")
            assert marker is not None  # a carried marker was parsed as one before it was carried
            fmt, number = _CARRIED_FORMATS[marker.kind], marker.ordinal
        if not runs or runs[-1][0] != fmt:
            runs.append((fmt, number, []))
        runs[-1][2].append(li)
    return runs


def _take_carried_marker(li: etree._Element) -> str | None:
    """Remove the carried marker (`a)` between U+E000 and U+E001) from an item; return it."""
    node = li
    if not (li.text or "").strip() and len(li) and li[0].tag == "p":
        node = li[0]  # a loose item: the text starts in its first paragraph
    found = CARRIED.match(node.text or "")
    if not found:
        return None
    node.text = node.text[found.end():]
    return found.group(1)


def _drop_backrefs(li: etree._Element) -> None:
    """Remove Markdown's `↩` back-links (and the no-break space before them) from a note."""
    for a in li.xpath(".//a[@class='footnote-backref']"):
        previous, parent = a.getprevious(), a.getparent()
        tail = a.tail or ""
        if previous is not None:
            previous.tail = (previous.tail or "").rstrip("\u00a0") + tail
        else:
            parent.text = (parent.text or "").rstrip("\u00a0") + tail
        parent.remove(a)
