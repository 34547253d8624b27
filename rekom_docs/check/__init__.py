"""The check stage: cross-checks across the register, the meetings and their figures."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..errors import InvalidInput, Problem
from ..model.project import Project
from .meeting import cross_check
from .translations import translation_problems


def check_project(project: Project, problems: list[Problem], strict: bool = False, only: tuple[str, ...] = ()) -> Project:
    """The project with its warnings; InvalidInput with every problem when any is an error (or `strict`).

    With `only` (meeting ids), errors in other files than those meetings and the register do
    not stop the project: they stay among its warnings, so one broken file blocks no other.
    """
    problems = problems + cross_check(project) + translation_problems(project)
    register = project.register_source.file if project.register_source else ""
    if any((p.is_error or strict) and (not only or p.file == register or Path(p.file).stem.split(".")[0] in only)
           for p in problems):
        raise InvalidInput(problems)
    return replace(project, warnings=sorted(problems))
