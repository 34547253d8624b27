"""The fuzz slice of `make test`: every attack issue 8 names and a few seeded random inputs.

Each must exit 0 or 1 within the time limit, without a traceback, without running code,
and with file:line in every error. `make fuzz` runs many more, each in a limited child.
"""

from __future__ import annotations

import faulthandler
from pathlib import Path

import pytest

from .mutate import NAMED, random_inputs, workspace
from .runner import run_here

RANDOM = 16


@pytest.fixture(autouse=True)
def watchdog():
    """A hang fails the run with a traceback of where it hung, instead of blocking it."""
    faulthandler.dump_traceback_later(60, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.mark.parametrize(("name", "base", "mutation", "expected"), NAMED, ids=[n[0] for n in NAMED])
def test_named_attack_is_a_clean_result(name, base, mutation, expected, tmp_path: Path):
    workspace(tmp_path, base)
    mutation(tmp_path)
    outcome = run_here(tmp_path, name)
    assert outcome.failures() == [], outcome.stderr[-2000:]
    assert outcome.code == expected, outcome.stderr[-2000:]


@pytest.mark.parametrize(("name", "base", "mutation"), list(random_inputs(seed=2026, count=RANDOM)),
                         ids=[f"random-{i}" for i in range(RANDOM)])
def test_random_mutation_is_a_clean_result(name, base, mutation, tmp_path: Path):
    workspace(tmp_path, base)
    mutation(tmp_path)
    outcome = run_here(tmp_path, name)
    assert outcome.failures() == [], outcome.stderr[-2000:]
