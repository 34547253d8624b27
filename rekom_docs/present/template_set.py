"""Which folders of Word templates and wordings a build reads, in order of precedence.

Why: views word their sentences from the wording files that lie beside the templates,
so a `--templates` folder can reword as well as restyle; a context variable carries the
folders from the build to the views without threading them through every view function.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

BUNDLED_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

_FOLDERS: ContextVar[tuple[Path, ...]] = ContextVar("template_folders", default=(BUNDLED_TEMPLATES,))


def folders() -> tuple[Path, ...]:
    """The template folders in use, a user folder first, the bundled one last."""
    return _FOLDERS.get()


def chain(user: Sequence[Path] = ()) -> tuple[Path, ...]:
    """The user's folders followed by the bundled one."""
    return (*user, BUNDLED_TEMPLATES)


@contextmanager
def using(template_dirs: Sequence[Path]) -> Iterator[None]:
    """Read templates and wordings from `template_dirs` inside this block."""
    token = _FOLDERS.set(tuple(template_dirs))
    try:
        yield
    finally:
        _FOLDERS.reset(token)


def first(relatives: Sequence[Path], template_dirs: Sequence[Path] | None = None) -> Path | None:
    """The first file found: each folder in turn, and in it each of `relatives` in turn."""
    for folder in folders() if template_dirs is None else template_dirs:
        for rel in relatives:
            if (folder / rel).is_file():
                return folder / rel
    return None
