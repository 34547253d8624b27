"""The walk from the HTML tree into Word: paragraphs, runs, lists, hyperlinks, footnotes and tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.opc.part import Part, XmlPart
from docx.oxml.ns import qn
from docx.shared import Inches, Twips
from lxml import etree
from lxml import html as lxml_html

from . import ooxml as ox
from . import table_layout, wml
from .markdown_html import (
    BLOCK_TAGS,
    WHITESPACE,
    BreakItem,
    InlineItem,
    NoteRefItem,
    TextItem,
    append_text,
    cell_alignment,
    column_alignments,
    inline_items,
    is_bold_line,
    markdown_to_html,
    normalize_spaces,
    parse_html,
)
from .markdown_lists import drop_backrefs, ordered_runs
from .stylebook import CHARACTER, PARAGRAPH, TABLE, MarkdownStyles, MissingStyleError, style_book
from .typography import no_break

EXTRA_LEVEL_INDENT = 360  # twips per list level deeper than the template's list styles
QUOTE_INDENT = 720  # twips, blockquote indentation when the template has no "Quote"
CODE_FONT = "Courier New"


def introduces(el: etree._Element) -> bool:
    """A paragraph ending in a colon right before a list or table (`... som i tabellene:`): it keeps with it."""
    following = el.getnext()
    return following is not None and following.tag in ("ul", "ol", "table") and "".join(el.itertext()).rstrip().endswith(":")


@dataclass
class Story:
    """The blocks written so far (as WordprocessingML text, see wml) and the part that owns their r:ids."""

    part: Part
    blocks: list[str] = field(default_factory=list)

    def elements(self) -> list[etree._Element]:
        """The blocks as elements, parsed at once."""
        return wml.parse(self.blocks)


@dataclass
class Block:
    """How plain paragraphs look at the current point of the walk."""

    style: str
    indent: int = 0  # left indentation of plain paragraphs in twips
    list_depth: int = 0
    list_base: int = 0  # extra left indentation of lists (inside an unstyled quote)


@dataclass
class ListState:
    """Resolved list styles of one kind (bullet or number), by nesting level."""

    style_ids: list[str]
    numbering: list[ox.StyleNumbering] = field(default_factory=list)
    indents: dict[int, tuple[int, int]] = field(default_factory=dict)  # (left, hanging) twips by level

    def indent(self, level: int, numbering_element: etree._Element) -> tuple[int, int]:
        """The indentation of `level`, read once (a list's restarted or reformatted copies share it)."""
        if level not in self.indents:
            self.indents[level] = ox.level_indent(numbering_element, self.numbering[level].num_id,
                                                  self.numbering[level].ilvl)
        return self.indents[level]


class Converter:
    """Walks the HTML of one Markdown text into a story of the document."""

    def __init__(self, document_part, styles: MarkdownStyles):
        self.doc_part = document_part
        self.styles = styles
        self.book = style_book(document_part)
        self.notes: dict[str, etree._Element] = {}
        self._footnotes: XmlPart | None = None

    def convert(self, text: str, story: Story) -> None:
        """Append `text` to `story`."""
        root = parse_html(markdown_to_html(text))
        self._take_footnotes(root)
        body = self.book.first(self.styles.body, PARAGRAPH, "body paragraphs")
        self._blocks(root, story, Block(style=body))

    def _take_footnotes(self, root: etree._Element) -> None:
        """Remove the footnote list from the tree and index its items by id."""
        for div in root.xpath("//div[@class='footnote']"):
            for li in div.xpath("./ol/li[@id]"):
                drop_backrefs(li)
                self.notes[li.get("id")] = li
            div.getparent().remove(div)

    # blocks

    def _blocks(self, parent: etree._Element, story: Story, block: Block) -> None:
        """Convert the block children of `parent`; loose inline text becomes a paragraph."""
        pending: list[etree._Element | str] = []
        if (parent.text or "").strip():
            pending.append(parent.text)
        for child in list(parent):  # copy: inline children are moved out below
            if isinstance(child.tag, str) and child.tag in BLOCK_TAGS:
                self._flush_loose(pending, story, block)
                self._block(child, story, block)
                if (child.tail or "").strip():
                    pending.append(child.tail)
            else:
                pending.append(child)
        self._flush_loose(pending, story, block)

    def _flush_loose(self, pending: list, story: Story, block: Block) -> None:
        """Write inline content found between blocks as one paragraph."""
        if not pending:
            return
        holder = lxml_html.Element("span")
        for piece in pending:
            if isinstance(piece, str):
                append_text(holder, piece)
            else:
                holder.append(piece)  # moves it; fine, the tree is ours
        pending.clear()
        self._paragraph(story, block.style, inline_items(holder, {}), block.indent)

    def _block(self, el: etree._Element, story: Story, block: Block) -> None:
        """Convert one block element."""
        tag = el.tag
        if tag == "p" and self.styles.subheading and not block.indent and is_bold_line(el):
            name = self.styles.heading.format(level=self.styles.subheading)
            style = self.book.require(name, PARAGRAPH, "a bold line used as a heading")
            self._paragraph(story, style, inline_items(el[0], {}), block.indent, keep_next=True)
        elif tag == "p":
            self._paragraph(story, block.style, inline_items(el, {}), block.indent, keep_next=introduces(el))
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = int(tag[1]) + self.styles.heading_offset
            name = self.styles.heading.format(level=level)
            style = self.book.require(name, PARAGRAPH, f"Markdown heading {'#' * int(tag[1])}")
            self._paragraph(story, style, inline_items(el, {}), block.indent, keep_next=True)
        elif tag in ("ul", "ol"):
            self._list(el, story, block)
        elif tag == "pre":
            self._code_block(el, story, block)
        elif tag == "blockquote":
            self._blockquote(el, story, block)
        elif tag == "table":
            self._table(el, story, block)
        elif tag == "hr":
            self._paragraph(story, block.style, [], block.indent, border_below=True)
        else:  # div and anything unexpected: walk its content
            self._blocks(el, story, block)

    def _paragraph(self, story: Story, style_id: str, items, indent: int | tuple[int, int] = 0,
                   numbering: tuple[int, int] | None = None, border_below: bool = False, keep_next: bool = False) -> None:
        """A paragraph of style `style_id` holding `items`; `indent` is left or (left, hanging) twips.

        Why keep_next on headings here too: a heading stays with its text even in a template whose
        heading style forgot "keep with next".
        """
        ind = (indent, 0) if isinstance(indent, int) else indent
        story.blocks.append(wml.paragraph(self._runs(story, normalize_spaces(list(items))), style_id, keep_next,
                                          numbering, border_below, indent=ind if ind[0] or ind[1] else None))

    def _code_block(self, el: etree._Element, story: Story, block: Block) -> None:
        """A fenced or indented code block: one paragraph, monospace, lines kept (line ends as w:br)."""
        code = self._run(TextItem(el.text_content().rstrip("\n"), code=True))
        story.blocks.append(wml.paragraph(code, block.style, indent=(block.indent, 0) if block.indent else None))

    def _blockquote(self, el: etree._Element, story: Story, block: Block) -> None:
        """Quoted blocks: style "Quote" if the template has it, else indented body text."""
        quote = self.book.find(self.styles.quote, PARAGRAPH)
        if quote:
            inner = Block(quote, block.indent, block.list_depth, block.list_base)
        else:
            inner = Block(block.style, block.indent + QUOTE_INDENT, block.list_depth,
                           block.list_base + QUOTE_INDENT)
        self._blocks(el, story, inner)

    # lists

    def _list_styles(self, kind: str) -> ListState:
        """List styles (level 1, 2, ...) and their numbering; level 1 must exist."""
        names = self.styles.bullet if kind == "ul" else self.styles.number
        if (kind, names) not in self.book.lists:
            what = "bullet lists" if kind == "ul" else "numbered lists"
            ids = self.book.present_prefix(names, PARAGRAPH)
            if not ids:
                raise MissingStyleError(names[0], PARAGRAPH, what)
            numbering = []
            for name, style_id in zip(names, ids):
                found = ox.style_numbering(self.book.element, style_id)
                if found is None:
                    raise MissingStyleError(name, "numbered paragraph", f"{what} (style has no w:numPr)")
                numbering.append(found)
            self.book.lists[kind, names] = ListState(ids, numbering)
        return self.book.lists[kind, names]

    def _list(self, el: etree._Element, story: Story, block: Block) -> None:
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
            runs = ordered_runs(el)
        for fmt, start, items in runs:
            num_id = numbering.num_id
            if fmt is not None:
                num_id = ox.new_num_formatted(numbering_el, num_id, numbering.ilvl, start,
                                              fmt[0], fmt[1].format(level=numbering.ilvl + 1))
            elif el.tag == "ol":
                num_id = ox.new_num_restarting(numbering_el, num_id, numbering.ilvl, start)
            left, hanging = lists.indent(level, numbering_el)
            left += deeper * EXTRA_LEVEL_INDENT + block.list_base
            for li in items:
                self._list_item(li, story, block, style_id, num_id, numbering.ilvl,
                                (left, hanging), explicit)

    def _list_item(self, li, story: Story, block: Block, style_id: str, num_id: int,
                   ilvl: int, indent: tuple[int, int], explicit_indent: bool) -> None:
        """First paragraph numbered (kept with a nested list that follows it); further paragraphs aligned with its text."""
        children = list(li)
        lead_items: list = []
        rest: list[etree._Element] = []
        if children and children[0].tag == "p" and not (li.text or "").strip():
            lead_items = list(inline_items(children[0], {}))
            rest = children[1:]
        else:
            holder = lxml_html.Element("span")
            append_text(holder, li.text or "")
            for child in children:
                if rest or child.tag in BLOCK_TAGS:
                    rest.append(child)
                else:
                    holder.append(child)
            lead_items = list(inline_items(holder, {}))
        nested = bool(rest) and rest[0].tag in ("ul", "ol")  # Why: an item never stays behind its sub-items
        self._paragraph(story, style_id, lead_items, indent if explicit_indent else 0, (num_id, ilvl), keep_next=nested)
        inner = Block(block.style, indent[0], block.list_depth + 1, block.list_base)
        for child in rest:
            self._block(child, story, inner)

    # tables

    def _table(self, el: etree._Element, story: Story, block: Block) -> None:
        """A Markdown table: header rows repeat, numbers right-aligned, columns as wide as their content needs."""
        style = self.book.require(self.styles.table, TABLE, "Markdown tables")
        cell_style = self.book.require(self.styles.table_text, PARAGRAPH, "table cells")
        rows = el.xpath("./thead/tr|./tbody/tr|./tr")
        if not rows:
            return
        cols = max(len(r.xpath("./th|./td")) for r in rows)
        align = column_alignments(rows, cols)
        texts = [[no_break(WHITESPACE.sub(" ", td.text_content()).strip()) for td in tr.xpath("./th|./td")] for tr in rows]
        texts = [row + [""] * (cols - len(row)) for row in texts]
        heads = {r for r, tr in enumerate(rows) if tr.getparent().tag == "thead"}
        width, size = self._text_width(block.indent), self._font_size(cell_style)
        layout = table_layout.plan(texts, heads, [a == "right" for a in align], table_layout.points(width), size, False)
        widths, half_points = table_layout.column_twips(layout, width), table_layout.half_points(layout, size)
        xml_rows = []
        for r, tr in enumerate(rows):
            cells = [self._cell(td, story, cell_style, cell_alignment(td, align[c]), half_points)
                     for c, td in enumerate(tr.xpath("./th|./td"))]
            cells += [wml.paragraph()] * (cols - len(cells))
            xml_rows.append(wml.row([wml.cell(w, content) for w, content in zip(widths, cells)], header=r in heads))
        story.blocks.append(wml.table(xml_rows, style, widths))

    def _cell(self, td, story: Story, style_id: str, alignment: str | None, size: int | None) -> str:
        """The paragraph of one table cell: the inline content of `td`/`th`."""
        fmt = {"bold": True} if td.tag == "th" else {}
        return wml.paragraph(self._runs(story, normalize_spaces(list(inline_items(td, fmt))), size), style_id,
                             align=alignment)

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

    def _runs(self, story: Story, items: list[InlineItem], size: int | None = None) -> str:
        """Items as runs (of `size` half points, if given); consecutive items with one link share a `w:hyperlink`."""
        out: list[str] = []
        link_url, rid, linked = None, "", out
        for item in items:
            if item.link != link_url:
                if linked is not out:
                    out.append(wml.hyperlink(rid, "".join(linked)))
                link_url = item.link
                rid = ox.relate_hyperlink(story.part, link_url) if link_url else ""
                linked = [] if link_url else out
            if isinstance(item, NoteRefItem):
                linked.append(self._footnote_reference(item.note_id, size))
            elif isinstance(item, BreakItem):
                linked.append(wml.run_with("<w:br/>", size=size))
            else:
                linked.append(self._run(item, size))
        if linked is not out:
            out.append(wml.hyperlink(rid, "".join(linked)))
        return "".join(out)

    def _run(self, item: TextItem, size: int | None = None) -> str:
        """One run of `item`'s text with its bold, italic, code and hyperlink formatting."""
        style = font = None
        if item.link:
            style = self.book.require(self.styles.hyperlink, CHARACTER, "links")
        if item.code:
            code_style = self.book.find(self.styles.code, CHARACTER)
            if code_style and not item.link:
                style = code_style
            else:
                font = CODE_FONT
        return wml.run(item.text, bold=True if item.bold else None, italic=item.italic, size=size, style=style,
                       font=font)

    # footnotes

    def _footnote_reference(self, note_id: str, size: int | None = None) -> str:
        """A new Word footnote with the text of Markdown note `note_id`; its body run."""
        li = self.notes.get(note_id)
        ref_style = self.book.require(self.styles.footnote_reference, CHARACTER, "footnotes")
        text_style = self.book.require(self.styles.footnote_text, PARAGRAPH, "footnotes")
        if self._footnotes is None:
            self._footnotes = ox.footnotes_part(self.doc_part)
        footnote_id, footnote = ox.new_footnote(self._footnotes)
        if li is not None:
            note = Story(self._footnotes)
            self._blocks(li, note, Block(style=text_style))
            footnote.extend(note.elements())
        self._finish_footnote(footnote, text_style, ref_style)
        return wml.run_with(f'<w:footnoteReference w:id="{footnote_id}"/>', size=size, style=ref_style)

    def _finish_footnote(self, footnote, text_style: str, ref_style: str) -> None:
        """Put the footnote mark and a space at the start of the note's first paragraph."""
        first = footnote.find(qn("w:p"))
        if first is None:
            first = wml.parse([wml.paragraph(style=text_style)])[0]
            footnote.append(first)
        elif footnote[-1].tag == qn("w:tbl"):
            footnote.extend(wml.parse([wml.paragraph(style=text_style)]))  # Word wants a paragraph last
        mark, space = wml.parse([wml.run_with("<w:footnoteRef/>", style=ref_style), wml.run(" ")])
        p_pr = first.find(qn("w:pPr"))
        index = 0 if p_pr is None else first.index(p_pr) + 1
        first.insert(index, space)
        first.insert(index, mark)
