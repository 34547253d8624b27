"""Case texts whose expressions only name values and call the text functions, filled in without Jinja.

Why: nearly every case text is `{{ person("kari-lund") }}` or `{{ kr(fordeling.total) }}`;
compiling it as a Jinja template costs milliseconds (and importing Jinja a good part of a
`check`), calling the function microseconds. Anything else is left to Jinja: other braces,
filters, operators, subscripts, numbers, a carriage return (Jinja makes it a newline), a
name the context lacks or a key that is missing, so every error still comes from Jinja.
"""

from __future__ import annotations

import re
from typing import Any

_BLOCK = re.compile(r"\{\{([^{}]*)\}\}")
_TOKEN = re.compile(r"\s*(?:(?P<name>[a-z][a-z0-9_]*)|\"(?P<dq>[a-z0-9-]*)\"|'(?P<sq>[a-z0-9-]*)'|(?P<op>[(),.]))")
FUNCTIONS = frozenset({"person", "org", "network", "kr", "prosent", "andel"})
_DICT_ATTRIBUTES = frozenset(dir(dict))  # Jinja's `d.items` is the method, not d["items"]


class _NeedsJinja(Exception):
    """The expression is more than names, keys, quoted ids and calls of the text functions."""


def filled_in(text: str, context: dict[str, Any], limit: int) -> str | None:
    """The text with every `{{ ... }}` evaluated, or None when Jinja must render it.

    Every expression is read before any runs, so a text Jinja would refuse to compile never
    calls a function first. `limit` is Jinja's output limit: a longer result is left to Jinja.
    """
    if "\r" in text or "{" in _BLOCK.sub("", text):
        return None
    try:
        blocks = [(block.start(), block.end(), _parse(block[1], context)) for block in _BLOCK.finditer(text)]
        parts, end, size = [], 0, 0
        for start, stop, tree in blocks:
            value = str(_evaluate(tree, context))
            parts += [text[end:start], value]
            end, size = stop, size + start - end + len(value)
            if size > limit:
                return None
    except _NeedsJinja:
        return None
    return "".join(parts) + text[end:]


def _parse(source: str, context: dict[str, Any]) -> tuple:
    """The expression as a tree: ("str", id), ("name", name, keys) or ("call", function, args)."""
    tokens, pos, source = [], 0, source.rstrip()
    while pos < len(source):
        token = _TOKEN.match(source, pos)
        if not token:
            raise _NeedsJinja
        kind = token.lastgroup or ""
        tokens.append(("str" if kind in ("dq", "sq") else kind, token[kind]))
        pos = token.end()
    tokens.reverse()
    tree = _expression(tokens, context)
    if tokens:
        raise _NeedsJinja
    return tree


def _take(tokens: list[tuple[str, str]], kind: str, text: str | None = None) -> str:
    if not tokens or tokens[-1][0] != kind or text is not None and tokens[-1][1] != text:
        raise _NeedsJinja
    return tokens.pop()[1]


def _at(tokens: list[tuple[str, str]], op: str) -> bool:
    return bool(tokens) and tokens[-1] == ("op", op)


def _expression(tokens: list[tuple[str, str]], context: dict[str, Any]) -> tuple:
    if tokens and tokens[-1][0] == "str":
        return ("str", _take(tokens, "str"))
    name = _take(tokens, "name")
    if name not in context:
        raise _NeedsJinja
    if not _at(tokens, "("):
        keys = []
        while _at(tokens, "."):
            tokens.pop()
            keys.append(_take(tokens, "name"))
        return ("name", name, keys)
    if name not in FUNCTIONS or not callable(context[name]):
        raise _NeedsJinja
    tokens.pop()
    args: list[tuple] = []
    while not _at(tokens, ")"):
        if args:
            _take(tokens, "op", ",")
        args.append(_expression(tokens, context))
    tokens.pop()
    return ("call", name, args)


def _evaluate(tree: tuple, context: dict[str, Any]) -> Any:
    """The value, left to right as Jinja evaluates it; a missing key leaves the text to Jinja."""
    if tree[0] == "str":
        return tree[1]
    if tree[0] == "call":
        return context[tree[1]](*(_evaluate(arg, context) for arg in tree[2]))
    value = context[tree[1]]
    for key in tree[2]:
        if not isinstance(value, dict) or key in _DICT_ATTRIBUTES or key not in value:
            raise _NeedsJinja
        value = value[key]
    return value
