"""Run one fuzz input in a child process with limits, and classify what happened."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIME_LIMIT = 10.0  # CPU seconds per input
WALL_LIMIT = 60.0  # a child still running then is killed and counted as a hang
# Why CPU time: the machine is shared, and start-up alone can take seconds of waiting under load.
MEMORY_LIMIT_MB = 500  # peak resident memory per input
_ADDRESS_SPACE = 3 * 1024 ** 3  # hard backstop so a blow-up cannot take the machine down
# A located error names file:line (YAML: file:line:col; a template: file.docx, paragraph N).
LOCATED = re.compile(r"^(?:error: )?[^\s:][^:\n]*:\d+(?::\d+)?: |\.docx, paragraph \d+: ", re.MULTILINE)


@dataclass
class Outcome:
    """What one input did."""

    name: str
    code: int | None
    seconds: float  # CPU time
    peak_mb: float
    stderr: str
    executed: bool

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr or (self.code is not None and self.code not in (0, 1))

    @property
    def hang(self) -> bool:
        return self.code is None or self.seconds > TIME_LIMIT

    @property
    def memory(self) -> bool:
        return self.peak_mb > MEMORY_LIMIT_MB or "MemoryError" in self.stderr

    @property
    def located(self) -> bool:
        return self.code == 1 and bool(LOCATED.search(self.stderr))

    @property
    def unlocated(self) -> bool:
        return self.code == 1 and not self.located

    def failures(self) -> list[str]:
        """What this outcome breaks of the rules (empty when it is fine)."""
        checks = {"traceback": self.traceback, "hang": self.hang, "memory": self.memory,
                  "code executed": self.executed, "exit 1 without file:line": self.unlocated}
        return [what for what, bad in checks.items() if bad]


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (_ADDRESS_SPACE, _ADDRESS_SPACE))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_input(ws: Path, name: str) -> Outcome:
    """Run the child on workspace `ws`; the canary file shows whether a payload ran."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONFAULTHANDLER": "1"}
    try:
        proc = subprocess.run([sys.executable, "-m", "tests.fuzz.child", str(ws)], cwd=ws, env=env,
                              capture_output=True, text=True, errors="replace", timeout=WALL_LIMIT,
                              preexec_fn=_limits)
        code, stderr = proc.returncode, proc.stderr
    except subprocess.TimeoutExpired as exc:
        code, stderr = None, (exc.stderr or b"").decode(errors="replace") if isinstance(exc.stderr, bytes) else (exc.stderr or "")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    peak = ws / "peak_kb"
    peak_mb = int(peak.read_text()) / 1024 if peak.exists() else 0.0
    executed = any(ws.rglob("CANARY*")) or any(ROOT.glob("CANARY*")) or Path("/tmp/CANARY_rekom").exists()
    return Outcome(name, code, seconds, peak_mb, stderr, executed)


def run_here(ws: Path, name: str) -> Outcome:
    """Run the same commands in this process (fast, for the test slice); peak growth stands for memory.

    Why in-process: a child per input costs a second of start-up; the slice must stay quick.
    `make fuzz` runs every input in a child with hard limits instead.
    """
    import contextlib
    import io
    import traceback

    from .child import run

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    err, out = io.StringIO(), io.StringIO()
    start = time.process_time()
    cwd = os.getcwd()
    os.chdir(ws)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            code: int | None = run(ws)
    except BaseException:
        code = 2
        err.write(traceback.format_exc())
    finally:
        os.chdir(cwd)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    executed = any(ws.rglob("CANARY*")) or any(ROOT.glob("CANARY*"))
    return Outcome(name, code, time.process_time() - start, grown_mb, err.getvalue(), executed)
