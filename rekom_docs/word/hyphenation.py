"""Where a Norwegian word may break: Liang's algorithm over pyphen's nb_NO patterns, read in one pass.

Why not `pyphen.Pyphen`: it turns all 27 000 patterns into integer tuples before the first word
(0.15 s, a sixth of building four sets of minutes), while a table header asks for a handful of
words. Here the patterns are indexed by their letters in one pass and a pattern's digits are read
when a word first meets it; the points found are pyphen's (a test compares them).
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

_DIGITS = str.maketrans("", "", "0123456789")
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
_NOT_PATTERNS = re.compile("[%#A-Z]")  # a comment or a setting (LEFTHYPHENMIN 2): patterns are lower case


@lru_cache(maxsize=1)
def _patterns() -> tuple[dict[str, str], int]:
    """Every pattern of the nb_NO dictionary by its letters (`ab6s5t` under `abst`), and the longest key's length."""
    path = dictionary()
    head, _, body = path.read_bytes().partition(b"\n")
    encoding = head.decode("ascii").strip()
    text = body.decode(encoding)
    words = text.split()
    # Why the digits go from the bytes: 27 000 calls of str.translate cost a build of minutes 30 ms;
    # the encodings of these dictionaries keep ASCII digits single bytes, as UTF-8 does.
    keys = body.translate(None, b"0123456789").decode(encoding).split()
    if len(keys) != len(words) or _NOT_PATTERNS.search(text):  # a comment or setting
        words = [line for line in map(str.strip, text.split("\n")) if line and not line.startswith(_IGNORED)]
        keys = [word.translate(_DIGITS) for word in words]
    patterns = dict(zip(keys, words))
    return patterns, max(map(len, patterns))


def dictionary() -> Path:
    """pyphen's nb_NO dictionary (as `pyphen.LANGUAGES["nb_NO"]`; a test checks), found without importing pyphen.

    Why: importing pyphen lists and sorts all its dictionaries through importlib.resources (15 ms).
    Why nb for nynorsk too: pyphen ships one file for both.
    """
    spec = importlib.util.find_spec("pyphen")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("pyphen is not installed")
    return Path(spec.origin).parent / "dictionaries" / "hyph_nb_NO.dic"


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
