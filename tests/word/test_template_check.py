"""`rekom-docs templates check`: template tags against the shape of the data, before rendering."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from rekom_docs.build import checked_project as open_project
from rekom_docs.cli import main
from rekom_docs.present.template_set import BUNDLED_TEMPLATES
from rekom_docs.word.template_check import check_shapes, data_shapes, shape_of, show
from rekom_docs.word.template_rules import check_set
from tests.paths import FIXTURE_TEMPLATES
from tests.paths import ROOT as ROOT_DIR

ROOT = ROOT_DIR
CASES = ROOT / "cases"


@pytest.fixture(scope="module")
def project():
    return open_project(CASES)


@pytest.fixture(scope="module")
def shapes(project):
    """The data's shapes, computed once: the views are the slow part."""
    found, warnings = data_shapes(project)
    assert warnings == []
    return found


def referat_with(folder: Path, *paragraphs: str, drop: str | None = None, after: str | None = None,
                 lang: str = "nb") -> Path:
    """A copy of the bundled referat.docx in `folder` with paragraphs added at the end or `after` the one
    holding that text, and the one holding `drop` removed."""
    target = folder / ("referat.docx" if lang == "nb" else f"{lang}/referat.docx")
    target.parent.mkdir(parents=True, exist_ok=True)
    doc = Document(str(FIXTURE_TEMPLATES / target.relative_to(folder)))
    if drop:
        [para] = [p for p in doc.paragraphs if drop in p.text]
        para._p.getparent().remove(para._p)
    anchor = next(p for p in doc.paragraphs if after in p.text) if after else None
    for text in reversed(paragraphs) if anchor else paragraphs:
        added = doc.add_paragraph(text)
        if anchor is not None:
            anchor._p.addnext(added._p)
    doc.save(str(target))
    return target


def findings_for(shapes, folder: Path, file: Path):
    found, _ = check_shapes(shapes, [folder, FIXTURE_TEMPLATES])
    return [f for f in found if f.file == str(file)]


def test_bundled_templates_check_clean(project):
    found, checked = check_set(project, [BUNDLED_TEMPLATES])
    assert [str(f) for f in found if f.is_error] == []
    names = {str(p.relative_to(BUNDLED_TEMPLATES)) for p in checked}
    assert {"referat.docx", "nn/referat.docx", "innkalling.docx", "nn/innkalling.docx"} <= names


def test_misspelt_tag_is_an_error_with_a_suggestion(shapes, tmp_path, capsys):
    file = referat_with(tmp_path, "{{ case.headline }}", after="{{ case.heading }}")
    errors = [str(f) for f in findings_for(shapes, tmp_path, file) if f.is_error]
    assert errors == [f"{file}: body, paragraph '{{{{ case.headline }}}}': uses 'case.headline' which the data does not have (did you mean 'case.heading'?)"]
    assert main(["templates", "check", "--templates", str(tmp_path), "--cases", str(CASES)]) == 1
    captured = capsys.readouterr()
    assert errors[0] in captured.out
    assert "1 error(s)" in captured.err


def test_dropped_field_is_a_warning(shapes, tmp_path):
    file = referat_with(tmp_path, drop="{{ roster.sentence }}")
    found = findings_for(shapes, tmp_path, file)
    assert [str(f) for f in found] == [f"{file}: warning: 'roster.sentence' is available but not used"]


def test_tags_in_a_loop_are_resolved_against_the_list_items(shapes, tmp_path):
    file = referat_with(tmp_path, "{%p for group in roster.groups %}", "{{ group.names }} {{ group.organsation }}",
                        "{%p endfor %}", "{{ roster.groups.names }}", lang="nn")
    errors = [f.message for f in findings_for(shapes, tmp_path, file) if f.is_error]
    assert errors == [
        "body, paragraph '{{ group.names }} {{ group.organsation }}': "
        "uses 'group.organsation' which the data does not have (did you mean 'group.organisation'?)",
        "body, paragraph '{{ roster.groups.names }}': uses 'roster.groups.names' but 'roster.groups' is a list: loop over it ({%p for item in roster.groups %})",
    ]


def test_a_loop_variable_is_unknown_after_the_loop(shapes, tmp_path):
    file = referat_with(tmp_path, "{%p for case in cases %}", "{%p endfor %}", "{{ case.heading }}")
    errors = [f.message for f in findings_for(shapes, tmp_path, file) if f.is_error]
    assert errors == ["body, paragraph '{{ case.heading }}': uses 'case.heading' which the data does not have "
                      "(did you mean 'cases'?)"]


def test_guarded_and_method_uses_are_not_errors(shapes, tmp_path):
    file = referat_with(tmp_path, "{{ meeting.date.upper() }} {{ forum.motto|default('') }}",
                        "{%p if meeting.motto is defined %}", "{%p endif %}", "{% set first = cases|first %}{{ first.heading }}")
    assert [f for f in findings_for(shapes, tmp_path, file) if f.is_error] == []


def test_syntax_error_is_reported_cleanly(tmp_path, capsys):
    file = referat_with(tmp_path, "{{ case.heading }")
    assert main(["templates", "check", "--templates", str(tmp_path), "--cases", str(CASES)]) == 1
    out = capsys.readouterr().out
    assert f"{file}: template syntax error in the body: unexpected '}}' (near: '{{{{ case.heading }}')" in out
    assert "Traceback" not in out
    assert "available but not used" not in out.split(str(file))[-1].splitlines()[0]


def test_a_missing_template_names_where_it_looked(shapes, tmp_path):
    shutil.copy(FIXTURE_TEMPLATES / "referat.docx", tmp_path / "referat.docx")
    found, _ = check_shapes(shapes, [tmp_path])
    missing = [str(f) for f in found if f.file == "nn/referat.docx"]
    assert missing == [f"nn/referat.docx: no template for the minutes (nynorsk); looked in: {tmp_path}"]


def test_shape_is_the_union_of_the_contexts():
    shape = shape_of({"cases": [{"heading": "a"}], "note": None})
    shape_of({"cases": [], "note": "text"}, shape)
    assert [show(p) for p in shape] == ["", "cases", "cases[]", "cases[].heading", "note"]
    assert shape[("note",)] == {"none", "text"}
