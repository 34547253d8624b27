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
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import Environment, TemplateAssertionError, TemplateError, TemplateSyntaxError, nodes
from lxml import etree

from ..errors import RekomError, Severity, relative
from ..model.project import Project
from ..present import DOCUMENTS
from ..present import document as view_module
from ..present.document import Document, Markdown, TableView
from .render import find_template, jinja_env

LANGS = ("nb", "nn")
LANG_NAMES = {"nb": "bokmål", "nn": "nynorsk"}
ITEM = "[]"
Path_ = tuple[str, ...]
Bound = tuple[Path_, tuple[str, ...]]  # a data path and the template's spelling of each of its prefixes

# Filters whose result is still the value they got (so a loop over `cases|reverse` is a loop over cases).
_PASS_FILTERS = {"sort", "reverse", "list", "unique", "select", "reject", "selectattr", "rejectattr",
                 "default", "d", "first", "last", "random", "e", "escape", "string", "trim", "upper", "lower",
                 "title", "capitalize"}
_ITEM_FILTERS = {"first", "last", "random"}  # these give one item of the list
_GUARD_FILTERS = {"default", "d"}
_GUARD_TESTS = {"defined", "undefined"}
_METHODS = {"text": set(dir(str)), "record": set(dir(dict)), "list": set(dir(list))}
_CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")  # what docxtpl renders


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


@dataclass(frozen=True)
class Use:
    """A value a template reads: its path in the data, as the template spells it, and whether guarded."""

    path: Path_
    spells: tuple[str, ...]  # the template's spelling of each prefix of `path`: ('cases', 'case', 'case.heading')
    line: int
    guarded: bool = False  # `x is defined` or `x|default(...)`: a missing value is no error
    where: str = ""  # the part and paragraph, to find the tag in Word: `body, paragraph '{{ case.heading }}'`

    @property
    def shown(self) -> str:
        return self.spells[-1]


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

class _Reader:
    """Walk a Jinja AST and collect every data path it reads, following loop and `set` variables.

    Why: `jinja2.meta.find_undeclared_variables` gives only top-level names (`case`
    would be missing, `case.headline` not); the misspelt attribute is what matters.
    """

    def __init__(self, env: Environment):
        self.env = env
        self.uses: list[Use] = []

    def read(self, node: nodes.Node, scope: dict[str, Bound | None]) -> None:
        """Record the uses in `node`; `scope` maps local names to what they stand for, None when not checkable."""
        if isinstance(node, nodes.Template):
            self._body(node.body, dict(scope))
        elif isinstance(node, nodes.Name) and node.ctx != "load":
            return  # the target of a `set` or `for`, bound by the caller
        elif isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            self._use(node, scope)
        elif isinstance(node, nodes.For):
            self.read(node.iter, scope)
            inner = dict(scope)
            for name in self._targets(node.target):
                inner[name] = self._item(node.iter, scope, name) if isinstance(node.target, nodes.Name) else None
            inner["loop"] = None
            if node.test is not None:
                self.read(node.test, inner)
            self._body(node.body, inner)
            self._body(node.else_, dict(scope))
        elif (isinstance(node, nodes.Filter) and node.name in _GUARD_FILTERS or isinstance(node, nodes.Test) and node.name in _GUARD_TESTS) \
                and node.node is not None:  # a Test always has a node; a Filter in a filter block has none
            self._use(node.node, scope, guarded=True)
            self._rest(node, scope, skip=("node",))
        elif isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr) and \
                self._method(node.node, scope):
            self._use(node.node.node, scope)  # `x.items()`: reads x, not a field `items`
            self._rest(node, scope, skip=("node",))
        elif isinstance(node, (nodes.Macro, nodes.CallBlock)):
            inner = dict(scope) | {arg.name: None for arg in node.args} | {"caller": None, "varargs": None,
                                                                          "kwargs": None}
            for default in node.defaults:
                self.read(default, scope)
            if isinstance(node, nodes.CallBlock):
                self.read(node.call, scope)
            self._body(node.body, inner)
        elif isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values):
                self.read(value, scope)
                for name in self._targets(target):
                    inner[name] = self._path(value, scope) if isinstance(target, nodes.Name) else None
            self._body(node.body, inner)
        else:
            self._rest(node, scope)

    def _body(self, body: list[nodes.Node], scope: dict) -> None:
        """Statements in order: a `{% set %}` binds its name for those that follow."""
        for stmt in body:
            self.read(stmt, scope)
            if isinstance(stmt, (nodes.Assign, nodes.AssignBlock)):
                for name in self._targets(stmt.target):
                    scope[name] = self._path(stmt.node, scope) if isinstance(stmt, nodes.Assign) and \
                        isinstance(stmt.target, nodes.Name) else None
            elif isinstance(stmt, nodes.Macro):
                scope[stmt.name] = None

    def _rest(self, node: nodes.Node, scope: dict, skip: tuple[str, ...] = ()) -> None:
        for field in node.fields:
            if field in skip:
                continue
            value = getattr(node, field, None)
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, nodes.Node):
                    self.read(child, scope)

    def _use(self, node: nodes.Node, scope: dict, guarded: bool = False) -> None:
        found = self._path(node, scope)
        if found is None:  # a global, a name not checkable, or a chain on something else (`(x|map(...))[0]`)
            if not isinstance(node, nodes.Name):
                self._rest(node, scope)
            return
        self.uses.append(Use(found[0], found[1], node.lineno, guarded))
        for index in self._indexes(node):
            self.read(index, scope)

    def _path(self, node: nodes.Node, scope: dict) -> Bound | None:
        """The data path of a chain like `case.tables[0]`, with its spellings; None if it is not one."""
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name in self.env.globals:
                return None
            return (node.name,), (node.name,)
        if isinstance(node, nodes.Getattr):
            return self._step(self._path(node.node, scope), node.attr, f".{node.attr}")
        if isinstance(node, nodes.Getitem):
            base = self._path(node.node, scope)
            if base is None or isinstance(node.arg, nodes.Slice):
                return base
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self._step(base, node.arg.value, f".{node.arg.value}")
            index = node.arg.value if isinstance(node.arg, nodes.Const) else "…"
            return self._step(base, ITEM, f"[{index}]")
        if isinstance(node, nodes.Filter) and node.name in _PASS_FILTERS and node.node is not None:
            base = self._path(node.node, scope)
            return self._step(base, ITEM, f"|{node.name}") if node.name in _ITEM_FILTERS else base
        return None

    @staticmethod
    def _step(base: Bound | None, segment: str, spelling: str) -> Bound | None:
        return None if base is None else (base[0] + (segment,), base[1] + (base[1][-1] + spelling,))

    def _item(self, node: nodes.Node, scope: dict, name: str) -> Bound | None:
        """What a loop variable stands for: an item of the list looped over, spelt by the variable's name."""
        found = self._path(node, scope)
        return None if found is None else (found[0] + (ITEM,), found[1] + (name,))

    def _method(self, node: nodes.Getattr, scope: dict) -> bool:
        """`x.items` called as a method of a record, list or text (not a field of the data)."""
        return any(node.attr in methods for methods in _METHODS.values()) and \
            self._path(node.node, scope) is not None

    @staticmethod
    def _indexes(node: nodes.Node | None) -> Iterable[nodes.Node]:
        while isinstance(node, (nodes.Getattr, nodes.Getitem, nodes.Filter)):
            if isinstance(node, nodes.Getitem) and not isinstance(node.arg, nodes.Const):
                yield node.arg
            if isinstance(node, nodes.Filter):
                yield from node.args
                yield from (kw.value for kw in node.kwargs)
            node = node.node
            if node is None:
                return

    @staticmethod
    def _targets(target: nodes.Node) -> list[str]:
        return [n.name for n in target.find_all(nodes.Name)] + ([target.name] if isinstance(target, nodes.Name) else [])


# --- reading a template -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Part:
    """One piece of a template docxtpl renders: its Jinja source as docxtpl prepares it, and its name."""

    name: str
    source: str


def template_parts(path: Path) -> list[Part]:
    """The body, headers, footers, footnotes and core properties of a template, patched the way docxtpl does.

    Why: a tag split over runs or in a header is still a tag; parsing what docxtpl parses
    means the check sees exactly what the build would.
    """
    tpl = DocxTemplate(path)
    tpl.init_docx()
    parts = [Part("body", tpl.patch_xml(tpl.get_xml()))]
    for uri, kind in ((tpl.HEADER_URI, "header"), (tpl.FOOTER_URI, "footer")):
        for _, part in tpl.get_headers_footers(uri):
            parts.append(Part(f"{kind} {part.partname}", tpl.patch_xml(tpl.get_part_xml(part))))
    for part in tpl.docx.part.package.parts:
        if part.content_type.endswith(".footnotes+xml"):
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            parts.append(Part("footnotes", tpl.patch_xml(blob)))
    props = tpl.docx.core_properties
    for name in _CORE_PROPERTIES:
        value = getattr(props, name) or ""
        if "{" in value:
            parts.append(Part(f"document property '{name}'", value))
    # docxtpl starts each paragraph on a new line before parsing: Jinja's line numbers then count paragraphs.
    # A `{%p %}` or `{{p }}` paragraph, which docxtpl strips down to its tag, gets a line of its own too.
    return [Part(p.name, re.sub(r"(</w:p>|%}|}})(?={[{%])", r"\1\n", re.sub(r"<w:p([ >])", r"\n<w:p\1", p.source)))
            for p in parts]


def template_uses(path: Path, env: Environment | None = None) -> tuple[list[Use], list[str]]:
    """The data paths a template reads, and its syntax errors as messages."""
    env = env or jinja_env()
    uses: list[Use] = []
    errors: list[str] = []
    for part in template_parts(path):
        try:
            tree = env.parse(part.source)
            env.compile(tree)  # unknown filters and tests are found here, not by the parser
        except TemplateSyntaxError as exc:
            what = "template error" if isinstance(exc, TemplateAssertionError) else "template syntax error"
            errors.append(f"{what} in the {part.name}: {exc.message}{_near(part.source, exc.lineno)}")
            continue
        except TemplateError as exc:
            errors.append(f"template error in the {part.name}: {exc}")
            continue
        reader = _Reader(env)
        reader.read(tree, {})
        uses += [dataclasses.replace(use, where=_where(part, use.line)) for use in reader.uses]
    return uses, errors


def _where(part: Part, lineno: int) -> str:
    """`body, paragraph '…'`: the part and the text of the paragraph a Jinja line lies in."""
    lines = part.source.splitlines()
    text = re.sub(r"<[^>]+>", "", lines[lineno - 1]).strip() if 0 < lineno <= len(lines) else ""
    text = re.sub(r"{%.*?%}", "", text).strip() or text
    return f"{part.name}, paragraph {text[:80]!r}" if text else part.name


def _near(source: str, lineno: int | None) -> str:
    """The text of the paragraph at a Jinja line number, to find it in Word."""
    lines = source.splitlines()
    if not lineno or lineno > len(lines):
        return ""
    text = re.sub(r"<[^>]+>", "", lines[lineno - 1]).strip()
    return f" (near: {text[:80]!r})" if text else ""


# --- comparing ----------------------------------------------------------------------------------------------

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
        if _unknown(shape, parent) or (parent and any(path[i - 1] in _METHODS.get(k, ()) for k in kinds)) or \
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
