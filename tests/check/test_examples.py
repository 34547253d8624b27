"""`rekom-docs check` against example case trees (check-jsonschema style).

Layout, all under tests/examples/:
- register.yaml: the register shared by every example (found by searching upward).
- valid/<name>/: meetings that must check clean.
- invalid/<name>/: ONE mistake each, and expected.txt with the exact problem lines
  (no summary line). Optional files:
    args.txt   extra CLI arguments, e.g. `--strict`;
    xfail.txt  the reason the checker gets this example wrong today; the test is then
               xfail(strict=True), so it turns green (and fails as XPASS) once fixed.
  An example with its own register.yaml tests a broken register.

The CLI runs in-process with the example folder as working directory (`check .`), so
lines begin with the file name. Paths outside the folder (the shared register) are
printed absolute; they are normalised to paths relative to the folder.

The expected exit status follows from expected.txt: 1 when it holds an error, or a
warning under --strict; otherwise 0 with a summary line on stdout.

`pytest --update-expected` rewrites expected.txt from the actual output (not for xfail
examples, whose expected.txt states what the checker should say). Read every rewritten
line: it must be the right message at the right line and column.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from rekom_docs.build import checked_project as open_project
from rekom_docs.cli import main
from tests.paths import EXAMPLES as EXAMPLES_DIR
from tests.paths import ROOT as ROOT_DIR

EXAMPLES = EXAMPLES_DIR
VALID = sorted(p for p in (EXAMPLES / "valid").iterdir() if p.is_dir())
INVALID = sorted(p for p in (EXAMPLES / "invalid").iterdir() if p.is_dir())

LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<path>\S+): (?P<warning>warning: )?(?P<message>.+)$")
SUMMARY = re.compile(r"^(\d+) error\(s\), (\d+) warning\(s\)$")


def _xfail(folder: Path) -> str | None:
    reason = folder / "xfail.txt"
    return reason.read_text(encoding="utf-8").strip() if reason.is_file() else None


def _params(folders: list[Path]) -> list:
    return [pytest.param(f, id=f.name, marks=[pytest.mark.xfail(strict=True, reason=_xfail(f))] if _xfail(f) else [])
            for f in folders]


def _args(folder: Path) -> list[str]:
    extra = folder / "args.txt"
    return extra.read_text(encoding="utf-8").split() if extra.is_file() else []


def _expected(folder: Path) -> list[str]:
    path = folder / "expected.txt"
    return path.read_text(encoding="utf-8").splitlines() if path.is_file() else []


def _normalise(line: str, folder: Path) -> str:
    """Make a problem line's file relative to `folder`, with '/' separators."""
    match = LINE.match(line)
    if not match:
        return line
    file = match["file"]
    if os.path.isabs(file):
        file = os.path.relpath(file, folder)
    file = Path(file).as_posix().removeprefix("./")
    return file + line[match.end("file"):]


def run_check(capsys, monkeypatch, cwd: Path, *args: str) -> tuple[int, str, str]:
    """`rekom-docs check ARGS` in-process in `cwd`: exit status, stdout, stderr."""
    monkeypatch.chdir(cwd)
    capsys.readouterr()
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _problem_lines(err: str, folder: Path) -> tuple[list[str], str | None]:
    """The problem lines of stderr, normalised, and the summary line if any."""
    lines = err.splitlines()
    summary = lines.pop() if lines and SUMMARY.match(lines[-1]) else None
    return [_normalise(line, folder) for line in lines], summary


def _is_warning(line: str) -> bool:
    match = LINE.match(line)
    return bool(match and match["warning"])


# --- valid examples ------------------------------------------------------------------


@pytest.mark.parametrize("folder", _params(VALID))
def test_valid_example_checks_clean(folder: Path, capsys, monkeypatch):
    code, out, err = run_check(capsys, monkeypatch, folder, ".")
    assert err == ""
    assert code == 0
    meetings = len(list(folder.glob("*.yaml")))
    assert out == f".: {meetings} meeting(s) checked, 0 warning(s)\n"


def test_valid_folder_as_a_whole_checks_clean(capsys, monkeypatch):
    """All valid meetings in one project: case numbers stay unique per forum and year."""
    code, out, err = run_check(capsys, monkeypatch, EXAMPLES, "valid")
    assert (code, err) == (0, "")
    meetings = len(list((EXAMPLES / "valid").rglob("*.yaml")))
    assert meetings >= 4
    assert out == f"valid: {meetings} meeting(s) checked, 0 warning(s)\n"


def test_valid_examples_exercise_the_format(monkeypatch):
    """Guard the breadth of the valid examples, so a later edit cannot quietly narrow them."""
    from rekom_docs.model.schema import Break, Case, CaseKind

    monkeypatch.chdir(EXAMPLES)
    project = open_project(Path("valid"), strict=True)
    meetings = [m.meeting for m in project.meetings]
    raw = "\n".join(p.read_text(encoding="utf-8") for p in (EXAMPLES / "valid").rglob("*.yaml"))
    cases = [c for m in meetings for c in m.cases]
    votes = [v for c in cases for v in c.votes]
    tables = [t for c in cases for t in c.tables]

    assert len(project.registers.fora) == 2 and len({m.forum for m in meetings}) == 2
    assert any(isinstance(b, Break) and isinstance(a, Case) and a.time and b.time.within(a.time)
               for m in meetings for a in m.agenda for b in m.agenda), "a break nested in a case"
    assert any(c.kind is CaseKind.other and c.case is None for c in cases), "eventuelt without number"
    moved = {(m.forum, c.case): c.moved_to for m in meetings for c in m.cases if c.moved_to}
    assert any((m.forum, c.case) in moved and moved[(m.forum, c.case)] == m.date
               for m in meetings for c in m.cases), "a moved case comes back at its later meeting"
    assert any(v.unanimous and all(o.votes is None for o in v.options) for v in votes), "unanimous without counts"
    assert any(v.method == "written" and all(o.votes is not None for o in v.options) for v in votes), "written vote"
    assert any(isinstance(t.total, list) for t in tables), "a stated total"
    assert any(cell == "NO" for t in tables for row in t.rows for cell in row), "NO stays text"
    assert "08:30" in raw and "08.30" in raw and "'17 873 000'" in raw
    assert all(token in raw for token in ('{{ person("', '{{ org("', '{{ network("', "{{ kr("))
    assert any(m.attendance and m.attendance.deputies for m in meetings), "a deputy stands in"


def test_real_entry_point_checks_valid_folder():
    """The installed console script, once, as a user runs it."""
    exe = Path(sys.executable).with_name("rekom-docs")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "rekom_docs"]
    repo = ROOT_DIR
    done = subprocess.run([*command, "check", "tests/examples/valid"], cwd=repo, capture_output=True,
                          text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")
    assert re.fullmatch(r"tests/examples/valid: \d+ meeting\(s\) checked, 0 warning\(s\)\n", done.stdout)


# --- invalid examples ----------------------------------------------------------------


@pytest.mark.parametrize("folder", _params(INVALID))
def test_invalid_example(folder: Path, capsys, monkeypatch, request):
    args = _args(folder)
    code, out, err = run_check(capsys, monkeypatch, folder, ".", *args)
    actual, summary = _problem_lines(err, folder)

    update = request.config.getoption("--update-expected", default=False)
    if update and not _xfail(folder):
        (folder / "expected.txt").write_text("".join(line + "\n" for line in actual), encoding="utf-8")

    expected = _expected(folder)
    assert expected, f"{folder.name}: expected.txt is missing or empty; run pytest --update-expected and read it"
    for line in expected:
        match = LINE.match(line)
        assert match, f"not FILE:LINE:COL: path: message: {line!r}"
        assert int(match["line"]) >= 1 and int(match["col"]) >= 1

    assert actual == expected

    errors = sum(not _is_warning(line) for line in expected)
    warnings = len(expected) - errors
    failing = errors > 0 or "--strict" in args
    assert code == (1 if failing else 0)
    if failing:
        assert summary == f"{errors} error(s), {warnings} warning(s)"
        assert out == ""
    else:
        assert summary is None
        assert out == f".: {len(list(folder.glob('*.yaml'))) - (folder / 'register.yaml').is_file()} " \
                      f"meeting(s) checked, {warnings} warning(s)\n"


def test_invalid_examples_follow_the_layout():
    """Each invalid folder: expected.txt, at least one meeting file, and only known extras."""
    for folder in INVALID:
        files = {p.name for p in folder.iterdir()}
        meetings = {n for n in files if n.endswith(".yaml") and n != "register.yaml"}
        assert "expected.txt" in files, folder.name
        assert meetings, folder.name
        assert files - meetings <= {"expected.txt", "args.txt", "xfail.txt", "register.yaml"}, folder.name


def test_invalid_examples_cover_at_least_30_distinct_messages():
    messages = set()
    kinds = set()
    for folder in INVALID:
        for line in _expected(folder):
            match = LINE.match(line)
            assert match, line
            messages.add(match["message"])
            kinds.add(re.sub(r"'[^']*'|\d+", "_", match["message"]))
    assert len(INVALID) >= 30
    assert len(messages) >= 30, sorted(messages)
    assert len(kinds) >= 30, sorted(kinds)


def test_invalid_examples_are_reported_together_in_one_run(capsys, monkeypatch):
    """One invalid example of each family (yaml-, time-, vote-, ...) in one `check` call.

    Each folder is its own project (some with their own register); problems from all of
    them are reported together, none hides another's. One per family keeps this fast.
    """
    families: dict[str, Path] = {}
    for folder in INVALID:
        if not _xfail(folder) and not _args(folder):
            families.setdefault(folder.name.split("-")[0], folder)
    folders = list(families.values())
    assert len(folders) >= 10
    code, _, err = run_check(capsys, monkeypatch, EXAMPLES, *(f"invalid/{f.name}" for f in folders))
    actual, summary = _problem_lines(err, EXAMPLES)
    expected = [_rebase(line, folder) for folder in folders for line in _expected(folder)]
    assert Counter(actual) == Counter(expected)
    assert code == 1 and summary is not None


def _rebase(line: str, folder: Path) -> str:
    """An expected line of `folder`, with its file relative to the examples root."""
    match = LINE.match(line)
    file = os.path.normpath(os.path.relpath(folder / match["file"], EXAMPLES))
    return Path(file).as_posix() + line[match.end("file"):]


def test_problems_from_different_files_are_all_reported(tmp_path, capsys, monkeypatch):
    """One project, four broken meeting files (bad bytes, bad YAML, bad key, bad reference): all reported."""
    shutil.copy(EXAMPLES / "register.yaml", tmp_path / "register.yaml")
    chosen = ["yaml-bad-utf8", "yaml-duplicate-key", "unknown-key-did-you-mean", "unknown-chair"]
    expected = []
    for sub, name in zip("abcd", chosen):
        folder = EXAMPLES / "invalid" / name
        (tmp_path / sub).mkdir()
        for meeting in folder.glob("*.yaml"):
            shutil.copy(meeting, tmp_path / sub / meeting.name)
        expected += [f"{sub}/{line}" for line in _expected(folder)]
    code, _, err = run_check(capsys, monkeypatch, tmp_path, ".")
    actual, summary = _problem_lines(err, tmp_path)
    assert sorted(actual) == sorted(expected)
    assert {line.split("/")[0] for line in actual} == set("abcd")
    assert code == 1 and summary == f"{len(expected)} error(s), 0 warning(s)"


def test_summary_counts_warnings_of_every_path(capsys, monkeypatch):
    code, _, err = run_check(capsys, monkeypatch, EXAMPLES / "invalid",
                             "warning-decision-without-proposal", "unknown-chair")
    actual, summary = _problem_lines(err, EXAMPLES / "invalid")
    assert code == 1 and len(actual) == 2
    assert summary == "1 error(s), 1 warning(s)"
