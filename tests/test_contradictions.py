"""A document never prints a contradiction the checker knows of, unless a case note explains it (and is printed)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rekom_docs.build import BuildConfig, build, checked_project
from rekom_docs.errors import RekomError
from rekom_docs.present import documents

from .paths import EXAMPLES, ROOT

MEETING = "2024-01-11-kompetanseloftet"


@pytest.fixture
def without_note(tmp_path: Path) -> Path:
    """The bundled cases with the note on the 35 votes of case 4/2024 taken out."""
    cases = tmp_path / "cases"
    shutil.copytree(ROOT / "cases", cases)
    path = cases / "2024" / f"{MEETING}.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    notes:\n      - acknowledges: votes")
    end = text.index("    decision:", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return cases


def test_minutes_with_an_unexplained_contradiction_are_not_written(without_note: Path, tmp_path: Path):
    out = tmp_path / "build"
    with pytest.raises(RekomError, match=r"minutes of 2024-01-11-kompetanseloftet would print a contradiction(.|\n)*35 votes cast"):
        list(build(BuildConfig(without_note, out, ("minutes",), meetings=(MEETING,))))
    assert not (out / MEETING / "referat.docx").exists()


def test_the_agenda_does_not_print_votes_so_it_is_written(without_note: Path, tmp_path: Path):
    written = list(build(BuildConfig(without_note, tmp_path / "build", ("agenda",), meetings=(MEETING,))))
    assert [p.name for p in written] == ["innkalling.docx"]


def test_the_note_that_explains_it_is_printed_under_the_vote():
    project = checked_project(ROOT / "cases")
    assert not [p for p in project.warnings if p.blocks]
    assert [p.message for p in project.warnings if "votes cast" in p.message] == [
        "35 votes cast, but only 34 voters are present by the attendance list"]  # still reported, not blocking
    minutes = documents(project.meeting(MEETING), project, "minutes", None)[0]
    case = next(c for c in minutes.context["cases"] if c["heading"].startswith("Sak 4/2024"))
    written = next(v for v in case["votes"] if v.total and v.total[1] == "35")
    assert written.note.startswith("Merknad: Det ble talt opp 35 stemmer, én mer enn de 34 stemmeberettigede")


def test_a_close_amount_meant_as_typed_prints_its_note():
    project = checked_project(ROOT / "cases")
    minutes = documents(project.meeting("2024-03-07-rekom"), project, "minutes", None)[0]
    case = next(c for c in minutes.context["cases"] if c["heading"].startswith("Sak 9/2024"))
    assert "3 893 600 kr" in case["text"].text
    assert "*Merknad:* Anslaget på 3 893 600 kr forutsatte samme tildeling som i 2023" in case["text"].text
    assert "settes 3\u00a0693\u00a0600 kr av" in case["text"].text


def test_minutes_say_what_is_not_recorded():
    project = checked_project(ROOT / "cases")
    marks = {}
    for item in project.meetings:
        minutes = documents(item, project, "minutes", None)[0]
        marks[item.id] = (minutes.context["record"]["marking"], minutes.context["record"]["missing"], minutes.title)
    assert marks["2022-01-13-rekom"][0] == "Referat ikke ført"
    assert marks["2022-01-13-rekom"][1] == ("Referatet er ikke fullstendig: deltakerlisten og vedtaket i sak 3/2022 "
                                            "er ikke ført.")
    assert marks["2022-01-13-rekom"][2].startswith("Referat ikke ført: Referat fra Samarbeidsforum REKOM")
    assert marks["2024-03-07-rekom"][0] == "Utkast"
    assert "deltakerlisten og vedtaket i sak 10/2024" in marks["2024-03-07-rekom"][1]
    assert marks["2024-01-11-kompetanseloftet"][0] == ""


def test_no_innstilling_and_no_letters_without_a_decision(tmp_path: Path):
    cases = tmp_path / "cases"
    shutil.copytree(EXAMPLES / "invalid" / "alloc-recommendation-without-decision", cases)
    shutil.copy(EXAMPLES / "register.yaml", cases / "register.yaml")
    project = checked_project(cases)
    assert documents(project.meetings[0], project, "letters", None) == []
