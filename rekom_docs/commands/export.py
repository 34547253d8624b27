"""`rekom-docs export --format md [KIND ...]`: the documents as Markdown, for the web and for diffs."""

from __future__ import annotations

import sys
from pathlib import Path

KINDS = ("agenda", "letters", "minutes")


def register(sub) -> None:
    parser = sub.add_parser("export", help="write the documents as Markdown (<out>/<meeting>/<name>.md)")
    parser.add_argument("kinds", nargs="*", choices=KINDS, default="minutes", metavar="KIND", help=f"any of: {', '.join(KINDS)} (default: minutes)")
    parser.add_argument("--format", choices=("md",), default="md", help="output format (md: Markdown)")
    parser.add_argument("--cases", type=Path, default=Path("cases"), help="case folder or file (default: cases)")
    parser.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: build)")
    parser.add_argument("--meeting", action="append", default=[], metavar="ID", help="only this meeting; repeatable")
    parser.add_argument("--lang", choices=("nb", "nn"), help="written standard (default: each forum's own)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..build import checked_project
    from ..errors import relative
    from ..model.dated import project_at
    from ..present import documents
    from ..publish.export import document_markdown
    from ..publish.write import write_text

    project = checked_project(args.cases)
    items = [project.meeting(i) for i in args.meeting] if args.meeting else project.meetings
    for item in items:
        dated = project_at(project, item.meeting.date)
        for kind in dict.fromkeys([args.kinds] if isinstance(args.kinds, str) else args.kinds):  # Why: argparse gives the default bare
            for doc in documents(item, dated, kind, args.lang):
                text = document_markdown(doc)
                target = args.out / item.id / (args.lang or "") / Path(doc.filename).with_suffix(".md")
                print(f"wrote {relative(write_text(args.out, target, text))}", file=sys.stdout)
    return 0
