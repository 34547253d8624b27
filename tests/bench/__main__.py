"""`make bench`: the eight figures of speed and scale, printed as a table and written to build/bench.md.

Not a test: nothing here fails on a slow machine. Each figure is a ratio of the project against
a peer or a floor measured in the same run, so the machine's speed cancels out.
Usage: python -m tests.bench [--sizes 10,100,1000] [--skip 7,8] [--kinds minutes]
(--kinds minutes: the scale figures 2, 4 and 6 build the minutes only, a quarter of an hour less at 1 000)
The default sizes measure each goal at its own size (3 at 100 meetings; 2, 4 and 6 at 1 000): some
17 minutes on two shared cores, 14 of them the full build of 1 000 meetings (8 250 documents).
"""

from __future__ import annotations

import argparse
import os
import platform
from datetime import datetime
from pathlib import Path

from tests.bench.figures import all_rows
from tests.paths import ROOT

HEADER = ["figure", "project", "peer or floor", "ratio", "goal"]


def table(rows) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    return "\n".join(lines + ["| " + " | ".join(r.cells()) + " |" for r in rows])


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench")
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "10,100,1000"),
                        help="numbers of generated meetings (default 10,100,1000)")
    parser.add_argument("--skip", default=os.environ.get("BENCH_SKIP", ""), help="figure numbers to leave out, e.g. 7,8")
    parser.add_argument("--kinds", default=os.environ.get("BENCH_KINDS", "minutes,agenda,letters"),
                        help="what the scale figures build (default: minutes,agenda,letters)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench.md")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    kinds = tuple(k for k in ("minutes", "agenda", "letters") if k in args.kinds.split(","))
    rows = all_rows(sizes, set(filter(None, args.skip.split(","))), kinds)
    text = table(rows)
    print("\n" + text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    stamp = f"{datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, Python {platform.python_version()}"
    args.out.write_text(f"# make bench ({stamp})\n\n{text}\n", encoding="utf-8")
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
