"""Review state of the nynorsk texts, nynorsk register forms, and the tighter bokmål markers."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from rekom_docs.build import checked_project as open_project
from rekom_docs.cli import main
from rekom_docs.model import translations as store
from rekom_docs.nynorsk.localise import nynorsk_registers
from rekom_docs.nynorsk.markers import bokmal_words
from tests.paths import ROOT

CASES = ROOT / "cases"


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    shutil.copytree(CASES, tmp_path / "cases")
    return tmp_path / "cases"


def _set_reviewed(path: Path, reviewed: bool, count: int | None = None) -> None:
    """Mark the first `count` entries (all when None) reviewed or not."""
    entries = store.load(path).entries
    marked = {k: e.model_copy(update={"reviewed": reviewed}) if count is None or i < count else e
              for i, (k, e) in enumerate(entries.items())}
    path.write_text(store.dump(marked, path.name.replace(".nn.yaml", ".yaml")), encoding="utf-8")


def test_bundled_translations_are_all_reviewed():
    assert [(p.name, k) for p in CASES.rglob("*.nn.yaml") for k, e in store.load(p).entries.items() if not e.reviewed] == []


def test_check_warns_once_per_meeting_of_unreviewed_texts(cases: Path, capsys):
    paths = sorted(cases.rglob("*.nn.yaml"))
    for path in paths:
        _set_reviewed(path, True)
    _set_reviewed(paths[0], False, 3)
    open_count = 3
    assert main(["check", str(cases)]) == 0
    lines = [l for l in capsys.readouterr().err.splitlines() if "not reviewed" in l]
    assert len(lines) == 1
    assert f"{open_count} nynorsk texts not reviewed in {paths[0].name}" in lines[0] and "warning:" in lines[0]
    assert paths[0].name in lines[0].split(":")[0]


def test_no_review_warning_when_every_text_is_reviewed(cases: Path, capsys):
    for path in cases.rglob("*.nn.yaml"):
        _set_reviewed(path, True)
    assert main(["check", str(cases)]) == 0
    assert "not reviewed" not in capsys.readouterr().err


def test_nynorsk_registers_use_nynorsk_titles_and_names():
    registers = nynorsk_registers(open_project(CASES).registers)
    assert registers.people["sigrid-hovin"].title == "seniorrådgjevar"
    assert registers.organisations["ppt-ledernettverket"].name == "PPT-leiarnettverket"
    assert open_project(CASES).registers.people["sigrid-hovin"].title == "seniorrådgiver"  # bokmål unchanged


@pytest.mark.parametrize("base", [ROOT / "templates", ROOT / "tests" / "fixtures" / "templates"])
def test_nynorsk_letterhead_names_the_sender_in_nynorsk(base: Path):
    with zipfile.ZipFile(base / "nn" / "letterhead.docx") as z:
        header = z.read("word/header1.xml").decode("utf-8")
    assert "Statsforvaltaren i Trøndelag" in header and "Statsforvalteren" not in header


def test_markers_catch_the_bokmal_the_papers_printed():
    text = ("Fordelt etter talet på kommuner innanfor pro rata-rammen; PPT-ledernettverket, "
            "seniorrådgiver, Statsforvalteren i Trøndelag, Ledelse av kollektive utviklingsprosessar.")
    assert bokmal_words(text) == ["kommuner", "rata-rammen", "PPT-ledernettverket", "seniorrådgiver",
                                  "Statsforvalteren", "Ledelse"]


def test_markers_spare_words_that_are_also_nynorsk():
    good = ("Ho deler av overskotet, og regnet stoppa. Tala stemmer. Det har blitt fleire saker; sakene er "
            "mange, og planen er klar. Ramma og kommunane, PPT-leiarnettverket og seniorrådgjevar Hovin.")
    assert bokmal_words(good) == []


def test_markers_skip_mail_and_web_addresses():
    assert bokmal_words("E-post postmottak@statsforvalteren.no, sjå https://statsforvalteren.no/kommuner.") == []
