"""`rekom-docs approve MEETING --by ... --how ...`: record in the case file that the minutes are approved."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..errors import RekomError


def register(sub) -> None:
    parser = sub.add_parser("approve", help="record approval, sending for comment, or a correction of a meeting's minutes")
    parser.add_argument("meeting", metavar="MEETING", help="meeting id (its file name), e.g. 2024-03-07-rekom")
    parser.add_argument("--how", help="how, e.g. 'godkjent i møtet 2024-03-07, sak 7/2024' or 'godkjent per e-post'")
    parser.add_argument("--by", help="who approved, e.g. 'Samarbeidsforum REKOM'")
    parser.add_argument("--date", type=date.fromisoformat, default=None, help="when (YYYY-MM-DD; default: today)")
    parser.add_argument("--sent", action="store_true", help="record that the draft was sent for comment")
    parser.add_argument("--correction", metavar="WHAT", help="record a correction to approved minutes (with --how)")
    parser.add_argument("--cases", type=Path, default=Path("cases"), help="case folder (default: cases)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..project import meeting_paths
    from ..lifecycle.approve import record

    if not args.sent and not args.how:
        raise RekomError("say how the minutes were approved: --how 'godkjent i møtet 2024-03-07, sak 7/2024'")
    if args.sent and args.correction:
        raise RekomError("--sent and --correction do not go together")
    paths = [p for p in meeting_paths(args.cases) if p.stem == args.meeting]
    if not paths:
        raise RekomError(f"no meeting '{args.meeting}' under {args.cases}")
    print(record(paths[0], on=args.date or date.today(), how=args.how, by=args.by, sent=args.sent,
                 correction=args.correction))
    return 0
