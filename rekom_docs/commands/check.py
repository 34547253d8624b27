"""`rekom-docs check [PATH ...]`: validate case files and report every problem at once."""

from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    parser = sub.add_parser("check", help="validate case files; exit 1 on errors")
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("cases")], metavar="PATH")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.set_defaults(run=run)

def run(args) -> int:
    from ..build import checked_project
    from ..errors import InvalidInput

    problems = []
    for path in args.paths:
        try:
            project = checked_project(path, strict=args.strict)
        except InvalidInput as exc:
            problems += exc.problems
            continue
        problems += project.warnings
        print(f"{path}: {len(project.meetings)} meeting(s) checked, {len(project.warnings)} warning(s)")
    if any(p.is_error or args.strict for p in problems):
        raise InvalidInput(problems)
    for warning in sorted(problems):
        print(warning, file=sys.stderr)
    return 0
