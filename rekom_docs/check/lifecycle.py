"""Every lifecycle check of a project: approved content, follow-ups, votes and exemptions."""

from __future__ import annotations

from ..compute.followups import check_follow_ups
from ..errors import Problem
from ..model.dated import registers_at
from ..model.roster import roster
from ..model.schema import Case
from .approval import check_approved
from .votes import check_case_votes


def lifecycle_problems(project) -> list[Problem]:
    """Problems of approval, follow-ups and votes as cast."""
    problems = list(check_approved(project)) + list(check_follow_ups(project))
    for item in project.meetings:
        if item.meeting.forum not in project.registers.fora:
            continue
        voters = roster(item.meeting, registers_at(project.registers, item.meeting.date))
        for i, case in enumerate(item.meeting.agenda):
            if isinstance(case, Case):
                problems += check_case_votes(case, ("agenda", i), voters, item.source)
    return problems
