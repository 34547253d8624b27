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
    """`target` resolved, refused when outside `root`, reached through a link, or an archived file."""
    if root.exists() and not root.is_dir():
        raise RekomError(f"the output folder {root} is a file; name a folder (or a new name) with --out")
    _no_links(root, target)
    root, resolved = root.resolve(), target.resolve()
    if not resolved.is_relative_to(root):
        raise RekomError(f"refusing to write {target}: it is outside the output folder {root}")
    if resolved.relative_to(root).parts[:1] == (ARCHIVE,) and resolved.exists():
        raise RekomError(f"refusing to overwrite archived file {target}")
    return resolved


def _no_links(root: Path, target: Path) -> None:
    """Refuse a target reached through a symbolic link below `root` (one planted in build/ or the archive)."""
    try:
        parts = target.relative_to(root).parts
    except ValueError:
        return  # not below root as written: the resolved check says so
    for depth in range(1, len(parts) + 1):
        step = root.joinpath(*parts[:depth])
        if step.is_symlink():
            raise RekomError(f"refusing to write {target}: {step} is a link, and links in the output folder are not followed")


def _clean_stale(folder: Path, name: str) -> None:
    """Remove temp files for `name` left in `folder` by a run that was killed (its process is gone)."""
    prefix = f".{name}."
    with os.scandir(folder) as entries:  # Why not glob: it compiles a pattern for each name (a tenth of a write)
        stale = [Path(e.path) for e in entries if e.name.startswith(prefix) and e.name.endswith(".tmp")]
    for path in stale:
        pid = path.name[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)) and not path.is_symlink():
            path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


@contextmanager
def adjacent_tmp_file(target: Path):
    """A temporary path next to `target`, removed unless it was moved into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _clean_stale(target.parent, target.name)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
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
    try:
        return _write(final, save, verify)
    except OSError as exc:
        raise RekomError(f"cannot write {target}: {exc.strerror or exc}") from None


def _write(final: Path, save: Callable[[Path], None], verify: Callable[[Path], None] | None) -> Path:
    with adjacent_tmp_file(final) as tmp:
        save(tmp)
        if verify:
            verify(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode(final))
        os.replace(tmp, final)
    return final


def _mode(final: Path) -> int:
    """The replaced file's permissions, or for a new file those any other new file gets.

    Why: mkstemp makes 0600; a published file is readable like any other, and an edited case
    file keeps the permissions its owner gave it.
    """
    try:
        return final.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~_umask()


def write_bytes(root: Path, target: Path, data: bytes, verify: Callable[[Path], None] | None = None) -> Path:
    """`write_file` for content already in memory."""
    def save(tmp: Path) -> None:
        tmp.write_bytes(data)
    return write_file(root, target, save, verify)


def write_text(root: Path, target: Path, text: str, verify: Callable[[Path], None] | None = None) -> Path:
    """`write_file` for text in memory, as UTF-8."""
    return write_bytes(root, target, text.encode("utf-8"), verify)


def _umask() -> int:
    """The process umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
