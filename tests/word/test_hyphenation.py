"""Hyphenation points read from pyphen's patterns are pyphen's own."""

from __future__ import annotations

import re

import pyphen

from rekom_docs.word.hyphenation import dictionary, positions
from tests.paths import ROOT


def test_every_word_of_the_bundled_cases_breaks_where_pyphen_breaks_it():
    words = {w for path in (ROOT / "cases").rglob("*.yaml") for w in re.findall(r"[^\W\d_]{4,}", path.read_text("utf-8"))}
    reference = pyphen.Pyphen(lang="nb_NO").hd
    assert len(words) > 1000
    assert [w for w in sorted(words) if positions(w) != list(reference.positions(w))] == []


def test_a_compound_breaks_between_its_parts():
    assert 14 in positions("Barnehagelærerutdanning")  # Barnehagelærer|utdanning
    assert positions("og") == []


def test_the_dictionary_is_the_one_pyphen_names():
    assert dictionary() == pyphen.LANGUAGES["nb_NO"] and dictionary().is_file()
