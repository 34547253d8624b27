"""The smaller commands: schema, allocate, archive; one clean message and exit 1 for user errors."""

from __future__ import annotations

import json
from pathlib import Path

from rekom_docs.build import BuildConfig, build
from rekom_docs.cli import main
from tests.paths import ROOT as ROOT_DIR

ROOT = ROOT_DIR
CASES = ROOT / "cases"


def test_schema_describes_the_format_for_editors(capsys):
    assert main(["schema", "meeting"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"].endswith("2020-12/schema")
    case = schema["$defs"]["Case"]
    assert case["additionalProperties"] is False
    assert "Vedtak" in case["properties"]["decision"]["description"]
    assert "Allocation" in schema["$defs"] and "KeySpec" in schema["$defs"]
    assert main(["schema", "register"]) == 0
    assert "Membership" in json.loads(capsys.readouterr().out)["$defs"]


def test_allocate_prints_the_2022_table_and_its_explanation(capsys):
    assert main(["allocate", str(CASES / "2022" / "2022-03-09-rekom.yaml"), "--explain"]) == 0
    out = capsys.readouterr().out
    assert "Midtre Namdal" in out and "91 484" in out and "11 588 000" in out
    assert "Midtre Namdal: Likt per kommune (10 %): 3 av 38 kommuner = 3/38" in out.replace("\u00a0", " ")


def test_allocate_without_allocation_is_a_clean_error(capsys):
    assert main(["allocate", str(CASES / "2022" / "2022-01-13-rekom.yaml")]) == 1
    assert capsys.readouterr().err.startswith("error: ")


def test_archive_refuses_a_document_without_its_pdf_and_stays_empty(tmp_path: Path, capsys):
    list(build(BuildConfig(CASES, tmp_path / "build", ("agenda",), meetings=("2022-01-13-rekom",))))
    assert main(["archive", "--out", str(tmp_path / "build"), "--archive", str(tmp_path / "archive"), "2022-01-13-rekom"]) == 1
    assert "innkalling.docx: no PDF/A beside it" in capsys.readouterr().err
    assert not (tmp_path / "archive" / "2022-01-13-rekom").exists()


def test_unknown_meeting_is_a_clean_error(tmp_path: Path, capsys):
    assert main(["build", "minutes", "--cases", str(CASES), "--out", str(tmp_path), "--meeting", "2099-01-01-x"]) == 1
    assert "no meeting '2099-01-01-x'" in capsys.readouterr().err
