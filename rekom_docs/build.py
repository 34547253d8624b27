"""The build, top to bottom: load and check the cases, compute each document's view, render, write."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import view
from .project import MeetingFile, Project, open_project
from .render import render
from .write import write_file

BUNDLED_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

DOCUMENTS: dict[str, Callable[[MeetingFile, Project], view.Document]] = {
    "minutes": view.minutes,
}


@dataclass(frozen=True)
class BuildConfig:
    """Where cases come from, where output goes, and which templates win."""

    cases: Path
    out: Path
    kinds: tuple[str, ...] = ("minutes",)
    templates: tuple[Path, ...] = ()
    strict: bool = False


def build(config: BuildConfig) -> Iterator[Path]:
    """Build every requested document of every meeting; yield each path written."""
    project = open_project(config.cases, strict=config.strict)
    template_dirs = [*config.templates, BUNDLED_TEMPLATES]
    for item in project.meetings:
        for kind in config.kinds:
            doc = DOCUMENTS[kind](item, project)
            rendered = render(doc, template_dirs)
            yield write_file(config.out, config.out / item.id / doc.filename, rendered.save)
