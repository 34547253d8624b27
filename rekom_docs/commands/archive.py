"""`rekom-docs archive MEETING ...`: copy a meeting's built papers into the archive, never over a copy there."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from ..errors import RekomError, relative


def register(sub) -> None:
    parser = sub.add_parser("archive", help="copy a meeting's built documents to <out>/archive/<meeting>/ (never overwrites)")
    parser.add_argument("meetings", nargs="+", metavar="MEETING", help="meeting id, e.g. 2024-01-11-kompetanseloftet")
    parser.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: build)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..publish.write import ARCHIVE, write_file

    plans = [(source, args.out / ARCHIVE / meeting / source.relative_to(args.out / meeting))
             for meeting in args.meetings for source in _built(args.out, meeting)]
    taken = [target for _, target in plans if target.exists()]
    if taken:  # Why: checked before copying anything, so an archive is never left half-written
        raise RekomError("already archived, not overwritten: " + ", ".join(relative(t) for t in taken))
    for source, target in plans:
        write_file(args.out, target, partial(_copy, source))
        print(f"archived {relative(target)}")
    return 0


def _copy(source: Path, tmp: Path) -> None:
    tmp.write_bytes(source.read_bytes())


def _built(out: Path, meeting: str) -> list[Path]:
    folder = out / meeting
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".docx", ".pdf")) if folder.is_dir() else []
    if not files:
        raise RekomError(f"nothing built for '{meeting}' in {relative(folder)}; run make all first")
    return files
