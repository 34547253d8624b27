"""`rekom-docs forfall MEETING PERSON`: record an absence in the case file and call in the deputy."""

from __future__ import annotations

from pathlib import Path

from .distribute import FORMATS, folders_and_format


def register(sub) -> None:
    parser = sub.add_parser("forfall", help="record that a member cannot come, and prepare the message calling in their deputy")
    parser.add_argument("meeting", metavar="MEETING", help="meeting id, e.g. 2024-03-07-rekom")
    parser.add_argument("person", metavar="PERSON", help="the member who sent notice (person id)")
    parser.add_argument("--deputy", metavar="ID", help="the deputy to call in, when the member has several")
    folders_and_format(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..build import checked_project
    from ..distribute import outbox, recipients
    from ..distribute.forfall import record_absence
    from ..errors import relative
    from ..publish.write import write_bytes

    project = checked_project(args.cases)
    item = project.meeting(args.meeting)
    deputy, already = _deputy(project, item, args.person, args.deputy)
    # Why first: a missing address or an unbuilt agenda stops before the case file changes.
    prepared = outbox.prepare(project, item, "agenda", args.out, FORMATS[args.format],
                              plans=[recipients.deputy(project, item, deputy, args.person, args.out, FORMATS[args.format])]
                              ) if deputy else []
    text = item.path.read_bytes().decode("utf-8")
    edited = record_absence(text, relative(item.path), args.person, None if already else deputy)
    if edited != text:
        write_bytes(project.root, item.path, edited.encode("utf-8"), verify=lambda tmp: _valid(project, item, tmp))
        print(f"recorded in {relative(item.path)}: {args.person} absent" + (f", {deputy} attends as deputy" if deputy else ""))
    if not deputy:
        print(f"no deputy is registered for {args.person}; the absence alone is recorded")
        return 0
    for path in outbox.write_drafts(args.out, item, "agenda", prepared, prune=False):
        print(f"wrote {relative(path)} (send it with: rekom-docs distribute {item.id} --what agenda --send)")
    return 0


def _deputy(project, item, person: str, chosen: str | None) -> tuple[str | None, bool]:
    """The deputy to call in for `person`, and whether the case file already has them attending."""
    from ..errors import RekomError
    from ..model.schema import Role

    forum = project.registers.fora[item.meeting.forum]
    member = next((m for m in forum.members if m.person == person), None)
    if member is None or member.role is not Role.member:
        raise RekomError(f"'{person}' is not a member of forum '{item.meeting.forum}'")
    att = item.meeting.attendance
    present = next((d.person for d in att.deputies if d.deputy_for == person), None) if att else None
    if present:
        return present, True
    busy = {d.person for d in att.deputies} | set(att.absent) if att else set()
    registered = [m.person for m in forum.members if m.role is Role.deputy and m.deputy_for == person]
    if chosen is not None and chosen not in registered:
        raise RekomError(f"'{chosen}' is not registered as a deputy for '{person}'; registered: {', '.join(registered) or 'none'}")
    free = [chosen] if chosen else [d for d in registered if d not in busy]
    return (free[0] if free else None), False


def _valid(project, item, path: Path) -> None:
    """The project with the edited case file (read from the temporary copy) passes every check it passed before.

    Why the whole check: an approved meeting, a vote count or a follow-up may depend on who attended.
    """
    import dataclasses

    from ..check.meeting import cross_check
    from ..compute import compute_project
    from ..errors import InvalidInput, relative
    from ..model.load import load_text
    from ..model.parse import parse
    from ..model.schema import Meeting

    source, problems = load_text(path.read_bytes().decode("utf-8"), relative(item.path))
    meeting, found = parse(source, Meeting) if source else (None, [])
    problems += found
    if source is not None and meeting is not None:
        edited = dataclasses.replace(item, source=source, meeting=meeting)
        changed = dataclasses.replace(project, meetings=[edited if m.id == item.id else m for m in project.meetings])
        problems += [p for p in cross_check(compute_project(changed)) if p.is_error]
    if problems:
        raise InvalidInput(problems)
