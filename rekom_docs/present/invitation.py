"""What an agenda (innkalling) says before the saksliste: the invitation, where, whom to tell of absence."""

from __future__ import annotations

from dataclasses import replace

from ..compute.figures import Figures
from ..formats import clock, long_date, phone
from ..model.schema import Case, CaseKind, Meeting, Registers
from .document import TableView
from .figures import figure_tables
from .wording import words


def opening(meeting: Meeting, forum, lang: str) -> str:
    """`Samarbeidsforum REKOM innkalles til møte 7. mars 2024 kl. 08.30–15.00 i Møterom Nidaros, Statens hus, ...`."""
    w = words(lang)
    when = f"{long_date(meeting.date, lang)} {w['at_time']} {clock(meeting.time.start)}\u2013{clock(meeting.time.end)}"
    return w["agenda_opening"].format(forum=forum.name, when=when, where=where(meeting, lang))


def where(meeting: Meeting, lang: str) -> str:
    """`i Møterom 1, Storgata 1, 7000 Trondheim`; for a digital meeting its platform or link."""
    w = words(lang)
    if meeting.place:
        parts = [p for p in (meeting.room, meeting.address or meeting.place) if p]
        return f"{w['in_place']} {', '.join(parts)}"
    digital = meeting.digital or ""
    if digital.lower().startswith("digital"):
        return w["digital_generic"]
    return w["digital_link" if digital.startswith(("http://", "https://")) else "digital_meeting"].format(link=digital)


def absence(reg: Registers, forum, lang: str) -> str:
    """Whom to tell of absence (forfall), and that the deputy (vara) is then called in."""
    w = words(lang)
    person = reg.people.get(forum.caseworker) if forum.caseworker else None
    if person is None:
        return w["agenda_absence_secretariat"]
    how = ", ".join(x for x in (person.email, f"tlf.\u00a0{phone(person.phone)}" if person.phone else "") if x)
    return w["agenda_absence"].format(name=person.name, how=f" ({how})" if how else "")


def proposed_tables(case: Case, figures: Figures | None, lang: str) -> list[TableView]:
    """A beslutningssak's computed tables as the proposal ('Forslag til ...'), before the meeting decides.

    Why: only figures marked `proposed` were the proposal; others may hold what the meeting itself decided.
    """
    if figures is None or case.kind is not CaseKind.decision or not figures.spec.proposed:
        return []
    label = words(lang)["proposal_of"]
    return [replace(t, title=f"{label} {_lower_first(t.title.replace(': ', ' – '))}") for t in figure_tables(figures, lang)]


def _lower_first(title: str) -> str:
    """`Innstilling 2024` -> `innstilling 2024`; an acronym (`REKOM`) keeps its capitals."""
    return title if title[1:2].isupper() else title[:1].lower() + title[1:]
