"""The build, top to bottom: load, compute, check, present, render, publish."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .check import check_project
from .compute import compute_project
from .errors import RekomError
from .model.dated import project_at
from .model.project import MeetingFile, Project, load_project
from .present import documents, template_set
from .publish.lint import lint_docx
from .publish.stable import stable_save
from .publish.write import write_file
from .word.render import render

BUNDLED_TEMPLATES = template_set.BUNDLED_TEMPLATES


@dataclass(frozen=True)
class BuildConfig:
    """Where cases come from, where output goes, and which templates win."""

    cases: Path
    out: Path
    kinds: tuple[str, ...] = ("minutes",)
    templates: tuple[Path, ...] = ()
    strict: bool = False
    lang: str | None = None  # None: each forum's own written standard
    meetings: tuple[str, ...] = ()  # empty: every meeting
    report: Callable[[object], None] = print  # told the problems of meetings not asked for, which do not stop a build


def checked_project(cases: Path, strict: bool = False, only: tuple[str, ...] = ()) -> Project:
    """Load the case tree, compute every figure, and check it all: the project, or InvalidInput with every problem.

    With `only`, errors in other meetings do not stop it (see check_project).
    """
    project, problems = load_project(cases)
    project = compute_project(project)
    return check_project(project, problems, strict, only)


def build(config: BuildConfig) -> Iterator[Path]:
    """Build every requested document of every meeting; yield each path written."""
    project = checked_project(config.cases, config.strict, config.meetings)
    for problem in project.warnings:
        if problem.is_error:  # in a meeting not asked for
            config.report(problem)
    template_dirs = list(template_set.chain(config.templates))
    with template_set.using(template_dirs):
        for item in _selected(project, config.meetings):
            folder = config.out / item.id / (config.lang or "")
            dated = project_at(project, item.meeting.date)  # Why: the register as it stood on the meeting's day
            for kind in config.kinds:
                refuse_contradictions(project, item, kind)
                for doc in documents(item, dated, kind, config.lang):
                    rendered = render(doc, template_dirs)
                    yield write_file(config.out, folder / doc.filename, stable_save(rendered, item.meeting),
                                     verify=accessible)


def refuse_contradictions(project: Project, item: MeetingFile, kind: str) -> None:
    """Stop before a document that would print a contradiction the checker found and no case note explains."""
    found = [p for p in project.warnings if p.blocks == kind and p.file == item.source.file]
    if found:
        raise RekomError(f"the {kind} of {item.id} would print a contradiction; correct the case file or explain it "
                         "with a case note, which is printed:\n  " + "\n  ".join(str(p) for p in found))


def accessible(path: Path) -> None:
    """Refuse a rendered document that fails the accessibility lint (so it is never published)."""
    problems = lint_docx(path)
    if problems:
        raise RekomError("the rendered document is not accessible:\n  " + "\n  ".join(problems))


def _selected(project: Project, ids: tuple[str, ...]) -> list[MeetingFile]:
    """The meetings to build, all by default; an unknown id is a user error."""
    return [project.meeting(i) for i in ids] if ids else project.meetings
