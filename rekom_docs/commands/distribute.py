"""`rekom-docs distribute MEETING --what agenda|minutes|letters`: e-mail drafts, or send them with a log."""

from __future__ import annotations

import sys
from pathlib import Path

FORMATS = {"docx": ("docx",), "pdf": ("pdf",), "both": ("docx", "pdf")}


def register(sub) -> None:
    parser = sub.add_parser("distribute", help="write the e-mails with a meeting's papers as .eml drafts, or send them")
    parser.add_argument("meeting", metavar="MEETING", help="meeting id, e.g. 2024-01-11-kompetanseloftet")
    parser.add_argument("--what", required=True, choices=("agenda", "minutes", "letters"), help="which papers")
    parser.add_argument("--send", action="store_true", help="send over SMTP (REKOM_SMTP_* settings; see the README)")
    parser.add_argument("--resend-changed", action="store_true", help="send again what changed since it was sent")
    parser.add_argument("--retry-uncertain", action="store_true", help="send again what an interrupted run may not have sent")
    folders_and_format(parser)
    parser.set_defaults(run=run)


def folders_and_format(parser) -> None:
    """--format, --cases and --out, shared with `forfall`."""
    parser.add_argument("--format", choices=tuple(FORMATS), default="docx", help="attach DOCX, PDF or both (default: docx)")
    parser.add_argument("--cases", type=Path, default=Path("cases"), help="case folder (default: cases)")
    parser.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: build)")


def run(args) -> int:
    from ..build import checked_project
    from ..distribute import outbox, smtp
    from ..distribute.recipients import distribution
    from ..errors import relative

    project = checked_project(args.cases)
    item = project.meeting(args.meeting)
    if not args.send:
        for path in outbox.write_drafts(args.out, item, args.what, outbox.prepare(project, item, args.what, args.out, FORMATS[args.format])):
            print(f"wrote {relative(path)}")
        return 0
    settings = smtp.settings_from_env()  # Why: before any work, so a missing setting stops at once
    prepared = outbox.prepare(project, item, args.what, args.out, FORMATS[args.format])
    sender = distribution(project, item).sender.email
    summary = outbox.send(args.out, item, prepared, settings, sender, args.resend_changed, args.retry_uncertain)
    for note in summary.notes:
        print(note, file=sys.stderr)
    print(f"{args.meeting} {args.what}: {summary.line()}", file=sys.stdout if summary.ok else sys.stderr)
    if not summary.ok:
        print("error: not everything went out; run the same command again to send the rest", file=sys.stderr)
    return 0 if summary.ok else 1
