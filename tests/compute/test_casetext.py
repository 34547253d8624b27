"""Case texts filled in without Jinja (plain register lookups) come out exactly as Jinja renders them."""

from __future__ import annotations

from functools import lru_cache

import pytest

from rekom_docs.build import checked_project
from rekom_docs.compute import meeting_prose
from rekom_docs.compute.casetext import OUTPUT_LIMIT, UnknownReference, _compiled, case_texts, expand, text_context
from rekom_docs.compute.lookups import filled_in
from rekom_docs.jinja import MAX_OUTPUT, render_budget
from rekom_docs.model import translations as store
from tests.paths import ROOT


@lru_cache(maxsize=1)
def _project():
    return checked_project(ROOT / "cases")


def _jinja(text: str, context: dict) -> str:
    with render_budget():
        return _compiled(text).render(context)


def _quick(text: str, context: dict) -> str | None:
    return filled_in(text, context, OUTPUT_LIMIT)


def _bundled_texts() -> list[tuple[str, str, dict]]:
    """Every bokmål and nynorsk case text of the bundled meetings, with the context it is rendered in."""
    project = _project()
    found = []
    for item in project.meetings:
        context = text_context(project.registers, figures=meeting_prose(item))
        found += [(f"{item.id} {path}", text, context) for path, text in case_texts(item.meeting)]
        path = store.translation_path(item.path)
        if path.is_file():
            found += [(f"{item.id} nn {key}", entry.nn, context) for key, entry in store.load(path).entries.items()]
    return found


def test_every_bundled_text_filled_in_without_jinja_reads_as_jinja_renders_it():
    braced = [(where, text, context) for where, text, context in _bundled_texts() if "{" in text]
    quick = [(where, text, context) for where, text, context in braced if _quick(text, context) is not None]
    assert len(quick) == len(braced) > 40, "every bundled text is names, keys and calls"
    for where, text, context in quick:
        assert _quick(text, context) == _jinja(text, context), where


FIGURES = {"fordeling": {"total": 1_250_000, "frame": 5_000_000, "by_key": {"sats": 400_000}}}


@pytest.mark.parametrize("text", [
    'Leder: {{ person("sigrid-hovin") }}\n',
    "{{person('sigrid-hovin')}} og {{ org(\"udir\") }} i {{ network('fosen') }}.\n\n",
    'Brace after: {{ org("udir") }}}',
    "{{ kr(fordeling.total) }} kr, {{ prosent(andel(fordeling.by_key.sats, fordeling.frame)) }}",
    "{{ fordeling.total }} og {{\n  kr( fordeling . frame )\n}}",
])
def test_names_and_calls_match_jinja_to_the_character(text):
    context = text_context(_project().registers, figures=FIGURES)
    assert _quick(text, context) == _jinja(text, context) != text


@pytest.mark.parametrize("text", [
    'a {{- org("udir") }}',  # whitespace control
    'a {{ org("udir") }}\r\nb',  # Jinja makes the carriage return a newline
    '{{{ org("udir") }}',  # a brace beside a lookup
    '{{ org("udir") }} {{ kr(1000) }}',  # another expression
    '{# note #}{{ org("udir") }}',
    '{{ org("udir") | upper }}',
    '{{ unknown("udir") }}',
    "{{ kr(fordeling.missing) }}",  # Jinja names what is undefined
    "{{ fordeling.by_key.items }}",  # a dict's method, as Jinja reads it
    '{{ fordeling["total"] }}',
    "{{ kr(fordeling.total,) }}",
    "{{ range(3) }}",  # a Jinja global, not in the context
    '{{ person("nobody") }} {{ kr( }}',  # Jinja refuses to compile it before calling anything
])
def test_anything_but_names_keys_and_calls_goes_to_jinja(text):
    context = text_context(_project().registers, figures=FIGURES)
    assert _quick(text, context) is None
    try:
        expected = _jinja(text, context)
    except Exception as exc:  # the same error either way
        with pytest.raises(type(exc)):
            expand(text, context)
    else:
        assert expand(text, context) == expected


def test_an_unknown_id_raises_the_same_error_with_or_without_jinja():
    context = text_context(_project().registers)
    text = 'Hilsen {{ person("sigrid-hovn") }}'
    with pytest.raises(UnknownReference) as quick:
        expand(text, context)
    with pytest.raises(UnknownReference) as slow:
        _jinja(text, context)
    assert str(quick.value) == str(slow.value)
    assert "did you mean 'sigrid-hovin'" in str(quick.value)


def test_the_output_limit_is_jinjas():
    assert OUTPUT_LIMIT == MAX_OUTPUT
