"""Markdown source -> an lxml HTML tree, and the inline items and table facts the converter reads from it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import markdown
from lxml import etree
from lxml import html as lxml_html

from ..compute.casetext import depth_problem
from .markdown_lists import normalize_lists
from .typography import no_break

BOLD_HEADING_LENGTH = 90  # characters: a longer bold paragraph is emphasis, not a heading


CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")


class MarkdownTooDeep(ValueError):
    """Lists or quotes in a case text nest too deep (the check stage reports it, located)."""


def markdown_to_html(text: str) -> str:
    """HTML for `text`; raw HTML in the source is kept as literal text."""
    problem = depth_problem(text)
    if problem:
        raise MarkdownTooDeep(problem)
    return markdown_parser().reset().convert(normalize_lists(clean_source(text)))


@lru_cache(maxsize=1)
def markdown_parser() -> markdown.Markdown:
    """One Markdown parser, reset between texts. Why: setting one up costs more than converting a text."""
    md = markdown.Markdown(extensions=["tables", "footnotes", "sane_lists", "fenced_code"])
    # Why: case texts are Markdown, not HTML; "<b>" or "a <x> b" must print as typed.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def clean_source(text: str) -> str:
    """Unix newlines, tabs as 4 spaces, no XML-illegal control characters (nor our markers)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
    return CONTROL_CHARS.sub("", text)


def parse_html(html: str) -> etree._Element:
    """The HTML fragment as an lxml tree under one `div`."""
    if not html.strip():
        return lxml_html.Element("div")
    return lxml_html.fragment_fromstring(html, create_parent="div")


# --- inline items ---------------------------------------------------------------------


@dataclass(frozen=True)
class TextItem:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None


@dataclass(frozen=True)
class BreakItem:
    link: str | None = None


@dataclass(frozen=True)
class NoteRefItem:
    note_id: str
    link: str | None = None


InlineItem = TextItem | BreakItem | NoteRefItem

BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
LINK_SCHEMES = ("http://", "https://", "mailto:", "ftp://", "tel:")
WHITESPACE = re.compile(r"[ \t\r\n]+")
BLOCK_TAGS = {"p", "ul", "ol", "pre", "blockquote", "table", "hr", "div",
               "h1", "h2", "h3", "h4", "h5", "h6"}


def inline_items(el: etree._Element, fmt: dict) -> Iterator[InlineItem]:
    """The inline content of `el` (its text and inline children) as flat items."""
    yield from text_items(el.text, fmt)
    for child in el:
        if not isinstance(child.tag, str):  # comments, processing instructions
            yield from text_items(child.tail, fmt)
            continue
        yield from child_items(child, fmt)
        yield from text_items(child.tail, fmt)


def child_items(child: etree._Element, fmt: dict) -> Iterator[InlineItem]:
    """Items for one inline element."""
    tag = child.tag
    if tag in ("strong", "b"):
        yield from inline_items(child, {**fmt, "bold": True})
    elif tag in ("em", "i"):
        yield from inline_items(child, {**fmt, "italic": True})
    elif tag == "code":
        yield TextItem(WHITESPACE.sub(" ", child.text_content()), **{**inline_format(fmt), "code": True})
    elif tag == "br":
        yield BreakItem(link=fmt.get("link"))
    elif tag == "sup" and child.find("a[@class='footnote-ref']") is not None:
        yield NoteRefItem(child.find("a").get("href", "").lstrip("#"), link=fmt.get("link"))
    elif tag == "a":
        href = (child.get("href") or "").strip()
        link = href if href.lower().startswith(LINK_SCHEMES) else fmt.get("link")
        yield from inline_items(child, {**fmt, "link": link, "in_link": True})
    elif tag == "img":
        yield from text_items(child.get("alt") or "", fmt)
    else:
        yield from inline_items(child, fmt)


def text_items(text: str | None, fmt: dict) -> Iterator[TextItem]:
    """Text with bare URLs turned into links (unless already inside a link)."""
    if not text:
        return
    base = inline_format(fmt)
    if fmt.get("in_link"):
        yield TextItem(text, **base)
        return
    pos = 0
    for match in BARE_URL.finditer(text):
        url = trim_url(match.group(0))
        if text[pos:match.start()]:
            yield TextItem(text[pos:match.start()], **base)
        href = url if "://" in url else "https://" + url
        yield TextItem(url, **{**base, "link": href})
        pos = match.start() + len(url)
    if text[pos:]:
        yield TextItem(text[pos:], **base)


def inline_format(fmt: dict) -> dict:
    """The formatting keys of a walk state (without its `in_link` flag)."""
    return {k: v for k, v in fmt.items() if k != "in_link"}


def trim_url(url: str) -> str:
    """A bare URL without trailing sentence punctuation or an unbalanced `)`."""
    while url and url[-1] in ".,;:!?'\"»”’":
        url = url[:-1]
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1]
    return url


def normalize_spaces(items: list[InlineItem]) -> list[InlineItem]:
    """Collapse HTML whitespace as a browser would, join typed amounts with no-break spaces, trim the ends."""
    out: list[InlineItem] = []
    after_space = True  # at paragraph start, leading whitespace goes
    for item in items:
        if isinstance(item, TextItem):
            text = item.text
            if "\n" in text or "  " in text or "\t" in text or "\r" in text:
                text = WHITESPACE.sub(" ", text)
            if not item.code:
                text = no_break(text)
            if after_space:
                text = text.lstrip(" ")
            if not text:
                continue
            after_space = text.endswith(" ")
            out.append(replace_text(item, text))
        else:
            after_space = isinstance(item, BreakItem)
            out.append(item)
    while out and isinstance(out[-1], TextItem) and out[-1].text.endswith(" "):
        last = out.pop()
        assert isinstance(last, TextItem)  # the loop condition checked it
        if last.text.rstrip(" "):
            out.append(replace_text(last, last.text.rstrip(" ")))
            break
    return out


def replace_text(item: TextItem, text: str) -> TextItem:
    """`item` with other text."""
    return TextItem(text, item.bold, item.italic, item.code, item.link)


# --- the walk -----------------------------------------------------------------------


NUMBER_TEXT = re.compile(
    r"^[-+\u2212]?\s?(?:kr\.?\s?|nok\s?)?"
    r"(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:[.,]\d+)?(?:[.,]-)?"
    r"\s?(?:%|‰|kr\.?|nok|mill\.?|mrd\.?)?$",
    re.IGNORECASE,
)
TEXT_ALIGN = re.compile(r"text-align:\s*(left|right|center)")


def is_bold_line(p: etree._Element) -> bool:
    """True for a paragraph that is one short bold span and nothing else (`**a) Målgruppen**`).

    Why: secretaries mark sub-headings so; a screen reader and the outline only see a real heading.
    """
    if len(p) != 1 or p[0].tag not in ("strong", "b") or (p.text or "").strip() or (p[0].tail or "").strip():
        return False
    text = p[0].text_content().strip()
    return 0 < len(text) <= BOLD_HEADING_LENGTH and not text.endswith((".", ":"))


def is_number(text: str) -> bool:
    """True for amounts and shares such as `17 873 000`, `-1 200,50`, `20 %`."""
    return bool(NUMBER_TEXT.match(text.strip()))


def column_alignments(rows: list, cols: int) -> list[str | None]:
    """'right' for columns whose non-empty body cells are all numbers, else None."""
    body = [r.xpath("./td") for r in rows if r.getparent().tag != "thead"]
    result: list[str | None] = []
    for c in range(cols):
        texts = [cells[c].text_content().strip() for cells in body if c < len(cells)]
        texts = [t for t in texts if t]
        result.append("right" if texts and all(is_number(t) for t in texts) else None)
    return result


def cell_alignment(td: etree._Element, column: str | None) -> str | None:
    """Explicit Markdown alignment (`:--:`) wins; then numeric cell or column -> right."""
    found = TEXT_ALIGN.search(td.get("style") or "")
    if found:
        return found.group(1)
    if td.tag == "td" and is_number(td.text_content()):
        return "right"
    return column


def append_text(holder: etree._Element, text: str) -> None:
    """Append text at the end of `holder` (after its last child)."""
    if len(holder):
        holder[-1].tail = (holder[-1].tail or "") + text
    else:
        holder.text = (holder.text or "") + text
