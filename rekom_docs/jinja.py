"""The two Jinja environments (case texts, Word templates): sandboxed, immutable and bounded.

Why: case files and templates come from many hands. Jinja's sandbox stops attribute tricks
(`cycler.__init__.__globals__`) but not work: `'a' * 10**9`, nested `range(100000)`,
`lipsum(1000000)` or a recursive macro can take minutes and gigabytes. Here every
operation that can make something big or slow is checked against a limit, and a
limit that is hit is a TemplateError naming it, which callers report like any other.
"""

from __future__ import annotations

import functools
import re
import signal
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from contextlib import contextmanager
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateRuntimeError, TemplateSyntaxError, nodes
from jinja2.compiler import CodeGenerator
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import missing

from .errors import closest

MAX_OUTPUT = 1_000_000  # characters of any rendered text, or of any value made on the way
MAX_RANGE = 10_000  # items of one range()
MAX_CALL_DEPTH = 40  # nested macro and function calls (a recursive macro stops here)
MAX_SECONDS = 3.0  # CPU seconds of one render (CPU: a busy machine must not fail a build; ours take 0.3 s)
MAX_NESTING = 60  # brackets and blocks in template source
MAX_BITS = 10_000  # of a number made by arithmetic (some 3 000 digits)
COMPILED = 64  # template sources an environment keeps compiled (the parts of a few Word templates)
_WIDTH_FILTERS = {"center", "indent", "wordwrap", "truncate", "batch", "slice"}
_FORMAT_WIDTH = re.compile(r"%[-+ #0]*(\d+|\*)?(?:\.(\d+|\*))?[a-zA-Z%]|\{[^{}]*?(\d{4,})[^{}]*\}")
_BLOCKS = {"if", "for", "macro", "call", "filter", "block", "with", "raw"}


class _Undefined(StrictUndefined):
    """StrictUndefined whose message is plain words with a did-you-mean, not `'dict object' has no attribute`."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        if self._undefined_hint:
            return self._undefined_hint
        name, owner = self._undefined_name, self._undefined_obj
        if owner is missing:
            return f"'{name}' is not a name known here"
        known = list(owner) if isinstance(owner, dict) else [a for a in dir(owner) if not a.startswith("_")]
        hint = closest(str(name), [str(k) for k in known])
        return f"there is no '{name}' in this value" + (f"; did you mean '{hint}'?" if hint else
                                               f"; known: {', '.join(map(str, known[:12]))}" if known else "")


def plain_message(exc: BaseException) -> str:
    """A template error in plain words."""
    message = getattr(exc, "message", None) or str(exc)
    return _JARGON.sub(lambda m: f"there is no '{m['name']}' here", message)


_JARGON = re.compile(r"'[^']*(?:object|Undefined)[^']*' has no attribute '(?P<name>[^']+)'")


class LimitError(TemplateRuntimeError):
    """A template or case text asked for more work than the limits allow."""


class _Budget(threading.local):
    """The deadline and call depth of the render under way in this thread."""

    deadline: float = 0.0
    depth: int = 0


_BUDGET = _Budget()


def _check_time() -> None:
    if _BUDGET.deadline and time.process_time() > _BUDGET.deadline:
        raise LimitError(f"rendering took longer than the limit of {MAX_SECONDS:g} s; is there a loop that never ends?")


def _check_size(value: Any) -> Any:
    """The value, or LimitError when it is a string or collection over MAX_OUTPUT."""
    if isinstance(value, (str, bytes, list, tuple, dict, set)) and len(value) > MAX_OUTPUT:
        raise LimitError(f"a value of {len(value):,} items or characters is over the limit of {MAX_OUTPUT:,}")
    return value


def _check_int(value: Any, what: str) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_OUTPUT:
        raise LimitError(f"{what} {value:,} is over the limit of {MAX_OUTPUT:,}")


def _length(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else 1


def _check_format(text: Any) -> None:
    """Refuse a %-format or str.format width over the limit (`'%999999999d'`)."""
    if isinstance(text, str):
        for match in _FORMAT_WIDTH.finditer(text):
            for group in match.groups():
                if group and group.isdigit():
                    _check_int(int(group), "a format width of")


def limited_range(*args: int) -> range:
    """range() of at most MAX_RANGE items."""
    result = range(*args)
    if len(result) > MAX_RANGE:
        raise LimitError(f"range() of {len(result):,} items is over the limit of {MAX_RANGE:,}")
    return result


class _LimitedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with every `~` join checked for size."""

    def visit_Concat(self, node: nodes.Concat, frame) -> None:
        self.write("environment.checked(")
        super().visit_Concat(node, frame)
        self.write(")")


class LimitedEnvironment(ImmutableSandboxedEnvironment):
    """An immutable sandbox whose every output, value, loop and call is bounded."""

    code_generator_class = _LimitedCodeGenerator
    intercepted_binops = frozenset(["*", "**", "%", "+", "<<"])

    def __init__(self, **options: Any):
        super().__init__(undefined=_Undefined, **options)
        self.globals.pop("lipsum", None)
        self.globals["range"] = limited_range
        self.filters = {name: _checked_filter(name, f) for name, f in self.filters.items()}
        self._compiled: OrderedDict[str, Template] = OrderedDict()
        self._compiling = threading.Lock()

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Template:
        """The template of `source`, compiled once per exact source text (an LRU of COMPILED).

        Why: docxtpl compiles a template's body, headers and footers for every document it
        renders; compiling cost more than rendering. Keyed by the whole source, a hit is
        the very template compiled before, through this same sandbox and its checks.
        """
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        with self._compiling:
            template = self._compiled.pop(source, None)
        if template is None:
            template = super().from_string(source)
        with self._compiling:
            self._compiled[source] = template
            while len(self._compiled) > COMPILED:
                self._compiled.popitem(last=False)
        return template

    @staticmethod
    def checked(value: Any) -> Any:
        """A joined string, refused when over the size limit."""
        _check_time()
        return _check_size(value)

    def concat(self, chunks: Iterable[str]) -> str:
        """The rendered output, stopped when it grows past MAX_OUTPUT or takes too long."""
        parts: list[str] = []
        size = 0
        for chunk in chunks:
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise LimitError(f"the output is longer than the limit of {MAX_OUTPUT:,} characters")
            if not len(parts) % 64:  # Why not every chunk: reading the CPU clock is a system call
                _check_time()
            parts.append(chunk)
        return "".join(parts)

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        _check_time()
        if operator == "*":
            for count, other in ((left, right), (right, left)):
                if isinstance(count, int) and isinstance(other, (str, list, tuple)):
                    _check_size_of(count * _length(other))
        elif operator in ("**", "<<") and isinstance(left, int) and isinstance(right, int):
            bits = right * max(abs(left).bit_length(), 1) if operator == "**" else left.bit_length() + right
            if bits > MAX_BITS:
                raise LimitError(f"a number of some {bits:,} bits is over the limit of {MAX_BITS:,}")
        elif operator == "%":
            _check_format(left)
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, int) and result.bit_length() > MAX_BITS:
            raise LimitError(f"a number of {result.bit_length():,} bits is over the limit of {MAX_BITS:,}")
        return _check_size(result)

    def call(__self, __context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _check_time()
        if isinstance(getattr(__obj, "__self__", None), str):  # a str method: 'a'.ljust(10**9)
            for value in (*args, *kwargs.values()):
                _check_int(value, "a length of")
                _check_format(value) if getattr(__obj, "__name__", "") == "format" else None
            _check_format(__obj.__self__) if getattr(__obj, "__name__", "") == "format" else None
        if _BUDGET.depth >= MAX_CALL_DEPTH:
            raise LimitError(f"calls nest more than {MAX_CALL_DEPTH} deep; does a macro call itself?")
        _BUDGET.depth += 1
        try:
            return _check_size(super().call(__context, __obj, *args, **kwargs))
        except RecursionError:
            raise LimitError("calls nest too deep; does a macro call itself?") from None
        finally:
            _BUDGET.depth -= 1

    def getattr(self, obj: Any, attribute: str) -> Any:
        _check_time()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _check_time()
        return super().getitem(obj, argument)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse, refusing deep nesting and any `_private` attribute before anything runs.

        Why: the sandbox refuses `x.__globals__` only when it runs; refusing it here makes
        `templates check` report it too, located at its line.
        """
        _check_nesting(source, name)
        try:
            tree = super()._parse(source, name, filename)
        except RecursionError:
            raise TemplateSyntaxError(f"nested more than {MAX_NESTING} deep", 1, name, filename) from None
        for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
            attr = node.attr if isinstance(node, nodes.Getattr) else getattr(getattr(node, "arg", None), "value", None)
            if isinstance(attr, str) and attr.startswith("_"):
                raise TemplateSyntaxError(f"'{attr}' is not allowed: names starting with '_' are internal",
                                          node.lineno, name, filename)
        return tree

    def _compile(self, source: str, filename: str):
        try:
            return super()._compile(source, filename)
        except (SyntaxError, RecursionError, MemoryError):
            raise TemplateSyntaxError("too complex: nested more than Python allows", 1, None, filename) from None


def template_line(exc: BaseException) -> int | None:
    """The template line an error was raised at: its own, or the last template frame's.

    Why: Jinja rewrites a runtime error's traceback so template frames carry template line
    numbers, but it sets `lineno` only on syntax errors.
    """
    line = getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _check_size_of(count: int) -> None:
    if count > MAX_OUTPUT:
        raise LimitError(f"a value of {count:,} items or characters is over the limit of {MAX_OUTPUT:,}")


def _check_nesting(source: str, name: str | None) -> None:
    """Refuse source whose blocks, or brackets inside a tag, nest past MAX_NESTING (the parser recurses).

    Why a scan by hand: a regex over unclosed tags (`{{` ten thousand times) takes quadratic time.
    """
    blocks, start = 0, 0
    while (start := _next_tag(source, start)) >= 0:
        closing = "}}" if source.startswith("{{", start) else "%}"
        end = source.find(closing, start + 2)
        if end < 0:
            return  # unclosed: the parser reports it
        tag = source[start + 2:end]
        word = tag.lstrip("-+ \t\n").split(None, 1)[0] if closing == "%}" and tag.strip("-+ \t\n") else ""
        blocks += 1 if word in _BLOCKS else -1 if word.startswith("end") and blocks else 0
        if blocks > MAX_NESTING or _bracket_depth(tag) > MAX_NESTING:
            raise TemplateSyntaxError(f"blocks or brackets nest more than {MAX_NESTING} deep",
                                      source.count("\n", 0, start) + 1, name)
        start = end + 2


def _next_tag(source: str, start: int) -> int:
    found = [i for i in (source.find("{{", start), source.find("{%", start)) if i >= 0]
    return min(found) if found else -1


def _bracket_depth(tag: str) -> int:
    depth = deepest = 0
    for char in tag:
        if char in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]}":
            depth = max(depth - 1, 0)
    return deepest


def _checked_filter(name: str, function):
    """A filter whose width arguments and result are checked against the limits."""

    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        _check_time()
        if name in _WIDTH_FILTERS:
            for value in (*args[1:], *kwargs.values()):
                _check_int(value, f"'{name}' with")
        if name == "format":
            _check_format(next((a for a in args if isinstance(a, str)), None))
        return _check_size(function(*args, **kwargs))

    return checked


@contextmanager
def render_budget(seconds: float = MAX_SECONDS):
    """Bound one render in time; in the main thread a timer stops even a loop that calls nothing.

    Why: a loop over a long list with nothing inside calls no hook to check the clock, so a
    CPU-time timer (SIGPROF) is the backstop; elsewhere (threads) the hooks' own checks must do.
    """
    outer = _BUDGET.deadline
    _BUDGET.deadline = outer or time.process_time() + seconds
    use_alarm = not outer and threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if use_alarm:
        def stop(signum, frame):
            raise LimitError(f"rendering took longer than the limit of {seconds:g} s; is there a loop that never ends?")
        previous = signal.signal(signal.SIGPROF, stop)
        signal.setitimer(signal.ITIMER_PROF, seconds + 0.5)
    try:
        yield
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, previous)
        _BUDGET.deadline = outer


def case_text_env() -> LimitedEnvironment:
    """The environment for case texts (Markdown): plain text out, undefined names are errors."""
    return LimitedEnvironment(autoescape=False, keep_trailing_newline=True)


@functools.lru_cache(maxsize=1)
def word_env() -> LimitedEnvironment:
    """The environment for Word templates: autoescape on, undefined names are errors; one per process.

    Why: docxtpl's default leaves autoescape off, so `&` or `<` in a name would corrupt
    the document XML; StrictUndefined turns a misspelt tag into an error, not a blank.
    One environment, so its compiled template parts serve every document (it is immutable).
    """
    return LimitedEnvironment(autoescape=True)


__all__ = ["LimitError", "plain_message", "LimitedEnvironment", "SecurityError", "case_text_env", "render_budget", "template_line",
           "word_env"]
