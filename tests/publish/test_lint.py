"""The accessibility lint finds what a screen reader or an archive would miss."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from rekom_docs.cli import main
from rekom_docs.publish.lint import lint_docx
from tests.paths import ROOT as ROOT_DIR

ROOT = ROOT_DIR


def _png() -> bytes:
    """A 1x1 white PNG, made here so the test needs no image file."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def _bad_document(path: Path) -> Path:
    doc = Document()  # US Letter and no title, as python-docx makes it; the language removed too
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rpr.remove(rpr.find(qn("w:lang")))
    doc.add_paragraph("Sak 1", style="Heading 2")
    doc.add_table(rows=2, cols=2)
    doc.add_paragraph().add_run().add_picture(io.BytesIO(_png()), width=Mm(10))
    doc.save(str(path))
    return path


def test_every_problem_is_named(tmp_path: Path):
    problems = lint_docx(_bad_document(tmp_path / "bad.docx"))
    assert any("no title" in p for p in problems)
    assert any("no language" in p for p in problems)
    assert any("not A4" in p for p in problems)
    assert any("level 2 after level 0" in p for p in problems)
    assert any("table 1 has no header row" in p for p in problems)
    assert any("has no alt text" in p for p in problems)
    assert len(problems) == 6


def test_bundled_template_output_is_clean():
    assert lint_docx(ROOT / "templates" / "referat.docx") == ["the document has no title (core property 'title')"]


def test_cli_exit_status(tmp_path: Path, capsys):
    assert main(["lint-docx", str(_bad_document(tmp_path / "bad.docx"))]) == 1
    out, err = capsys.readouterr()
    assert out.count("bad.docx: ") == 6 and "6 accessibility problem(s)" in err
    assert main(["lint-docx", str(tmp_path / "missing.docx")]) == 1


def test_a_bold_line_standing_as_a_heading_is_flagged(tmp_path: Path):
    doc = Document()
    doc.add_paragraph().add_run("a) Målgruppen").bold = True
    doc.add_paragraph().add_run("Merk:").bold = True  # a lead-in, not a heading
    mixed = doc.add_paragraph()
    mixed.add_run("Dato: ").bold = True
    mixed.add_run("9. mars")
    frame = doc.add_table(rows=1, cols=1)  # a one-cell frame needs no header row
    frame.cell(0, 0).paragraphs[0].add_run("Vedtak i ramme")
    doc.save(str(tmp_path / "fake.docx"))
    problems = lint_docx(tmp_path / "fake.docx")
    assert [p for p in problems if "heading" in p] == ["'a) Målgruppen' is bold text standing as a heading: give it a Heading style"]
    assert not [p for p in problems if "table" in p]


def test_a_frame_of_several_one_cell_rows_needs_no_header_row_but_a_data_table_does(tmp_path: Path):
    doc = Document()
    doc.add_table(rows=3, cols=1)  # a decision frame: one row per paragraph
    doc.add_table(rows=2, cols=2)
    doc.save(str(tmp_path / "frames.docx"))
    problems = [p for p in lint_docx(tmp_path / "frames.docx") if "table" in p]
    assert problems == ["table 2 has no header row marked to repeat (w:tblHeader)"]
