"""A meeting's prose fields against its translation file: what is translated, stale, missing or left over."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import translations as store
from ..model.load import Key
from ..model.schema import Meeting, Registers
from . import fields


@dataclass(frozen=True)
class Text:
    """One prose field: where it is in the meeting, how the translation file names it, its bokmål text."""

    path: Key
    key: tuple[str, str]  # (case number or 'meeting', field)
    nb: str
    source: str  # hash of `nb`


def prose_texts(meeting: Meeting, registers: Registers) -> list[Text]:
    """Every prose field of the meeting, in the order of the file."""
    ids = frozenset(registers.networks) | frozenset(registers.organisations)
    return [Text(path, fields.place(meeting, path), text, store.source_hash(text))
            for path, text in fields.prose(meeting, ids)]


def is_current(entry: store.Entry | None, text: Text) -> bool:
    """Whether the entry translates the bokmål text as it is now."""
    return entry is not None and entry.source == text.source


def memory(texts: list[Text], entries: store.Entries) -> dict[str, str]:
    """Current translations by source hash, reviewed ones first: a repeated text gets the same nynorsk."""
    found: dict[str, str] = {}
    for reviewed in (True, False):
        for text in texts:
            entry = entries.get(text.key)
            if entry is not None and is_current(entry, text) and entry.reviewed is reviewed:
                found.setdefault(text.source, entry.nn)
    return found


def leftovers(texts: list[Text], entries: store.Entries) -> list[tuple[str, str]]:
    """Entries of the translation file that name no prose field of the meeting any more."""
    known = {t.key for t in texts}
    return [key for key in entries if key not in known]
