"""The closing of every letter template stays together: no page holds the signature or the copy line alone."""

from __future__ import annotations

import pytest
from docx import Document

from rekom_docs.word.starter import labels
from rekom_docs.word.starter.documents import TEMPLATES
from tests.paths import FIXTURE_TEMPLATES, ROOT

SETS = [ROOT / "templates", ROOT / "templates" / "nn", FIXTURE_TEMPLATES, FIXTURE_TEMPLATES / "nn"]


def _paragraphs(doc) -> list[tuple[str, bool]]:
    """(text, keep with next) of each body paragraph, as the template has it."""
    return [(p.text, bool(p.paragraph_format.keep_with_next) or bool(p.style.paragraph_format.keep_with_next))
            for p in doc.paragraphs]


def _documents():
    for folder in SETS:
        for name in ("brev", "innstilling"):
            yield f"{folder.relative_to(ROOT)}/{name}", Document(str(folder / f"{name}.docx"))
    for lang, words in labels().items():
        for name in ("brev", "innstilling"):
            yield f"starter {lang}/{name}", TEMPLATES[name](words)


@pytest.mark.parametrize("where, doc", list(_documents()), ids=lambda v: v if isinstance(v, str) else "")
def test_the_greeting_signature_and_approval_line_keep_with_the_copy_line(where, doc):
    paras = _paragraphs(doc)
    greeting = next(i for i, (text, _) in enumerate(paras) if text.startswith("Med h"))
    copy = next(i for i, (text, _) in enumerate(paras) if "{{ copy_to }}" in text)
    shown = [(text, keep) for text, keep in paras[greeting:copy] if not text.startswith("{%p")]
    assert any("signature.electronic" in text for text, _ in shown), where
    assert all(keep for _, keep in shown), (where, [text for text, keep in shown if not keep])


@pytest.mark.parametrize("where, doc", [(w, d) for w, d in _documents() if w.endswith("brev")],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_the_last_condition_of_a_letter_keeps_with_the_greeting(where, doc):
    texts = [text for text, _ in _paragraphs(doc)]
    keeps = [keep for _, keep in _paragraphs(doc)]
    items = [i for i, text in enumerate(texts) if text == "{{ item }}"]
    assert len(items) == 2, where  # every condition but the last, then the last
    assert not keeps[items[0]] and keeps[items[1]], where
    assert texts[items[1] - 1] == "{%p else %}" and texts[items[0] - 1] == "{%p if not loop.last %}", where


def _agendas():
    for folder in SETS:
        yield f"{folder.relative_to(ROOT)}/innkalling", Document(str(folder / "innkalling.docx"))
    for lang, words in labels().items():
        yield f"starter {lang}/innkalling", TEMPLATES["innkalling"](words)


@pytest.mark.parametrize("where, doc", list(_agendas()), ids=lambda v: v if isinstance(v, str) else "")
def test_an_agenda_case_s_head_keeps_with_what_follows_it(where, doc):
    paras = _paragraphs(doc)
    heading = next(i for i, (text, _) in enumerate(paras) if text == "{{ case.heading }}")
    head = [(text, keep) for text, keep in paras[heading:heading + 4] if not text.startswith("{%p")]
    assert [text.split(":")[1].strip() for text, _ in head[1:]] == ["{{ case.kind }}", "{{ case.presenter }}"], where
    assert all(keep for _, keep in head), (where, [text for text, keep in head if not keep])
