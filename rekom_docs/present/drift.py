"""A note under a table whose printed kroner do not add up to its printed sums (cells rounded each on its own)."""

from __future__ import annotations

import re
from dataclasses import replace

from .document import TableView
from .wording import words

_WHOLE = re.compile(r"−?-?\d{1,3}(?:[\s\u00a0\u202f]\d{3})*")


def _kroner(cell: str) -> int | None:
    """The whole kroner a cell prints (`1 158 800`), or None for any other text."""
    text = cell.strip()
    if not _WHOLE.fullmatch(text):
        return None
    sign = -1 if text[:1] in "−-" else 1
    return sign * int(re.sub(r"\D", "", text))


def drifts(table: TableView, row_sums: bool = False) -> bool:
    """Whether a kroner column's rows differ from its Sum, or (`row_sums`) a row's kroner from its last Sum column.

    Why: computed from the printed text, so the note follows whatever the table shows.
    """
    columns = [c for c, head in enumerate(table.header) if table.numeric[c] and "kr" in head]
    if table.total is not None:
        for c in columns:
            cells = [_kroner(row[c]) for row in table.rows]
            total = _kroner(table.total[c])
            if total is not None and all(v is not None for v in cells) and sum(v for v in cells if v) != total:
                return True
    if row_sums and len(columns) > 2 and columns[-1] == len(table.header) - 1 and table.header[-1].lower().startswith("sum"):
        for row in table.rows + ([table.total] if table.total else []):
            values = [_kroner(row[c]) for c in columns]
            if all(v is not None for v in values) and sum(v for v in values[:-1] if v) != values[-1]:
                return True
    return False


def with_drift_note(table: TableView, lang: str, row_sums: bool = False) -> TableView:
    """`table`, with the rounding note added under it when its printed figures do not add up."""
    if not drifts(table, row_sums):
        return table
    note = words(lang)["table_rounding"]
    return replace(table, note=f"{table.note} {note}" if table.note else note)
