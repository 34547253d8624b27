"""Amounts typed into case texts, checked against the figures the engine computed for the meeting.

Why: a retyped figure drifts. One that equals a computed figure should be the reference
(`{{ kr(innstilling.frame) }}`), so it follows the figures; one that is close but not equal
(a digit swapped or dropped, off by a round amount) is almost always a slip, and an error.
A case note with `amount:` marks a close amount as meant (an estimate on another basis).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..compute.casetext import case_texts
from ..compute.figures import Figures, prose
from ..errors import Problem, Severity
from ..formats import plain_number
from ..model.load import Located, dotted
from ..model.schema import Case, Meeting

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_GROUPED = r"\d{1,3}(?:[ \u00a0.]\d{3})+"
_AMOUNT = re.compile(rf"(?<![\d.,])(?:kr\.?\s*)?(?P<n>{_GROUPED}|\d{{4,}})(?![\d]|[.,]\d)(?P<unit>\s*(?:kr\b|kroner\b|,-))?")
_LEAST = 1_000  # Why: below this a typed number is a count or a small sum, not a figure of the allocation


@dataclass(frozen=True)
class Figure:
    """A computed figure, with the reference a case text may use for it (or None)."""

    value: int
    what: str
    reference: str | None


def check_literals(item: Any) -> Iterator[Problem]:
    """Every typed amount in the meeting's case texts that equals or nearly equals a computed figure."""
    figures = _Known(meeting_figures(item.figures.values()))
    if not figures.by_value:
        return
    meant = {note.amount for case in item.meeting.cases for note in case.notes if note.amount is not None}
    for path, text in _texts(item.meeting):
        for match, value in literal_amounts(text):
            yield from _judge(item.source, path, text, match, value, figures, meant)


class _Known:
    """A meeting's figures by value; the values that are not round, which a typed amount can be a slip of.

    Why: a meeting has some hundred figures and its texts some dozen amounts; each amount is
    compared with each distinct value once, not with every figure again.
    """

    def __init__(self, figures: list[Figure]):
        self.by_value: dict[int, list[Figure]] = {}
        for f in figures:
            self.by_value.setdefault(f.value, []).append(f)
        self.telling = [v for v in self.by_value if not round_figure(v)]

    def equal(self, value: int) -> list[Figure]:
        return [] if round_figure(value) else self.by_value.get(value, [])

    def closest(self, value: int) -> Figure | None:
        """The figure a typed amount is most likely a slip of, if any."""
        close = [] if round_figure(value) else [v for v in self.telling if near(value, v)]
        return self.by_value[min(close, key=lambda v: abs(v - value))][0] if close else None


def _texts(meeting: Meeting) -> Iterator[tuple[tuple, str]]:
    yield from case_texts(meeting)
    for i, entry in enumerate(meeting.agenda):
        if isinstance(entry, Case):
            for k, table in enumerate(entry.tables):
                if table.note:
                    yield ("agenda", i, "tables", k, "note"), table.note


def literal_amounts(text: str) -> Iterator[tuple[re.Match, int]]:
    """Typed amounts outside template tags: grouped numbers (`23 020 000`) or numbers with `kr`/`,-`."""
    blanked = _TAG.sub(lambda m: " " * len(m.group()), text)
    for match in _AMOUNT.finditer(blanked):
        digits = re.sub(r"\D", "", match["n"])
        grouped = digits != match["n"]
        if (grouped or match["unit"] or match.group().lower().startswith("kr")) and int(digits) >= _LEAST:
            yield match, int(digits)


def meeting_figures(all_figures) -> list[Figure]:
    """Every computed figure of the meeting's allocations; those a case text can name carry their reference."""
    found: list[Figure] = []
    for f in all_figures:
        found += list(_referenced(prose(f)))
        found += list(_cells(f))
    return found


def _referenced(tree: dict, path: str = "", depth: int = 0) -> Iterator[Figure]:
    """Leaves of the prose tree with their reference: `innstilling.frame`, `innstilling.nettverk["fosen"]`."""
    for key, value in tree.items():
        here = f"{path}.{key}" if depth == 1 else (str(key) if depth == 0 else f'{path}["{key}"]')
        if isinstance(value, dict):
            yield from _referenced(value, here, depth + 1)
        elif isinstance(value, int) and not isinstance(value, bool):
            yield Figure(value, here, here)


def _cells(f: Figures) -> Iterator[Figure]:
    """Figures no reference names: each key's amount per network, the split, the individual lines."""
    if f.allocation is not None:
        for row in f.allocation.rows:
            yield from (Figure(amount, f"{label} for {row.name}", None) for label, amount in row.amounts.items())
    if f.split is not None:
        for p in f.split.portions:
            name = f.names.get(p.recipient, p.recipient)
            yield from (Figure(p.to_network, f"to the network {name}", None), Figure(p.uh_total, f"to UH from {name}", None),
                        Figure(p.total, f"frame of {name}", None))
    yield from (Figure(item.amount, item.label, None) for item in f.reserved_lines)


def _judge(src: Located, path: tuple, text: str, match: re.Match, value: int, figures: _Known,
           meant: set[int]) -> Iterator[Problem]:
    equal = figures.equal(value)
    line, col = _place(src, path, text, match)
    if equal:
        ref = _reference(equal)
        if ref is not None:
            yield Problem(src.file, line, col, dotted(path), f"the typed amount {plain_number(value)} equals the computed "
                          f"{ref.what}; write {{{{ kr({ref.reference}) }}}} so the text follows the figures", Severity.WARNING)
        return
    if value in meant:
        return
    f = figures.closest(value)
    if f is not None:
        hint = f"write {{{{ kr({f.reference}) }}}}" if f.reference else "correct it"
        yield Problem(src.file, line, col, dotted(path), f"the typed amount {plain_number(value)} is close to, but not, the "
                      f"computed {f.what} {plain_number(f.value)} ({how_near(value, f.value)}); {hint}, or add a case note "
                      f"with 'amount: {plain_number(value)}' saying why it differs")


def _reference(equal: list[Figure]) -> Figure | None:
    """The one figure a typed amount stands for, or None when several could (100 000 to each of ten networks)."""
    referenced = [f for f in equal if f.reference]
    named = [f for f in referenced if ".nettverk[" not in f.what]  # Why: a network's total rarely is what a text means
    if len(named) == 1:
        return named[0]
    return referenced[0] if not named and len(referenced) == 1 else None


def near(typed: int, computed: int) -> bool:
    """A slip of one digit (changed, dropped, added, two swapped) or a round amount off a figure that is not round."""
    if typed == computed or round_figure(computed) or round_figure(typed):
        return False
    return bool(how_near(typed, computed))


def round_figure(value: int) -> bool:
    """100 000, 1 300 000: too common in prose to tie a typed amount to one figure.

    Why: "om lag 500 000 kr fra tidligere år" is not the 500 000 for owners' release time,
    and 200 000 is one digit from 400 000; only a figure with three or more significant
    digits (23 020 000, 3 693 600) is told apart by its digits.
    """
    return value < 10_000 or len(str(value).rstrip("0")) < 3


def how_near(typed: int, computed: int) -> str:
    """In words, how a typed amount differs from a figure; empty when it is not a likely slip."""
    a, b = str(typed), str(computed)
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return "one digit differs"
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return "two digits swapped"
    if abs(len(a) - len(b)) == 1:
        short, long_ = (a, b) if len(a) < len(b) else (b, a)
        if any(long_[:i] + long_[i + 1:] == short for i in range(len(long_))):
            return "a digit dropped" if len(a) < len(b) else "a digit added"
    off = abs(typed - computed)
    if off * 20 <= computed and off == int(str(off)[0]) * 10 ** (len(str(off)) - 1) and off >= 100:
        return f"off by {plain_number(off)}"
    return ""


def _place(src: Located, path: tuple, text: str, match: re.Match) -> tuple[int, int]:
    """The line and column of the typed amount in the file: found in the source lines from where the text starts."""
    before = text[:match.start("n")]
    offset = before.count("\n")
    start = src.text_starts.get(path)
    typed = match["n"]
    if start is not None:
        for n in range(start + offset, min(start + offset + 3, len(src.source_lines) + 1)):
            col = src.source_lines[n - 1].find(typed) if n >= 1 else -1
            if col >= 0:
                return n, col + 1
    return src.where(path)
