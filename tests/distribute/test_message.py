"""The wording of the messages: complete in both written standards, and unable to reach into values."""

from __future__ import annotations

import re

import pytest

from rekom_docs.distribute.message import KINDS, WORDING, fill, load_wording
from rekom_docs.errors import RekomError


def test_the_wording_is_complete_and_alike_in_both_written_standards():
    wording = load_wording()
    fields = re.compile(r"\{(\w+)\}")
    for kind in KINDS:
        for part in ("subject", "body"):
            assert set(fields.findall(wording["nb"][kind][part])) == set(fields.findall(wording["nn"][kind][part])), (kind, part)
    assert wording["nb"]["agenda"]["body"] != wording["nn"]["agenda"]["body"]
    assert WORDING.format(lang="nn") == "utsending.nn.yaml"


def test_the_wording_can_name_values_but_not_reach_into_them():
    assert fill("Hei, {name}.", {"name": "Kari"}) == "Hei, Kari."
    with pytest.raises(RekomError, match="known: {name}"):
        fill("{name.__class__}", {"name": "Kari"})
    with pytest.raises(RekomError):
        fill("{password}", {"name": "Kari"})
