"""Which documents are stale: a content hash of exactly what each meeting's documents of one kind show.

Why in the tool and not in Make: an agenda lists follow-ups set at other meetings, so to Make
it depends on every case file, and one edit rebuilt every agenda. Here the key of an agenda
holds the follow-ups it lists, not the files they came from, so it changes only when they do.
A key covers the meeting's own files, the register, every template, the code and the language.
"""

from __future__ import annotations

import glob
import hashlib
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from ..model.project import REGISTER, MeetingFile, Project
from ..present import shown_from_others
from .write import write_text

FOLDER = ".cache"


@cache
def code_digest() -> str:
    """A hash of the package's own source: a changed line of code makes every document stale."""
    package = Path(__file__).resolve().parent.parent
    return _digest(sorted(package.rglob("*.py")), package)


def templates_digest(template_dirs: Iterable[Path]) -> str:
    """A hash of every file in the template folders, in the order they are searched."""
    h = hashlib.sha256()
    for folder in template_dirs:
        h.update(str(folder).encode() + b"\0")
        if folder.is_dir():
            h.update(_digest(sorted(p for p in folder.rglob("*") if p.is_file()), folder).encode())
    return h.hexdigest()


def _digest(files: list[Path], base: Path) -> str:
    h = hashlib.sha256()
    for path in files:
        h.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


class BuildCache:
    """The keys of the documents last written under an output folder, one small JSON file per meeting and kind."""

    def __init__(self, out: Path, project: Project, template_dirs: Iterable[Path]):
        self.out = out
        register = (project.root / REGISTER).read_bytes()
        self.common = hashlib.sha256(b"\0".join([code_digest().encode(), templates_digest(template_dirs).encode(),
                                                 register])).hexdigest()

    def key(self, item: MeetingFile, project: Project, kind: str, lang: str | None) -> str:
        """The hash of what the documents of `kind` for `item` show, in `lang`, from `project` (dated to the meeting)."""
        h = hashlib.sha256(f"{self.common}\0{kind}\0{lang}\0".encode())
        for path in sorted(item.path.parent.glob(f"{glob.escape(item.id)}.*")):  # the case file and any file beside it for it
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        h.update(repr(shown_from_others(item, project, kind, lang)).encode())
        return h.hexdigest()

    def _record(self, item: MeetingFile, kind: str, lang: str | None) -> Path:
        return self.out / FOLDER / item.id / (lang or "-") / f"{kind}.json"

    def fresh(self, item: MeetingFile, kind: str, lang: str | None, key: str) -> bool:
        """True when the documents were written from this very key and are all still there."""
        try:
            record = json.loads(self._record(item, kind, lang).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        files = record.get("files") if isinstance(record, dict) else None
        return record.get("key") == key and isinstance(files, list) and all((self.out / f).is_file() for f in files)

    def store(self, item: MeetingFile, kind: str, lang: str | None, key: str, written: list[Path]) -> None:
        """Remember the key and the files written from it (paths relative to the output folder)."""
        root = self.out.resolve()
        files = [str(p.resolve().relative_to(root)) for p in written]
        text = json.dumps({"key": key, "files": files}, ensure_ascii=False)
        write_text(self.out, self._record(item, kind, lang), text)
