"""Read YAML case files into plain data plus the line and column of every value.

Why: PyYAML 1.1 turns `NO` into False, `8:30` into 510 and `10.00` into a float, and keeps
the last of two duplicate keys. Here only plain integers, true/false and null are resolved;
every other scalar stays text for the typed models to parse, and duplicate keys are errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, relative

Key = tuple[str | int, ...]

# Why: libyaml's composer is several times faster and gives the same nodes and marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULL = {"", "~", "null", "Null", "NULL"}
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
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(raw, exc.start)
        return None, [Problem(name, line, col, "", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")]
    return load_text(text, name)


def load_text(text: str, name: str) -> tuple[Located | None, list[Problem]]:
    """Load YAML text; `name` is used in problem locations."""
    try:
        nodes = list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(name, exc, text)]
    if not nodes or nodes[0] is None:
        return None, [Problem(name, 1, 1, "", "the file is empty")]
    if len(nodes) > 1:
        return None, [Problem(name, 1, 1, "", "the file holds more than one YAML document ('---'); use one file per meeting")]
    located = Located(name, None, source_lines=text.splitlines())
    problems: list[Problem] = []
    located.data = _build(nodes[0], (), located, problems)
    return (None if problems else located), problems


def _build(node: yaml.Node, path: Key, out: Located, problems: list[Problem]) -> Any:
    """Turn a composed node into plain data, recording marks and collecting problems."""
    out.marks.setdefault(path, _mark(node))
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
        key = str(key_node.value)
        line, col = _mark(key_node)
        if key in first_seen:
            problems.append(Problem(out.file, line, col, dotted(path + (key,)),
                                    f"duplicate key '{key}' (first given on line {first_seen[key]})"))
            continue
        first_seen[key] = line
        out.marks[path + (key,)] = (line, col)
        result[key] = _build(value_node, path + (key,), out, problems)
    return result


def _scalar(node: yaml.ScalarNode, path: Key, out: Located, problems: list[Problem]) -> Any:
    """Resolve a scalar: quoted is text; plain is int, bool, null or text."""
    if node.tag not in _PLAIN_TAGS:
        problems.append(out.problem(path, f"YAML tags such as {node.tag!r} are not supported"))
        return None
    value = node.value
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
    context = f" ({exc.context})" if exc.context else ""
    return Problem(name, line, col, "", f"YAML syntax: {problem}{context}")


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    col = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    return line, col
