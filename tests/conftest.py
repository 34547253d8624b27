"""Shared test options: `--update-golden` and `--update-expected` rewrite stored expectations."""

from __future__ import annotations

import os
import shutil

import pytest


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from actual output")
    parser.addoption("--update-expected", action="store_true", help="rewrite invalid examples' expected.txt")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture
def update_expected(request) -> bool:
    return request.config.getoption("--update-expected")


def soffice_or_skip() -> str:
    """The LibreOffice binary; in CI its absence is a failure, elsewhere a skip."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("LibreOffice (soffice) is required in CI: apt-get install -y libreoffice-writer-nogui")
    pytest.skip("LibreOffice (soffice) is not installed")


def apertium_or_skip() -> str:
    """The Apertium binary with the bokmål-nynorsk pair; in CI its absence is a failure, elsewhere a skip."""
    from rekom_docs.nynorsk.apertium import INSTALL, MODE

    found = shutil.which("apertium")
    if found and os.path.exists(f"/usr/share/apertium/modes/{MODE}.mode"):
        return found
    if os.environ.get("CI"):
        pytest.fail(f"Apertium (nob-nno) is required in CI: {INSTALL}")
    pytest.skip("Apertium with the bokmål-nynorsk pair is not installed")
