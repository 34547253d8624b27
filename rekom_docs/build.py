"""The build, top to bottom: load, compute, check, present, render, publish."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .check import check_project
from .compute import compute_project
from .errors import RekomError
from .model.project import MeetingFile, Project, load_project

if TYPE_CHECKING:
    from .publish.cache import BuildCache

# Why the render stages are imported inside build(): `check` needs only the stages up to check,
# and python-docx, docxtpl and Markdown would double the time it takes.


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
    force: bool = False  # render even the documents whose inputs did not change since they were written
    report: Callable[[object], None] = print  # told the problems of meetings not asked for, which do not stop a build


def checked_project(cases: Path, strict: bool = False, only: tuple[str, ...] = ()) -> Project:
    """Load the case tree, compute every figure, and check it all: the project, or InvalidInput with every problem.

    With `only`, errors in other meetings do not stop it (see check_project).
    """
    project, problems = load_project(cases)
    project = compute_project(project)
    return check_project(project, problems, strict, only)


def build(config: BuildConfig, project: Project | None = None, up_to_date: list[str] | None = None) -> Iterator[Path]:
    """Build every requested document of every meeting whose inputs changed; yield each path written.

    One process, one loaded project, documents written one at a time (never all held);
    each `meeting/kind` left as it was is appended to `up_to_date`.
    """
    from .present import template_set
    from .publish.cache import BuildCache

    project = project or checked_project(config.cases, config.strict, config.meetings)
    for problem in project.warnings:
        if problem.is_error:  # in a meeting not asked for
            config.report(problem)
    template_dirs = list(template_set.chain(config.templates))
    cache = BuildCache(config.out, project, template_dirs)
    with template_set.using(template_dirs), _frozen():
        yield from _build(config, project, template_dirs, cache, up_to_date)


@contextmanager
def _frozen() -> Iterator[None]:
    """The loaded project set apart from the garbage collector while documents are built.

    Why: a rendered document leaves reference cycles (docxtpl's compiled template, subdocuments)
    that only a full collection frees, with some megabytes of XML behind them. A full collection
    is run rarely when many objects live long (the project of a thousand meetings), so the
    garbage piled up with the number of meetings; frozen, the project is not walked again, and
    collecting after each document keeps memory flat. What outlives a document is frozen too
    (the rendering libraries' modules, template caches): a collection then walks only what the
    next document made, instead of a tenth of a render's worth of long-lived objects each time.
    No collection comes first: loading leaves next to no cyclic garbage (5 objects of the bundled
    cases, none of 100 meetings), and walking a loaded project costs 20 to 70 ms.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _build(config: BuildConfig, project: Project, template_dirs: list[Path], cache: BuildCache,
           up_to_date: list[str] | None) -> Iterator[Path]:
    """The meetings one by one: each kind whose key changed is rendered, the rest are counted up to date."""
    from .model.dated import project_at
    from .present import documents

    for item in _selected(project, config.meetings):
        folder = config.out / item.id / (config.lang or "")
        dated = project_at(project, item.meeting.date)  # Why: the register as it stood on the meeting's day
        for kind in config.kinds:
            refuse_contradictions(project, item, kind)
            key = cache.key(item, dated, kind, config.lang)
            if not config.force and cache.fresh(item, kind, config.lang, key):
                if up_to_date is not None:
                    up_to_date.append(f"{item.id}/{kind}")
                continue
            written = []
            for doc in documents(item, dated, kind, config.lang):
                written.append(_write_document(config, doc, folder / doc.filename, template_dirs, item))
                gc.collect()  # the document's cycles, now it is written and unreachable (see _frozen)
                gc.freeze()  # and what outlived it (caches, the modules rendering loaded) is not walked again
                yield written[-1]
            cache.store(item, kind, config.lang, key, written)


def _write_document(config: BuildConfig, doc, target: Path, template_dirs: list[Path], item: MeetingFile) -> Path:
    """Render one document and write it, linted as saved; nothing of it is referenced once this returns."""
    from .publish.stable import stable_save
    from .publish.write import write_file
    from .word.render import render

    rendered = render(doc, template_dirs)
    return write_file(config.out, target, stable_save(rendered, item.meeting), verify=lambda _saved: accessible(rendered.docx))


def refuse_contradictions(project: Project, item: MeetingFile, kind: str) -> None:
    """Stop before a document that would print a contradiction the checker found and no case note explains."""
    found = [p for p in project.warnings if p.blocks == kind and p.file == item.source.file]
    if found:
        raise RekomError(f"the {kind} of {item.id} would print a contradiction; correct the case file or explain it "
                         "with a case note, which is printed:\n  " + "\n  ".join(str(p) for p in found))


def accessible(document) -> None:
    """Refuse a rendered document that fails the accessibility lint (so it is never published).

    Why the document as saved, not the file read back: it is what was just written, and reading
    it back cost half as much again as rendering it.
    """
    from .publish.lint import lint_document

    problems = lint_document(document)
    if problems:
        raise RekomError("the rendered document is not accessible:\n  " + "\n  ".join(problems))


def _selected(project: Project, ids: tuple[str, ...]) -> list[MeetingFile]:
    """The meetings to build, all by default; an unknown id is a user error."""
    return [project.meeting(i) for i in ids] if ids else project.meetings
