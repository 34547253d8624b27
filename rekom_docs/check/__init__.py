"""The check stage: cross-checks across the register, the meetings and their figures."""

from __future__ import annotations

from dataclasses import replace

from ..errors import InvalidInput, Problem
from ..model.project import Project
from .meeting import cross_check
from .translations import translation_problems


def check_project(project: Project, problems: list[Problem], strict: bool = False) -> Project:
    """The project with its warnings; InvalidInput with every problem when any is an error (or `strict`)."""
    problems = problems + cross_check(project) + translation_problems(project)
    if any(p.is_error or strict for p in problems):
        raise InvalidInput(problems)
    return replace(project, warnings=sorted(problems))
