"""The translation file beside a meeting file: per case field the nynorsk text, its source's hash, reviewed or not.

`cases/2024/2024-01-11-kompetanseloftet.nn.yaml` holds, for every prose field of the meeting,
the nynorsk text, the hash of the bokmål text it was made from, and whether the secretariat
has reviewed it. `translate` fills in what is missing or stale and never overwrites a
reviewed text; the build reads it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import Field, ValidationError

from ..errors import Problem
from .load import Located, load_file
from .values import Model

SUFFIX = ".nn.yaml"
HEADER = """\
# Nynorsk texts of {name} for the nynorsk documents (mållova).
# Written by `rekom-docs translate` with Apertium. Read each text, correct it, and set
# `reviewed: true`: a reviewed text is never overwritten. `source` is the hash of the bokmål
# text it translates; when that text changes, `rekom-docs check` says the translation is stale.
"""


class Entry(Model):
    """One translated field."""

    nn: str = Field(min_length=1, description="The nynorsk text.")
    reviewed: bool = Field(False, description="Reviewed by the secretariat: never overwritten.")
    source: str = Field(pattern=r"^[0-9a-f]{16}$", description="Hash of the bokmål text translated.")


Entries = dict[tuple[str, str], Entry]  # (case or 'meeting', field) -> entry


def is_translation_file(path: Path) -> bool:
    """Whether `path` is a translation file (never a meeting)."""
    return path.name.endswith(SUFFIX)


def translation_path(meeting_path: Path) -> Path:
    """`.../2024-01-11-kompetanseloftet.yaml` -> `.../2024-01-11-kompetanseloftet.nn.yaml`."""
    return meeting_path.with_name(meeting_path.stem + SUFFIX)


def source_hash(text: str) -> str:
    """The hash that ties a translation to the bokmål text it was made from."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Loaded:
    """A translation file as read: its entries, where each one is, and any problems."""

    entries: Entries
    source: Located | None
    problems: list[Problem]

    def where(self, key: tuple[str, str]) -> tuple[str, int, int]:
        """File, line and column of an entry."""
        line, col = self.source.where(key) if self.source else (1, 1)
        return (self.source.file if self.source else ""), line, col


def load(path: Path) -> Loaded:
    """The entries of a translation file (none when it does not exist); bad entries are located problems."""
    if not path.is_file():
        return Loaded({}, None, [])
    source, problems = load_file(path)
    if source is None:
        return Loaded({}, None, problems)
    if not isinstance(source.data, dict):
        return Loaded({}, source, [source.problem((), "expected a mapping of cases to their fields")])
    entries: Entries = {}
    for owner, fields in source.data.items():
        if not isinstance(fields, dict):
            problems.append(source.problem((owner,), "expected a mapping of fields to {nn, reviewed, source}"))
            continue
        for name, value in fields.items():
            try:
                entries[(str(owner), str(name))] = Entry.model_validate(value)
            except ValidationError as exc:
                for err in exc.errors(include_url=False):
                    problems.append(source.problem((owner, name, *err["loc"]), err["msg"]))
    return Loaded(entries, source, problems)


def dump(entries: Entries, meeting_name: str) -> str:
    """The text of a translation file: its header, then the entries grouped by case, in the given order."""
    grouped: dict[str, dict[str, dict]] = {}
    for (owner, name), entry in entries.items():
        grouped.setdefault(owner, {})[name] = {"nn": entry.nn, "reviewed": entry.reviewed, "source": entry.source}
    return HEADER.format(name=meeting_name) + yaml.dump(grouped, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


class _Dumper(yaml.SafeDumper):
    """Multi-line texts as literal blocks, so the file reads like the case file."""


def _str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)
