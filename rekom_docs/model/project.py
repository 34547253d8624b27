"""Find and load a case tree: the registers and the meeting files below a path, validated one by one."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InvalidInput, Problem, RekomError, closest, relative
from .load import Located, load_file
from .parse import parse
from .schema import Meeting, Registers
from .translations import is_translation_file

REGISTER = "register.yaml"
# Why so strict: the id goes into folder names, make targets and shell commands.
MEETING_FILE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*\.yaml$")


@dataclass(frozen=True)
class MeetingFile:
    """A validated meeting with its id (the file name) and its source marks."""

    id: str
    path: Path
    source: Located
    meeting: Meeting
    figures: dict[int, Any] = field(default_factory=dict)  # by agenda index; filled by the compute stage


@dataclass(frozen=True)
class Project:
    """A validated case tree: registers, meetings in date order, and any warnings."""

    root: Path
    registers: Registers
    register_source: Located
    meetings: list[MeetingFile]
    warnings: list[Problem] = field(default_factory=list)

    def meeting(self, meeting_id: str) -> MeetingFile:
        """The meeting with this id, or a user error listing the ids there are."""
        for item in self.meetings:
            if item.id == meeting_id:
                return item
        hint = closest(meeting_id, [m.id for m in self.meetings])
        raise RekomError(f"no meeting '{meeting_id}'" + (f"; did you mean '{hint}'?" if hint else
                                                           f"; known: {', '.join(m.id for m in self.meetings)}"))


def find_root(path: Path) -> Path:
    """The nearest folder at or above `path` that holds register.yaml."""
    start = path.resolve() if path.is_dir() else path.resolve().parent
    for folder in (start, *start.parents):
        if (folder / REGISTER).is_file():
            return folder
    raise RekomError(f"{relative(path)}: no {REGISTER} found here or in any folder above")


def meeting_paths(path: Path, problems: list[Problem] | None = None) -> list[Path]:
    """The meeting files at `path`: the file itself, or every YAML file below the folder.

    A badly named file, an unreadable folder or a link to a folder is a problem (added to
    `problems`), never silently skipped; links to folders are not followed (no loops).
    """
    problems = [] if problems is None else problems
    if not path.exists():
        raise RekomError(f"{relative(path)}: no such file or folder")
    if path.is_file():
        return [] if path.name == REGISTER else _named_well([meeting_of(path)], problems)
    found = []

    def unreadable(exc: OSError) -> None:
        problems.append(Problem(str(exc.filename), 1, 1, "", f"cannot read the folder: {exc.strerror}"))

    for folder, dirs, files in os.walk(path, onerror=unreadable):
        for name in sorted(dirs):
            if os.path.islink(os.path.join(folder, name)):
                problems.append(Problem(os.path.join(folder, name), 1, 1, "",
                                        "a link to a folder is not followed; move the case files here"))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(folder, d)))
        found += [Path(folder, f) for f in files if not f.startswith(".") and f != REGISTER
                  and os.path.splitext(f)[1].lower() in (".yaml", ".yml") and not is_translation_file(Path(f))]
    return _named_well(sorted(found), problems)


def _named_well(paths: list[Path], problems: list[Problem]) -> list[Path]:
    """The paths named like a meeting (`YYYY-MM-DD-name.yaml`); a problem for each other."""
    good = []
    for path in paths:
        if MEETING_FILE.match(path.name):
            good.append(path)
        else:
            problems.append(Problem(relative(path), 1, 1, "", f"the file name '{path.name}' must be the meeting's "
                                    "date and a name in lower-case letters, digits and '-', ending in '.yaml', "
                                    "e.g. 2024-01-11-rekom.yaml"))
    return good


def meeting_of(path: Path) -> Path:
    """The meeting file itself, or for a translation file (`x.nn.yaml`) the meeting it translates."""
    return path.with_name(path.name[:-len(".nn.yaml")] + ".yaml") if is_translation_file(path) else path


def load_project(path: Path) -> tuple[Project, list[Problem]]:
    """Load the register and every meeting file at `path`, each validated against its schema.

    Problems are collected, not raised, so the check stage can report them with its own;
    only a register that cannot be read at all stops here.
    """
    root = find_root(path)
    problems: list[Problem] = []
    register_source, registers = _load(root / REGISTER, Registers, problems)
    meetings = []
    paths = meeting_paths(path, problems)
    for meeting_path in paths:
        source, meeting = _load(meeting_path, Meeting, problems)
        if meeting is not None:
            meetings.append(MeetingFile(meeting_path.stem, meeting_path, source, meeting))
    meetings.sort(key=lambda m: (m.meeting.date, m.id))
    if registers is None:
        raise InvalidInput(problems)
    return Project(root, registers, register_source, meetings), problems


def _load(path: Path, model: type, problems: list[Problem]):
    source, found = load_file(path) if path.is_file() else (None, [Problem(relative(path), 1, 1, "", "file not found")])
    problems += found
    if source is None:
        return None, None
    value, found = parse(source, model)
    problems += found
    return source, value
