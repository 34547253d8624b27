"""What the documents show of a meeting's lifecycle: draft marking, approval line, corrections, votes as cast."""

from __future__ import annotations

from typing import Any

from ..check.votes import case_voters
from ..formats import long_date
from ..model.lifecycle import Status
from ..model.roster import person_name
from .wording import words


def status_of(meeting) -> Status:
    return meeting.approval.status if meeting.approval else Status.draft


def minutes_status(meeting, lang: str) -> dict[str, Any]:
    """The page-header marking (UTKAST until approved), the approval line, the corrections, the core-property status."""
    w, status = words(lang), status_of(meeting)
    approval = meeting.approval
    marking = {Status.draft: w["marking_draft"], Status.approved: ""}.get(status)
    if status is Status.sent:
        marking = w["marking_sent"].format(date=long_date(approval.date, lang) if approval.date else "").strip()
    line = ""
    if status is Status.approved:
        by = w["approved_by"].format(by=approval.by) if approval.by else ""
        line = w["approved_line"].format(date=long_date(approval.date, lang), by=by, how=approval.how)
    corrections = [w["correction_line"].format(date=long_date(c.date, lang), what=c.what.rstrip("."), how=c.how)
                   for c in meeting.corrections]
    return {"marking": marking, "approval": line, "corrections": corrections, "status": w[f"status_{status.value}"]}


def case_extras(case, reg, forum, lang: str, voters) -> dict[str, Any]:
    """Conflict-of-interest sentences and the notes under the votes (blank, casting vote, dissent)."""
    in_case = case_voters(voters, case, forum)
    return {"conflicts": conflict_lines(case, reg, lang, in_case.voters if voters.recorded else None),
            "vote_notes": [note for vote in case.votes for note in vote_notes(vote, reg, lang)]}


def conflict_lines(case, reg, lang: str, voters: int | None) -> list[str]:
    """One sentence per disqualified member, and the number who voted in the case."""
    w = words(lang)
    lines = [w["conflict"].format(name=person_name(reg, c.person), reason=f" ({c.reason})" if c.reason else "")
             for c in case.conflicts]
    if lines and voters is not None:
        lines.append(w["case_voters"].format(voters=voters))
    return lines


def vote_notes(vote, reg, lang: str) -> list[str]:
    """Blank votes, the chair's casting vote and each dissent in its own words."""
    w = words(lang)
    notes = []
    if vote.blank:
        notes.append(w["blank_votes"].format(n=vote.blank))
    if vote.casting_vote:
        notes.append(w["casting_vote"].format(result=vote.result))
    for dissent in vote.dissent:
        names = [person_name(reg, p) for p in dissent.people]
        who = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {w['and']} {names[-1]}"
        notes.append(w["dissent"].format(who=who, text=dissent.text.strip()))
    return notes

