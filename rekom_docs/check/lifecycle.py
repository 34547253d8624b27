"""Every lifecycle check of a project: approved content and follow-ups.

Votes as cast are checked with the meeting (check/meeting.py), against the roster it builds once.
"""

from __future__ import annotations

from ..compute.followups import check_follow_ups
from ..errors import Problem
from .approval import check_approved


def lifecycle_problems(project) -> list[Problem]:
    """Problems of approval and follow-ups."""
    return list(check_approved(project)) + list(check_follow_ups(project))
