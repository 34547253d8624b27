"""The only code that writes output: atomically, inside the output folder, never over an archive.

Why: a build that fails half-way must leave the previous document intact (temp file in
the same folder, then os.replace), and an archived decision must never change.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from ..errors import RekomError

ARCHIVE = "archive"


def checked_target(root: Path, target: Path) -> Path:
    """`target` resolved, refused when outside `root` or when it is an archived file."""
    root, resolved = root.resolve(), target.resolve()
    if not resolved.is_relative_to(root):
        raise RekomError(f"refusing to write {target}: it is outside the output folder {root}")
    if resolved.relative_to(root).parts[:1] == (ARCHIVE,) and resolved.exists():
        raise RekomError(f"refusing to overwrite archived file {target}")
    return resolved


@contextmanager
def adjacent_tmp_file(target: Path):
    """A temporary path next to `target`, removed unless it was moved into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        tmp.unlink(missing_ok=True)


def write_file(root: Path, target: Path, save: Callable[[Path], None],
               verify: Callable[[Path], None] | None = None) -> Path:
    """Write `target` under `root` by calling `save(tmp_path)`, optionally `verify` it, then rename it into place."""
    final = checked_target(root, target)
    with adjacent_tmp_file(final) as tmp:
        save(tmp)
        if verify:
            verify(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; published files are readable like any other
        os.replace(tmp, final)
    return final


def write_bytes(root: Path, target: Path, data: bytes, verify: Callable[[Path], None] | None = None) -> Path:
    """`write_file` for content already in memory."""
    def save(tmp: Path) -> None:
        tmp.write_bytes(data)
    return write_file(root, target, save, verify)


def _umask() -> int:
    """The process umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
