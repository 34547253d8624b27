"""Who attended a meeting, derived from the forum's members and the meeting's attendance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from .schema import Meeting, Registers, Role


@dataclass(frozen=True)
class Attendee:
    """A person at (or absent from) a meeting, ready to print."""

    id: str
    name: str
    organisation: str
    deputy_for: str | None = None
    left: time | None = None


@dataclass(frozen=True)
class Roster:
    """The attendance of one meeting; `recorded` is False when the file has none."""

    recorded: bool
    present: tuple[Attendee, ...] = ()
    deputies: tuple[Attendee, ...] = ()
    absent: tuple[Attendee, ...] = ()
    secretariat: tuple[Attendee, ...] = ()
    guests: tuple[Attendee, ...] = ()
    observers: tuple[Attendee, ...] = ()
    voters: int = 0

    def by_organisation(self) -> list[tuple[str, list[Attendee]]]:
        """Present members and deputies grouped by organisation, in order of first appearance."""
        groups: dict[str, list[Attendee]] = {}
        for person in self.present + self.deputies:
            groups.setdefault(person.organisation, []).append(person)
        return list(groups.items())


def organisation_name(registers: Registers, org_id: str) -> str:
    """The short name of an organisation or network id, or the id itself if unknown."""
    if org_id in registers.organisations:
        org = registers.organisations[org_id]
        return org.short or org.name
    if org_id in registers.networks:
        return registers.networks[org_id].short
    return org_id


def person_name(registers: Registers, person_id: str) -> str:
    """A person's name, or the id itself if unknown (the checker reports that)."""
    person = registers.people.get(person_id)
    return person.name if person else person_id


def roster(meeting: Meeting, registers: Registers) -> Roster:
    """The attendance of `meeting`: members are present unless they sent notice."""
    if meeting.attendance is None:
        return Roster(recorded=False)
    att = meeting.attendance
    forum = registers.fora.get(meeting.forum)
    members = forum.members if forum else []
    absent = set(att.absent)

    def attendee(pid: str, deputy_for: str | None = None) -> Attendee:
        person = registers.people.get(pid)
        org = organisation_name(registers, person.organisation) if person else ""
        return Attendee(pid, person_name(registers, pid), org,
                        person_name(registers, deputy_for) if deputy_for else None, att.left.get(pid))

    def having(role: Role) -> tuple[Attendee, ...]:
        return tuple(attendee(m.person) for m in members if m.role is role and m.person not in absent)

    voting = {m.person: m.voting for m in members}
    present = having(Role.member)
    deputies = tuple(attendee(d.person, d.deputy_for) for d in att.deputies)
    voters = sum(voting.get(a.id, True) for a in present + deputies)
    return Roster(
        recorded=True,
        present=present,
        deputies=deputies,
        absent=tuple(attendee(pid) for pid in att.absent),
        secretariat=having(Role.secretariat),
        guests=tuple(attendee(pid) for pid in att.guests),
        observers=having(Role.observer),
        voters=voters,
    )
