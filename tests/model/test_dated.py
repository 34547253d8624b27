"""The past does not change: a new member, a renamed organisation or someone leaving leaves earlier papers as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from rekom_docs.build import BuildConfig, build
from rekom_docs.build import checked_project as open_project
from rekom_docs.commands.approve import record
from rekom_docs.errors import InvalidInput
from rekom_docs.model.dated import registers_at
from rekom_docs.model.roster import roster

from ..lifecycle_util import copy_cases, edit

KINDS = ("minutes", "agenda", "letters")
NEW_PERSON = "people:\n  nora-nyhus: {name: Nora Nyhus, organisation: ks}\n"


def _build_all(cases: Path, out: Path) -> dict[str, bytes]:
    written = list(build(BuildConfig(cases, out, KINDS)))
    return {str(p.relative_to(out)): p.read_bytes() for p in written}


def _change_register_with_dates(register: Path) -> None:
    """A new member in both fora from 2026, DMMH and Gauldal renamed in 2025, a member who left in 2025."""
    edit(register, "people:\n", NEW_PERSON)
    text = register.read_text(encoding="utf-8").replace(
        "    members:\n", "    members:\n      - {person: nora-nyhus, from: 2026-01-01}\n")
    register.write_text(text, encoding="utf-8")
    edit(register, "    name: Dronning Mauds Minne Høgskole for barnehagelærerutdanning\n    short: DMMH\n",
         "    name: DMMH universitetshøgskole\n    short: DMMH UH\n"
         "    formerly: [{name: Dronning Mauds Minne Høgskole for barnehagelærerutdanning, short: DMMH, until: 2025-08-01}]\n")
    edit(register, "    name: Gauldal-nettverket\n    short: Gauldal\n",
         "    name: Gauldalsnettverket\n    short: Gauldalen\n    formerly: [{name: Gauldal-nettverket, short: Gauldal, until: 2025-01-01}]\n")
    edit(register, "- {person: ingrid-solbakken}", "- {person: ingrid-solbakken, to: 2025-06-30}")


def test_register_changes_with_dates_leave_every_earlier_document_byte_identical(tmp_path: Path):
    cases = copy_cases(tmp_path)
    before = _build_all(cases, tmp_path / "before")
    _change_register_with_dates(cases / "register.yaml")
    after = _build_all(cases, tmp_path / "after")
    assert len(before) >= 30 and before.keys() == after.keys()
    changed = [name for name in before if before[name] != after[name]]
    assert changed == []


def test_dated_register_gives_members_and_names_of_the_day(tmp_path: Path):
    cases = copy_cases(tmp_path)
    _change_register_with_dates(cases / "register.yaml")
    project = open_project(cases)
    old = registers_at(project.registers, project.meetings[0].meeting.date)
    new = registers_at(project.registers, __import__("datetime").date(2026, 6, 1))
    assert old.organisations["dmmh"].short == "DMMH" and new.organisations["dmmh"].short == "DMMH UH"
    assert old.networks["gauldal"].short == "Gauldal" and new.networks["gauldal"].short == "Gauldalen"
    members = lambda reg: {m.person for m in reg.fora["kompetanseloftet"].members}
    assert "nora-nyhus" not in members(old) and "nora-nyhus" in members(new)
    assert "ingrid-solbakken" in members(old) and "ingrid-solbakken" not in members(new)


def test_undated_new_member_would_change_an_old_meeting_and_check_says_so_once_approved(tmp_path: Path):
    cases = copy_cases(tmp_path)
    meeting = cases / "2024" / "2024-01-11-kompetanseloftet.yaml"
    record(meeting, on=__import__("datetime").date(2024, 3, 1), how="godkjent per e-post", by="Samarbeidsforum")
    open_project(cases)  # approved and unchanged: no error
    edit(cases / "register.yaml", "people:\n", NEW_PERSON)
    edit(cases / "register.yaml", "      - {person: ingrid-solbakken}", "      - {person: ingrid-solbakken}\n      - {person: nora-nyhus}")
    with pytest.raises(InvalidInput) as caught:
        open_project(cases)
    messages = [str(p) for p in caught.value.problems if p.is_error]
    assert len(messages) == 1
    assert "2024-01-11-kompetanseloftet" in messages[0] and ": forum: " in messages[0] and "register" in messages[0]


def test_voter_count_of_january_2024_stays_34_after_a_dated_new_member(tmp_path: Path):
    cases = copy_cases(tmp_path)
    _change_register_with_dates(cases / "register.yaml")
    project = open_project(cases)
    item = project.meeting("2024-01-11-kompetanseloftet")
    assert roster(item.meeting, registers_at(project.registers, item.meeting.date)).voters == 34
