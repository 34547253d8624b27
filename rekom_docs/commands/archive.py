"""`rekom-docs archive MEETING ...` adds a meeting's papers to the archive; `rekom-docs archive verify` checks it."""

from __future__ import annotations

import os
from pathlib import Path


def default_archive() -> Path:
    """Where the archive lives: $REKOM_ARCHIVE (the Makefile's ARCHIVE=), else ./archive."""
    return Path(os.environ.get("REKOM_ARCHIVE") or "archive")


def register(sub) -> None:
    parser = sub.add_parser("archive", help="add a meeting's approved papers to the archive (append-only); 'archive verify' checks it")
    parser.add_argument("meetings", nargs="+", metavar="MEETING", help="meeting id, e.g. 2024-01-11-kompetanseloftet; or 'verify'")
    parser.add_argument("--out", type=Path, default=Path("build"), help="build folder the papers come from (default: build)")
    parser.add_argument("--cases", type=Path, default=Path("cases"), help="case folder (default: cases)")
    parser.add_argument("--archive", type=Path, default=None, help="the archive folder (default: $REKOM_ARCHIVE or ./archive)")
    parser.add_argument("--new-version", action="store_true", help="keep a changed document as a new version beside the old")
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..errors import RekomError, relative

    archive = args.archive or default_archive()
    if args.meetings == ["verify"]:
        return _verify(archive)
    from ..archive.store import check_location, commit, plan_meeting, remove_stale_stages
    from ..build import checked_project

    check_location(archive, args.out)
    project = checked_project(args.cases)
    items = [project.meeting(m) for m in args.meetings]
    archive.mkdir(parents=True, exist_ok=True)
    lines, refused = [], []
    for item in items:
        remove_stale_stages(archive, item.id)
        plan = plan_meeting(item, project, args.out, archive, args.new_version)
        lines += [f"left out {text}" for text in plan.left_out]
        if plan.refused:
            refused += [f"{item.id}: {text}" for text in plan.refused]
            continue
        if not plan.add:
            lines.append(f"{item.id}: already archived, nothing new ({len(plan.unchanged)} file(s) unchanged)"
                         if plan.unchanged else f"{item.id}: nothing to archive yet")
            continue
        final = commit(plan, item, project, archive)
        lines += [f"archived {archive / item.id / name}" for name in plan.add]
        lines.append(f"{item.id}: set {final.name} in {relative(archive / item.id)}")
    _print(lines)  # Why: only after every set is in, so a closed pipe cannot stop an archive half-way
    if refused:
        raise RekomError("not archived (the archive is unchanged for these meetings):\n  " + "\n  ".join(refused))
    return 0


def _verify(archive: Path) -> int:
    from ..archive.verify import verify
    from ..errors import RekomError, relative

    if not archive.is_dir():
        raise RekomError(f"{relative(archive)}: no archive here")
    problems, checked = verify(archive)
    _print(problems)
    if problems:
        raise RekomError(f"{len(problems)} problem(s) in {relative(archive)} ({checked} file(s) checked)")
    _print([f"{relative(archive)}: {checked} file(s) match their manifests"])
    return 0


def _print(lines: list[str]) -> None:
    """Print the lines; a closed pipe (`| head -1`) is handled by the CLI, after the archive is complete."""
    for line in lines:
        print(line)
