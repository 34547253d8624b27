"""The templates as the secretariat's master: Word edits reach the build, one letterhead, a starter set, checks."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.shared import RGBColor

from rekom_docs.build import BuildConfig, build
from rekom_docs.build import checked_project as open_project
from rekom_docs.cli import main
from rekom_docs.present import documents
from rekom_docs.present.template_set import BUNDLED_TEMPLATES
from rekom_docs.word.outline import outline
from rekom_docs.word.render import render
from tests.paths import FIXTURE_TEMPLATES, ROOT

CASES = ROOT / "cases"
MEETING = "2022-03-09-rekom"


@pytest.fixture(scope="module")
def project():
    return open_project(CASES)


def template_copy(tmp_path: Path) -> Path:
    """A private copy of the frozen template set to edit."""
    folder = tmp_path / "mine"
    shutil.copytree(FIXTURE_TEMPLATES, folder)
    return folder


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def build_minutes(folder: Path, out: Path, capsys) -> Path:
    code, _, err = run(capsys, "build", "minutes", "--cases", str(CASES), "--out", str(out), "--meeting", MEETING,
                       "--templates", str(folder))
    assert code == 0, err
    return out / MEETING / "referat.docx"


def test_every_bundled_template_renders_against_every_bundled_meeting(project, tmp_path):
    """The real templates/ (not the frozen copies), every kind, both standards: each renders and passes the lint."""
    expected = {f"{item.id}/{lang + '/' if lang else ''}{doc.filename}"
                for item in project.meetings for lang in (None, "nn")
                for kind in ("minutes", "agenda", "letters") for doc in documents(item, project, kind, lang)}
    written = []
    for lang in (None, "nn"):
        written += build(BuildConfig(CASES, tmp_path, ("minutes", "agenda", "letters"), lang=lang))
    assert sorted(str(p.relative_to(tmp_path)) for p in written) == sorted(expected)
    assert len(expected) > 20
    assert all(Document(str(p)).sections[0].header.paragraphs[0].text.strip() for p in written)


def test_an_edit_made_in_word_appears_in_the_next_build(tmp_path, capsys):
    folder = template_copy(tmp_path)
    first = build_minutes(folder, tmp_path / "one", capsys)
    assert "[Heading 1] Deltakere" in outline(first)

    referat = Document(str(folder / "referat.docx"))
    [heading] = [p for p in referat.paragraphs if p.text == "Deltakere"]
    heading.runs[0].text = "Til stede"
    referat.styles["Heading 1"].font.color.rgb = RGBColor(0x8B, 0x00, 0x3A)
    referat.save(str(folder / "referat.docx"))
    letterhead = Document(str(folder / "letterhead.docx"))
    sender = letterhead.sections[0].header.paragraphs[0].runs[-1]
    sender.text = "Sekretariatet for REKOM"
    letterhead.save(str(folder / "letterhead.docx"))

    second = build_minutes(folder, tmp_path / "two", capsys)
    text = outline(second)
    assert "[Heading 1] Til stede" in text and "Deltakere" not in text
    built = Document(str(second))
    assert built.styles["Heading 1"].font.color.rgb == RGBColor(0x8B, 0x00, 0x3A)
    assert built.sections[0].header.paragraphs[0].text.endswith("Sekretariatet for REKOM")
    assert "Statsforvalteren" not in built.sections[0].header.paragraphs[0].text


def test_the_letterhead_is_shared_by_every_document(tmp_path, capsys):
    folder = template_copy(tmp_path)
    letterhead = Document(str(folder / "letterhead.docx"))
    letterhead.sections[0].footer.paragraphs[0].add_run(" – Samarbeidsforum")
    letterhead.save(str(folder / "letterhead.docx"))
    code, _, err = run(capsys, "build", "minutes", "agenda", "letters", "--cases", str(CASES), "--out", str(tmp_path / "b"),
                       "--meeting", MEETING, "--templates", str(folder))
    assert code == 0, err
    documents = list((tmp_path / "b").rglob("*.docx"))
    assert len(documents) > 5
    for path in documents:
        footer = Document(str(path)).sections[0].footer.paragraphs[0].text
        assert footer.endswith("– Samarbeidsforum"), path


def test_a_missing_style_is_a_clean_error_at_build_and_in_check(tmp_path, capsys):
    folder = template_copy(tmp_path)
    referat = Document(str(folder / "referat.docx"))
    referat.styles["Vedtak"].delete()
    referat.styles["List Number"].delete()
    referat.save(str(folder / "referat.docx"))

    code, _, err = run(capsys, "build", "minutes", "--cases", str(CASES), "--out", str(tmp_path / "b"),
                       "--meeting", MEETING, "--templates", str(folder))
    assert code == 1
    assert "referat.docx: has no style 'List Number', 'Vedtak'" in err
    assert not (tmp_path / "b" / MEETING / "referat.docx").exists()

    code, out, err = run(capsys, "templates", "check", str(folder), "--cases", str(CASES))
    assert code == 1
    assert f"{folder / 'referat.docx'}: has no style 'Vedtak'" in out
    assert f"{folder / 'referat.docx'}: has no style 'List Number'" in out
    assert "nn/referat.docx: has no style" not in out


def test_nb_and_nn_templates_that_disagree_are_located_errors(tmp_path, capsys):
    folder = template_copy(tmp_path)
    nynorsk = Document(str(folder / "nn" / "referat.docx"))
    [para] = [p for p in nynorsk.paragraphs if p.text == "{{ roster.sentence }}"]
    para._p.getparent().remove(para._p)
    nynorsk.save(str(folder / "nn" / "referat.docx"))
    code, out, _ = run(capsys, "templates", "check", str(folder), "--cases", str(CASES))
    assert code == 1
    assert (f"{folder / 'nn' / 'referat.docx'}: does not use 'roster.sentence', which {folder / 'referat.docx'} uses "
            "(body, paragraph '{{ roster.sentence }}')") in out


def test_a_tag_in_the_letterhead_is_an_error(tmp_path, capsys):
    folder = template_copy(tmp_path)
    letterhead = Document(str(folder / "letterhead.docx"))
    letterhead.sections[0].header.add_paragraph("{{ forum.name }}")
    letterhead.save(str(folder / "letterhead.docx"))
    code, out, _ = run(capsys, "templates", "check", str(folder), "--cases", str(CASES))
    assert code == 1
    assert f"{folder / 'letterhead.docx'}: header /word/header1.xml: holds the tag '{{{{ forum.name }}}}'" in out


def test_a_broken_wording_file_is_reported_by_the_check(tmp_path, capsys):
    folder = tmp_path / "words"
    folder.mkdir()
    shutil.copy(FIXTURE_TEMPLATES / "wording.nb.yaml", folder)
    nn = (FIXTURE_TEMPLATES / "wording.nn.yaml").read_text(encoding="utf-8")
    (folder / "wording.nn.yaml").write_text(nn.replace("fell: fall\n", ""), encoding="utf-8")
    code, out, err = run(capsys, "templates", "check", str(folder), "--cases", str(CASES))
    assert code == 1
    line = next(i for i, text in enumerate((folder / "wording.nb.yaml").read_text().splitlines(), 1)
                if text.startswith("fell:"))
    assert f"{folder / 'wording.nb.yaml'}:{line}:1: fell: 'fell' is missing in {folder / 'wording.nn.yaml'}" in out + err


def test_templates_init_writes_a_starter_set_that_checks_clean(tmp_path, capsys):
    folder = tmp_path / "new"
    code, out, _ = run(capsys, "templates", "init", str(folder))
    assert code == 0 and "wrote 12 files" in out
    names = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert names == ["README.md", "brev.docx", "innkalling.docx", "innstilling.docx", "letterhead.docx",
                     "nn/brev.docx", "nn/innkalling.docx", "nn/innstilling.docx", "nn/referat.docx", "referat.docx",
                     "wording.nb.yaml", "wording.nn.yaml"]
    code, out, err = run(capsys, "templates", "check", str(folder), "--cases", str(CASES))
    assert code == 0, out + err
    assert str(folder) in out or "8 template(s) checked" in out


def test_templates_init_never_overwrites(tmp_path, capsys):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "referat.docx").write_bytes(b"my own")
    code, _, err = run(capsys, "templates", "init", str(folder))
    assert code == 1 and "not an empty folder" in err
    assert (folder / "referat.docx").read_bytes() == b"my own"
    assert sorted(p.name for p in folder.iterdir()) == ["referat.docx"]


def test_nothing_in_the_repository_regenerates_the_bundled_templates():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert not (BUNDLED_TEMPLATES / "make_templates.py").exists()
    assert "templates init" not in makefile
    assert all("> templates/" not in line and "templates/*.docx" not in line.split("#")[0]
               for line in makefile.splitlines() if line.startswith("\t"))


def test_a_templates_own_header_line_follows_the_letterhead(project, tmp_path):
    """The minutes' marking (UTKAST) stays in the page header, under the shared letterhead's line."""
    item = project.meeting(MEETING)
    [doc] = documents(item, project, "minutes", None)
    doc = dataclasses.replace(doc, context=doc.context | {"marking": "UTKAST"})
    render(doc, [FIXTURE_TEMPLATES]).save(str(tmp_path / "referat.docx"))
    texts = [p.text for p in Document(str(tmp_path / "referat.docx")).sections[0].header.paragraphs]
    assert texts[0].endswith("Statsforvalteren i Trøndelag") and texts[-1] == "UTKAST"
    assert len(texts) == 2
