"""What a command imports: `--help` only argparse, `check` no Jinja, python-docx or Markdown.

Not a timing test: the modules a fresh process has loaded when it ends decide it.
"""

from __future__ import annotations

import subprocess
import sys

from tests.paths import ROOT

_PROBE = """
import sys, runpy
sys.argv = ["rekom-docs", *{args!r}]
try:
    runpy.run_module("rekom_docs", run_name="__main__")
except SystemExit:
    pass
print("MODULES", " ".join(sorted(sys.modules)))
"""


def _loaded(*args: str) -> set[str]:
    """The top-level and package modules a fresh `rekom-docs ARGS` process has imported."""
    done = subprocess.run([sys.executable, "-c", _PROBE.format(args=list(args))], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    line = next(line for line in done.stdout.splitlines() if line.startswith("MODULES "))
    return set(line.split()[1:])


def test_help_imports_argparse_and_the_command_modules_only():
    loaded = _loaded("--help")
    ours = {m for m in loaded if m.startswith("rekom_docs.")}
    assert ours and all(m.startswith(("rekom_docs.cli", "rekom_docs.commands", "rekom_docs.__main__")) for m in ours), ours
    assert not loaded & {"pydantic", "jinja2", "yaml", "docx", "docxtpl", "babel", "dataclasses", "json"}


def test_checking_a_meeting_of_plain_case_texts_imports_no_renderer():
    loaded = _loaded("check", "cases/2024/2024-01-11-kompetanseloftet.yaml")
    assert {"pydantic", "yaml", "rekom_docs.check"} <= loaded  # it did check
    assert not loaded & {"jinja2", "docx", "docxtpl", "markdown", "rekom_docs.word", "rekom_docs.present"}
