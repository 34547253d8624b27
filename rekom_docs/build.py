"""The build, top to bottom: load and check the cases, compute each document's view, render, write."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import template_set, view, view_letters
from .project import MeetingFile, Project, open_project
from .render import render
from .errors import RekomError
from .lint import lint_docx
from .write import write_file

BUNDLED_TEMPLATES = template_set.BUNDLED_TEMPLATES

DOCUMENTS: dict[str, Callable[[MeetingFile, Project, str | None], list[view.Document]]] = {
    "minutes": lambda item, project, lang: [view.minutes(item, project, lang)],
    "agenda": lambda item, project, lang: [view.agenda(item, project, lang)],
    "letters": view_letters.letters,
}


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


def build(config: BuildConfig) -> Iterator[Path]:
    """Build every requested document of every meeting; yield each path written."""
    project = open_project(config.cases, strict=config.strict)
    template_dirs = list(template_set.chain(config.templates))
    with template_set.using(template_dirs):
        for item in _selected(project, config.meetings):
            folder = config.out / item.id / (config.lang or "")
            for kind in config.kinds:
                for doc in DOCUMENTS[kind](item, project, config.lang):
                    rendered = render(doc, template_dirs)
                    yield write_file(config.out, folder / doc.filename, rendered.save, verify=accessible)


def accessible(path: Path) -> None:
    """Refuse a rendered document that fails the accessibility lint (so it is never published)."""
    problems = lint_docx(path)
    if problems:
        raise RekomError("the rendered document is not accessible:\n  " + "\n  ".join(problems))


def _selected(project: Project, ids: tuple[str, ...]) -> list[MeetingFile]:
    """The meetings to build, all by default; an unknown id is a user error."""
    return [project.meeting(i) for i in ids] if ids else project.meetings
