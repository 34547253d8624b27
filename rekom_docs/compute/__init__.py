"""The compute stage: every allocation of every meeting run through the engine."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..model.dated import registers_at
from ..model.project import MeetingFile, Project
from ..model.schema import Case
from .figures import compute, prose


def compute_project(project: Project) -> Project:
    """The project with each meeting's allocations computed (an unknown forum leaves them out; check says why)."""
    return replace(project, meetings=[_with_figures(item, project) for item in project.meetings])


def meeting_prose(item: MeetingFile) -> dict[str, Any]:
    """The computed values the meeting's case texts may print, by allocation name."""
    values: dict[str, Any] = {}
    for figures in item.figures.values():
        values |= prose(figures)
    return values


def _with_figures(item: MeetingFile, project: Project) -> MeetingFile:
    if item.meeting.forum not in project.registers.fora:
        return item
    registers = registers_at(project.registers, item.meeting.date)  # Why: names and members as on the meeting's day
    figures = {i: compute(case.allocation, registers, item.meeting.forum)
               for i, case in enumerate(item.meeting.agenda) if isinstance(case, Case) and case.allocation}
    return replace(item, figures=figures)
