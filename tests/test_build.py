"""The minutes of the bundled meetings: golden outlines, Word properties, LibreOffice, atomic builds."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from rekom_docs.build import BuildConfig, build
from rekom_docs.docx_outline import outline
from rekom_docs.errors import RekomError

from .conftest import soffice_or_skip

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"
GOLDEN = Path(__file__).resolve().parent / "golden" / "referat"
MEETINGS = sorted(p.stem for p in CASES.rglob("*.yaml") if p.name != "register.yaml")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build")
    written = list(build(BuildConfig(CASES, out)))
    assert len(written) == len(MEETINGS)
    return out


def test_every_bundled_meeting_is_bundled():
    assert len(MEETINGS) >= 4
    assert {"2022-01-13-rekom", "2022-03-09-rekom", "2024-01-11-kompetanseloftet"} <= set(MEETINGS)


@pytest.mark.parametrize("meeting", MEETINGS)
def test_minutes_match_golden_outline(built: Path, meeting: str, update_golden: bool):
    actual = outline(built / meeting / "referat.docx")
    golden = GOLDEN / f"{meeting}.txt"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run pytest --update-golden and read it"
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("meeting", MEETINGS)
def test_minutes_are_a4_norwegian_with_properties(built: Path, meeting: str):
    doc = Document(str(built / meeting / "referat.docx"))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "nb-NO"
    props = doc.core_properties
    assert props.title.startswith("Referat fra ")
    assert props.author == "Statsforvalteren i Trøndelag"
    assert props.language == "nb-NO"
    assert props.created is not None


def test_headings_are_real_heading_styles_in_order(built: Path):
    doc = Document(str(built / "2024-01-11-kompetanseloftet" / "referat.docx"))
    levels = [int(p.style.name.split()[-1]) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), "a heading level is skipped"
    cases = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert cases[:5] == [c for c in cases[:5] if c.startswith("Sak ")]
    assert len(cases) == 5


def test_attendance_sentence_is_computed(built: Path):
    text = outline(built / "2024-01-11-kompetanseloftet" / "referat.docx")
    assert "Det var 10 forfall, og 4 vararepresentanter møtte. Det var 34 stemmeberettigede." in text


def test_decisions_are_set_apart(built: Path):
    doc = Document(str(built / "2024-01-11-kompetanseloftet" / "referat.docx"))
    styles = [p.style.name for p in doc.paragraphs]
    headings = [i for i, (p, s) in enumerate(zip(doc.paragraphs, styles)) if s == "Heading 3" and p.text == "Vedtak"]
    assert len(headings) == 4  # cases 2/2024 to 5/2024 have a decision
    for i in headings:
        decision = doc.paragraphs[i + 1]
        framed = decision.style.name == "Vedtak" or decision._p.pPr.find(qn("w:pBdr")) is not None
        assert framed, f"the decision after heading {i} is not set apart: {decision.style.name}"


def test_failed_build_leaves_previous_output_intact(tmp_path: Path):
    out = tmp_path / "build"
    first = list(build(BuildConfig(CASES, out)))
    before = {p: p.read_bytes() for p in first}
    broken = tmp_path / "templates"
    broken.mkdir()
    doc = Document(str(ROOT / "templates" / "referat.docx"))
    doc.add_paragraph("{{ no_such_value }}")
    doc.save(str(broken / "referat.docx"))
    with pytest.raises(RekomError, match="no_such_value"):
        list(build(BuildConfig(CASES, out, templates=(broken,))))
    assert {p: p.read_bytes() for p in first} == before
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_libreoffice_converts_every_built_document(built: Path, tmp_path: Path):
    soffice = soffice_or_skip()
    docs = sorted(built.rglob("*.docx"))
    for doc in docs:
        shutil.copy(doc, tmp_path / f"{doc.parent.name}.docx")
    result = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                             "--outdir", str(tmp_path / "pdf"), *sorted(str(p) for p in tmp_path.glob("*.docx"))],
                            capture_output=True, text=True, timeout=300)
    pdfs = sorted((tmp_path / "pdf").glob("*.pdf"))
    assert len(pdfs) == len(docs), result.stderr
    assert all(p.stat().st_size > 5000 for p in pdfs)
