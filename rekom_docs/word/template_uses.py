"""What a Word template reads: every tag of every part, as data paths in the template's own spelling.

Why apart from the check: reading Jinja's syntax tree is one job (this module); comparing what
is read with what the data holds is another (template_check).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import Environment, TemplateAssertionError, TemplateError, TemplateSyntaxError, nodes

from .render import jinja_env

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
_CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")  # what docxtpl renders
METHODS = {"text": set(dir(str)), "record": set(dir(dict)), "list": set(dir(list))}


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
        return any(node.attr in methods for methods in METHODS.values()) and \
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
