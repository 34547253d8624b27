"""Run `check` and, when it passes, `build minutes` on one fuzz workspace; report peak memory.

Run as `python -m tests.fuzz.child WORKSPACE`; the parent limits its time and address space.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path

from rekom_docs.cli import main


def run(ws: Path) -> int:
    templates = ["--templates", str(ws / "tpl")] if (ws / "tpl").is_dir() else []
    code = main(["check", str(ws / "cases")])
    if code == 0:
        code = main(["build", "minutes", "--cases", str(ws / "cases"), "--out", str(ws / "out"), *templates])
    return code


if __name__ == "__main__":
    status = run(Path(sys.argv[1]))
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    (Path(sys.argv[1]) / "peak_kb").write_text(str(peak_kb))
    sys.exit(status)
