"""Generate a case tree of N meetings, 12 cases each, from the bundled meetings (for `make bench`).

Why text, not YAML: a round trip through PyYAML would turn 10.00 into 10.0 and drop the
comments; copying the bundled text keeps every generated file a file a person could write.
Each generated meeting copies one bundled meeting's header and its cases (an allocation once,
the other cases repeated to make 12), moved to a date of its own: every date in the file moves
with it, so follow-ups fall due at later generated meetings as they do at the real ones, and
each is done four weeks after it was set (else every agenda would list every follow-up ever set).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from tests.paths import ROOT

CASES = ROOT / "cases"
CASES_PER_MEETING = 12
FIRST = date(2030, 1, 7)
_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_CASE_NO = re.compile(r"^(  - case: )\S+", re.M)
_SLOT = re.compile(r"^    time: .*\n", re.M)
_FOLLOW_UP = re.compile(r"^      - what:", re.M)
DONE_AFTER = timedelta(days=28)  # each follow-up is reported done four weeks after it was set


@dataclass(frozen=True)
class Base:
    """A bundled meeting split into the text before its agenda, its case blocks and the text after."""

    forum: str
    day: date
    head: str
    cases: list[str]
    tail: str


def bases(cases: Path = CASES) -> list[Base]:
    """The bundled meetings, split for copying."""
    return [_split(p.read_text(encoding="utf-8")) for p in sorted(cases.glob("*/*.yaml"))
            if p.name != "register.yaml" and p.name.count(".") == 1]  # not the translations (x.nn.yaml)


def _split(text: str) -> Base:
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("agenda:")) + 1
    end = next((i for i in range(start, len(lines)) if lines[i][:1].isalpha()), len(lines))
    blocks: list[list[str]] = []
    for line in lines[start:end]:
        if line.startswith("  - "):
            blocks.append([])
        if blocks:
            blocks[-1].append(line)
    cases = [_SLOT.sub("", "".join(b)) for b in blocks if b[0].startswith("  - case:")]
    forum = re.search(r"^forum: (\S+)", text, re.M)
    day = re.search(r"^date: (\S+)", text, re.M)
    assert forum and day
    return Base(forum[1], date.fromisoformat(day[1]), "".join(lines[:start]), cases, "".join(lines[end:]))


def _twelve(cases: list[str]) -> list[str]:
    """Twelve cases: each allocation once (its name must be unique), the others repeated in turn."""
    once = [c for c in cases if "allocation:" in c]
    again = [c for c in cases if "allocation:" not in c]
    picked = once[:CASES_PER_MEETING]
    while len(picked) < CASES_PER_MEETING:
        picked.append(again[(len(picked) - len(once)) % len(again)])
    return picked


def generate(target: Path, count: int, cases: Path = CASES) -> list[Path]:
    """Write `count` meetings and the register under `target`; return the meeting files, oldest first."""
    found = bases(cases)
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(cases / "register.yaml", target / "register.yaml")
    numbers: dict[tuple[str, int], int] = {}
    written = []
    for i in range(count):
        base = found[i % len(found)]
        day = FIRST + timedelta(days=7 * i)
        shift = day - base.day
        done = f"      - status: done\n        done: {(base.day + DONE_AFTER).isoformat()}\n        what:"
        body = _moved(_FOLLOW_UP.sub(done, base.head + "".join(_twelve(base.cases)) + base.tail), shift)

        def number(_match: re.Match, forum: str = base.forum, year: int = day.year) -> str:
            numbers[forum, year] = numbers.get((forum, year), 0) + 1
            return f"  - case: {numbers[forum, year]}/{year}"

        path = target / str(day.year) / f"{day.isoformat()}-{base.forum}-{i:04d}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(_CASE_NO.sub(number, body), encoding="utf-8")
        written.append(path)
    return written


def _moved(text: str, shift: timedelta) -> str:
    """Every ISO date in the text moved by `shift`."""
    def move(m: re.Match) -> str:
        return (date(int(m[1]), int(m[2]), int(m[3])) + shift).isoformat()
    return _DATE.sub(move, text)


def touch_case(path: Path) -> None:
    """Change one case file: a comment added at its end.

    Why a comment: several bundled meetings are approved, and an edit to approved content is an
    error until a correction is recorded; the build still sees a changed file and renders it again.
    """
    with path.open("a", encoding="utf-8") as handle:
        handle.write("# edited\n")
