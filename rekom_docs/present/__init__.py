"""The present stage: what each document shows, as typed values (no Word in them)."""

from __future__ import annotations

from collections.abc import Callable

from ..model.project import MeetingFile, Project
from . import letters, meeting
from .document import Document

DOCUMENTS: dict[str, Callable[[MeetingFile, Project, str | None], list[Document]]] = {
    "minutes": lambda item, project, lang: [meeting.minutes(item, project, lang)],
    "agenda": lambda item, project, lang: [meeting.agenda(item, project, lang)],
    "letters": letters.letters,
}
"""The documents of each kind a meeting gives (the letters: one per recipient, and the innstilling)."""


def documents(item: MeetingFile, project: Project, kind: str, lang: str | None) -> list[Document]:
    """The documents of one kind for one meeting."""
    return DOCUMENTS[kind](item, project, lang)


def shown_from_others(item: MeetingFile, project: Project, kind: str) -> list:
    """What the documents of `kind` for `item` show from other meetings (an agenda: the follow-ups due).

    Why: the build cache keys a document on this, so one edited case file rebuilds only the
    agendas whose lists change. A document that starts showing more of other meetings must say so here.
    """
    return meeting.follow_ups_due(item, project) if kind == "agenda" else []
