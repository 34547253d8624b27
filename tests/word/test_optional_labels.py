"""Letter labels whose value may be empty ("Deres dato", "Deres referanse") are left out with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from rekom_docs.word.starter import labels
from rekom_docs.word.starter.documents import TEMPLATES
from tests.paths import ROOT

SETS = [ROOT / "templates", ROOT / "tests" / "fixtures" / "templates"]
FILES = [Path(name) for name in ("brev.docx", "innstilling.docx", "nn/brev.docx", "nn/innstilling.docx")]


def _guarded(paragraphs: list[str], value: str) -> bool:
    """Whether the line printing `value` sits inside `{%p if value %}` ... `{%p endif %}`."""
    i = next(i for i, text in enumerate(paragraphs) if f"{{{{ {value} }}}}" in text)
    return paragraphs[i - 1] == f"{{%p if {value} %}}" and paragraphs[i + 1] == "{%p endif %}"


@pytest.mark.parametrize("folder", SETS)
@pytest.mark.parametrize("name", FILES)
def test_committed_templates_omit_an_empty_reference(folder: Path, name: Path):
    paragraphs = [p.text for p in Document(str(folder / name)).paragraphs]
    assert _guarded(paragraphs, "their_date")
    assert _guarded(paragraphs, "their_reference")


@pytest.mark.parametrize("lang", ["nb", "nn"])
@pytest.mark.parametrize("name", ["brev", "innstilling"])
def test_starter_templates_omit_an_empty_reference(lang: str, name: str):
    paragraphs = [p.text for p in TEMPLATES[name](labels()[lang]).paragraphs]
    assert _guarded(paragraphs, "their_date")
    assert _guarded(paragraphs, "their_reference")


@pytest.mark.parametrize("folder", SETS)
@pytest.mark.parametrize("name", ["referat.docx", "nn/referat.docx"])
def test_minutes_print_what_is_missing_without_a_marking(folder: Path, name: str):
    paragraphs = [p.text for p in Document(str(folder / name)).paragraphs]
    assert _guarded(paragraphs, "record.missing")
