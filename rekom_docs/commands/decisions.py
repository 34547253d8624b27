"""`rekom-docs decisions --year 2024 --grep koordinering`: find decisions from the terminal."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path


def register(sub) -> None:
    parser = sub.add_parser("decisions", help="list decisions, filtered by year, forum or a word in the title or text")
    parser.add_argument("--year", type=int, help="only this year")
    parser.add_argument("--forum", help="only this forum id")
    parser.add_argument("--grep", metavar="WORDS", help="only decisions whose title or text matches (case-insensitive regular expression)")
    parser.add_argument("--cases", type=Path, default=Path("cases"), help="case folder (default: cases)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..build import checked_project
    from ..errors import RekomError
    from ..present.registers import decisions

    try:
        pattern = re.compile(args.grep or "", re.IGNORECASE)
    except re.error as exc:
        raise RekomError(f"--grep: not a valid pattern: {exc}") from None
    found = [d for d in decisions(checked_project(args.cases))
             if (args.year is None or d.year == args.year) and (args.forum is None or d.forum == args.forum)
             and (pattern.search(d.title) or pattern.search(d.decision))]
    for d in found:
        print(f"{d.case}  {d.date}  {d.forum}  {d.title}  [{d.status}]  {d.minutes}")
        print(textwrap.indent(d.decision, "    "))
    print(f"{len(found)} decision(s)")
    return 0
