"""The present stage: what each document shows, as typed values (no Word in them)."""

from __future__ import annotations

from collections.abc import Callable

from ..compute.followups import open_at
from ..model.project import MeetingFile, Project
from . import letters, meeting
from .document import Document
from .public import exempt_before, internal, public, versions

DOCUMENTS: dict[str, Callable[[MeetingFile, Project, str | None], list[Document]]] = {
    "minutes": lambda item, project, lang: versions(meeting.minutes, item, project, lang),
    "agenda": lambda item, project, lang: versions(meeting.agenda, item, project, lang, history=True),
    "letters": lambda item, project, lang: letters.letters(*internal(item, project), lang),
}
"""The documents of each kind a meeting gives (the letters: one per recipient, and the innstilling)."""


def documents(item: MeetingFile, project: Project, kind: str, lang: str | None) -> list[Document]:
    """The documents of one kind for one meeting."""
    return DOCUMENTS[kind](item, project, lang)


def shown_from_others(item: MeetingFile, project: Project, kind: str, lang: str | None) -> list:
    """What the documents of `kind` for `item` show from other meetings: an agenda, the follow-ups still open.

    Why: the build cache keys a document on this, so one edited case file rebuilds only the
    agendas whose lists change. A document that starts showing more of other meetings must say so here.
    """
    if kind != "agenda":
        return []
    shown: list = [open_at(item, project)]
    if exempt_before(item, project):  # a public version lists them redacted
        forum_lang = lang or project.registers.fora[item.meeting.forum].language
        shown.append(open_at(*public(item, project, forum_lang)))
    return shown
