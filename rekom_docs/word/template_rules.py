"""The whole `templates check`: the tags against the data, and the rules of a template set.

Beyond template_check's tags-against-data: every template has the styles the documents
need; a tag no meeting ever fills is pointed out; a template and its nynorsk twin read
the same data; the letterhead holds no tags; the wording files are complete and valid.
"""

from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from jinja2 import TemplateError
from lxml import etree

from ..errors import RekomError, Severity, relative
from ..model.project import Project
from ..present.wording import check_wordings
from .letterhead import find_letterhead
from .render import find_template
from .template_check import (
    LANGS,
    DataShape,
    Finding,
    Path_,
    Use,
    _missing,
    check_shapes,
    data_shapes,
    show,
)
from .template_styles import missing
from .template_uses import template_parts, template_uses

_UNREADABLE = (KeyError, ValueError, OSError, zipfile.BadZipFile, PackageNotFoundError, etree.LxmlError)
_TAG = re.compile(r"{{.*?}}|{%.*?%}|{#.*?#}", re.S)


def check_set(project: Project, template_dirs: Sequence[Path]) -> tuple[list[Finding], list[Path]]:
    """Every finding for the template set `template_dirs` (a user folder first) against the project's data."""
    shapes, findings = data_shapes(project)
    tags, checked = check_shapes(shapes, template_dirs)
    findings += tags + _rules(shapes, template_dirs, relative(project.root))
    findings += letterhead_findings(template_dirs)
    findings += [Finding(f"{p.file}:{p.line}:{p.col}", p.severity, f"{p.path}: {p.message}" if p.path else p.message)
                 for p in check_wordings(tuple(template_dirs))]
    return sorted(set(findings), key=lambda f: (f.file, f.severity, f.message)), checked


def _rules(shapes: Sequence[DataShape], template_dirs: Sequence[Path], cases: str) -> list[Finding]:
    """Styles and never-filled tags per template; then each nb template against its nn twin."""
    findings: list[Finding] = []
    read: dict[str, dict[str, tuple[Path, list[Use], dict]]] = defaultdict(dict)
    for data in shapes:
        try:
            path = find_template(data.template, list(template_dirs), data.lang)
            lacking = missing(Document(str(path)))
            uses, errors = template_uses(path)
        except (RekomError, TemplateError, *_UNREADABLE):
            continue  # a missing or unreadable template is reported by check_shapes
        file = relative(path)
        findings += [Finding(file, Severity.ERROR, f"has no style '{name}', which the documents need; add it in Word "
                                                   "(Styles > New Style, with exactly that name)") for name in lacking]
        if errors:
            continue
        findings += never_filled(file, uses, data.shape, cases)
        read[data.template][data.lang] = (path, uses, data.shape)
    for pair in read.values():
        if set(pair) == set(LANGS):
            findings += disagreements(*(pair[lang] for lang in LANGS))
    return findings


def never_filled(file: str, uses: Sequence[Use], shape: dict[Path_, set[str]], cases: str) -> list[Finding]:
    """Warnings for tags whose value is empty in every document the cases give: the tag shows nothing."""
    found: dict[str, Finding] = {}
    for use in uses:
        for end in range(1, len(use.path) + 1):
            kinds = shape.get(use.path[:end])
            if kinds is not None and _empty(shape, use.path[:end], kinds):
                shown = show(use.path[:end])
                found.setdefault(shown, Finding(file, Severity.WARNING, f"{use.where}: no meeting in {cases} fills "
                                                f"'{shown}', so this tag is never shown or tested"))
                break
    return list(found.values())


def _empty(shape: dict[Path_, set[str]], path: Path_, kinds: set[str]) -> bool:
    has_items = any(p[:len(path)] == path and len(p) > len(path) for p in shape)
    return kinds <= {"none"} or (kinds <= {"list", "none"} and not has_items)


def disagreements(nb: tuple[Path, list[Use], dict], nn: tuple[Path, list[Use], dict]) -> list[Finding]:
    """Errors for data one standard's template reads and the other's does not: the two would differ in content."""
    findings = []
    sides = [(path, {show(u.path): u for u in uses if _missing(u.path, shape) is None}) for path, uses, shape in (nb, nn)]
    for (path, mine), (other, theirs) in (sides, sides[::-1]):
        for shown in sorted(mine.keys() - theirs.keys()):
            findings.append(Finding(relative(other), Severity.ERROR,
                                    f"does not use '{shown}', which {relative(path)} uses ({mine[shown].where}); "
                                    "the bokmål and nynorsk templates must read the same data"))
    return findings


def letterhead_findings(template_dirs: Sequence[Path]) -> list[Finding]:
    """The letterhead in use must be readable and hold no tags: it is the same for every document."""
    findings = []
    for path in {p for p in (find_letterhead(lang, list(template_dirs)) for lang in LANGS) if p is not None}:
        file = relative(path)
        try:
            parts = template_parts(path)
        except _UNREADABLE as exc:
            findings.append(Finding(file, Severity.ERROR, f"cannot read it as a Word document: {exc}"))
            continue
        for part in parts:
            if part.name.startswith(("header", "footer")):
                for tag in sorted(set(_TAG.findall(re.sub(r"<[^>]+>", "", part.source)))):
                    findings.append(Finding(file, Severity.ERROR, f"{part.name}: holds the tag {tag!r}; the letterhead "
                                                                  "is the same for every document and takes no tags"))
    return findings
