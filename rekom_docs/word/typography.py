"""No-break spaces where Norwegian typesetting wants them in typed text: `400 000 kr`, `10 %`.

Why: computed figures are printed with no-break spaces (numbers.kr), but an amount typed
in a case text would otherwise wrap as `10` / `000 kr` at a line end.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
# A group of 1-3 digits not glued to another digit, slash, point or comma, then groups of three.
_GROUPS = re.compile(r"(?<![\d/.,])\d{1,3}(?: \d{3})+(?![\d,.]\d)")
_UNIT = re.compile(r"(\d) (kr\b|%|prosent\b|mill\.|mrd\.)")


def no_break(text: str) -> str:
    """`text` with the spaces inside digit groups and before a unit made no-break."""
    text = _GROUPS.sub(lambda m: m.group(0).replace(" ", NBSP), text)
    return _UNIT.sub(lambda m: m.group(1) + NBSP + m.group(2), text)
