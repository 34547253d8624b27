"""Check Word templates against the data before rendering: tags the data lacks, data no tag uses.

Why: the renderer's StrictUndefined stops a build at the first misspelt tag, one meeting
at a time; this reads every template once, lists every bad tag with a suggestion, and
says which fields of the data a restyled template has dropped.

A path names a value in a document's context: `('cases', '[]', 'heading')` is the heading
of any case, shown as `cases[].heading`; a template shows it in its own spelling
(`case.heading` inside `{%p for case in cases %}`).
"""

from __future__ import annotations

import dataclasses
import difflib
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from jinja2 import Environment
from lxml import etree

from ..errors import RekomError, Severity, relative
from ..model.project import Project
from ..present import DOCUMENTS
from ..present import document as view_module
from ..present.document import Document, Markdown, TableView
from .render import find_template, jinja_env
from .template_uses import ITEM, METHODS, Path_, Use, template_uses

LANGS = ("nb", "nn")
LANG_NAMES = {"nb": "bokmål", "nn": "nynorsk"}


@dataclass(frozen=True, order=True)
class Finding:
    """One result for one template file: an error (the build would fail) or a warning (informational)."""

    file: str
    severity: Severity
    message: str

    def __str__(self) -> str:
        tag = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.file}: {tag}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR




@dataclass
class DataShape:
    """The shape of one template's data: the union of the contexts of every meeting's documents that use it."""

    kind: str  # the document kind in present.DOCUMENTS
    template: str
    lang: str
    shape: dict[Path_, set[str]] = dataclasses.field(default_factory=dict)

    @property
    def relative_name(self) -> str:
        """Where the template lies in a templates folder: `referat.docx`, `nn/referat.docx`."""
        return f"{self.template}.docx" if self.lang == "nb" else f"{self.lang}/{self.template}.docx"


def data_shapes(project: Project) -> tuple[list[DataShape], list[Finding]]:
    """The shape of the data of every template that every document kind uses, in both written standards.

    Why: the template name comes from the view, so a kind no meeting produces (letters
    without a recommendation) has no known template; that is a warning.
    """
    if not project.meetings:
        raise RekomError(f"{relative(project.root)}: no meetings to take the data's shape from")
    shapes: dict[tuple[str, str], DataShape] = {}
    findings: list[Finding] = []
    for kind, make in DOCUMENTS.items():
        found = False
        for lang in LANGS:
            for item in project.meetings:
                made = make(item, project, lang)
                for doc in [made] if isinstance(made, Document) else made:
                    data = shapes.setdefault((doc.template, doc.lang), DataShape(kind, doc.template, doc.lang))
                    shape_of(doc.context, data.shape)
                    found = True
        if not found:
            findings.append(Finding(kind, Severity.WARNING, f"no meeting in {relative(project.root)} has this "
                                                            "document, so its template is not checked"))
    return list(shapes.values()), findings


def check_shapes(shapes: Sequence[DataShape], template_dirs: Sequence[Path]) -> tuple[list[Finding], list[Path]]:
    """Find each shape's template as a build would, and check it; a missing template is an error."""
    findings: list[Finding] = []
    checked: list[Path] = []
    env = jinja_env()
    for data in shapes:
        try:
            path = find_template(data.template, list(template_dirs), data.lang)
        except RekomError:
            looked = ", ".join(relative(d) for d in template_dirs)
            findings.append(Finding(data.relative_name, Severity.ERROR, f"no template for the {data.kind} "
                                                                        f"({LANG_NAMES[data.lang]}); looked in: {looked}"))
            continue
        checked.append(path)
        findings += check_template(path, data.shape, env)
    return sorted(findings, key=lambda f: (f.file, f.severity)), checked


def check_template(path: Path, shape: dict[Path_, set[str]], env: Environment | None = None) -> list[Finding]:
    """The findings for one template file against the shape of its data."""
    file = relative(path)
    try:
        uses, errors = template_uses(path, env)
    except (KeyError, ValueError, OSError, zipfile.BadZipFile, PackageNotFoundError, etree.LxmlError) as exc:
        return [Finding(file, Severity.ERROR, f"cannot read it as a Word document: {exc}")]
    # Why no warnings after a syntax error: the unparsed part's tags are unknown, so all would look unused.
    return [Finding(file, Severity.ERROR, e) for e in errors] + compare(file, uses, shape, warn_unused=not errors)


# --- the shape of the data -------------------------------------------------------------------------------

def shape_of(value: Any, shape: dict[Path_, set[str]] | None = None, prefix: Path_ = ()) -> dict[Path_, set[str]]:
    """Every path in a context and the kinds of value seen there (`record`, `list`, `text`, `rich`, `none`, ...).

    Called on several contexts with the same `shape`, it gives their union: a value present
    in one meeting is present.
    """
    shape = {} if shape is None else shape
    kinds = shape.setdefault(prefix, set())
    if _is_rich(value):
        kinds.add("rich")
    elif isinstance(value, dict) or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
        kinds.add("record")
        items = value.items() if isinstance(value, dict) else ((f.name, getattr(value, f.name))
                                                              for f in dataclasses.fields(value))
        for key, item in items:
            shape_of(item, shape, prefix + (str(key),))
    elif isinstance(value, (list, tuple)):
        kinds.add("list")
        for item in value:
            shape_of(item, shape, prefix + (ITEM,))
    elif value is None:
        kinds.add("none")
    elif isinstance(value, str):
        kinds.add("text")
    elif isinstance(value, bool):
        kinds.add("bool")
    elif isinstance(value, (int, float)):
        kinds.add("number")
    else:
        kinds.add("other")
    return shape


def _is_rich(value: Any) -> bool:
    """A value the renderer turns into Word content of its own (a subdoc for `{{p ... }}`): a view type.

    Why: render._materialise makes subdocs of the view module's value types (Markdown,
    TableView, charts) and plain records of any other dataclass; a template must not reach into the former.
    """
    return isinstance(value, (Markdown, TableView)) or (
        dataclasses.is_dataclass(value) and not isinstance(value, type) and type(value).__module__ == view_module.__name__)


def show(path: Path_) -> str:
    """A data path as the user reads it: `cases[].heading`."""
    return ".".join(path).replace("." + ITEM, ITEM)


def _children(shape: dict[Path_, set[str]], path: Path_) -> list[str]:
    return [p[-1] for p in shape if len(p) == len(path) + 1 and p[:len(path)] == path]  # in the data's order


def _unknown(shape: dict[Path_, set[str]], path: Path_) -> bool:
    """True where the data says nothing of what lies below: a list never seen with items, a value always empty."""
    kinds = shape.get(path, set())
    return kinds <= {"none", "list"} and not _children(shape, path)


# --- the values a template reads -------------------------------------------------------------------------

def compare(file: str, uses: Sequence[Use], shape: dict[Path_, set[str]], warn_unused: bool = True) -> list[Finding]:
    """Errors for uses the data lacks (with a did-you-mean), warnings for data no use reaches."""
    findings: dict[str, Finding] = {}
    covered: set[Path_] = {()}
    for use in sorted(uses, key=lambda u: u.line):
        missing = _missing(use.path, shape)
        if missing is None:
            covered.update(use.path[:i] for i in range(1, len(use.path) + 1))
        elif not use.guarded:
            message = _missing_message(use, missing, shape)
            findings.setdefault(message, Finding(file, Severity.ERROR, f"{use.where}: {message}" if use.where else message))
    for path in _unused(shape, covered, ()) if warn_unused else ():
        message = f"'{show(path)}' is available but not used"
        findings.setdefault(message, Finding(file, Severity.WARNING, message))
    return list(findings.values())


def _missing(path: Path_, shape: dict[Path_, set[str]]) -> int | None:
    """How many segments of `path` the data has before the first it lacks; None if it has them all."""
    for i in range(1, len(path) + 1):
        if path[:i] in shape:
            continue
        parent = path[:i - 1]
        kinds = shape.get(parent, {"record"})
        if _unknown(shape, parent) or (parent and any(path[i - 1] in METHODS.get(k, ()) for k in kinds)) or \
                (path[i - 1] == ITEM and "text" in kinds):
            return None  # nothing known below, a method such as `heading.upper`, or a letter of a text
        return i - 1
    return None


def _missing_message(use: Use, found: int, shape: dict[Path_, set[str]]) -> str:
    parent, name = use.path[:found], use.path[found]
    shown_parent = use.spells[found - 1] if found else ""
    if name != ITEM and "list" in shape.get(parent, ()) and "record" not in shape.get(parent, ()):
        return (f"uses '{use.shown}' but '{shown_parent}' is a list: loop over it "
                f"({{%p for item in {shown_parent} %}})")
    if name == ITEM:
        return f"uses '{use.shown}' but '{shown_parent}' is not a list"
    message = f"uses '{use.shown}' which the data does not have"
    match = difflib.get_close_matches(name, [c for c in _children(shape, parent) if c != ITEM], n=1, cutoff=0.6)
    if match:
        here = use.spells[found]
        suggestion = here[:len(here) - len(name)] + match[0]
        if _missing(parent + (match[0],) + use.path[found + 1:], shape) is None:
            suggestion += use.shown[len(here):]
        message += f" (did you mean '{suggestion}'?)"
    return message


def _unused(shape: dict[Path_, set[str]], covered: set[Path_], path: Path_) -> Iterable[Path_]:
    """The highest paths no use reaches; a list's items count as the list's own fields."""
    for name in _children(shape, path):
        child = path + (name,)
        if child in covered or name == ITEM and _children(shape, child):
            yield from _unused(shape, covered, child)
        else:
            yield child
