"""Follow-ups with an id and a status: on every next agenda of the forum until done; overdue ones are warnings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rekom_docs.build import checked_project as open_project
from rekom_docs.compute.followups import check_follow_ups, open_at, tracked
from rekom_docs.errors import InvalidInput
from rekom_docs.present.meeting import agenda

from ..lifecycle_util import CASES, copy_cases, edit

SET_IN = "2022-03-09-rekom"
LATER = "2024-03-07-rekom"
TEAMS = "        who: statsforvalteren\n  - case: 7/2022\n"


def test_every_bundled_follow_up_has_an_id_and_those_of_2022_stay_open_on_the_2024_agenda():
    project = open_project(CASES)
    everything = tracked(project)
    assert len(everything) == 14 and len({(t.forum, t.id) for t in everything}) == 14
    ids = [t.id for t in open_at(project.meeting(LATER), project)]
    assert ids == [t.id for t in everything if t.meeting == SET_IN] and len(ids) == 5  # dated or not
    lines = agenda(project.meeting(LATER), project).context["follow_ups"]
    assert lines[0].startswith("6-2022-1: Undersøke hvordan en Teams-gruppe") and "sak 6/2022" in lines[0]


def test_a_follow_up_done_before_a_meeting_leaves_its_agenda_but_one_done_that_day_is_reported(tmp_path: Path):
    cases = copy_cases(tmp_path)
    path = cases / "2022" / f"{SET_IN}.yaml"
    edit(path, TEAMS, "        who: statsforvalteren\n        id: teams-gruppe\n        status: done\n        done: 2024-03-07\n"
         "        where: møtet 2024-03-07, sak 7/2024\n  - case: 7/2022\n")
    project = open_project(cases)
    assert "teams-gruppe" in [t.id for t in open_at(project.meeting(LATER), project)]
    edit(path, "done: 2024-03-07", "done: 2023-01-10")
    project = open_project(cases)
    assert "teams-gruppe" not in [t.id for t in open_at(project.meeting(LATER), project)]


def test_overdue_open_follow_ups_are_warnings_and_next_meeting_means_the_next_one(tmp_path: Path):
    cases = copy_cases(tmp_path)
    edit(cases / "2022" / f"{SET_IN}.yaml", TEAMS, "        who: statsforvalteren\n        due: neste møte\n  - case: 7/2022\n")
    project = open_project(cases)
    overdue = lambda today: sorted(p.message.split()[1] for p in check_follow_ups(project, today))
    assert "8-2022-1" not in overdue(date(2022, 3, 10))
    assert "8-2022-1" in overdue(date(2022, 3, 23)) and "6-2022-1" not in overdue(date(2022, 3, 23))
    assert "6-2022-1" in overdue(date(2024, 3, 8))  # due at the next meeting of the forum, 7 March 2024
    assert all(not p.is_error for p in check_follow_ups(project, date(2030, 1, 1)))


def test_a_follow_up_id_is_unique_in_its_forum_and_done_needs_a_date(tmp_path: Path):
    cases = copy_cases(tmp_path)
    path = cases / "2022" / f"{SET_IN}.yaml"
    edit(path, TEAMS, "        who: statsforvalteren\n        id: 8-2022-1\n  - case: 7/2022\n")
    with pytest.raises(InvalidInput, match="follow-up id '8-2022-1' is already used"):
        open_project(cases)
    edit(path, "        id: 8-2022-1\n", "        status: done\n")
    with pytest.raises(InvalidInput, match="needs 'status: done' and the date 'done'"):
        open_project(cases)
