"""Votes as they happen: blank votes, dissent in their own words, the chair's casting vote, conflicts of interest."""

from __future__ import annotations

from pathlib import Path

import pytest

from rekom_docs.build import BuildConfig, build
from rekom_docs.build import checked_project as open_project
from rekom_docs.errors import InvalidInput
from rekom_docs.word.outline import outline

from ..lifecycle_util import copy_cases, edit

MEETING = "2024-01-11-kompetanseloftet"
COUNTS = "          - {label: Forslag 2, votes: 18}\n          - {label: Forslag 3, votes: 6}\n          - {label: Forslag 4, votes: 11}\n        result: Forslag 2\n"
TIE = "          - {label: Forslag 2, votes: 14}\n          - {label: Forslag 3, votes: 6}\n          - {label: Forslag 4, votes: 14}\n        result: Forslag 2\n"
EXTRAS = ("        blank: 1\n        casting_vote: true\n        dissent:\n"
          "          - {people: [marit-haugan], text: Alle nettverk bør få det samme til koordinering.}\n")
ANCHOR = "    title: Langsiktig plan for Kompetanseløftet i Trøndelag – revidering og fastsetting\n    kind: beslutningssak\n    attachments:\n"
CONFLICT = "    title: Langsiktig plan for Kompetanseløftet i Trøndelag – revidering og fastsetting\n    kind: beslutningssak\n    conflicts:\n      - {person: hanne-ronning, reason: fvl. § 6 første ledd bokstav e}\n    attachments:\n"


@pytest.fixture
def meeting(tmp_path: Path) -> Path:
    cases = copy_cases(tmp_path)
    return cases / "2024" / f"{MEETING}.yaml"


def _errors(cases: Path) -> list[str]:
    try:
        open_project(cases)
    except InvalidInput as exc:
        return [f"{p.path}: {p.message}" for p in exc.problems if p.is_error]
    return []


def test_a_tie_without_the_casting_vote_is_an_error_that_says_how(meeting: Path):
    edit(meeting, COUNTS, TIE)
    [error] = _errors(meeting.parent.parent)
    assert "agenda[3].votes[1].result" in error and "casting_vote: true" in error


def test_tie_casting_vote_blank_dissent_and_conflict_are_in_the_minutes(meeting: Path, tmp_path: Path):
    edit(meeting, COUNTS, TIE + EXTRAS)
    edit(meeting, ANCHOR, CONFLICT)
    cases = meeting.parent.parent
    project = open_project(cases)
    warnings = [p.message for p in project.warnings if "votes cast" in p.message]
    assert warnings == ["35 votes cast, but only 33 voters are present by the attendance list"]  # 14+6+14+1; 34 less 1 conflicted
    list(build(BuildConfig(cases, tmp_path / "out", ("minutes",), meetings=(MEETING,))))
    text = outline(tmp_path / "out" / MEETING / "referat.docx")
    assert "Hanne Kveli Rønning erklærte seg inhabil (fvl. § 6 første ledd bokstav e) og fratrådte under behandlingen av saken." in text
    assert "Det var 33 stemmeberettigede i saken." in text
    assert "Blanke stemmer: 1." in text
    assert "Stemmelikhet; møteleders dobbeltstemme avgjorde for Forslag 2." in text
    assert "Dissens fra Marit Haugan: «Alle nettverk bør få det samme til koordinering.»" in text
    assert "Det var 34 stemmeberettigede." in text  # the meeting's own count is unchanged


def test_a_conflicted_member_cannot_dissent_and_a_casting_vote_needs_a_tie(meeting: Path):
    edit(meeting, COUNTS, COUNTS + EXTRAS.replace("marit-haugan", "hanne-ronning"))
    edit(meeting, ANCHOR, CONFLICT)
    errors = _errors(meeting.parent.parent)
    assert any("dissent[0].people[0]" in e and "inhabil" in e for e in errors)
    assert any("votes[1].casting_vote" in e and "tie" in e for e in errors)


def test_an_absent_member_cannot_be_conflicted(meeting: Path):
    edit(meeting, ANCHOR, CONFLICT.replace("hanne-ronning", "sara-kappfjell"))
    assert any("conflicts[0].person" in e and "not present" in e for e in _errors(meeting.parent.parent))


def test_blank_votes_count_as_cast_in_both_vote_checks():
    """The note check and the vote check count the same votes, so a note for blank votes is never called needless."""
    from types import SimpleNamespace as NS

    from rekom_docs.check.meeting import _too_many_votes, votes_cast

    vote = NS(options=[NS(votes=3), NS(votes=None)], blank=2)
    assert votes_cast(vote) == 5
    assert _too_many_votes(NS(votes=[vote]), NS(recorded=True, voters=4))
    assert not _too_many_votes(NS(votes=[vote]), NS(recorded=True, voters=5))
