"""Markdown list source rewritten so Python-Markdown reads lists as CommonMark (and a person) would.

Split from markdown.py: this part works on the source lines, before any HTML exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

_LIST_MARKER = re.compile(r"^( *)([-*+]|\d{1,9}[.)]|[a-zA-Z][.)])( +|$)(.*)$")
_THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?: *\1){2,} *$")
_PM_ORDERED = re.compile(r"^(\d+)\.(?= |$)")  # what Python-Markdown reads as an ordered marker
_FENCE = re.compile(r"^ *(```|~~~)")
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?: |$)")
# Numbered items ("1.", and "a)", "a.", "B)", "1)" which Python-Markdown does not know) become
# "N." items whose text starts with the original marker between these private-use
# characters; the walk strips it and numbers the list in that format from that number.
# Why: Python-Markdown joins "a) b) c)" and a "1. 2." list after it into one `ol` and
# keeps only the first number.
_CARRY_OPEN, _CARRY_CLOSE = "\ue000", "\ue001"
CARRIED = re.compile(f"^\\s*{_CARRY_OPEN}([^{_CARRY_CLOSE}]*){_CARRY_CLOSE}")


@dataclass(frozen=True)
class _Marker:
    """A line that looks like a list item: `- x`, `3. x`, `3) x`, `b) x`, `B) x`."""

    indent: int
    token: str
    content: int  # column where the item's text starts
    rest: str

    @property
    def kind(self) -> str:
        """bullet, decimal (`1.`), paren (`1)`), lower (`a)`), upper (`A)`), lower_dot (`a.`) or upper_dot (`A.`)."""
        if self.token in ("-", "*", "+"):
            return "bullet"
        if self.token[:-1].isdigit():
            return "decimal" if self.token.endswith(".") else "paren"
        return ("lower" if self.token[0].islower() else "upper") + ("_dot" if self.token.endswith(".") else "")

    @property
    def ordinal(self) -> int:
        """The item's number (a = 1); 0 for bullets."""
        if self.kind == "bullet":
            return 0
        if self.kind in ("decimal", "paren"):
            return int(self.token[:-1])
        return ord(self.token[0].lower()) - ord("a") + 1

    @property
    def threshold(self) -> int:
        """Lines indented this far belong to the item.

        Why min(): "1." items are often nested with 2 spaces, not the 3 CommonMark wants.
        """
        return min(self.content, self.indent + 2)


def parse_marker(line: str) -> _Marker | None:
    """The list marker `line` starts with, if any (a thematic break `- - -` is none)."""
    if _THEMATIC_BREAK.match(line):
        return None
    found = _LIST_MARKER.match(line)
    if not found:
        return None
    lead, token, gap, rest = found.groups()
    content = len(lead) + len(token) + (len(gap) if 0 < len(gap) <= 4 else 1)
    return _Marker(len(lead), token, content, rest)


def _has_successor(lines: list[str], index: int, marker: _Marker, floor: int) -> bool:
    """True if the item on `lines[index]` is followed by the next item of the same list.

    `floor` is the threshold of the item the list is nested in (0 at the top): a marker
    left of it belongs to an outer list.
    """
    blank = False
    for line in lines[index + 1:]:
        if not line.strip():
            blank = True
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent >= marker.threshold:
            blank = False  # the item's own text or a nested block
            continue
        following = parse_marker(line)
        if following is not None:
            return (indent >= floor and following.kind == marker.kind
                    and following.ordinal == marker.ordinal + 1)
        if blank:
            return False  # a paragraph after the list
        # else a lazy continuation line of the item
    return False


def _starts_item(lines: list[str], index: int, marker: _Marker, sibling: _Marker | None,
                 previous: str | None, floor: int) -> bool:
    """Whether a marker line is a list item (True) or text that happens to start so.

    Why: Markdown allows "1. februar" at the start of a hard-wrapped line to begin a list;
    a reader sees a date. An item continuing a list of its kind counts (a lettered one
    only as the next letter, so "m. fl." after an "a. b." list stays text). A new
    list interrupting the line before it must start at 1 or a (as in CommonMark); a
    numbered one right after paragraph text also needs a second item, and lists
    Python-Markdown does not know ("a)", "1)") always need two items, so an inline
    enumeration wrapped at "c)" stays text.
    """
    if sibling is not None and sibling.kind == marker.kind:
        return "lower" not in marker.kind and "upper" not in marker.kind or marker.ordinal == sibling.ordinal + 1
    if previous is not None and marker.kind != "bullet" and marker.ordinal != 1:
        return False
    needs_next = marker.kind in ("paren", "lower", "upper", "lower_dot", "upper_dot") or (
        marker.kind == "decimal" and previous == "text")
    return not needs_next or _has_successor(lines, index, marker, floor)


def _escape_ordered(text: str) -> str:
    """`15. januar` as `15\\. januar`, so Python-Markdown does not read a list marker in it."""
    return _PM_ORDERED.sub(lambda m: m.group(1) + "\\.", text, count=1)


def normalize_lists(text: str) -> str:
    """Rewrite lists so that Python-Markdown reads them as CommonMark (and a person) would.

    Why: Python-Markdown 3 differs from CommonMark in ways secretaries trip over:
    - nesting needs 4 spaces; `1. ` items are nested with 3 (or 2), which it reads as a
      lazy continuation line. Nesting is decided CommonMark-style here (a line belongs
      to an item if indented to the item's content column) and re-indented by 4 per level;
    - a list cannot interrupt a paragraph, and a block that starts with an indented
      paragraph (an item's second paragraph) swallows every following line, so the next
      items print as " - Værnes: ..." inside it: a blank line is put before such items;
    - "- 15. januar: ..." is an ordered list inside a bullet: the number is escaped;
    - it knows no "a)", "a." or "1)" lists: numbered items become "N." items carrying their marker.
    """
    lines = text.split("\n")
    out: list[str] = []
    stack: list[_Marker] = []  # open items, outermost first
    block: tuple[str, int] | None = None  # first line of the current block: kind, indent
    previous: str | None = None  # "marker" or "text": the line before, None after a blank
    in_fence = False
    for index, line in enumerate(lines):
        if _FENCE.match(line) or in_fence:
            in_fence = in_fence != bool(_FENCE.match(line))
            out.append(line)
            block, previous = block or ("text", 0), "text"
            continue
        if not line.strip():
            out.append(line)
            block = previous = None
            continue
        indent = len(line) - len(line.lstrip(" "))
        sibling = None
        while stack and indent < stack[-1].threshold:
            sibling = stack.pop()
        depth = len(stack)
        marker = parse_marker(line) if stack or indent < 4 else None
        floor = stack[-1].threshold if stack else 0
        if marker and _starts_item(lines, index, marker, sibling, previous, floor):
            column = 4 * depth
            new_list = sibling is not None and (sibling.kind == "bullet") != (marker.kind == "bullet")
            if block is not None and (block[0] == "text" or column < block[1] or new_list):
                out.append("")  # Python-Markdown needs it to start or resume the list here
                block = None
            stack.append(marker)
            if marker.kind == "bullet":
                token, rest = marker.token, _escape_ordered(marker.rest)
            else:  # see _CARRY_OPEN
                token, rest = f"{marker.ordinal}.", _CARRY_OPEN + marker.token + _CARRY_CLOSE + marker.rest
            out.append(" " * column + token + " " + rest)
            block, previous = block or ("marker", column), "marker"
            continue
        extra = max(indent - stack[-1].content, 0) if stack else indent
        column = 4 * depth + extra
        content = line.lstrip(" ")
        if extra < 4:  # not an indented code block
            content = _escape_ordered(content)
        out.append(" " * column + content)
        block, previous = block or ("text", column), "text"
        if not stack and _ATX_HEADING.match(line):
            block = previous = None  # a heading is no paragraph: a list may follow it
    return "\n".join(out)


CARRIED_FORMATS = {  # kind of carried marker -> (w:numFmt, w:lvlText); None: the style's
    "decimal": None,
    "lower": ("lowerLetter", "%{level})"),
    "upper": ("upperLetter", "%{level})"),
    "lower_dot": ("lowerLetter", "%{level}."),
    "upper_dot": ("upperLetter", "%{level}."),
    "paren": ("decimal", "%{level})"),
}


def ordered_runs(ol: etree._Element) -> list[tuple[tuple[str, str] | None, int, list]]:
    """The items of an `ol` as runs of one format: (format or None for "1.", start, items).

    Items carry their marker (see `_CARRY_OPEN`); it is taken out of the item's text here.
    """
    runs: list[tuple[tuple[str, str] | None, int, list]] = []
    first = int(ol.get("start") or 1)
    for position, li in enumerate(ol.iterchildren("li")):
        carried = take_carried_marker(li)
        if carried is None:
            fmt, number = None, first + position
        else:
            marker = parse_marker(carried + " ")
            assert marker is not None  # a carried marker was parsed as one before it was carried
            fmt, number = CARRIED_FORMATS[marker.kind], marker.ordinal
        if not runs or runs[-1][0] != fmt:
            runs.append((fmt, number, []))
        runs[-1][2].append(li)
    return runs


def take_carried_marker(li: etree._Element) -> str | None:
    """Remove the carried marker (`a)` between U+E000 and U+E001) from an item; return it."""
    node = li
    if not (li.text or "").strip() and len(li) and li[0].tag == "p":
        node = li[0]  # a loose item: the text starts in its first paragraph
    found = CARRIED.match(node.text or "")
    if not found:
        return None
    node.text = node.text[found.end():]
    return found.group(1)


def drop_backrefs(li: etree._Element) -> None:
    """Remove Markdown's `↩` back-links (and the no-break space before them) from a note."""
    for a in li.xpath(".//a[@class='footnote-backref']"):
        previous, parent = a.getprevious(), a.getparent()
        tail = a.tail or ""
        if previous is not None:
            previous.tail = (previous.tail or "").rstrip("\u00a0") + tail
        else:
            parent.text = (parent.text or "").rstrip("\u00a0") + tail
        parent.remove(a)
