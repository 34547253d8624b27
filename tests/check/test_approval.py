"""Minutes move from draft to sent to approved in the case file; approved content never changes unrecorded."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document

from rekom_docs.build import BuildConfig, build
from rekom_docs.build import checked_project as open_project
from rekom_docs.cli import main
from rekom_docs.commands.approve import record
from rekom_docs.errors import InvalidInput, RekomError
from rekom_docs.word.outline import outline

from ..lifecycle_util import copy_cases, edit

MEETING = "2022-01-13-rekom"


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    return copy_cases(tmp_path)


def _file(cases: Path) -> Path:
    return cases / "2022" / f"{MEETING}.yaml"


def _minutes(cases: Path, out: Path) -> Document:
    list(build(BuildConfig(cases, out, ("minutes",), meetings=(MEETING,))))
    return Document(str(out / MEETING / "referat.docx"))


def _header(doc) -> str:
    return " ".join(p.text for s in doc.sections for p in s.header.paragraphs)


def test_draft_minutes_say_utkast_on_every_page_and_in_their_properties(cases: Path, tmp_path: Path):
    doc = _minutes(cases, tmp_path / "out")
    assert all("UTKAST" in " ".join(p.text for p in s.header.paragraphs) for s in doc.sections)
    assert doc.core_properties.content_status == "Utkast"
    assert "godkjent" not in outline(tmp_path / "out" / MEETING / "referat.docx")


def test_approve_appends_a_block_and_keeps_every_other_byte(cases: Path):
    before = _file(cases).read_text(encoding="utf-8")
    assert main(["approve", MEETING, "--cases", str(cases), "--by", "Samarbeidsforum REKOM",
                 "--how", "godkjent i møtet 2022-03-09, sak 5/2022", "--date", "2022-03-09"]) == 0
    after = _file(cases).read_text(encoding="utf-8")
    assert after.startswith(before) and "# " in before  # comments and layout kept: the old text is a prefix
    assert "approval:\n  status: approved\n  date: 2022-03-09\n" in after[len(before):]
    assert open_project(cases).meeting(MEETING).meeting.approval.how == "godkjent i møtet 2022-03-09, sak 5/2022"


def test_approved_minutes_print_the_approval_line_and_no_draft_marking(cases: Path, tmp_path: Path):
    record(_file(cases), on=date(2022, 3, 9), how="godkjent i møtet 2022-03-09, sak 5/2022", by="Samarbeidsforum REKOM")
    doc = _minutes(cases, tmp_path / "out")
    assert "UTKAST" not in _header(doc) and doc.core_properties.content_status == "Godkjent"
    assert "Referatet er godkjent 9. mars 2022 av Samarbeidsforum REKOM: godkjent i møtet 2022-03-09, sak 5/2022." \
        in outline(tmp_path / "out" / MEETING / "referat.docx")


def test_sent_for_comment_is_still_a_draft(cases: Path, tmp_path: Path):
    record(_file(cases), on=date(2022, 1, 20), sent=True)
    doc = _minutes(cases, tmp_path / "out")
    assert "UTKAST – sendt til kommentar 20. januar 2022" in _header(doc)
    assert doc.core_properties.content_status == "Sendt til kommentar"


def test_change_after_approval_is_an_error_naming_meeting_and_field_until_a_correction_is_recorded(cases: Path, tmp_path: Path):
    record(_file(cases), on=date(2022, 3, 9), how="godkjent i møtet 2022-03-09", by="Samarbeidsforum REKOM")
    edit(_file(cases), "title: Aktuelt", "title: Aktuelt fra sekretariatet")
    with pytest.raises(InvalidInput) as caught:
        open_project(cases)
    [problem] = [p for p in caught.value.problems if p.is_error]
    assert problem.path.startswith("agenda[") and MEETING in problem.message and "correction" in problem.message
    record(_file(cases), on=date(2022, 3, 20), how="godkjent per e-post 2022-03-21", correction="Rettet tittelen på sak 1/2022")
    open_project(cases)  # recorded: no error
    text = outline(_minutes(cases, tmp_path / "out") and tmp_path / "out" / MEETING / "referat.docx")
    assert "Rettet 20. mars 2022: Rettet tittelen på sak 1/2022 (rettelsen godkjent per e-post 2022-03-21)." in text
    assert "Referatet er godkjent 9. mars 2022" in text


def test_closing_a_follow_up_is_not_a_change_of_approved_minutes(tmp_path: Path):
    cases = copy_cases(tmp_path)
    path = cases / "2022" / "2022-03-09-rekom.yaml"
    record(path, on=date(2022, 4, 1), how="godkjent per e-post")
    edit(path, "        who: statsforvalteren\n        due: 2022-03-22\n",
         "        who: statsforvalteren\n        due: 2022-03-22\n        status: done\n        done: 2022-03-22\n        where: arbeidsgruppemøte\n")
    open_project(cases)


def test_correction_needs_approved_minutes_and_approve_needs_how(cases: Path):
    with pytest.raises(RekomError, match="not approved"):
        record(_file(cases), on=date(2022, 3, 9), how="per e-post", correction="noe")
    assert main(["approve", MEETING, "--cases", str(cases)]) == 1
    assert main(["approve", "2099-01-01-none", "--cases", str(cases), "--how", "x"]) == 1
