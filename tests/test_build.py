"""The minutes of the bundled meetings: golden outlines, Word properties, LibreOffice, atomic builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from rekom_docs.build import BuildConfig, build
from rekom_docs.errors import RekomError
from rekom_docs.word.outline import outline
from tests.conftest import apertium_or_skip, soffice_or_skip
from tests.paths import EXAMPLES as EXAMPLES_DIR
from tests.paths import FIXTURE_TEMPLATES
from tests.paths import GOLDEN as GOLDEN_DIR
from tests.paths import ROOT as ROOT_DIR

ROOT = ROOT_DIR
CASES = ROOT / "cases"
GOLDEN = GOLDEN_DIR / "documents"
MEETINGS = sorted(p.stem for p in CASES.rglob("*.yaml") if p.name != "register.yaml" and not p.name.endswith(".nn.yaml"))
KINDS = ("minutes", "agenda", "letters")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Every document of every bundled meeting, in each forum's own standard and in nynorsk (nn/)."""
    out = tmp_path_factory.mktemp("build")
    list(build(BuildConfig(CASES, out, KINDS, templates=(FIXTURE_TEMPLATES,))))
    list(build(BuildConfig(CASES, out, KINDS, templates=(FIXTURE_TEMPLATES,), lang="nn")))
    return out


def _documents() -> list[str]:
    """The golden files there are, as paths relative to the build folder."""
    return sorted(str(p.relative_to(GOLDEN).with_suffix(".docx")) for p in GOLDEN.rglob("*.txt"))


def test_every_bundled_meeting_is_bundled():
    assert len(MEETINGS) >= 4
    assert {"2022-01-13-rekom", "2022-03-09-rekom", "2024-01-11-kompetanseloftet"} <= set(MEETINGS)


def test_every_built_document_has_a_golden_file(built: Path, update_golden: bool):
    docs = sorted(str(p.relative_to(built)) for p in built.rglob("*.docx"))
    if update_golden:
        for rel in docs:
            golden = GOLDEN / Path(rel).with_suffix(".txt")
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(outline(built / rel), encoding="utf-8")
    assert docs == _documents(), "run pytest --update-golden and read the new golden files"
    kinds = {Path(rel).name for rel in docs}
    assert {"referat.docx", "innkalling.docx", "innstilling.docx"} <= kinds
    assert any(rel.startswith(f"{m}/nn/") for rel in docs for m in MEETINGS)


@pytest.mark.parametrize("document", _documents())
def test_document_matches_golden_outline(built: Path, document: str):
    golden = GOLDEN / Path(document).with_suffix(".txt")
    assert outline(built / document) == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("meeting", MEETINGS)
@pytest.mark.parametrize("lang, folder, title, author", [("nb-NO", "", "Referat fra ", "Statsforvalteren i Trøndelag"),
                                                          ("nn-NO", "nn", "Referat frå ", "Statsforvaltaren i Trøndelag")])
def test_minutes_are_a4_norwegian_with_properties(built: Path, meeting: str, lang: str, folder: str, title: str, author: str):
    doc = Document(str(built / meeting / folder / "referat.docx"))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert default.get(qn("w:val")) == lang
    props = doc.core_properties
    assert title in props.title  # an incomplete record starts with its marking ("Utkast: Referat fra ...")
    assert props.author == author
    assert props.language == lang
    assert props.created is not None


def test_every_document_passes_the_accessibility_lint(built: Path):
    from rekom_docs.publish.lint import lint_docx

    problems = {str(p.relative_to(built)): lint_docx(p) for p in built.rglob("*.docx")}
    assert len(problems) > 40
    assert {k: v for k, v in problems.items() if v} == {}


def test_recommendation_has_chart_with_alt_text_and_table(built: Path):
    doc = Document(str(built / "2024-03-07-rekom" / "innstilling.docx"))
    descriptions = [pr.get("descr") for pr in doc.element.body.iter(qn("wp:docPr"))]
    assert len(descriptions) == 1 and "Trondheim/Malvik" in descriptions[0]
    text = outline(built / "2024-03-07-rekom" / "innstilling.docx")
    assert "| Trondheim/Malvik | >1 576 009 | >5 150 000 | >6 726 009 |" in text.replace("\u00a0", " ")
    assert "[Caption] Figur 1. Innstilling 2024: fordelingen per mottaker (i 1 000 kr)" in text.replace("\u00a0", " ")
    assert "[Caption] Tabell 1. " in text and "Tabell 2. " in text  # captions numbered in document order


def test_recipient_letters_state_their_own_amounts(built: Path):
    text = outline(built / "2024-03-07-rekom" / "brev" / "fosen.docx").replace("\u00a0", " ")
    assert "| Koordinering | >100 000 |" in text
    assert "| Kollektive tiltak: nettverkets del | >88 805 |" in text
    assert "| DMMH | >790 000 |" in text
    assert "| Sum | >188 805 |" in text
    assert "| Tilretteleggingsmidler: Fosen, Malvik/Trondheim og Gauldal | >420 000 |" in text


def test_university_partner_letter_names_every_line_for_it(built: Path):
    text = outline(built / "2024-03-07-rekom" / "brev" / "dmmh.docx").replace("\u00a0", " ")
    for line in ("| Kollektive tiltak, i partnerskap med nettverkene | >10 045 210 |",
                 "| Prosjekt kompetansenettverk: koordinering hos DMMH | >1 100 000 |",
                 "| Menn i barnehagen (MIB) | >150 000 |", "| Sum | >11 295 210 |"):
        assert line in text


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


def test_decisions_are_set_apart_in_one_frame(built: Path):
    doc = Document(str(built / "2024-01-11-kompetanseloftet" / "referat.docx"))
    frame_id = doc.styles["Vedtaksramme"].style_id
    blocks = list(doc.element.body.iterchildren())
    headings = [i for i, b in enumerate(blocks) if b.tag == qn("w:p") and "".join(t.text for t in b.iter(qn("w:t"))) == "Vedtak"]
    assert len(headings) == 4  # cases 2/2024 to 5/2024 have a decision
    for i in headings:
        frame = blocks[i + 1]
        assert frame.tag == qn("w:tbl") and frame.tblPr.style == frame_id, f"the decision after block {i} is not framed"
        assert len(frame.findall(f".//{qn('w:tc')}")) == 1  # one frame, numbered items and all
    listed = [b for i in headings for b in blocks[i + 1].iter(qn("w:numPr"))]
    assert listed, "a numbered decision keeps its numbering inside the frame"


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


def test_an_inaccessible_document_is_never_published(tmp_path: Path):
    out = tmp_path / "build"
    broken = tmp_path / "templates"
    broken.mkdir()
    doc = Document(str(ROOT / "templates" / "referat.docx"))
    doc.add_paragraph("", style="Heading 3")  # an empty heading: a screen reader announces nothing
    doc.save(str(broken / "referat.docx"))
    with pytest.raises(RekomError, match="not accessible:\n  an empty level-3 heading"):
        list(build(BuildConfig(CASES, out, kinds=("minutes",), templates=(broken,))))
    assert not list(out.rglob("referat.docx"))


def test_libreoffice_converts_every_built_document(built: Path):
    soffice_or_skip()
    from rekom_docs.publish.pdf import make_pdfs

    docs = sorted(built.rglob("*.docx"))
    result = make_pdfs(built)
    assert len(result.written) == len(docs) and not result.failed
    assert all(d.with_suffix(".pdf").stat().st_size > 5000 for d in docs)


def test_cli_kinds_are_the_documents_there_are():
    from rekom_docs.commands.build import KINDS
    from rekom_docs.present import DOCUMENTS

    assert sorted(KINDS) == sorted(DOCUMENTS)


def test_each_recipient_letter_uses_its_own_written_standard(tmp_path: Path):
    """In the example register Midtre Namdal writes nynorsk; the forum and the others bokmål."""
    from docx.oxml.ns import qn as _qn

    apertium_or_skip()  # the example has no translation file: its nynorsk letter is translated on the fly

    cases = EXAMPLES_DIR / "valid" / "alloc-waterfall-keys"
    list(build(BuildConfig(cases, tmp_path, ("letters",), templates=(FIXTURE_TEMPLATES,))))

    folder = tmp_path / "2024-03-14-rekom"

    def language(path: Path) -> str:
        rpr = Document(str(path)).styles.element.find(_qn("w:docDefaults")).find(_qn("w:rPrDefault")).find(_qn("w:rPr"))
        return rpr.find(_qn("w:lang")).get(_qn("w:val"))

    assert language(folder / "brev" / "midtre-namdal.docx") == "nn-NO"
    assert language(folder / "brev" / "fosen.docx") == "nb-NO"
    assert language(folder / "innstilling.docx") == "nb-NO"
    nynorsk = outline(folder / "brev" / "midtre-namdal.docx")
    assert "delen til nettverket" in nynorsk and "Med helsing" in nynorsk
