"""Noark 5 metadata for a meeting's archived papers: møte, saker, and each dokument's type, title, status and variant."""

from __future__ import annotations

from pathlib import Path

from ..model.roster import organisation_name
from ..present.public import PUBLIC

TYPES = {"referat": "Møtereferat", "innkalling": "Møteinnkalling", "innstilling": "Innstilling", "brev": "Brev"}
FINISHED = "Dokumentet er ferdigstilt"
SCREENED = "Dokument hvor deler av innholdet er skjermet"


def meeting_metadata(item, project) -> dict:
    """møte (utvalg, møtedato, møtenummer, møtested) and saker (saksnummer, tittel, skjerming)."""
    meeting = item.meeting
    forum = project.registers.fora[meeting.forum]
    same = [m for m in project.meetings if m.meeting.forum == meeting.forum and m.meeting.date.year == meeting.date.year]
    number = next(i for i, m in enumerate(same, start=1) if m.id == item.id)
    return {
        "møte": {"utvalg": forum.name, "utvalgskode": meeting.forum, "møtedato": meeting.date.isoformat(),
                 "møtenummer": f"{number}/{meeting.date.year}", "møtested": meeting.place or meeting.digital or "",
                 "arkivdel": organisation_name(project.registers, forum.organisation)},
        "saker": [{"saksnummer": c.case, "tittel": c.title, **({"skjerming": c.exempt.basis} if c.exempt else {})}
                  for c in meeting.cases if c.case],
    }


def document_metadata(path: Path, relative: str, day: str, title: str) -> dict:
    """dokument: type, tittel, status, dato, format and variant, from the file's name and its Word title."""
    stem = Path(relative).parts[0] if "/" in relative else Path(relative).stem
    kind = TYPES.get(stem.removesuffix(f"-{PUBLIC}").split(".")[0], "Dokument")
    public = stem.endswith(f"-{PUBLIC}") or Path(relative).stem.endswith(f"-{PUBLIC}")
    archival = path.suffix == ".pdf"
    return {
        "dokumenttype": kind, "tittel": title, "dokumentstatus": FINISHED, "dato": day,
        "format": "PDF/A-2b" if archival else "DOCX",
        "variantformat": SCREENED if public else ("Arkivformat" if archival else "Produksjonsformat"),
    }
