"""Case texts: Markdown that may refer to registered names and computed figures.

Why: a name or figure typed into prose drifts from the register and the tables. Case
Markdown is a Jinja template run in a sandbox, so a case file can read values
(`{{ person("kari-nordmann") }}`, `{{ kr(fordeling.total) }}`,
`{{ prosent(andel(a, b)) }}`) but never run code.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from fractions import Fraction
from functools import lru_cache
from typing import Any

from ..errors import Problem, did_you_mean
from ..formats import kr, percent
from ..model.load import Located, dotted
from ..model.roster import organisation_name
from ..model.schema import Case, Meeting, Registers
from .lookups import filled_in

# Why Jinja is imported only where a text needs it: most texts need none (see lookups.py),
# and importing it and compiling templates would be a good part of a check's time.
_FIELDS = ("summary", "text", "proposal", "decision")
MAX_TEXT = 200_000  # characters of one case text (the bundled ones are under 5 000)
MAX_DEPTH = 12  # nested Markdown lists and quotes; deeper is never meant, and the converters recurse
_UNKNOWN_NAME = re.compile(r"^'([^']+)' is not a name known here$")
_QUOTES = re.compile(r"^(?: {0,3}>)+")
_LIST_ITEM = re.compile(r"^ *([-*+]|[0-9]{1,9}[.)]|[a-zA-Z]\))( |$)")
OUTPUT_LIMIT = 1_000_000  # = jinja.MAX_OUTPUT (importing that module imports Jinja)


class UnknownReference(LookupError):
    """A case text names an id the register does not hold; the message suggests the closest one.

    Why the message is made when read: a view asks a register in turn whether it knows a name
    (a table cell may be a network or an organisation), and each miss would search the register.
    """

    def __init__(self, kind: str, key: str, known: dict):
        super().__init__(kind, key)
        self.kind, self.key, self.known = kind, key, known

    def __str__(self) -> str:
        return f"no {self.kind} '{self.key}' in the register{did_you_mean(str(self.key), self.known)}"


def text_context(registers: Registers, lang: str = "nb", figures: dict[str, Any] | None = None) -> dict[str, Any]:
    """The names a case text may use: lookups into the register, formatters, computed figures."""

    def lookup(table: dict, kind: str, show):
        def get(key: str) -> str:
            if key not in table:
                raise UnknownReference(kind, key, table)
            return show(key)
        return get

    return {
        "person": lookup(registers.people, "person", lambda k: registers.people[k].name),
        "org": lookup(registers.organisations, "organisation", lambda k: organisation_name(registers, k)),
        "network": lookup(registers.networks, "network", lambda k: registers.networks[k].short),
        "kr": lambda value: kr(_defined(value), lang),
        "prosent": lambda value: percent(_defined(value), lang),
        "andel": lambda part, whole: Fraction(_defined(part), _defined(whole)),
        **(figures or {}),
    }


def _defined(value: Any) -> Any:
    """The value, or the error naming what is undefined (not 'got Undefined').

    Why sys.modules: only Jinja makes an Undefined, so until it is imported there is none to find.
    """
    jinja = sys.modules.get("jinja2")
    if jinja is not None and isinstance(value, jinja.Undefined):
        value._fail_with_undefined_error()
    return value


def expand(text: str, context: dict[str, Any]) -> str:
    """Render one case text; raises TemplateError or UnknownReference on a bad reference."""
    if "{" not in text:
        return text
    filled = filled_in(text, context, OUTPUT_LIMIT)
    if filled is not None:
        return filled
    from ..jinja import render_budget

    with render_budget():
        return _compiled(text).render(context)


def text_errors() -> tuple[type[Exception], ...]:
    """What a bad case text raises: a template error, a bad reference or a bad value.

    Why a function: an `except` clause calls it only once something was raised, so Jinja is not imported before.
    """
    from jinja2 import TemplateError

    return (TemplateError, LookupError, TypeError, ValueError, ArithmeticError)


@lru_cache(maxsize=1024)
def _compiled(text: str):
    """A case text compiled once, however many documents print it.

    Why: compiling costs a hundred times more than rendering; the check and every document
    of a meeting (minutes, agenda, letters) print the same texts. Bounded, so memory stays flat.
    """
    return _env().from_string(text)


@lru_cache(maxsize=1)
def _env():
    from ..jinja import case_text_env

    return case_text_env()


def depth_problem(text: str) -> str | None:
    """Why Markdown `text` is too long or nests too deep for a document (lists or quotes), or None."""
    if len(text) > MAX_TEXT:
        return f"the text is {len(text):,} characters long, over the limit of {MAX_TEXT:,}; split it or attach it"
    for number, line in enumerate(text.expandtabs(4).splitlines(), 1):
        quotes = _QUOTES.match(line)
        if quotes and quotes.group(0).count(">") > MAX_DEPTH:
            return f"line {number} of the text nests quotes ('>') more than {MAX_DEPTH} deep"
        if _LIST_ITEM.match(line.lstrip(" >")) and len(line) - len(line.lstrip(" ")) > 4 * MAX_DEPTH:
            return f"line {number} of the text indents a list item more than {MAX_DEPTH} levels deep"
    return None


def case_texts(meeting: Meeting) -> Iterator[tuple[tuple, str]]:
    """Every Markdown field of a meeting with its key path."""
    for name in ("invitation", "note"):
        if getattr(meeting, name):
            yield (name,), getattr(meeting, name)
    for i, item in enumerate(meeting.agenda):
        if isinstance(item, Case):
            for name in _FIELDS:
                if getattr(item, name):
                    yield ("agenda", i, name), getattr(item, name)
            for k, follow in enumerate(item.follow_ups):
                yield ("agenda", i, "follow_ups", k, "what"), follow.what
            for k, note in enumerate(item.notes):
                yield ("agenda", i, "notes", k, "text"), note.text


def check_markdown(meeting: Meeting, registers: Registers, src: Located, figures: dict | None = None) -> list[Problem]:
    """Render every case text once, so a bad reference is reported before any build."""
    context = text_context(registers, figures=figures)
    problems = []
    for path, text in case_texts(meeting):
        try:
            deep = depth_problem(expand(text, context))
            if deep:
                problems.append(src.problem(path, deep))
        except text_errors() as exc:
            problems.append(_located(src, path, exc, context))
    return problems


def _located(src: Located, path: tuple, exc: Exception, context: dict) -> Problem:
    from jinja2 import TemplateSyntaxError

    from ..jinja import plain_message

    line, col = src.where(path)
    if isinstance(exc, TemplateSyntaxError) and exc.lineno and exc.lineno > 1 or path in src.text_starts and \
            isinstance(exc, TemplateSyntaxError) and src.text_starts[path] > line:
        line, col = src.text_starts[path] + (exc.lineno or 1) - 1, 1
    message = plain_message(exc)
    unknown = _UNKNOWN_NAME.match(message)
    if unknown:
        message += did_you_mean(unknown[1], context) or f"; a text may use: {', '.join(sorted(context))}"
    return Problem(src.file, line, col, dotted(path), f"in the text: {message}")
