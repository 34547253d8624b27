"""The incremental build writes exactly the documents whose inputs changed, judged by the files it writes."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from rekom_docs.build import BuildConfig, build
from tests.paths import ROOT

MEETING = """forum: rekom
date: {date}
time: 09.00-10.00
digital: Teams
agenda:
  - case: {case}
    title: {title}
    kind: informasjonssak
{extra}"""
FOLLOW_UP = """    follow_ups:
      - what: {what}
        who: statsforvalteren
        due: 2022-02-20
"""


def _write(cases: Path, date: str, case: str, title: str = "Orientering", what: str | None = None) -> Path:
    path = cases / "2022" / f"{date}-rekom.yaml"
    extra = FOLLOW_UP.format(what=what) if what else ""
    path.write_text(MEETING.format(date=date, case=case, title=title, extra=extra), encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Three meetings of one forum: the second sets a follow-up due before the third, whose agenda lists it."""
    cases = tmp_path / "cases"
    (cases / "2022").mkdir(parents=True)
    shutil.copy(ROOT / "cases" / "register.yaml", cases)
    _write(cases, "2022-01-20", "1/2022")
    _write(cases, "2022-02-10", "2/2022", what="Sende ut rammene.")
    _write(cases, "2022-03-01", "3/2022")
    return cases


def _built(cases: Path, out: Path) -> set[str]:
    """The documents one build writes, relative to the output folder."""
    return {str(p.relative_to(out)) for p in build(BuildConfig(cases, out, ("minutes", "agenda")))}


def test_second_build_writes_nothing(tree: Path, tmp_path: Path):
    out = tmp_path / "build"
    assert len(_built(tree, out)) == 6
    up_to_date: list[str] = []
    assert list(build(BuildConfig(tree, out, ("minutes", "agenda")), up_to_date=up_to_date)) == []
    assert len(up_to_date) == 6


def test_an_edit_rebuilds_that_meeting_and_only_the_agendas_whose_follow_ups_change(tree: Path, tmp_path: Path):
    out = tmp_path / "build"
    _built(tree, out)
    _write(tree, "2022-02-10", "2/2022", title="Orientering om rammene", what="Sende ut rammene.")
    assert _built(tree, out) == {"2022-02-10-rekom/referat.docx", "2022-02-10-rekom/innkalling.docx"}
    _write(tree, "2022-02-10", "2/2022", title="Orientering om rammene", what="Sende ut de nye rammene.")
    assert _built(tree, out) == {"2022-02-10-rekom/referat.docx", "2022-02-10-rekom/innkalling.docx",
                                 "2022-03-01-rekom/innkalling.docx"}


def test_a_deleted_document_is_written_again_and_a_register_change_rebuilds_all(tree: Path, tmp_path: Path):
    out = tmp_path / "build"
    _built(tree, out)
    (out / "2022-01-20-rekom" / "referat.docx").unlink()
    assert _built(tree, out) == {"2022-01-20-rekom/referat.docx"}
    register = tree / "register.yaml"
    register.write_text(register.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert len(_built(tree, out)) == 6


def test_force_and_another_template_folder_render_again(tree: Path, tmp_path: Path):
    out = tmp_path / "build"
    _built(tree, out)
    assert len(list(build(BuildConfig(tree, out, ("minutes",), force=True)))) == 3
    mine = tmp_path / "templates"
    mine.mkdir()
    shutil.copy(ROOT / "templates" / "referat.docx", mine)
    assert len(list(build(BuildConfig(tree, out, ("minutes", "agenda"), templates=(mine,))))) == 6


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_make_all_runs_nothing_when_nothing_changed(tree: Path, tmp_path: Path):
    """`make -q` exits 0 only when every target is up to date."""
    out = tmp_path / "build"
    args = ["make", "--no-print-directory", "-C", str(ROOT), f"CASES={tree}", f"OUT={out}"]
    subprocess.run([*args, "all"], check=True, capture_output=True)
    assert (out / "2022-03-01-rekom" / "innkalling.docx").is_file()
    assert subprocess.run([*args, "-q", "all"], capture_output=True).returncode == 0
    time.sleep(1.1)  # Why: file systems keep coarse times; the edit must be newer than make's stamp
    _write(tree, "2022-01-20", "1/2022", title="Endret")
    assert subprocess.run([*args, "-q", "all"], capture_output=True).returncode == 1
    done = subprocess.run([*args, "all"], check=True, capture_output=True, text=True).stdout
    written = sorted("/".join(Path(line).parts[-2:]) for line in done.splitlines() if line.startswith("wrote "))
    assert written == ["2022-01-20-rekom/innkalling.docx", "2022-01-20-rekom/referat.docx"]
