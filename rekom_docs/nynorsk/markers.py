"""Bokmål left in a nynorsk text: frequent words that are bokmål only, never correct nynorsk.

Why a word list: Apertium's analyser would need the tool at lint time; these words cover
what an untranslated sentence nearly always holds. Each is wrong in every nynorsk
sentence ("nå" is not listed: it is also the nynorsk verb "to reach").
"""

from __future__ import annotations

import re

BOKMAL_ONLY = frozenset([
    "ikke", "hva", "hvordan", "hvorfor", "hvis", "hvor", "hvem", "hvilke", "hvilken", "hvilket",
    "hver", "hvert", "hverandre", "jeg", "mye", "noen", "noe", "fra", "ble", "være", "vært",
    "dere", "deres", "bare", "uten", "selv", "siden", "disse", "samme", "sammen",
])

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def bokmal_words(text: str) -> list[str]:
    """The bokmål-only words in `text`, in order (case-insensitive, whole words)."""
    return [w for w in _WORD.findall(text) if w.lower() in BOKMAL_ONLY]


def bokmal_problems(paragraphs: list[str]) -> list[str]:
    """One sentence per paragraph of a nynorsk document that still holds bokmål words."""
    problems = []
    for text in paragraphs:
        found = bokmal_words(text)
        if found:
            words = ", ".join(dict.fromkeys(f"'{w}'" for w in found))
            problems.append(f"bokmål in a nynorsk document ({words}): '{text.strip()[:80]}'")
    return problems
