"""The decision register (vedtaksregister) and the follow-up register across every meeting of `cases/`."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from ..check.approval import is_approved
from ..compute import meeting_prose
from ..compute.casetext import expand, text_context
from ..compute.followups import tracked
from ..model.dated import registers_at
from .lifecycle import status_of
from .public import internal_meeting, strip_markers

_KR = re.compile(r"(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)\s*kr\b")


@dataclass(frozen=True)
class Decision:
    """One decision: where and when it was made, what it says, and the state of its minutes."""

    year: int
    number: int
    case: str
    forum: str
    meeting: str
    date: str
    title: str
    kind: str
    decision: str
    amounts: list[int]
    status: str
    approval: str
    exempt: str
    minutes: str


@dataclass(frozen=True)
class FollowUpRow:
    """One follow-up with its status."""

    id: str
    forum: str
    meeting: str
    date: str
    case: str
    what: str
    who: str
    due: str
    status: str
    done: str
    where: str


def amounts(text: str) -> list[int]:
    """Every kroner amount written in a text ('1 200 000 kr')."""
    return [int(re.sub(r"\D", "", m.group(1))) for m in _KR.finditer(text)]


def _texts(item, project) -> dict:
    reg = registers_at(project.registers, item.meeting.date)
    return text_context(reg, reg.fora[item.meeting.forum].language, meeting_prose(item))


def decisions(project) -> list[Decision]:
    """Every decision of every meeting, sorted by year and case number."""
    rows = []
    for item in project.meetings:
        meeting, texts = internal_meeting(item.meeting), _texts(item, project)
        approval = meeting.approval.how if is_approved(meeting) else ""
        for case in meeting.cases:
            if not (case.decision and case.case):
                continue
            number, year = map(int, case.case.split("/"))
            text = expand(case.decision, texts).strip()
            rows.append(Decision(year, number, case.case, meeting.forum, item.id, meeting.date.isoformat(), case.title,
                                 case.kind.value, text, amounts(text), status_of(meeting).value, approval,
                                 case.exempt.basis if case.exempt else "", f"{item.id}/referat.docx"))
    return sorted(rows, key=lambda d: (d.year, d.forum, d.number))


def follow_up_rows(project) -> list[FollowUpRow]:
    """Every follow-up with its id and status, in meeting order."""
    by_id = {m.id: m for m in project.meetings}
    rows = []
    for t in tracked(project):
        item = by_id[t.meeting]
        texts = _texts(item, project)
        f = t.item
        who = ""
        if f.who:
            reg = registers_at(project.registers, t.held)
            entry = reg.people.get(f.who) or reg.organisations.get(f.who) or reg.networks.get(f.who)
            who = entry.name if entry else f.who
        due = "" if f.due is None else ("next meeting" if isinstance(f.due, str) else f.due.isoformat())
        rows.append(FollowUpRow(t.id, t.forum, t.meeting, t.held.isoformat(), t.case or "",
                                expand(strip_markers(f.what), texts).strip(), who, due, f.status.value,
                                f.done.isoformat() if f.done else "", f.where or ""))
    return rows


def as_dicts(rows) -> list[dict]:
    return [asdict(r) for r in rows]
