"""Where the repository's parts are, for every test module wherever it sits in tests/."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
EXAMPLES = TESTS / "examples"
GOLDEN = TESTS / "golden"
# Frozen copies of the bundled templates: a restyled templates/*.docx does not break the suite.
FIXTURE_TEMPLATES = TESTS / "fixtures" / "templates"
