"""Timing helpers for the bench: processes with their CPU time and peak memory, medians in process."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.paths import ROOT

RD = [sys.executable, "-m", "rekom_docs"]


@dataclass(frozen=True)
class Run:
    """One process: wall seconds, CPU seconds (its own and its children's), peak memory in MiB, output."""

    wall: float
    cpu: float
    mib: float
    out: str = ""

    def __add__(self, other: Run) -> Run:
        return Run(self.wall + other.wall, self.cpu + other.cpu, max(self.mib, other.mib), self.out + other.out)


def run(command: Sequence[str | Path], cwd: Path = ROOT, check: bool = True) -> Run:
    """Run a command to its end; its rusage comes from wait4, so children it waited for count too.

    Why CPU time: the machine is shared, so wall time swings with the load; the CPU a
    process needs does not (PDF and the empty make are shown in wall time, which they are about).
    """
    start = time.perf_counter()
    proc = subprocess.Popen([str(c) for c in command], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    out = proc.stdout.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if check and proc.returncode:
        raise RuntimeError(f"{' '.join(map(str, command))} failed ({proc.returncode}):\n{out[-2000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out)


def median_run(command: Sequence[str | Path], times: int = 5) -> Run:
    """The median wall and CPU time of `times` runs."""
    return median_of([run(command) for _ in range(times)])


def median_of(runs: Sequence[Run]) -> Run:
    """The median wall and CPU time of some runs of one thing, with the highest peak memory."""
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs), max(r.mib for r in runs))


def median_call(fn: Callable[[], object], times: int = 5) -> Run:
    """The median wall and CPU time of calling `fn` in this process."""
    walls, cpus = [], []
    for _ in range(times):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return Run(statistics.median(walls), statistics.median(cpus), 0.0)


def make(target: str, cases: Path, out: Path, *extra: str) -> Run:
    """`make TARGET` in the repository with another case tree and output folder."""
    return run(["make", "--no-print-directory", target, f"CASES={cases}", f"OUT={out}", *extra])


def docx_count(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.docx"))


def seconds(r: Run, wall: bool = False) -> str:
    """A run as the table shows it: CPU seconds, wall in brackets (or wall only)."""
    return f"{r.wall:.3g} s wall" if wall else f"{r.cpu:.3g} s CPU ({r.wall:.3g} s wall)"
