"""The decision register and the follow-up register: every decision and follow-up, as DOCX, CSV and JSON."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

from rekom_docs.cli import main
from rekom_docs.commands.approve import record
from rekom_docs.present.registers import amounts
from rekom_docs.publish.lint import lint_docx

from ..lifecycle_util import CASES, copy_cases


def test_register_writes_six_files_sorted_by_year_and_number(tmp_path: Path):
    cases = copy_cases(tmp_path)
    record(cases / "2024" / "2024-01-11-kompetanseloftet.yaml", on=date(2024, 2, 1), how="godkjent per e-post 2024-02-01")
    assert main(["register", "--cases", str(cases), "--out", str(tmp_path / "reg")]) == 0
    written = sorted(p.name for p in (tmp_path / "reg").iterdir())
    assert written == ["oppfolging.csv", "oppfolging.docx", "oppfolging.json", "vedtak.csv", "vedtak.docx", "vedtak.json"]
    rows = json.loads((tmp_path / "reg" / "vedtak.json").read_text(encoding="utf-8"))
    assert [(r["year"], r["number"]) for r in rows] == sorted((r["year"], r["number"]) for r in rows) and len(rows) >= 2
    plan = next(r for r in rows if r["case"] == "4/2024")
    assert plan["status"] == "approved" and plan["approval"] == "godkjent per e-post 2024-02-01"
    assert 1_300_000 in plan["amounts"] and plan["minutes"] == "2024-01-11-kompetanseloftet/referat.docx"
    assert "{{" not in plan["decision"] and "Trondheim/Malvik" in plan["decision"]  # names expanded from the register
    with open(tmp_path / "reg" / "oppfolging.csv", encoding="utf-8") as handle:
        follow = list(csv.DictReader(handle))
    assert len(follow) == 14 and {r["status"] for r in follow} == {"open"} and follow[0]["id"] == "6-2022-1"
    assert all(lint_docx(tmp_path / "reg" / name) == [] for name in ("vedtak.docx", "oppfolging.docx"))


def test_decisions_finds_by_year_and_words(capsys):
    assert main(["decisions", "--cases", str(CASES), "--year", "2024", "--grep", "koordinering"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "2 decision(s)" and "4/2024" in out and "11/2024" in out and "2022" not in out.split("\n")[0]
    assert main(["decisions", "--cases", str(CASES), "--year", "2023"]) == 0
    assert capsys.readouterr().out.strip() == "0 decision(s)"


def test_amounts_are_read_as_whole_kroner():
    assert amounts("får 1 300 000 kr og 300\u00a0000 kr, ikke 10,8 %") == [1_300_000, 300_000]
