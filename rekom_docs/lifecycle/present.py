"""What the documents show of a meeting's lifecycle: draft marking, approval line, corrections, votes as cast."""

from __future__ import annotations

from typing import Any

from ..model_lifecycle import Status
from ..numbers import long_date
from ..wording import words
from .votes import case_voters, conflict_lines, vote_notes


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
