"""Votes as they happen: members disqualified (inhabile) in a case are counted out; dissenters were there."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from ..errors import Problem


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
