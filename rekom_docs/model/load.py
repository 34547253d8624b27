"""Read YAML case files into plain data plus the line and column of every value.

Why: PyYAML 1.1 turns `NO` into False, `8:30` into 510 and `10.00` into a float, and keeps
the last of two duplicate keys. Here only plain integers, true/false and null are resolved;
every other scalar stays text for the typed models to parse, and duplicate keys are errors.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, relative

Key = tuple[str | int, ...]


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader without YAML 1.1's implicit types: a plain scalar stays text until _scalar reads it.

    Why libyaml: its composer is several times faster and gives the same nodes and marks.
    Why no implicit types: the resolvers try each plain scalar against a dozen patterns
    (`NO`, `8:30`, `10.00`) for a type that _scalar never uses; any plain scalar passes _PLAIN_TAGS.
    """

    yaml_implicit_resolvers: dict = {}


_INT = re.compile(r"^[-+]?(0|[1-9][0-9]{0,17})$")  # longer stays text: the models refuse it, located
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULL = {"", "~", "null", "Null", "NULL"}
MAX_BYTES = 2_000_000  # a meeting file is some 20 kB
MAX_DEPTH = 40  # nesting of lists and mappings (the bundled files use 8)
_OPENERS = "[{-?:"  # Why: '[' '{' open flow collections, '-' a list item, '?' and ':' a mapping's key
_SURELY_SHALLOW = 2_000  # openers in a text that is composed without a depth scan (a bundled file has up to 1 100)
MAX_VALUES = 100_000  # values built, aliases expanded (the bundled files hold some 1 000)
# Why: a bell, form feed, NUL or escape is never meant in a case file; Word would show a page
# break or drop the text, and XML cannot hold most of them. Tab, CR and LF are the only ones kept.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff\u2028\u2029]")
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_PLAIN_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool",
               "tag:yaml.org,2002:null", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp",
               "tag:yaml.org,2002:value", "tag:yaml.org,2002:merge", "tag:yaml.org,2002:yaml"}


@dataclass
class Located:
    """A loaded file: its data and where each value (by key path) starts."""

    file: str
    data: Any
    marks: dict[Key, tuple[int, int]] = field(default_factory=dict)
    text_starts: dict[Key, int] = field(default_factory=dict)  # first line of each string's text
    source_lines: list[str] = field(default_factory=list)  # the file's lines, to place a finding inside a text

    def where(self, path: Key) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest located parent."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.marks:
                return self.marks[path[:end]]
        return (1, 1)

    def problem(self, path: Key, message: str, **kw: Any) -> Problem:
        """A problem located at `path` in this file."""
        line, col = self.where(path)
        return Problem(self.file, line, col, dotted(path), message, **kw)


def dotted(path: Key) -> str:
    """`('agenda', 2, 'votes')` as `agenda[2].votes`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def load_file(path: Path) -> tuple[Located | None, list[Problem]]:
    """Load one YAML file; on failure return no data and the problems found."""
    name = relative(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, [Problem(name, 1, 1, "", f"cannot read the file: {exc.strerror or exc}")]
    if len(raw) > MAX_BYTES:
        return None, [Problem(name, 1, 1, "", f"the file is larger than {MAX_BYTES // 1_000_000} MB; a case file is far smaller")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(raw, exc.start)
        return None, [Problem(name, line, col, "", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")]
    return load_text(text, name)


def load_text(text: str, name: str) -> tuple[Located | None, list[Problem]]:
    """Load YAML text; `name` is used in problem locations."""
    found = _control_characters(text, name)
    if found:
        return None, found
    try:
        too_deep = _too_deep(text, name)
        if too_deep:
            return None, [too_deep]
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(name, exc, text)]
    except (yaml.YAMLError, RecursionError, MemoryError) as exc:
        return None, [Problem(name, 1, 1, "", f"YAML syntax: {exc}")]
    if not nodes or nodes[0] is None:
        return None, [Problem(name, 1, 1, "", "the file is empty")]
    if len(nodes) > 1:
        return None, [Problem(name, 1, 1, "", "the file holds more than one YAML document ('---'); use one file per meeting")]
    located = Located(name, None, source_lines=text.splitlines())
    problems: list[Problem] = []
    try:
        located.data = _build(nodes[0], (), located, problems)
    except _TooMany as exc:
        deep = _deepest(text, name)  # Why: only the events tell nesting as written from nesting through aliases
        if deep:
            return None, [deep]
        line, col = _mark(exc.node)
        return None, [Problem(name, line, col, "", f"more than {MAX_VALUES:,} values: aliases (*name) expand "
                                                   f"too far or refer to themselves; write the values out")]
    return (None if problems else located), problems


class _TooMany(Exception):
    """More values were built than MAX_VALUES, or nested deeper than MAX_DEPTH (as written or through aliases)."""

    def __init__(self, node: yaml.Node):
        self.node = node


def _control_characters(text: str, name: str) -> list[Problem]:
    """A located problem for each of the first few control characters in `text`."""
    problems = []
    for match in list(_CONTROL.finditer(text))[:5]:
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        char = match.group(0)
        problems.append(Problem(name, line, col, "", f"control character U+{ord(char):04X} "
                                f"({unicodedata.name(char, 'no name')}) is not allowed in a case file; remove it"))
    return problems


def _too_deep(text: str, name: str) -> Problem | None:
    """A problem when lists and mappings nest deeper than MAX_DEPTH, found before any node is built.

    Why: libyaml's composer recurses in C; 100 000 levels crash the interpreter (some 20 000 do
    here). Every list or mapping opens at a character of _OPENERS of its own, so a text with few
    of them cannot nest far: it is composed at once, and _build finds what nests over MAX_DEPTH.
    Only a text with many is read event by event first (a second parse, a tenth of a check).
    """
    if sum(map(text.count, _OPENERS)) <= _SURELY_SHALLOW:
        return None
    return _deepest(text, name)


def _deepest(text: str, name: str) -> Problem | None:
    """The first list or mapping nested deeper than MAX_DEPTH, read from libyaml's events (no recursion)."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                line, col = event.start_mark.line + 1, event.start_mark.column + 1
                return Problem(name, line, col, "", f"lists and mappings nest more than {MAX_DEPTH} deep")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def _build(node: yaml.Node, path: Key, out: Located, problems: list[Problem]) -> Any:
    """Turn a composed node into plain data, recording marks and collecting problems."""
    out.marks.setdefault(path, _mark(node))
    if len(out.marks) > MAX_VALUES or len(path) >= MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
        raise _TooMany(node)
    if not isinstance(node, yaml.ScalarNode) and node.tag not in _COLLECTION_TAGS:
        problems.append(out.problem(path, f"YAML tags such as {node.tag!r} are not supported"))
        return None
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(node, path, out, problems)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), out, problems) for i, item in enumerate(node.value)]
    return _scalar(node, path, out, problems)


def _build_mapping(node: yaml.MappingNode, path: Key, out: Located, problems: list[Problem]) -> dict:
    result: dict[str, Any] = {}
    first_seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(out.problem(path, "a key must be plain text"))
            continue
        key = sys.intern(unicodedata.normalize("NFC", str(key_node.value)))  # Why: one string per key name, not per use
        line, col = _mark(key_node)
        at = path + (key,)  # Why one tuple: marks and text_starts of every value share it
        if key in first_seen:
            problems.append(Problem(out.file, line, col, dotted(at),
                                    f"duplicate key '{key}' (first given on line {first_seen[key]})"))
            continue
        first_seen[key] = line
        out.marks[at] = (line, col)
        result[key] = _build(value_node, at, out, problems)
    return result


def _scalar(node: yaml.ScalarNode, path: Key, out: Located, problems: list[Problem]) -> Any:
    """Resolve a scalar: quoted is text; plain is int, bool, null or text."""
    if node.tag not in _PLAIN_TAGS:
        problems.append(out.problem(path, f"YAML tags such as {node.tag!r} are not supported"))
        return None
    value = unicodedata.normalize("NFC", node.value)
    out.text_starts[path] = node.start_mark.line + (2 if node.style in ("|", ">") else 1)
    if node.style:  # quoted or block ('' or None is plain, by loader)
        return value
    if _INT.match(value):
        return int(value)
    if value in _BOOL:
        return _BOOL[value]
    if value in _NULL:
        return None
    return value


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _syntax_problem(name: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    """A YAML syntax error as one located, readable problem."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    lines = text.splitlines()
    at = lines[line - 1][col - 1:col] if 0 < line <= len(lines) else ""
    if at == "\t" or "'\\t'" in problem:
        return Problem(name, line, col, "", "a tab character is used for indentation; YAML needs spaces")
    plain = next((words for jargon, words in _PLAIN.items() if jargon in problem), None)
    if plain:
        return Problem(name, line, col, "", plain)
    context = f" ({exc.context})" if exc.context else ""
    return Problem(name, line, col, "", f"YAML syntax: {problem}{context}")


# Why: libyaml's wording assumes one knows YAML's grammar; these say what to do.
_PLAIN = {
    "mapping values are not allowed": "a ':' followed by a space inside a value starts a new key; "
                                      "put the value in quotes or use a block (|) for text",
    "could not find expected ':'": "a line here is neither 'key: value' nor a list item ('- '); check the indentation",
    "did not find expected key": "the indentation does not line up with the keys above; check the spaces",
    "found undefined alias": "'*' starts a reference to an anchor ('&name') that does not exist; quote the value",
    "found character that cannot start any token": "a value cannot start with '@' or '`'; put it in quotes",
}


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    col = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    return line, col
