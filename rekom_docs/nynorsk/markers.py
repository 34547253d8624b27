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
    # Bokmål forms of the papers' own vocabulary; each has a different nynorsk form.
    "kommuner", "kommunene", "barnehager", "barnehagene", "nettverkene", "midlene", "tiltakene",
    "møtene", "deltakere", "rammen", "ledelse", "ledelsen", "ledernettverk", "ledernettverket",
    "rådgiver", "seniorrådgiver", "statsforvalter", "statsforvalteren", "tilskudd", "følgende",
    "enig", "innstillingen", "ordningen", "fordelingen", "tildelingen",
])
# Not listed though bokmål-looking, because they are also nynorsk: "deler" (verb), "regnet"
# (the rain), "stemmer" (verb), "blitt", "sakene", "kroner", "planen".

# Why: e-mail and web addresses are names, and template tags name register ids; neither is prose
_ADDRESS = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\S+@\S+|\b(?:https?://|www\.)\S+", re.S)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def bokmal_words(text: str) -> list[str]:
    """The bokmål-only words in `text`, in order (case-insensitive, whole words)."""
    text = _ADDRESS.sub(" ", text)
    return [w for w in _WORD.findall(text) if any(part in BOKMAL_ONLY for part in _parts(w.lower()))]


def _parts(word: str) -> list[str]:
    """A word and each part of a hyphenated one ("PPT-ledernettverket", "rata-rammen")."""
    return [word, *word.split("-")] if "-" in word else [word]


def bokmal_problems(paragraphs: list[str]) -> list[str]:
    """One sentence per paragraph of a nynorsk document that still holds bokmål words."""
    problems = []
    for text in paragraphs:
        found = bokmal_words(text)
        if found:
            words = ", ".join(dict.fromkeys(f"'{w}'" for w in found))
            problems.append(f"bokmål in a nynorsk document ({words}): '{text.strip()[:80]}'")
    return problems
