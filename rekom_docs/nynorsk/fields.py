"""Which texts of a meeting are prose a nynorsk document must print in nynorsk, and swapping them in.

Why a list of fields: ids, case numbers, measures (`by: årsverk`) and times are data the
code looks up, not prose; translating them would break the lookups.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ..compute.figures import MUNICIPALITIES
from ..model.allocation import Allocation, KeySpec, Line, Reserved, Year
from ..model.lifecycle import Approval, Attachment, Conflict, Correction, Dissent, Exemption
from ..model.load import Key, dotted
from ..model.schema import Break, Case, Column, Deadline, FollowUp, Meeting, Note, Option, Table, Vote

PROSE: dict[type, tuple[str, ...]] = {
    Meeting: ("invitation", "note"),
    Deadline: ("what",),
    Case: ("title", "summary", "text", "proposal", "decision", "attachments"),
    Break: ("pause",),
    Vote: ("question", "result"),
    Option: ("label",),
    Table: ("title", "total_label", "note"),
    Column: ("name",),
    FollowUp: ("what", "where"),
    Approval: ("by", "how"),
    Correction: ("what", "how"),
    Exemption: ("title",),
    Attachment: ("name",),
    Conflict: ("reason",),
    Dissent: ("text",),
    Note: ("text",),
    Allocation: ("title", "pot_label"),
    Line: ("label",),
    Reserved: ("label", "residual"),
    KeySpec: ("label", "by"),  # `by`: a measure's name, printed as a column heading (never "kommuner": see below)
    Year: ("residual",),
}


def prose(meeting: Meeting, ids: frozenset[str] = frozenset()) -> Iterator[tuple[Key, str]]:
    """Every prose text of the meeting with its key path; table cells that are register ids are left out."""
    yield from _walk(meeting, (), ids)


def _walk(value: Any, path: Key, ids: frozenset[str]) -> Iterator[tuple[Key, str]]:
    if isinstance(value, Table):
        yield from _table_cells(value, path, ids)
    if isinstance(value, BaseModel):
        names = PROSE.get(type(value), ())
        for name in type(value).model_fields:
            child = getattr(value, name)
            if name in names and not (name == "by" and child == MUNICIPALITIES):  # Why: the register's count, by that name
                yield from _texts(child, path + (name,))
            else:
                yield from _walk(child, path + (name,), ids)
    elif isinstance(value, (list, tuple)):
        for i, child in enumerate(value):
            yield from _walk(child, path + (i,), ids)
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _walk(child, path + (key,), ids)


def _texts(value: Any, path: Key) -> Iterator[tuple[Key, str]]:
    if isinstance(value, str) and value.strip():
        yield path, value
    elif isinstance(value, (list, tuple)):
        for i, child in enumerate(value):
            yield from _texts(child, path + (i,))


def _table_cells(table: Table, path: Key, ids: frozenset[str]) -> Iterator[tuple[Key, str]]:
    text_columns = [i for i, c in enumerate(table.columns) if c.unit == "text"]
    for r, row in enumerate(table.rows):
        for c in text_columns:
            cell = row[c] if c < len(row) else None
            if isinstance(cell, str) and cell.strip() and cell not in ids:
                yield path + ("rows", r, c), cell


def replaced(value: Any, texts: dict[Key, str]) -> Any:
    """`value` with the text at each path in `texts` swapped in (models copied, never changed)."""
    prefixes = {key[:i] for key in texts for i in range(len(key) + 1)}
    return _replaced(value, texts, prefixes, ())


def _replaced(value: Any, texts: dict[Key, str], prefixes: set[Key], path: Key) -> Any:
    if path not in prefixes:
        return value
    if path in texts and isinstance(value, str):
        return texts[path]
    if isinstance(value, BaseModel):
        return value.model_copy(update={name: _replaced(getattr(value, name), texts, prefixes, path + (name,))
                                        for name in type(value).model_fields})
    if isinstance(value, (list, tuple)):
        return type(value)(_replaced(v, texts, prefixes, path + (i,)) for i, v in enumerate(value))
    if isinstance(value, dict):
        return {k: _replaced(v, texts, prefixes, path + (k,)) for k, v in value.items()}
    return value


def place(meeting: Meeting, path: Key) -> tuple[str, str]:
    """Where a text lives, as the translation file names it: ('4/2024', 'text'), ('meeting', 'note')."""
    if len(path) >= 2 and path[0] == "agenda" and isinstance(path[1], int):
        item = meeting.agenda[path[1]]
        owner = item.case if isinstance(item, Case) and item.case else dotted(path[:2])
        return owner, dotted(path[2:])
    return "meeting", dotted(path)
