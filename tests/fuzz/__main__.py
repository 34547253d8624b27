"""`python -m tests.fuzz [--seed S] [--count N]`: the named attacks and N random inputs, with counts."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from .mutate import NAMED, random_inputs, workspace
from .runner import TIME_LIMIT, run_input


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--count", type=int, default=300)
    args = parser.parse_args()
    inputs = [(name, base, mutation) for name, base, mutation, _ in NAMED] + list(random_inputs(args.seed, args.count))
    counts = {"inputs": 0, "exit 0": 0, "located errors": 0, "tracebacks": 0, "hangs": 0, "memory": 0,
              "code executed": 0, "exit 1 without file:line": 0}
    slowest = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, base, mutation) in enumerate(inputs):
            ws = Path(tmp) / str(i)
            workspace(ws, base)
            mutation(ws)
            outcome = run_input(ws, name)
            counts["inputs"] += 1
            counts["exit 0"] += outcome.code == 0
            counts["located errors"] += outcome.located
            counts["tracebacks"] += outcome.traceback
            counts["hangs"] += outcome.hang
            counts["memory"] += outcome.memory
            counts["code executed"] += outcome.executed
            counts["exit 1 without file:line"] += outcome.unlocated
            slowest = max(slowest, outcome.seconds)
            if outcome.seconds > TIME_LIMIT / 2:
                print(f"slow: {name}: {outcome.seconds:.1f} s")
            for failure in outcome.failures():
                print(f"FAIL {name}: {failure}\n{outcome.stderr[-1500:]}")
    print(", ".join(f"{k}: {v}" for k, v in counts.items()) + f"; slowest input {slowest:.1f} s")
    return 1 if any(counts[k] for k in ("tracebacks", "hangs", "memory", "code executed", "exit 1 without file:line")) else 0


if __name__ == "__main__":
    raise SystemExit(main())
