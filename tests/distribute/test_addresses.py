"""Addresses in the register: validated, and a name or address that could inject a header is a located error."""

from __future__ import annotations

import re

import pytest

from rekom_docs.distribute.message import KINDS, WORDING, fill, load_wording
from rekom_docs.errors import RekomError
from rekom_docs.model.addresses import parse_email


def run_check(tree) -> int:
    from rekom_docs.cli import main

    return main(["check", str(tree / "cases")])


@pytest.mark.parametrize("good", ["post@example.no", "kari.lund@fosen.example.no", "a+b@sub.example.org"])
def test_plain_addresses_are_accepted(good):
    assert parse_email(good) == good


@pytest.mark.parametrize("bad", ["a@example.no, b@example.no", "Kari <kari@example.no>", "kari@example.no\r\nBcc: x@example.no",
                                 "kari@localhost", "kåre@example.no", "kari @example.no", "@example.no", "kari@", ""])
def test_anything_but_one_plain_address_is_refused(bad):
    with pytest.raises(ValueError):
        parse_email(bad)


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


def test_the_wording_is_complete_and_alike_in_both_written_standards():
    wording = load_wording()
    fields = re.compile(r"\{(\w+)\}")
    for kind in KINDS:
        for part in ("subject", "body"):
            assert set(fields.findall(wording["nb"][kind][part])) == set(fields.findall(wording["nn"][kind][part])), (kind, part)
    assert wording["nb"]["agenda"]["body"] != wording["nn"]["agenda"]["body"]
    assert WORDING.parent.name == "wording"


def test_the_wording_can_name_values_but_not_reach_into_them():
    assert fill("Hei, {name}.", {"name": "Kari"}) == "Hei, Kari."
    with pytest.raises(RekomError, match="known: {name}"):
        fill("{name.__class__}", {"name": "Kari"})
    with pytest.raises(RekomError):
        fill("{password}", {"name": "Kari"})
