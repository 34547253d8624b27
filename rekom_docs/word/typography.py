"""No-break spaces where Norwegian typesetting wants them in typed text: `400 000 kr`, `10 %`,
`31. mars`, `tlf. 73 00 10 21`.

Why: computed figures are printed with no-break spaces (numbers.kr), but an amount typed
in a case text would otherwise wrap as `10` / `000 kr` at a line end.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
_DIGIT = re.compile(r"\d")
# A group of 1-3 digits not glued to another digit, slash, point or comma, then groups of three.
_GROUPS = re.compile(r"(?<![\d/.,])\d{1,3}(?: \d{3})+(?![\d,.]\d)")
_UNIT = re.compile(r"(\d) (kr\b|%|prosent\b|mill\.|mrd\.)")
_MONTHS = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
_DAY = re.compile(rf"(?<![\d.])(\d{{1,2}}\.) ((?:{_MONTHS})\b)", re.IGNORECASE)
_PHONE = re.compile(r"\b(?:tlf\.|telefon) \d\d(?: \d\d){3}\b|\b(?:tlf\.|telefon) \d{3} \d\d \d{3}\b", re.IGNORECASE)


def no_break(text: str) -> str:
    """`text` with no-break spaces inside digit groups, before a unit, after a date's day and in phone numbers."""
    if " " not in text or not _DIGIT.search(text):
        return text  # Why: every rule joins a digit to what follows it over a space
    text = _GROUPS.sub(lambda m: m.group(0).replace(" ", NBSP), text)
    text = _DAY.sub(lambda m: m.group(1) + NBSP + m.group(2), text)
    text = _PHONE.sub(lambda m: m.group(0).replace(" ", NBSP), text)
    return _UNIT.sub(lambda m: m.group(1) + NBSP + m.group(2), text)
