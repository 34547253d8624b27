"""The archive: append-only sets per meeting, draft minutes and stale PDFs refused, atomic, verifiable."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from rekom_docs.archive import store
from rekom_docs.build import BuildConfig, build
from rekom_docs.cli import main
from rekom_docs.commands.approve import record
from rekom_docs.publish.pdf import make_pdfs

from ..conftest import soffice_or_skip
from ..lifecycle_util import copy_cases

MEETING = "2022-01-13-rekom"


def _build(cases: Path, out: Path) -> None:
    list(build(BuildConfig(cases, out, ("minutes", "agenda"), meetings=(MEETING,))))
    make_pdfs(out)


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """A case tree and its built papers (draft minutes), and a second build after approval."""
    soffice_or_skip()
    tmp = tmp_path_factory.mktemp("made")
    cases = copy_cases(tmp)
    _build(cases, tmp / "draft")
    record(cases / "2022" / f"{MEETING}.yaml", on=date(2022, 3, 9), how="godkjent i møtet 2022-03-09", by="REKOM")
    _build(cases, tmp / "approved")
    return tmp


@pytest.fixture
def work(made: Path, tmp_path: Path) -> Path:
    """A private copy: cases (approved), build (the draft build) and an empty archive beside them."""
    shutil.copytree(made / "cases", tmp_path / "cases")
    shutil.copytree(made / "draft", tmp_path / "build")
    return tmp_path


def _archive(work: Path, *extra: str) -> int:
    return main(["archive", MEETING, "--cases", str(work / "cases"), "--out", str(work / "build"),
                 "--archive", str(work / "archive"), *extra])


def _manifest(work: Path) -> dict:
    return json.loads((work / "archive" / MEETING / "manifest.json").read_text(encoding="utf-8"))


def _unapprove(work: Path) -> None:
    path = work / "cases" / "2022" / f"{MEETING}.yaml"
    path.write_text(path.read_text(encoding="utf-8").split("approval:")[0], encoding="utf-8")


def test_draft_minutes_are_left_out_and_the_agenda_goes_in_read_only_with_hashes_and_noark_metadata(work: Path, capsys):
    _unapprove(work)
    assert _archive(work) == 0
    assert "left out" in capsys.readouterr().out
    manifest = _manifest(work)
    names = sorted(d["fil"] for d in manifest["dokumenter"])
    assert names == ["innkalling.docx", "innkalling.pdf"]
    for entry in manifest["dokumenter"] + manifest["kilder"]:
        path = work / "archive" / MEETING / entry["fil"]
        assert store.sha256(path) == entry["sha256"] and path.stat().st_mode & 0o777 == 0o444
    assert {k.split("-", 1)[1] for k in (e["fil"] for e in manifest["kilder"])} == {f"{MEETING}.yaml", "register.yaml"}
    assert manifest["møte"]["utvalg"] == "Samarbeidsforum REKOM" and manifest["møte"]["møtedato"] == "2022-01-13"
    assert manifest["møte"]["møtenummer"] == "1/2022" and manifest["saker"][0]["saksnummer"] == "1/2022"
    pdf = next(d for d in manifest["dokumenter"] if d["fil"] == "innkalling.pdf")
    assert (pdf["dokumenttype"], pdf["variantformat"], pdf["format"]) == ("Møteinnkalling", "Arkivformat", "PDF/A-2b")


def test_again_is_a_no_op_and_the_approved_minutes_are_added_later(work: Path, made: Path, capsys):
    _unapprove(work)
    assert _archive(work) == 0
    first = os.readlink(work / "archive" / MEETING)
    assert _archive(work) == 0 and os.readlink(work / "archive" / MEETING) == first
    assert "nothing new" in capsys.readouterr().out
    shutil.copytree(made / "cases", work / "cases", dirs_exist_ok=True)  # approved again
    shutil.rmtree(work / "build")
    shutil.copytree(made / "approved", work / "build")
    assert _archive(work) == 0
    names = sorted(d["fil"] for d in _manifest(work)["dokumenter"])
    assert names == ["innkalling.docx", "innkalling.pdf", "referat.docx", "referat.pdf"]  # the agenda built again is the same
    assert main(["archive", "verify", "--archive", str(work / "archive")]) == 0


def test_a_changed_document_is_refused_unless_a_new_version_is_asked_for_and_then_both_are_kept(work: Path, made: Path):
    shutil.rmtree(work / "build")
    shutil.copytree(made / "approved", work / "build")
    assert _archive(work) == 0
    before = os.readlink(work / "archive" / MEETING)
    _rebuild_with_a_correction(work)
    assert _archive(work) == 1 and os.readlink(work / "archive" / MEETING) == before
    assert _archive(work, "--new-version") == 0
    minutes = [d for d in _manifest(work)["dokumenter"] if d["navn"] == "referat.docx"]
    assert [(d["fil"], d["versjon"]) for d in minutes] == [("referat.docx", 1), ("referat.v2.docx", 2)]
    assert len({d["sha256"] for d in minutes}) == 2 and (work / "archive" / MEETING / "referat.docx").is_file()


def _rebuild_with_a_correction(work: Path) -> None:
    path = work / "cases" / "2022" / f"{MEETING}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Aktuelt", "title: Aktuelt og nytt", 1), encoding="utf-8")
    record(path, on=date(2022, 3, 20), how="godkjent per e-post", correction="Rettet tittelen på sak 1/2022")
    _build(work / "cases", work / "build")


def test_a_pdf_older_than_its_docx_is_refused_and_nothing_is_archived(work: Path, made: Path, capsys):
    docx = work / "build" / MEETING / "innkalling.docx"
    pdf = docx.with_suffix(".pdf")
    os.utime(docx, ns=(pdf.stat().st_mtime_ns + 10**9,) * 2)
    assert _archive(work) == 1
    assert "innkalling.pdf is older than its DOCX" in capsys.readouterr().err
    assert not (work / "archive" / MEETING).exists()


def test_verify_names_a_changed_file(work: Path, capsys):
    assert _archive(work) == 0
    target = (work / "archive" / MEETING / "innkalling.docx").resolve()
    target.chmod(0o644)
    target.write_bytes(target.read_bytes() + b"x")
    assert main(["archive", "verify", "--archive", str(work / "archive")]) == 1
    assert "innkalling.docx: changed" in capsys.readouterr().out


def test_a_crash_while_staging_leaves_the_old_set(work: Path, monkeypatch):
    _unapprove(work)
    assert _archive(work) == 0
    before = os.readlink(work / "archive" / MEETING)
    record(work / "cases" / "2022" / f"{MEETING}.yaml", on=date(2022, 3, 9), how="godkjent", by="REKOM")
    _build(work / "cases", work / "build")

    def crash(*args):
        raise KeyboardInterrupt
    monkeypatch.setattr(store, "_swap_link", crash)
    with pytest.raises(KeyboardInterrupt):
        _archive(work)
    assert os.readlink(work / "archive" / MEETING) == before
    assert main(["archive", "verify", "--archive", str(work / "archive")]) == 0
    monkeypatch.undo()
    assert _archive(work) == 0 and not list((work / "archive").glob(".stage-*"))


def test_a_closed_pipe_still_archives_the_whole_set(work: Path, made: Path):
    shutil.rmtree(work / "build")
    shutil.copytree(made / "approved", work / "build")
    command = (f"{sys.executable} -m rekom_docs archive {MEETING} --cases {work / 'cases'} --out {work / 'build'} "
               f"--archive {work / 'archive'} | head -1")
    subprocess.run(command, shell=True, check=True, capture_output=True)
    assert len(_manifest(work)["dokumenter"]) == 4
    assert main(["archive", "verify", "--archive", str(work / "archive")]) == 0


def test_an_archive_inside_the_build_folder_is_refused(work: Path, capsys):
    assert main(["archive", MEETING, "--cases", str(work / "cases"), "--out", str(work / "build"),
                 "--archive", str(work / "build" / "archive")]) == 1
    assert "inside the build folder" in capsys.readouterr().err
