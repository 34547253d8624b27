"""Parse loaded data into models, mapping every pydantic error back to file:line:col."""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..errors import Problem, closest
from .load import Key, Located

M = TypeVar("M", bound=BaseModel)


def parse(located: Located, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate a loaded file against `model`; all errors at once, each located."""
    try:
        return model.model_validate(located.data), []
    except ValidationError as exc:
        problems = {_problem(located, model, err) for err in exc.errors(include_url=False)}
        return None, sorted(problems)


def _problem(located: Located, model: type[BaseModel], err: ErrorDetails) -> Problem:
    path = data_path(located.data, err["loc"])
    if err["type"] == "extra_forbidden":
        return located.problem(path, _unknown_key(model, located.data, path))
    if err["type"] == "missing":
        return located.problem(path[:-1], f"missing required key '{path[-1]}'") if path else \
            located.problem(path, "missing required value")
    return located.problem(path, _message(err))


def data_path(data: Any, loc: tuple) -> Key:
    """The part of a pydantic error location that indexes into the data.

    Why: unions and discriminators add member names (`Case`, `list[...]`) to `loc`;
    walking the data keeps only the steps a user can see in the file.
    """
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:  # noqa: SIM114 (apart, each branch types node[part])
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not _is_member_name(part):
            path.append(part)  # a missing or unknown key: the last step
            break
        else:
            continue
        path.append(part)
    return tuple(path)


def _is_member_name(part: str) -> bool:
    return part[:1].isupper() or "[" in part or part in {"str", "int", "bool", "list", "dict", "none"}


def _message(err: ErrorDetails) -> str:
    msg = str(err["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    if err["type"] == "string_pattern_mismatch":
        pattern = (err.get("ctx") or {}).get("pattern", "")
        msg = _PATTERNS.get(pattern, "not in the expected form")
    if err["type"] in {"string_pattern_mismatch", "literal_error", "enum"}:
        msg += f", got {err.get('input')!r}"
    return msg


# Why: "String should match pattern '^[a-z0-9]...'" is the library's wording, not the user's.
_PATTERNS = {
    r"^[a-z0-9][a-z0-9-]*$": "an id is written in lower-case letters, digits and '-' (e.g. 'kari-lund')",
    r"^[a-z_][a-z0-9_]*$": "a name is written in lower-case letters, digits and '_' (e.g. 'fordeling')",
    r"^[1-9][0-9]*/[0-9]{4}$": "a case number is written number/year (e.g. '8/2022')",
}


def _unknown_key(model: type[BaseModel], data: Any, path: Key) -> str:
    """'unknown key' with a did-you-mean hint drawn from the model's field names."""
    key = str(path[-1])
    known = _fields_at(model, data, path[:-1])
    hint = closest(key, known)
    tail = f"; did you mean '{hint}'?" if hint else (f"; known keys: {', '.join(sorted(known))}" if known else "")
    return f"unknown key '{key}'{tail}"


def _fields_at(model: type[BaseModel], data: Any, path: Key) -> list[str]:
    """The field names (aliases) of the model that validates the mapping at `path`."""
    current: Any = model
    node = data
    for part in path:
        node = node[part]
        current = _step(current, part, node)
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _step(current: Any, part: str | int, node: Any) -> Any:
    """The model type one step down from `current` along a data path."""
    if isinstance(current, type) and issubclass(current, BaseModel):
        field = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
        return _unwrap(field.annotation, node) if field else None
    origin = typing.get_origin(current)
    if origin in (list, dict):
        return _unwrap(typing.get_args(current)[-1], node)
    return None


def _unwrap(annotation: Any, node: Any) -> Any:
    """Pick the member of Optional/Union/Annotated that fits `node`."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0], node)
    if origin in (typing.Union, types.UnionType):
        members = [_unwrap(a, node) for a in typing.get_args(annotation)]
        models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
        if isinstance(node, dict) and models:
            return max(models, key=lambda m: len(set(node) & {f.alias or n for n, f in m.model_fields.items()}))
        return next((m for m in members if typing.get_origin(m) in (list, dict)), members[0])
    return annotation
