"""Benchmarks (`make bench`): timings of the pipeline's stages, printed as ratios.

Not a test: nothing here fails on a slow machine. Each line compares a measurement
with a budget or with an alternative, so a change that makes a stage slower shows.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import yaml

from rekom_docs.build import BuildConfig, build
from rekom_docs.build import checked_project as open_project
from rekom_docs.engine import core as engine
from rekom_docs.model.load import load_text

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"


def best_of(fn: Callable[[], object], runs: int = 5) -> float:
    """The fastest of `runs` wall-clock timings, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def line(name: str, seconds: float, reference: float, what: str) -> None:
    print(f"{name:<44} {seconds * 1000:9.1f} ms   {seconds / reference:6.2f} x {what}")


def bench_check_command() -> None:
    """The whole `rekom-docs check cases/` as a user runs it, against the one-second budget."""
    command = [sys.executable, "-m", "rekom_docs", "check", str(CASES)]
    seconds = best_of(lambda: subprocess.run(command, capture_output=True, check=False), runs=3)
    line("check cases/ (process)", seconds, 1.0, "the 1 s budget")


def bench_loader() -> None:
    """Composing YAML with libyaml against pure-Python PyYAML, on the largest bundled case."""
    text = max((p.read_text(encoding="utf-8") for p in CASES.rglob("*.yaml")), key=len)
    ours = best_of(lambda: load_text(text, "bench.yaml"))
    pure = best_of(lambda: list(yaml.compose_all(text, Loader=yaml.SafeLoader)))
    line("load largest case (libyaml + marks)", ours, pure, "pure-Python compose alone")


def bench_validation() -> None:
    """Loading, validating and cross-checking the tree, in process."""
    seconds = best_of(lambda: open_project(CASES), runs=3)
    line("open_project(cases/) in process", seconds, 1.0, "the 1 s budget")


def bench_engine() -> None:
    """Spreadsheet against largest-remainder rounding, for 400 recipients."""
    recipients = [engine.Recipient(f"n{i:03}", f"N{i}", {"kommuner": 1 + i % 7, "årsverk": Fraction(1000 + 37 * i, 10)})
                  for i in range(400)]
    keys = [engine.FlatShare(Fraction(1, 10), "kommuner", "Sats"), engine.ProRata(Fraction(9, 10), "årsverk", "Årsverk")]
    exact = best_of(lambda: engine.allocate(23_020_000, recipients, keys, engine.Rounding.LARGEST_REMAINDER))
    sheet = best_of(lambda: engine.allocate(23_020_000, recipients, keys, engine.Rounding.SPREADSHEET))
    line("allocate 400 recipients, largest remainder", exact, sheet, "spreadsheet mode")


def bench_render() -> None:
    """Rendering every document of every bundled meeting, per document, against the check."""
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        written = list(build(BuildConfig(CASES, Path(out), ("minutes", "agenda", "letters"))))
        seconds = time.perf_counter() - start
    check = best_of(lambda: open_project(CASES), runs=3)
    line(f"render one document (of {len(written)})", seconds / len(written), check, "loading and checking the tree")


if __name__ == "__main__":
    print(f"{'benchmark':<44} {'time':>12}   ratio")
    for bench in (bench_check_command, bench_validation, bench_loader, bench_engine, bench_render):
        bench()
