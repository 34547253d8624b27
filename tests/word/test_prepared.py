"""A template prepared once per file: the same documents, byte for byte, with less work per document."""

from __future__ import annotations

import io
import shutil
import time
from pathlib import Path

import pytest
from docx import Document
from jinja2 import TemplateSyntaxError

from rekom_docs.build import checked_project
from rekom_docs.jinja import COMPILED, LimitedEnvironment, word_env
from rekom_docs.present import documents
from rekom_docs.present.template_set import BUNDLED_TEMPLATES
from rekom_docs.word import package, prepared
from rekom_docs.word.render import render
from tests.paths import ROOT


@pytest.fixture(scope="module")
def minutes():
    project = checked_project(ROOT / "cases")
    return documents(project.meeting("2024-01-11-kompetanseloftet"), project, "minutes", None)[0]


def _styles_part(document):
    return next(p for p in document.part.package.parts if p.partname == "/word/styles.xml")


def test_a_rendered_document_is_the_zip_python_docx_writes(minutes, monkeypatch):
    reused = []
    write_deflated = package._write_deflated
    monkeypatch.setattr(package, "_write_deflated", lambda zip_, name, stored: reused.append(name) or
                        write_deflated(zip_, name, stored))
    fixed = time.struct_time((*package.ZIP_TIME, 0, 1, -1))
    monkeypatch.setattr(time, "localtime", lambda *args: fixed)  # python-docx dates entries by the clock
    tpl = render(minutes, [BUNDLED_TEMPLATES])
    ours, theirs = io.BytesIO(), io.BytesIO()
    tpl.save(ours)
    tpl.docx.save(theirs)
    assert ours.getvalue() == theirs.getvalue()
    assert {"word/styles.xml", "word/stylesWithEffects.xml", "word/theme/theme1.xml"} <= set(reused)
    assert "word/document.xml" not in reused


def test_styles_are_parsed_only_when_read_and_saved_as_loaded(minutes):
    tpl = render(minutes, [BUNDLED_TEMPLATES])
    part = _styles_part(tpl.docx)
    assert isinstance(part, prepared._LazyStylesPart) and part._parsed is None  # rendering did not need them
    loaded = part.blob
    assert tpl.docx.styles["Normal"].name == "Normal"  # reading them parses them
    assert part._parsed is not None and part.blob == loaded  # python-docx's XML gives back the same bytes


def test_documents_opened_elsewhere_get_python_docx_s_own_styles_part():
    document = Document(str(BUNDLED_TEMPLATES / "referat.docx"))
    assert type(_styles_part(document)).__name__ == "StylesPart"


def test_a_template_edited_on_disk_is_prepared_again(tmp_path: Path):
    path = tmp_path / "referat.docx"
    shutil.copy(BUNDLED_TEMPLATES / "referat.docx", path)
    first = prepared.open_template(path, None)._prepared
    assert prepared.open_template(path, None)._prepared is first  # unchanged: prepared once
    document = Document(str(path))
    document.add_paragraph("Lagt til i Word.")
    document.save(str(path))
    again = prepared.open_template(path, None)._prepared
    body = next(part.blob for part in again.reader._sparts if part.partname == "/word/document.xml")
    assert again is not first and b"Lagt til i Word." in body


def test_a_word_template_part_is_compiled_once_per_source():
    env = word_env()
    assert env is word_env()  # one environment per process, so its compiled parts serve every document
    source = "<w:t>{{ navn }}</w:t>"
    assert env.from_string(source) is env.from_string(source)
    assert env.from_string(source).render(navn="Å & B") == "<w:t>Å &amp; B</w:t>"


def test_the_compiled_parts_are_bounded_and_a_refused_source_is_refused_every_time():
    env = LimitedEnvironment(autoescape=True)
    for n in range(COMPILED + 5):
        env.from_string(f"{{{{ a }}}} {n}")
    assert len(env._compiled) == COMPILED
    for _ in range(2):
        with pytest.raises(TemplateSyntaxError):
            env.from_string("{{ a.__class__ }}")
