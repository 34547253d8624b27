"""Where a Norwegian word may break: Liang's algorithm over pyphen's nb_NO patterns, read in one pass.

Why not `pyphen.Pyphen`: it turns all 27 000 patterns into integer tuples before the first word
(0.15 s, a sixth of building four sets of minutes), while a table header asks for a handful of
words. Here the patterns are indexed by their letters in one pass and a pattern's digits are read
when a word first meets it; the points found are pyphen's (a test compares them).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_DIGITS = str.maketrans("", "", "0123456789")
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")


@lru_cache(maxsize=1)
def _patterns() -> tuple[dict[str, str], int]:
    """Every pattern of the nb_NO dictionary by its letters (`ab6s5t` under `abst`), and the longest key's length."""
    from pyphen import LANGUAGES

    path = Path(LANGUAGES["nb_NO"])  # Why nb for nynorsk too: pyphen ships one file for both
    with path.open("rb") as handle:
        encoding = handle.readline().decode("ascii").strip()
    lines = (line.strip() for line in path.read_text(encoding).split("\n")[1:])
    patterns = {line.translate(_DIGITS): line for line in lines if line and not line.startswith(_IGNORED)}
    return patterns, max(map(len, patterns))


def _values(pattern: str) -> list[int]:
    """The digit before each letter of a pattern and after its last (0 where there is none)."""
    values = [0]
    for char in pattern:
        if char.isdigit():
            values[-1] = int(char)
        else:
            values.append(0)
    return values


def positions(word: str) -> list[int]:
    """The points inside `word` where it may be hyphenated (as `pyphen.HyphDict.positions`)."""
    patterns, longest = _patterns()
    pointed = f".{word.lower()}."
    marks = [0] * (len(pointed) + 1)
    for i in range(len(pointed) - 1):
        for j in range(i + 1, min(i + longest, len(pointed)) + 1):
            pattern = patterns.get(pointed[i:j])
            if pattern:
                for k, value in enumerate(_values(pattern)):
                    marks[i + k] = max(marks[i + k], value)
    return [i - 1 for i, mark in enumerate(marks) if mark % 2]
