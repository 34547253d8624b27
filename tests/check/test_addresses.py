"""Names and addresses that could inject a mail header are located errors of `check`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from rekom_docs.cli import main
from tests.paths import ROOT


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "cases", tmp_path / "cases")
    return tmp_path


def run_check(tree: Path) -> int:
    return main(["check", str(tree / "cases")])


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("old, new, field, message", [
    ("email: olav.reitan@levanger-verdal.example.no", "email: 'olav.reitan@levanger-verdal.example.no, x@evil.example.org'",
     "people.olav-reitan.email", "exactly one plain e-mail address"),
    ("name: Olav Reitan,", 'name: "Olav Reitan\\r\\nBcc: x@evil.example.org",', "people.olav-reitan.name", "line break"),
    ("name: Olav Reitan,", 'name: "Olav Reitan <x@evil.example.org>",', "people.olav-reitan.name", "e-mail address"),
    ("sender: {name: Sekretariatet for Samarbeidsforum REKOM,", 'sender: {name: "Sekretariatet\\nBcc: x@evil.example.org",',
     "fora.rekom.distribution.sender.name", "line break"),
    ("    email: postmottak@fosen.example.no", "    email: postmottak@fosenbad", "networks.fosen.email", "a name and a domain"),
])
def test_check_locates_a_bad_address_or_name(tree, capsys, old, new, field, message):
    register = tree / "cases" / "register.yaml"
    text = register.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    register.write_text(text, encoding="utf-8")
    assert run_check(tree) == 1
    err = capsys.readouterr().err
    line = _line_of(text, new.strip())
    found = re.search(rf"register\.yaml:(\d+):(\d+): {re.escape(field)}: .*{message}", err)
    assert found, err
    assert int(found.group(1)) == line


def test_a_distribution_naming_an_unknown_id_is_located(tree, capsys):
    register = tree / "cases" / "register.yaml"
    text = register.read_text(encoding="utf-8").replace("copies: [udir]", "copies: [udirr]")
    register.write_text(text, encoding="utf-8")
    assert run_check(tree) == 1
    assert re.search(r"register\.yaml:\d+:\d+: fora\.rekom\.distribution\.copies\[0\]: no person, organisation or network 'udirr'",
                     capsys.readouterr().err)
