"""`rekom-docs build KIND ...`: render documents of the meetings under a case folder into build/."""

from __future__ import annotations

import sys
from pathlib import Path

KINDS = ("agenda", "letters", "minutes")  # the keys of build.DOCUMENTS (a test keeps them equal)


def register(sub) -> None:
    parser = sub.add_parser("build", help="render documents (minutes, ...) to the output folder")
    parser.add_argument("kinds", nargs="+", choices=KINDS, metavar="KIND", help=f"one of: {', '.join(KINDS)}")
    parser.add_argument("--cases", type=Path, default=Path("cases"), help="case folder or file (default: cases)")
    parser.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: build)")
    parser.add_argument("--templates", type=Path, action="append", default=[], help="a folder of templates that override the bundled ones")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--meeting", action="append", default=[], metavar="ID",
                        help="build only this meeting (its file name without .yaml); repeatable")
    parser.add_argument("--lang", choices=("nb", "nn"), help="written standard for every document, written to <meeting>/<lang>/ (default: each forum's own, written to <meeting>/)")
    parser.add_argument("--force", action="store_true", help="render every document, even those whose inputs did not change")
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..build import BuildConfig, build, checked_project
    from ..errors import relative

    config = BuildConfig(args.cases, args.out, tuple(dict.fromkeys(args.kinds)), tuple(args.templates), args.strict,
                         args.lang, tuple(args.meeting), args.force,
                         report=lambda problem: print(problem, file=sys.stderr))
    project = checked_project(config.cases, config.strict, config.meetings)
    for warning in project.warnings:
        if not warning.is_error:  # Why: errors (in meetings not asked for) are reported by build() itself
            print(warning, file=sys.stderr)
    up_to_date: list[str] = []
    written = 0
    for path in build(config, project, up_to_date):
        print(f"wrote {relative(path)}", file=sys.stdout, flush=True)
        written += 1
    print(f"{written} document(s) written, {len(up_to_date)} meeting document set(s) up to date")
    return 0
