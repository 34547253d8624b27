"""One build process streams its documents: what it holds at its peak does not grow with the number of meetings."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

from rekom_docs.build import BuildConfig, build, checked_project
from tests.bench.generate import generate

SMALL, LARGE = 3, 9
MIB = 2**20


def _peak_while_building(cases: Path, out: Path) -> int:
    """The most memory the build of the minutes held above what the loaded project holds (bytes, traced)."""
    project = checked_project(cases)
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    written = list(build(BuildConfig(cases, out, ("minutes",)), project))
    assert len(written) >= len(project.meetings)
    return tracemalloc.get_traced_memory()[1] - before


def test_documents_are_not_held_until_the_end(tmp_path: Path):
    for n in (SMALL, LARGE):
        generate(tmp_path / f"cases-{n}", n)
    tracemalloc.start()
    gc.disable()  # Why: as in a process holding a large project, where a full collection comes rarely
    try:
        _peak_while_building(tmp_path / f"cases-{SMALL}", tmp_path / "warm")  # Why: caches filled once are not growth
        small = _peak_while_building(tmp_path / f"cases-{SMALL}", tmp_path / "small")
        large = _peak_while_building(tmp_path / f"cases-{LARGE}", tmp_path / "large")
    finally:
        gc.enable()
        tracemalloc.stop()
    # Each document left uncollected holds about 1 MiB of traced objects: six more would show.
    assert large < 1.3 * small + 1 * MIB, f"peak {large / MIB:.1f} MiB at {LARGE} meetings, {small / MIB:.1f} MiB at {SMALL}"


_PEAK = """
import resource, sys
from pathlib import Path
from rekom_docs.build import BuildConfig, build, checked_project
project = checked_project(Path(sys.argv[1]))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
list(build(BuildConfig(Path(sys.argv[1]), Path(sys.argv[2]), ("minutes",)), project))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
"""


def test_a_build_s_resident_peak_does_not_grow_with_the_meetings(tmp_path: Path):
    """Why a child process and its resident peak: a document's XML lives in libxml2, which tracemalloc does not see."""
    import subprocess
    import sys

    peaks = []
    for n in (4, 16):
        generate(tmp_path / f"cases-{n}", n)
        done = subprocess.run([sys.executable, "-c", _PEAK, str(tmp_path / f"cases-{n}"), str(tmp_path / f"out-{n}")],
                              capture_output=True, text=True, check=True)
        peaks.append(int(done.stdout.split()[-1]) / 1024)  # MiB above the loaded project
    assert peaks[1] < peaks[0] + 12, f"{peaks[0]:.0f} MiB above the project at 4 meetings, {peaks[1]:.0f} MiB at 16"
