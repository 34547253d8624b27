"""Votes as they happen: conflicts of interest (inhabilitet), abstentions, dissent, the chair's casting vote."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from ..errors import Problem
from ..roster import person_name
from ..wording import words


def case_voters(voters, case, forum):
    """The roster's voters less the members who are disqualified (inhabile) in this case."""
    present = {a.id for a in voters.present + voters.deputies}
    voting = {m.person: m.voting for m in forum.members}
    out = sum(1 for c in case.conflicts if c.person in present and voting.get(c.person, True))
    return dataclasses.replace(voters, voters=voters.voters - out) if out else voters


def check_case_votes(case, at: tuple, voters, src) -> Iterator[Problem]:
    """Conflicted members were present; dissenters were present and not conflicted."""
    present = {a.id for a in voters.present + voters.deputies}
    conflicted = {c.person for c in case.conflicts}
    if not voters.recorded:
        return
    for k, conflict in enumerate(case.conflicts):
        if conflict.person not in present:
            yield src.problem(at + ("conflicts", k, "person"), f"'{conflict.person}' is not present at the meeting, so cannot leave the case")
    for v, vote in enumerate(case.votes):
        for d, dissent in enumerate(vote.dissent):
            for p, pid in enumerate(dissent.people):
                where = at + ("votes", v, "dissent", d, "people", p)
                if pid in conflicted:
                    yield src.problem(where, f"'{pid}' is disqualified (inhabil) in this case and did not vote")
                elif pid not in present:
                    yield src.problem(where, f"'{pid}' is not present at the meeting")


def conflict_lines(case, reg, lang: str, voters: int | None) -> list[str]:
    """One sentence per disqualified member, and the number who voted in the case."""
    w = words(lang)
    lines = [w["conflict"].format(name=person_name(reg, c.person), reason=f" ({c.reason})" if c.reason else "")
             for c in case.conflicts]
    if lines and voters is not None:
        lines.append(w["case_voters"].format(voters=voters))
    return lines


def vote_notes(vote, reg, lang: str) -> list[str]:
    """Blank votes, the chair's casting vote and each dissent in its own words."""
    w = words(lang)
    notes = []
    if vote.blank:
        notes.append(w["blank_votes"].format(n=vote.blank))
    if vote.casting_vote:
        notes.append(w["casting_vote"].format(result=vote.result))
    for dissent in vote.dissent:
        names = [person_name(reg, p) for p in dissent.people]
        who = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {w['and']} {names[-1]}"
        notes.append(w["dissent"].format(who=who, text=dissent.text.strip()))
    return notes

