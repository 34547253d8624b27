"""`rekom-docs approve MEETING --by ... --how ...`: record a status change of the minutes in the case file itself.

Why text, not a re-dump: the file is the secretary's, with comments and layout; only the
`approval:` block is replaced and a `corrections:` item appended, everything else stays byte for byte.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

# Why the imports inside the functions: `rekom-docs --help` loads every command module, and
# the models, the engine and python-docx are needed only when a meeting is approved.


def _scalar(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    import json

    return json.dumps(value, ensure_ascii=False)


def _fingerprint_lines(parts: dict[str, str], indent: str) -> list[str]:
    return [f"{indent}fingerprint:"] + [f"{indent}  {k}: '{v}'" for k, v in parts.items()]


def _block(lines: list[str], key: str) -> tuple[int, int] | None:
    """The line range [start, end) of a top-level `key:` block, trailing blank lines left out."""
    start = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][:1] in (" ", "-", "\t")):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return start, end


def _edit_block(text: str, key: str, new: list[str], replace: bool) -> str:
    """Replace the top-level `key:` block by `new`, or append `new` to it (creating the block when it is missing)."""
    lines = text.splitlines()
    found = _block(lines, key)
    if found is None:
        lines += new if replace else [f"{key}:", *new]
    elif replace:
        lines[found[0]:found[1]] = new
    else:
        lines[found[1]:found[1]] = new
    return "\n".join(lines) + "\n"


def _load(path: Path, correcting: bool):
    """The meeting's source and the registers; a correction may follow a change to approved content, nothing else."""
    from ..build import checked_project
    from ..errors import InvalidInput, relative
    from ..model.load import load_text
    from ..model.parse import parse
    from ..model.project import REGISTER, find_root
    from ..model.schema import Meeting, Registers

    try:
        project = checked_project(path)
    except InvalidInput as exc:
        ours = [p for p in exc.problems if p.is_error and not (correcting and p.message.startswith("approved meeting "))]
        if ours:
            raise
        project = None
    root = find_root(path)
    source, problems = load_text(path.read_text(encoding="utf-8"), relative(path))
    reg_source, reg_problems = load_text((root / REGISTER).read_text(encoding="utf-8"), relative(root / REGISTER))
    if problems or reg_problems:
        raise InvalidInput(problems + reg_problems)
    assert source is not None and reg_source is not None  # Why: load_text gives a source whenever it found no problem
    meeting, problems = parse(source, Meeting)
    registers, reg_problems = parse(reg_source, Registers)
    if meeting is None or registers is None:
        raise InvalidInput(problems + reg_problems)
    return project, source, meeting, registers


def record(path: Path, *, on: date, how: str = "", by: str | None = None,
           sent: bool = False, correction: str | None = None) -> str:
    """Approve, send for comment, or record a correction in the case file at `path`; return a one-line summary."""
    from ..check.approval import fingerprint, is_approved
    from ..errors import RekomError, relative

    _, source, meeting, registers = _load(path, correcting=correction is not None)
    text = path.read_text(encoding="utf-8")
    parts = fingerprint(source.data, registers, meeting.forum, meeting.date)
    if correction is not None:
        if not is_approved(meeting):
            raise RekomError(f"{relative(path)}: the minutes are not approved; a correction is only recorded after approval")
        item = [f"  - date: {on.isoformat()}", f"    what: {_scalar(correction)}", f"    how: {_scalar(how)}",
                *_fingerprint_lines(parts, "    ")]
        text, summary = _edit_block(text, "corrections", item, replace=False), f"recorded a correction of {path.stem}"
    elif sent:
        if is_approved(meeting):
            raise RekomError(f"{relative(path)}: the minutes are already approved")
        block = ["approval:", "  status: sent", f"  date: {on.isoformat()}"]
        text, summary = _edit_block(text, "approval", block, replace=True), f"{path.stem}: minutes sent for comment"
    else:
        if is_approved(meeting):
            raise RekomError(f"{relative(path)}: the minutes are already approved; record a change with --correction")
        block = ["approval:", "  status: approved", f"  date: {on.isoformat()}",
                 *([f"  by: {_scalar(by)}"] if by else []), f"  how: {_scalar(how)}", *_fingerprint_lines(parts, "  ")]
        text, summary = _edit_block(text, "approval", block, replace=True), f"{path.stem}: minutes approved ({how})"
    _verify(text, path)
    from ..publish.write import write_text

    write_text(path.parent, path, text)
    return summary


def _verify(text: str, path: Path) -> None:
    """The edited text still loads and validates; refuse to write it otherwise (a bug, never the user's file)."""
    from ..errors import RekomError, relative
    from ..model.load import load_text
    from ..model.parse import parse
    from ..model.schema import Meeting

    source, problems = load_text(text, relative(path))
    if source is not None:
        problems = parse(source, Meeting)[1]
    if problems:
        raise RekomError(f"{relative(path)}: the edit would make the file invalid; nothing was changed:\n  "
                         + "\n  ".join(map(str, problems)))


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
    from ..errors import RekomError
    from ..model.project import meeting_paths

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
