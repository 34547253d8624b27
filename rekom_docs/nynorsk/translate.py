"""`rekom-docs translate`: fill a meeting's translation file; reviewed texts are never overwritten."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InvalidInput
from ..model import translations as store
from ..model.project import MeetingFile
from ..model.schema import Registers
from . import apertium
from .texts import Text, is_current, leftovers, memory, prose_texts

Translator = Callable[[Sequence[str]], list[str]]


@dataclass
class Outcome:
    """What one run did, and the translation file's new text for the command to write."""

    path: Path
    text: str = ""
    translated: list[Text] = field(default_factory=list)
    kept_stale: list[Text] = field(default_factory=list)  # reviewed, but the bokmål changed since
    dropped: list[tuple[str, str]] = field(default_factory=list)


def translate_meeting(item: MeetingFile, registers: Registers, machine: Translator = apertium.translate) -> Outcome:
    """Translate every new or changed text of the meeting; the outcome holds the new file text."""
    path = store.translation_path(item.path)
    loaded = store.load(path)
    if loaded.problems:
        raise InvalidInput(loaded.problems)
    texts = prose_texts(item.meeting, registers)
    entries, outcome = dict(loaded.entries), Outcome(path)
    todo = [t for t in texts if not is_current(entries.get(t.key), t)]
    outcome.kept_stale = [t for t in todo if t.key in entries and entries[t.key].reviewed]
    todo = [t for t in todo if t not in outcome.kept_stale]
    done = dict(memory(texts, entries))
    fresh = list(dict.fromkeys(t.nb for t in todo if t.source not in done))
    done |= {store.source_hash(nb): nn for nb, nn in zip(fresh, machine(fresh))}
    for t in todo:
        entries[t.key] = store.Entry(nn=done[t.source], reviewed=False, source=t.source)
    outcome.translated = todo
    left = leftovers(texts, entries)
    outcome.dropped = [key for key in left if not entries[key].reviewed]
    order = [t.key for t in texts] + [key for key in left if key not in outcome.dropped]
    outcome.text = store.dump({key: entries[key] for key in order}, item.path.name)
    return outcome
