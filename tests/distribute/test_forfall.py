"""forfall: the absence and the deputy recorded in the case file, minimally; the deputy called in and counted."""

from __future__ import annotations

import difflib
from email import message_from_bytes
from email.policy import default

import pytest

from rekom_docs.build import checked_project as open_project
from rekom_docs.distribute.forfall import record_absence
from rekom_docs.errors import RekomError
from rekom_docs.model.roster import roster

from .conftest import run


def _added_lines(before: str, after: str) -> list[str]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    assert not [line for line in diff if line.startswith("- ")], "a line was changed or removed"
    return [line[2:] for line in diff if line.startswith("+ ")]


def test_forfall_records_the_absence_and_calls_in_the_registered_deputy(tree, capsys):
    path = tree / "cases" / "2024" / "2024-03-07-rekom.yaml"
    before = path.read_text(encoding="utf-8")
    assert run(tree, "forfall", "2024-03-07-rekom", "wenche-thorsen") == 0
    after = path.read_text(encoding="utf-8")
    assert _added_lines(before, after) == ["attendance:", "  absent: [wenche-thorsen]",
                                           "  deputies: [{person: astrid-kolstad, for: wenche-thorsen}]"]
    assert after.index("attendance:") > after.index("place: Trondheim") and after.index("attendance:") < after.index("agenda:")
    project = open_project(tree / "cases")
    item = project.meeting("2024-03-07-rekom")
    r = roster(item.meeting, project.registers)
    assert [a.id for a in r.deputies] == ["astrid-kolstad"] and "wenche-thorsen" not in [a.id for a in r.present]
    assert r.voters == 21  # the 21 members: one absent, her deputy votes in her place
    draft = tree / "build" / "2024-03-07-rekom" / "utsending" / "agenda" / "vara-astrid-kolstad.eml"
    msg = message_from_bytes(draft.read_bytes(), policy=default)
    assert msg["To"].addresses[0].addr_spec == "astrid.kolstad@ytre-namdal.example.no"
    assert msg["Subject"].startswith("Innkalling av vara")
    assert "Wenche Thorsen har meldt forfall" in msg.get_body().get_content()
    assert sorted(p.get_filename() for p in msg.iter_attachments()) == ["innkalling.docx", "innkalling.ics"]
    assert "distribute 2024-03-07-rekom --what agenda --send" in capsys.readouterr().out


def test_forfall_twice_changes_nothing_more(tree):
    path = tree / "cases" / "2024" / "2024-03-07-rekom.yaml"
    assert run(tree, "forfall", "2024-03-07-rekom", "wenche-thorsen") == 0
    once = path.read_bytes()
    assert run(tree, "forfall", "2024-03-07-rekom", "wenche-thorsen") == 0
    assert path.read_bytes() == once


def test_forfall_adds_to_existing_lists_keeping_comments(tree):
    path = tree / "cases" / "2024" / "2024-01-11-kompetanseloftet.yaml"
    register = tree / "cases" / "register.yaml"
    register.write_text(register.read_text(encoding="utf-8").replace(
        "      - {person: sigrid-hovin, role: secretariat}\n      - {person: marianne-lokken",
        "      - {person: linn-hestnes, role: deputy, for: marit-haugan}\n"
        "      - {person: sigrid-hovin, role: secretariat}\n      - {person: marianne-lokken"), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    voters = roster(open_project(tree / "cases").meeting("2024-01-11-kompetanseloftet").meeting,
                    open_project(tree / "cases").registers).voters
    assert run(tree, "forfall", "2024-01-11-kompetanseloftet", "marit-haugan", "--deputy", "linn-hestnes") == 0
    after = path.read_text(encoding="utf-8")
    assert "           bjorg-lovas, lene-hovde, oddrun-moe, geir-lie, stian-wold, marit-haugan]" in after
    assert "    - {person: linn-hestnes, for: marit-haugan}" in after
    assert "  # As in the seed: 10 absent, 4 deputies, 1 guest" in after
    assert len(after.splitlines()) == len(before.splitlines()) + 1
    project = open_project(tree / "cases")
    assert roster(project.meeting("2024-01-11-kompetanseloftet").meeting, project.registers).voters == voters


def test_a_member_without_a_deputy_is_recorded_absent_only(tree, capsys):
    path = tree / "cases" / "2024" / "2024-01-11-kompetanseloftet.yaml"
    before = path.read_text(encoding="utf-8")
    assert run(tree, "forfall", "2024-01-11-kompetanseloftet", "hanne-ronning") == 0
    assert "no deputy is registered for hanne-ronning" in capsys.readouterr().out
    changed = [(a, b) for a, b in zip(before.splitlines(), path.read_text(encoding="utf-8").splitlines()) if a != b]
    assert changed == [("           bjorg-lovas, lene-hovde, oddrun-moe, geir-lie, stian-wold]",
                        "           bjorg-lovas, lene-hovde, oddrun-moe, geir-lie, stian-wold, hanne-ronning]")]


@pytest.mark.parametrize("person, message", [("astrid-kolstad", "is not a member"), ("nobody", "is not a member")])
def test_forfall_for_someone_not_a_member_is_a_clean_error(tree, capsys, person, message):
    path = tree / "cases" / "2024" / "2024-03-07-rekom.yaml"
    before = path.read_bytes()
    assert run(tree, "forfall", "2024-03-07-rekom", person) == 1
    assert message in capsys.readouterr().err and path.read_bytes() == before


def test_forfall_before_the_agenda_is_built_leaves_the_case_file_alone(tree, capsys):
    (tree / "build" / "2024-03-07-rekom" / "innkalling.docx").unlink()
    path = tree / "cases" / "2024" / "2024-03-07-rekom.yaml"
    before = path.read_bytes()
    assert run(tree, "forfall", "2024-03-07-rekom", "wenche-thorsen") == 1
    assert "not built yet" in capsys.readouterr().err and path.read_bytes() == before


def test_the_called_in_deputy_is_sent_the_agenda_once(tree, smtp_server):
    assert run(tree, "distribute", "2024-03-07-rekom", "--what", "agenda", "--send") == 0
    assert run(tree, "forfall", "2024-03-07-rekom", "wenche-thorsen") == 0
    assert run(tree, "distribute", "2024-03-07-rekom", "--what", "agenda", "--send") == 0
    to_deputy = smtp_server.to("astrid.kolstad@ytre-namdal.example.no")
    assert [r.msg["Subject"].split(":")[0] for r in to_deputy] == ["Innkalling til møte i Samarbeidsforum REKOM 7. mars 2024",
                                                                   "Innkalling av vara"]
    assert len(smtp_server.to("wenche.thorsen@ytre-namdal.example.no")) == 1


BLOCK = """\
forum: rekom
date: 2024-03-07   # a comment
time: 08.30-15.00
place: Trondheim
attendance:
  # who sent notice
  absent:
    - kari   # by phone
  guests: [per]
agenda: []
"""


def test_record_absence_appends_to_a_block_list_and_adds_a_missing_key():
    after = record_absence(BLOCK, "x.yaml", "ola", "siv")
    assert after == BLOCK.replace("  guests: [per]\n", "  guests: [per]\n  deputies: [{person: siv, for: ola}]\n") \
        .replace("    - kari   # by phone\n", "    - kari   # by phone\n    - ola\n")


def test_record_absence_keeps_windows_line_ends():
    crlf = BLOCK.replace("\n", "\r\n")
    after = record_absence(crlf, "x.yaml", "ola", None)
    assert "    - ola\r\n" in after and "\n" not in after.replace("\r\n", "")


def test_record_absence_refuses_a_flow_mapping_it_cannot_edit_safely():
    with pytest.raises(RekomError, match="by hand"):
        record_absence(BLOCK.replace("attendance:\n  # who sent notice\n  absent:\n    - kari   # by phone\n  guests: [per]\n",
                                     "attendance: {absent: [kari]}\n"), "x.yaml", "ola", "siv")


def test_an_edit_that_would_break_the_case_file_is_not_written(tree, capsys):
    path = tree / "cases" / "2024" / "2024-01-11-kompetanseloftet.yaml"
    before = path.read_bytes()
    assert run(tree, "forfall", "2024-01-11-kompetanseloftet", "ingrid-solbakken") == 1  # she is recorded as leaving at 14.00
    err = capsys.readouterr().err
    assert "2024-01-11-kompetanseloftet.yaml:" in err and "attendance.left.ingrid-solbakken" in err and ".tmp" not in err
    assert path.read_bytes() == before
    assert not list(path.parent.glob(".*.tmp"))


def test_an_approved_meeting_is_not_changed_by_forfall(tree, capsys):
    path = tree / "cases" / "2024" / "2024-03-07-rekom.yaml"
    assert run_approve(tree, "2024-03-07-rekom") == 0
    before = path.read_bytes()
    assert run(tree, "forfall", "2024-03-07-rekom", "wenche-thorsen") == 1
    assert "changed after the minutes were approved" in capsys.readouterr().err
    assert path.read_bytes() == before


def run_approve(tree, meeting: str) -> int:
    from rekom_docs.cli import main

    return main(["approve", meeting, "--how", "godkjent per e-post", "--by", "Samarbeidsforum REKOM", "--date", "2024-03-20",
                 "--cases", str(tree / "cases")])
