"""The present stage: what each document shows, as typed values (no Word in them)."""

from __future__ import annotations

from collections.abc import Callable

from ..model.project import MeetingFile, Project
from . import letters, meeting
from .document import Document
from .public import internal, versions

DOCUMENTS: dict[str, Callable[[MeetingFile, Project, str | None], list[Document]]] = {
    "minutes": lambda item, project, lang: versions(meeting.minutes, item, project, lang),
    "agenda": lambda item, project, lang: versions(meeting.agenda, item, project, lang, history=True),
    "letters": lambda item, project, lang: letters.letters(*internal(item, project), lang),
}
"""The documents of each kind a meeting gives (the letters: one per recipient, and the innstilling)."""


def documents(item: MeetingFile, project: Project, kind: str, lang: str | None) -> list[Document]:
    """The documents of one kind for one meeting."""
    return DOCUMENTS[kind](item, project, lang)
