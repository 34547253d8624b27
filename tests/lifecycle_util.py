"""Helpers for the lifecycle tests: a private copy of the bundled cases, and the text of every part of a DOCX."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from .paths import ROOT

CASES = ROOT / "cases"


def copy_cases(tmp: Path) -> Path:
    """The bundled case tree copied to `tmp/cases`, to be edited by a test."""
    target = tmp / "cases"
    shutil.copytree(CASES, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` (which must occur once) by `new` in a text file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def docx_parts_text(path: Path) -> dict[str, str]:
    """Every XML part of a DOCX (body, headers, footers, footnotes, comments, properties) as its text and attributes."""
    parts = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                xml = z.read(name).decode("utf-8")
                parts[name] = xml + "\n" + re.sub(r"<[^>]+>", "", xml)  # Why: attributes (alt text) and text both
    return parts
