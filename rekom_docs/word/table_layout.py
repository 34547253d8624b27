"""Column widths from the content: measured in the body font, so numbers and case numbers never wrap.

Why measure: a character count guesses wrong both ways for a proportional font; a column
too narrow by one glyph prints `1 555 50|0` or `7/202|4`. Each column gets at least its
widest unbreakable token (text split only at breakable spaces, after a slash or hyphen
inside a word, and at soft hyphens); text columns then share what is left, the ones
closest to fitting on one line first. When short text cells would have to wrap, long header
words get soft hyphens (Norwegian patterns) and, if that is not enough, the table a
smaller type (down to 7 pt).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.text.font import Font

from .fontmetrics import NBSP, text_width
from .hyphenation import positions

PAD = 2 * 5.4 + 3.0  # points: Table Grid's cell margins (108 twips a side), borders and a little air
SIZE, LEAST_SIZE = 10.0, 7.0
SHY = "\u00ad"
LONG_WORD = 10  # header words this long or longer may be hyphenated
EDGE = 4  # letters a hyphenated piece keeps at least
# Why: `Barnehagelærer|utdanning` reads well, `Barnehagelæ|rerutdanning` does not; a word ending in
# one of these compound heads breaks only before it.
HEADS = ("utdanning", "utdanninga", "pedagogikk", "lærer", "lærar", "ramme", "tiltak", "nettverk", "fordeling",
         "kommune", "kommunar", "kommuner", "årsverk", "midler", "midlar", "beløp", "tildeling", "høyskolen",
         "høgskolen")
_BREAK_AFTER = re.compile(r"(?<=[^\W\d_][/-])(?=\w)|(?<=\u00ad)")  # `Master/|videreutdanning`, a soft hyphen


@dataclass(frozen=True)
class Plan:
    """How to set a table: each column's width in points, the type size, the cell texts to print."""

    widths: list[float]
    size: float
    rows: list[list[str]]


def tokens(text: str) -> list[str]:
    """The pieces a line may not be broken inside (a piece cut at a soft hyphen prints a hyphen)."""
    return [piece.replace(SHY, "-") for word in text.split(" ") for piece in _BREAK_AFTER.split(word) if piece]


def _least(cells: list[str], bold: list[bool], size: float) -> float:
    """Points the widest unbreakable token of a column needs."""
    return max((text_width(t, size, b) for c, b in zip(cells, bold) for t in tokens(c)), default=0.0)


def _wish(cells: list[str], bold: list[bool], size: float) -> float:
    """Points the longest cell of a column needs on one line."""
    return max((text_width(c, size, b) for c, b in zip(cells, bold)), default=0.0)


def hyphenate(text: str) -> str:
    """`text` with soft hyphens at the legal break points of its long words (at a compound head when there is one, else at least 4 letters a side)."""
    def one(word: str) -> str:
        if len(word) < LONG_WORD or not word.isalpha():
            return word
        points = _compound(word) or [p for p in positions(word) if EDGE <= p <= len(word) - EDGE]
        for p in reversed(points):
            word = word[:p] + SHY + word[p:]
        return word
    return " ".join("/".join(one(part) for part in word.split("/")) for word in text.split(" "))


def _compound(word: str) -> list[int]:
    """The break before a known compound head ending `word` (`Spesial|pedagogikk`), or none."""
    lower = word.lower()
    return [len(word) - len(h) for h in HEADS if lower.endswith(h) and len(word) - len(h) >= EDGE][:1]


def _two_lines(word: str, size: float) -> float:
    """Points a hyphenated word needs when it may take two lines: its best single break."""
    plain = word.replace(SHY, "")
    cuts = [i for i, ch in enumerate(word) if ch == SHY]
    best = text_width(plain, size, True)
    for n, at in enumerate(cuts):
        cut = at - n  # index in the plain word
        best = min(best, max(text_width(plain[:cut] + "-", size, True), text_width(plain[cut:], size, True)))
    return best


def plan(rows: list[list[str]], bold_rows: set[int], numeric: list[bool], width: float, base: float = SIZE,
         may_hyphenate: bool = True) -> Plan:
    """Column widths in points summing to `width`, the type size (`base` or less), the rows (header maybe hyphenated)."""
    bold = [r in bold_rows for r in range(len(rows))]
    room = width - PAD * len(rows[0])
    label = _label_column(rows, bold, numeric, base, room)
    given = list(zip(*rows))
    least = [_wish(list(col[1:]), bold[1:], base) if c == label else _least(list(col), bold, base)
             for c, col in enumerate(given)]
    comfort = [least[c] if numeric[c] else max(least[c], min(_wish(list(col), bold, base), room / 4))
               for c, col in enumerate(zip(*rows))]
    if may_hyphenate and sum(comfort) > room:  # Why: a long header word should not squeeze the names onto two lines
        rows = [[hyphenate(c) for c in rows[0]], *rows[1:]]
        body = [_wish(list(col[1:]), bold[1:], base) if c == label else _least(list(col[1:]), bold[1:], base)
                for c, col in enumerate(zip(*rows))]
        head = [max((_two_lines(w, base) for w in rows[0][c].split(" ")), default=0.0) for c in range(len(rows[0]))]
        least = [max(b, h) for b, h in zip(body, head)]
    size = base
    if sum(least) > room:
        size = max(LEAST_SIZE, math.floor(base * room / sum(least) * 2) / 2)  # Why: Word sizes are half points
        least = [x * size / base for x in least]
    # Why the header as printed: its soft hyphens cost nothing on one line, and in a narrow column they
    # break a long word (`nett-|verket (kr)`) before its unit would be left alone
    heads = [_Header.of(given[c], rows[0][c], bold, size, least[c]) if numeric[c] else None for c in range(len(given))]
    wish = [h.rungs[-1][0] if h else max(least[c], _wish(list(col), bold, size))
            for c, (h, col) in enumerate(zip(heads, zip(*rows)))]
    widths = _share(least, wish, heads, room)
    header = [_bind_unit(text) if h and widths[c] >= h.bound else text for c, (h, text) in enumerate(zip(heads, rows[0]))]
    return Plan([w + PAD for w in widths], size, [header, *rows[1:]])


@dataclass(frozen=True)
class _Header:
    """A number column's header with its unit bound to its word: the widths at which it takes fewer lines.

    Why: a header reads best whole, else in as few lines as the room allows (`Andel etter | barn og |
    elever (kr)` rather than four lines); its unit never stands alone once the column is as wide as its longest word.
    """

    rungs: tuple[tuple[float, int], ...]  # (points, lines), narrowest first, each a line fewer
    bound: float  # the narrowest width that keeps the unit with its word

    @classmethod
    def of(cls, column: tuple[str, ...], header: str, bold: list[bool], size: float, least: float) -> _Header:
        """The ladder of `header` (as printed, maybe with soft hyphens) over the cells of `column`."""
        cells = max(least, _wish(list(column[1:]), bold[1:], size))
        line = _Pieces(_bind_unit(header), size, bold[0])
        n = len(line.widths)
        fits = max(line.width(k, k) for k in range(n))  # no narrower width sets every piece
        rungs: list[tuple[float, int]] = []
        for w in sorted({max(line.width(i, j), cells) for i in range(n) for j in range(i, n)}):
            lines = line.count(w)
            if w >= fits and (not rungs or lines < rungs[-1][1]):
                rungs.append((w, lines))
        return cls(tuple(rungs), rungs[0][0])

    def lines(self, width: float) -> int:
        """Lines the header takes at `width`; narrower than its bound width, a line more (its unit or a word cut off)."""
        return min((n for w, n in self.rungs if w <= width), default=self.rungs[0][1] + 1)


class _Pieces:
    """A header cut where a line may break: at spaces, and at soft hyphens (which then print a hyphen)."""

    def __init__(self, text: str, size: float, bold: bool):
        cut = [(part, k == 0) for word in text.split(" ") for k, part in enumerate(word.split(SHY))]
        self.widths = [text_width(part, size, bold) for part, _ in cut]
        self.starts = [starts for _, starts in cut]  # a piece that begins a word follows a space
        self.space, self.hyphen = text_width(" ", size, bold), text_width("-", size, bold)

    def width(self, i: int, j: int) -> float:
        """Points of a line of pieces i to j (the font has no kerning: a line measures as its pieces)."""
        spaces = sum(self.starts[i + 1:j + 1]) * self.space
        hyphen = self.hyphen if j + 1 < len(self.widths) and not self.starts[j + 1] else 0.0
        return sum(self.widths[i:j + 1]) + spaces + hyphen

    def count(self, width: float) -> int:
        """Lines the pieces fill at `width`, each as full as it goes (as Word sets them)."""
        lines, i = 0, 0
        while i < len(self.widths):
            j = i
            while j + 1 < len(self.widths) and self.width(i, j + 1) <= width + 1e-6:
                j += 1
            lines, i = lines + 1, j + 1
        return lines


def _bind_unit(header: str) -> str:
    """The header with a no-break space before a closing unit in brackets (`Til nettverket\u00a0(kr)`)."""
    head, space, unit = header.rpartition(" ")
    return f"{head}{NBSP}{unit}" if space and unit.startswith("(") and unit.endswith(")") else header


def _label_column(rows: list[list[str]], bold: list[bool], numeric: list[bool], size: float, room: float) -> int | None:
    """0 when the first column holds short names (`Levanger/Verdal`, `Trøndelag sørvest`) kept on one line, else None.

    Why: a network name wrapped at its slash or space reads as two names; a long remark may wrap.
    """
    if len(numeric) < 2 or numeric[0] or len(rows) < 2:
        return None
    return 0 if _wish([r[0] for r in rows[1:]], bold[1:], size) <= room / 3 else None


def _share(least: list[float], wish: list[float], heads: list[_Header | None], room: float) -> list[float]:
    """Give the room beyond the least widths: text columns first, smallest need first, then number headers.

    Why this order: a short cell ("Indre Namdal") costs little to keep on one line, while a
    long remark wraps anyway. A number column then widens only to a width where its header
    takes a line fewer, the column whose header takes the most lines first (the cheapest of
    equals): the header row is as low as the room allows, and a little more room than a
    step moves a header's break somewhere no better. What is left over goes to the text
    columns by their wish.
    """
    widths, spare = list(least), max(room - sum(least), 0.0)
    order = sorted(range(len(least)), key=lambda c: wish[c] - least[c])
    for c in (c for c in order if heads[c] is None):
        give = min(wish[c] - least[c], spare)
        widths[c] += give
        spare -= give
    while True:
        moves = []
        for c, h in enumerate(heads):
            now = h.lines(widths[c]) if h else 0
            step = next((w for w, n in h.rungs if n < now), None) if h else None  # the narrowest a line fewer
            if step is not None and step - widths[c] <= spare + 1e-6:
                moves.append((-now, step - widths[c], c, step))
        if not moves:
            break
        _, cost, c, step = min(moves)
        widths[c], spare = step, max(spare - cost, 0.0)
    takers = [c for c in range(len(least)) if heads[c] is None] or list(range(len(least)))
    total = sum(wish[c] for c in takers)
    for c in takers:
        widths[c] += spare * (wish[c] / total if total else 1 / len(takers))
    return widths


def apply(table, layout: Plan, width: int, base: float = SIZE) -> None:
    """Set the grid and cell widths of a python-docx `table`, and its type size when it had to shrink."""
    if layout.size < base:
        for run in table._tbl.iter(qn("w:r")):
            Font(run).size = Pt(layout.size)  # what Run(run, parent).font does; no parent part needed
    total = sum(layout.widths)
    for c, (col, share) in enumerate(zip(table._tbl.tblGrid.gridCol_lst, layout.widths)):
        col.w = int(width * share / total)
        for cell in table.columns[c].cells:
            cell.width = col.w


def column_twips(layout: Plan, width: int) -> list[int]:
    """The planned column widths in twips for a table `width` EMU wide (as `apply` sets them)."""
    total = sum(layout.widths)
    return [Emu(int(width * share / total)).twips for share in layout.widths]


def half_points(layout: Plan, base: float = SIZE) -> int | None:
    """The planned type size in half points when it had to shrink below `base`, else None (as `apply` sets it)."""
    return int(Pt(layout.size).pt * 2) if layout.size < base else None


def points(emu: int) -> float:
    """EMU as points."""
    return Emu(emu).pt
