"""The fixed wordings code puts into documents, read from `wording.nb.yaml` and `wording.nn.yaml`.

Why: sentences the code composes (letter intros, grant conditions, the attendance sentence,
table headings) belong to the secretariat, not to Python: they live beside the Word
templates, in both written standards, and a `--templates` folder may reword them.
Both files must hold the same keys, and a reworded sentence may use only the
`{placeholders}` the bundled one uses (anything else could not be filled in).
"""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InvalidInput, Problem, RekomError, relative
from ..model.load import Located, load_file
from .template_set import BUNDLED_TEMPLATES, first, folders

LANGS = ("nb", "nn")


class Words(dict):
    """One written standard's wordings; a key the file lacks is a clean error naming the file."""

    file: str = ""

    def __missing__(self, key: str) -> Any:
        bundled = relative(BUNDLED_TEMPLATES / "wording.nb.yaml")
        raise RekomError(f"{self.file}: no wording '{key}'; add it (see {bundled})")


def words(lang: str) -> Words:
    """The wordings of one written standard, from the template folders in use."""
    files = tuple(wording_file(code) for code in LANGS)
    return _load(files, tuple(_stamp(f) for f in files))[LANGS.index(lang)]


def wording_file(lang: str, template_dirs: tuple[Path, ...] | None = None) -> Path:
    """The first `wording.<lang>.yaml` in the template folders."""
    found = first([Path(f"wording.{lang}.yaml")], template_dirs)
    if found is None:
        looked = ", ".join(relative(d) for d in (template_dirs or folders()))
        raise RekomError(f"no wording.{lang}.yaml in {looked}")
    return found


def check_wordings(template_dirs: tuple[Path, ...]) -> list[Problem]:
    """Every problem of the wording files the folders give (for `templates check`)."""
    try:
        files = tuple(wording_file(code, template_dirs) for code in LANGS)
        _load(files, tuple(_stamp(f) for f in files))
    except InvalidInput as exc:
        return exc.problems
    return []


def _stamp(path: Path) -> int:
    return path.stat().st_mtime_ns


@lru_cache(maxsize=8)
def _load(files: tuple[Path, ...], _stamps: tuple[int, ...]) -> tuple[Words, ...]:
    """Load, validate and compare the wording files (cached while they are unchanged)."""
    return load_standards(files, _reference())


def load_standards(files: tuple[Path, ...], reference: dict[str, set[str]] | None = None) -> tuple[Words, ...]:
    """Load one file per written standard; with `reference`, only its placeholders are allowed."""
    located: list[Located | None] = []
    problems: list[Problem] = []
    for path in files:
        data, found = load_file(path)
        problems += found
        if data is not None and not isinstance(data.data, dict):
            problems.append(data.problem((), "the file must be a list of `key: wording` lines"))
            data = None
        located.append(data)
    if problems or None in located:
        raise InvalidInput(problems)
    docs = [doc for doc in located if doc is not None]
    for doc in docs:
        problems += _values(doc, reference)
    problems += _same_keys(docs)
    if problems:
        raise InvalidInput(problems)
    return tuple(_words(doc) for doc in docs)


def _words(doc: Located) -> Words:
    result = Words({k: (v if isinstance(v, list) else str(v)) for k, v in doc.data.items()})
    result.file = doc.file
    return result


@lru_cache(maxsize=1)
def _reference() -> dict[str, set[str]]:
    """The placeholders each bundled wording uses: what the code fills in."""
    data, _ = load_file(BUNDLED_TEMPLATES / "wording.nb.yaml")
    return {k: _placeholders(v) for k, v in (data.data if data else {}).items()}


def _placeholders(value: Any) -> set[str]:
    """The `{fields}` of a wording as written, with any conversion and format spec.

    Why: only a bare `{name}` is allowed; `{forum.__class__}` or `{forum:>999999999}` in a
    reworded sentence must not reach str.format, where it could read or exhaust memory.
    """
    texts = value if isinstance(value, list) else [value]
    try:
        return {name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "")
                for text in texts for _, name, spec, conv in string.Formatter().parse(str(text)) if name is not None}
    except ValueError:
        return {"{"}


def _values(doc: Located, reference: dict[str, set[str]] | None) -> list[Problem]:
    """Each wording is text (or a list of lines) and uses only the placeholders the code fills in."""
    problems = []
    for key, value in doc.data.items():
        if isinstance(value, list):
            bad = not value or not all(isinstance(v, str) and v.strip() for v in value)
        else:
            bad = not isinstance(value, (str, int)) or isinstance(value, bool) or not str(value).strip()
        if bad:
            problems.append(doc.problem((key,), "a wording must be text (or a list of lines), not empty"))
            continue
        extra = _placeholders(value) - reference.get(key, set()) if reference is not None else set()
        if extra and reference is not None:
            allowed = ", ".join(f"{{{n}}}" for n in sorted(reference.get(key, ()))) or "none"
            shown = ", ".join(f"{{{n}}}" for n in sorted(extra))
            problems.append(doc.problem((key,), f"uses {shown}, which the build cannot fill in (it fills: {allowed}); "
                                                "write a literal brace as {{ or }}"))
    return problems


def _same_keys(located: list[Located]) -> list[Problem]:
    """A key one standard has and the other lacks, located where it is."""
    problems = []
    for doc, other in ((located[0], located[1]), (located[1], located[0])):
        for key in doc.data.keys() - other.data.keys():
            problems.append(doc.problem((key,), f"'{key}' is missing in {other.file}; both standards need every wording"))
    return problems
