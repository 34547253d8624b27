"""Problems found in user input, and the exceptions the CLI turns into clean messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    """Errors stop a build; warnings are reported and become errors under `--strict`."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, located at `file:line:col` and a dotted field path."""

    file: str
    line: int
    col: int
    path: str
    message: str
    severity: Severity = Severity.ERROR
    blocks: str = field(default="", compare=False)  # a contradiction this document kind would print ("minutes")

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        tag = "warning: " if self.severity is Severity.WARNING else ""
        return f"{where}: {self.path or '(document)'}: {tag}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class RekomError(Exception):
    """A user error: the CLI prints it as one clean message and exits 1."""


class InvalidInput(RekomError):
    """Input files hold problems; all of them are carried, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def relative(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def closest(word: str, known) -> str | None:
    """The known word most like `word`, for a "did you mean" hint, or None."""
    import difflib

    match = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return match[0] if match else None


def did_you_mean(word: str, known) -> str:
    """`; did you mean 'x'?` when a known word is close, else ''."""
    close = closest(word, known)
    return f"; did you mean '{close}'?" if close else ""
