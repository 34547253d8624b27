"""Checks across files: references, case numbers, time slots, votes and stated totals."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..compute import meeting_prose
from ..compute.figures import located_problems
from ..errors import Problem, Severity, did_you_mean
from ..model.dated import registers_at
from ..model.load import Located
from ..model.roster import roster
from ..model.schema import Break, Case, CaseKind, Meeting, Registers, Role, Table, case_year
from .addresses import check_register_names, unknown_party
from .lifecycle import lifecycle_problems
from .literals import check_literals
from .votes import case_voters, check_case_votes

WARNING = Severity.WARNING


def cross_check(project) -> list[Problem]:
    """Every cross-file problem of a project, errors and warnings."""
    from ..compute.casetext import check_markdown

    problems = list(check_registers(project.registers, project.register_source))
    problems += check_case_numbers(project)
    problems += lifecycle_problems(project)
    for item in project.meetings:
        problems += check_meeting(item.id, item.meeting, registers_at(project.registers, item.meeting.date), item.source)
        problems += check_allocations(item)
        problems += check_markdown(item.meeting, project.registers, item.source, meeting_prose(item))
        problems += check_literals(item)
    return problems


def check_allocations(item) -> Iterator[Problem]:
    """Stated figures against computed ones, and allocation names unique within the meeting."""
    seen: dict[str, int] = {}
    for i, figures in item.figures.items():
        at = ("agenda", i, "allocation")
        yield from located_problems(figures, item.source, at)
        case = item.meeting.agenda[i]
        if figures.spec.recommendation and isinstance(case, Case) and not case.decision:
            yield item.source.problem(at + ("recommendation",), "no decision is recorded for this case, so its innstilling "
                                      "and letters are not written until 'decision' is given", severity=WARNING)
        name = figures.spec.name
        if name in seen:
            yield item.source.problem(at + ("name",), f"the name '{name}' is already used by the allocation of agenda item {seen[name] + 1}")
        seen[name] = i


def check_registers(reg: Registers, src: Located) -> Iterator[Problem]:
    """References inside the registers resolve, and deputies stand in for members."""
    for pid, person in reg.people.items():
        if person.organisation not in reg.organisations and person.organisation not in reg.networks:
            yield src.problem(("people", pid, "organisation"), f"no organisation or network '{person.organisation}'"
                              f"{did_you_mean(person.organisation, [*reg.organisations, *reg.networks])}")
    for nid, network in reg.networks.items():
        for i, partner in enumerate(network.partners):
            org = reg.organisations.get(partner)
            if org is None or not org.university:
                yield src.problem(("networks", nid, "partners", i), f"'{partner}' is not a registered university partner (university: true)")
    for kind, table in (("organisations", reg.organisations), ("networks", reg.networks)):
        for oid, entry in table.items():
            yield from _person_ref(entry.contact, (kind, oid, "contact"), reg, src)
    for fid, forum in reg.fora.items():
        yield from _check_forum(fid, forum, reg, src)
        for key in ("leader", "caseworker"):
            yield from _person_ref(getattr(forum, key), ("fora", fid, key), reg, src)
    yield from check_register_names(reg, src)


def _check_forum(fid, forum, reg: Registers, src: Located) -> Iterator[Problem]:
    if forum.organisation not in reg.organisations:
        yield src.problem(("fora", fid, "organisation"), f"no organisation '{forum.organisation}'{did_you_mean(forum.organisation, reg.organisations)}")
    for i, nid in enumerate(forum.networks):
        if nid not in reg.networks:
            yield src.problem(("fora", fid, "networks", i), f"no network '{nid}'{did_you_mean(nid, reg.networks)}")
    roles = {m.person: m.role for m in forum.members}
    seen: set[str] = set()
    for i, m in enumerate(forum.members):
        at = ("fora", fid, "members", i)
        if m.person not in reg.people:
            yield src.problem(at + ("person",), f"no person '{m.person}'{did_you_mean(m.person, reg.people)}")
        if m.person in seen:
            yield src.problem(at + ("person",), f"'{m.person}' is listed twice")
        seen.add(m.person)
        if m.deputy_for is not None and roles.get(m.deputy_for) is not Role.member:
            yield src.problem(at + ("for",), f"'{m.deputy_for}' is not a member of forum '{fid}'")


def check_case_numbers(project) -> Iterator[Problem]:
    """Case numbers are unique per forum and year; a moved case may come back once."""
    seen: dict[tuple[str, str], tuple[str, int, object]] = {}
    for item in project.meetings:
        for i, case in _indexed_cases(item.meeting):
            if case.case is None:
                continue
            at = ("agenda", i, "case")
            if case_year(case.case) != item.meeting.date.year:
                yield item.source.problem(at, f"case {case.case} is numbered for {case_year(case.case)}, but the meeting is in {item.meeting.date.year}")
            key = (item.meeting.forum, case.case)
            if key in seen:
                first_id, first_line, moved_to = seen[key]
                if moved_to != item.meeting.date:
                    yield item.source.problem(at, f"case {case.case} is already used in {first_id} (line {first_line}) for forum '{item.meeting.forum}'")
            seen[key] = (item.id, item.source.where(at)[0], case.moved_to)


def check_meeting(meeting_id: str, meeting: Meeting, reg: Registers, src: Located) -> Iterator[Problem]:
    """Everything that can be checked about one meeting against the registers."""
    if not meeting_id.startswith(meeting.date.isoformat()):
        yield src.problem(("date",), f"the file name '{meeting_id}' must begin with the meeting's date {meeting.date.isoformat()}")
    if meeting.forum not in reg.fora:
        yield src.problem(("forum",), f"no forum '{meeting.forum}'{did_you_mean(meeting.forum, reg.fora) or '; known: ' + ', '.join(reg.fora)}")
        return
    for key in ("chair", "referent"):
        yield from _person_ref(getattr(meeting, key), (key,), reg, src)
    yield from _check_attendance(meeting, reg, src)
    for i, deadline in enumerate(meeting.deadlines):
        if deadline.date < meeting.date:
            yield src.problem(("deadlines", i, "date"), f"the deadline {deadline.date.isoformat()} has passed by the meeting "
                              f"on {meeting.date.isoformat()}", severity=WARNING)
    yield from _check_slots(meeting, src)
    voters = roster(meeting, reg)
    stated = meeting.attendance.stated_voters if meeting.attendance else None
    if stated is not None and stated != voters.voters:
        present = len(voters.present) + len(voters.deputies)
        without = f", {present - voters.voters} of them without a vote" if present > voters.voters else ""
        yield src.problem(("attendance", "stated_voters"), f"stated {stated} entitled to vote, but the attendance list gives "
                          f"{voters.voters} ({len(voters.present)} members and {len(voters.deputies)} deputies present{without})")
    for i, case in _indexed_cases(meeting):
        yield from _check_case(case, ("agenda", i), meeting, reg, src, voters)


def _person_ref(pid: str | None, at: tuple, reg: Registers, src: Located) -> Iterator[Problem]:
    if pid is not None and pid not in reg.people:
        yield src.problem(at, f"no person '{pid}' in the register{did_you_mean(pid, reg.people)}")


def _check_attendance(meeting: Meeting, reg: Registers, src: Located) -> Iterator[Problem]:
    att = meeting.attendance
    if att is None:
        return
    roles = {m.person: m for m in reg.fora[meeting.forum].members}
    for i, pid in enumerate(att.absent):
        if roles.get(pid) is None:
            yield src.problem(("attendance", "absent", i), f"'{pid}' is not a member of forum '{meeting.forum}'")
    for i, dep in enumerate(att.deputies):
        at: tuple[str | int, ...] = ("attendance", "deputies", i)
        yield from _person_ref(dep.person, at + ("person",), reg, src)
        registered = roles.get(dep.person)
        if dep.person in reg.people and (registered is None or registered.deputy_for != dep.deputy_for):
            yield src.problem(at + ("person",), f"'{dep.person}' is not registered as a deputy for '{dep.deputy_for}' in forum '{meeting.forum}'")
        if dep.deputy_for not in att.absent:
            yield src.problem(at + ("for",), f"'{dep.deputy_for}' is not listed as absent, so no deputy can stand in")
    for i, pid in enumerate(att.guests):
        yield from _person_ref(pid, ("attendance", "guests", i), reg, src)
    for pid, when in att.left.items():
        at = ("attendance", "left", pid)
        if pid in att.absent:
            yield src.problem(at, f"'{pid}' is absent and cannot leave early")
        elif not meeting.time.start < when < meeting.time.end:
            yield src.problem(at, f"left at {when:%H.%M}, outside the meeting {_slot(meeting.time)}")


def _check_slots(meeting: Meeting, src: Located) -> Iterator[Problem]:
    """Slots lie inside the meeting, in order; cases do not overlap; a break may sit inside a case."""
    timed = [(i, item, item.time) for i, item in enumerate(meeting.agenda) if item.time is not None]
    for i, _, slot in timed:
        if not slot.within(meeting.time):
            yield src.problem(("agenda", i, "time"), f"{_slot(slot)} lies outside the meeting's hours {_slot(meeting.time)}")
    for (_, _, a), (j, _, b) in zip(timed, timed[1:]):
        if b.start < a.start:
            yield src.problem(("agenda", j, "time"), f"{_slot(b)} starts before the item above it ({_slot(a)})")
    for n, (i, x, a) in enumerate(timed):
        for j, y, b in timed[n + 1:]:
            nested = isinstance(y, Break) and b.within(a) or isinstance(x, Break) and a.within(b)
            if a.overlaps(b) and not nested:
                yield src.problem(("agenda", j, "time"), f"{_slot(b)} overlaps {_slot(a)} of agenda item {i + 1}")


def _check_case(case: Case, at: tuple, meeting: Meeting, reg: Registers, src: Located, voters) -> Iterator[Problem]:
    yield from _person_ref(case.presenter, at + ("presenter",), reg, src)
    yield from check_case_votes(case, at, voters, src)
    for k, who in enumerate(case.copy_to):
        if message := unknown_party(reg, who):
            yield src.problem(at + ("copy_to", k), message)
    if case.moved_to is not None and case.moved_to <= meeting.date:
        yield src.problem(at + ("moved_to",), f"a case can only be moved to a later date than {meeting.date.isoformat()}")
    if case.kind is CaseKind.decision and not (case.decision or case.proposal or case.moved_to):
        yield src.problem(at + ("kind",), "a beslutningssak without 'proposal' or 'decision'", severity=WARNING)
    for k, follow in enumerate(case.follow_ups):
        if follow.who and (message := unknown_party(reg, follow.who)):
            yield src.problem(at + ("follow_ups", k, "who"), message)
    voters = case_voters(voters, case, reg.fora[meeting.forum])
    acknowledged = any(note.acknowledges == "votes" for note in case.notes)
    for k, vote in enumerate(case.votes):
        yield from check_vote(vote, at + ("votes", k), src, voters, acknowledged)
    for k, note in enumerate(case.notes):
        if note.acknowledges == "votes" and not _too_many_votes(case, voters):
            yield src.problem(at + ("notes", k, "acknowledges"), "the note acknowledges more votes than voters, but the "
                              "votes fit the attendance list; remove 'acknowledges'", severity=WARNING)
    for k, table in enumerate(case.tables):
        yield from check_table(table, at + ("tables", k), src)


def _too_many_votes(case: Case, voters) -> bool:
    return voters.recorded and any(votes_cast(v) > voters.voters for v in case.votes)


def votes_cast(vote) -> int:
    """Every vote cast: the counted votes of the proposals and the blank ones."""
    return sum(o.votes or 0 for o in vote.options) + (vote.blank or 0)


def check_vote(vote, at: tuple, src: Located, voters, acknowledged: bool = False) -> Iterator[Problem]:
    """The stated result is a proposal and agrees with the counts; votes fit the room."""
    labels = [o.label for o in vote.options]
    if vote.result not in labels:
        yield src.problem(at + ("result",), f"the result '{vote.result}' is none of the proposals: {', '.join(labels)}")
        return
    counts = {o.label: o.votes for o in vote.options if o.votes is not None}
    if not counts:
        return
    top = max(counts.values())
    winners = [label for label, n in counts.items() if n == top]
    if vote.result not in winners or len(winners) > 1 and not vote.casting_vote:
        tie = " (a tie: say 'casting_vote: true' when the chair's vote decided it)" if vote.result in winners else ""
        yield src.problem(at + ("result",), f"the stated result '{vote.result}' disagrees with the counts: "
                          + ", ".join(f"{label} {n}" for label, n in counts.items()) + tie)
    if vote.casting_vote and len(winners) == 1:
        yield src.problem(at + ("casting_vote",), "the chair's casting vote only decides a tie, and the counts have a winner")
    if vote.unanimous and sum(1 for n in counts.values() if n) > 1:
        yield src.problem(at + ("unanimous",), "a unanimous vote cannot give votes to more than one proposal")
    cast = votes_cast(vote)
    if voters.recorded and cast > voters.voters:
        message = f"{cast} votes cast, but only {voters.voters} voters are present by the attendance list"
        if acknowledged:  # Why: still reported, but the minutes print the note that explains it
            yield src.problem(at + ("options",), message, severity=WARNING)
        else:
            yield src.problem(at + ("options",), message + "; the minutes are not written until the count is corrected or "
                              "a case note explains it (notes: [{acknowledges: votes, text: ...}])", severity=WARNING,
                              blocks="minutes")


def check_table(table: Table, at: tuple, src: Located) -> Iterator[Problem]:
    """Rows fit the columns, numeric columns hold numbers, and stated totals agree with the parts."""
    width = len(table.columns)
    for r, row in enumerate(table.rows):
        if len(row) != width:
            yield src.problem(at + ("rows", r), f"the row has {len(row)} cells, the table {width} columns")
            continue
        for c, (col, cell) in enumerate(zip(table.columns, row)):
            if col.unit != "text" and isinstance(cell, str):
                yield src.problem(at + ("rows", r, c), f"column '{col.name}' holds numbers, got {cell!r}")
    if isinstance(table.total, list):
        yield from _check_stated_total(table, at, src)


def table_totals(table: Table) -> list[int | Decimal | None]:
    """The computed totals row: the sum of each summed column, None elsewhere."""
    sums: list[int | Decimal | None] = []
    for c, col in enumerate(table.columns):
        cells = [row[c] for row in table.rows if c < len(row)]
        values = [cell for cell in cells if isinstance(cell, (int, Decimal))]
        sums.append(sum(values) if col.sum and col.unit != "text" else None)
    return sums


def _check_stated_total(table: Table, at: tuple, src: Located) -> Iterator[Problem]:
    from ..formats import plain_number

    stated = table.total
    assert isinstance(stated, list)  # the caller checks only a stated (list) total
    if len(stated) != len(table.columns):
        yield src.problem(at + ("total",), f"the stated total has {len(stated)} cells, the table {len(table.columns)} columns")
        return
    for c, (given, computed) in enumerate(zip(stated, table_totals(table))):
        if isinstance(given, (int, Decimal)) and computed is not None and given != computed:
            yield src.problem(at + ("total", c), f"stated total {plain_number(given)} for '{table.columns[c].name}' "
                              f"disagrees with the sum of its parts, {plain_number(computed)} (off by {plain_number(given - computed)})")


def _indexed_cases(meeting: Meeting) -> Iterator[tuple[int, Case]]:
    return ((i, item) for i, item in enumerate(meeting.agenda) if isinstance(item, Case))


def _slot(slot) -> str:
    return f"{slot.start:%H.%M}-{slot.end:%H.%M}"
