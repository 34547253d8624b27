"""E-mail addresses in the register: exactly one plain address, or a clear refusal."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rekom_docs.model.addresses import _PLAIN_ADDRESS, name_problem, parse_email, parsed_email


@pytest.mark.parametrize("good", ["post@example.no", "kari.lund@fosen.example.no", "a+b@sub.example.org"])
def test_plain_addresses_are_accepted(good):
    assert parse_email(good) == good


@pytest.mark.parametrize("bad", ["a@example.no, b@example.no", "Kari <kari@example.no>", "kari@example.no\r\nBcc: x@example.no",
                                 "kari@localhost", "kåre@example.no", "kari @example.no", "@example.no", "kari@", ""])
def test_anything_but_one_plain_address_is_refused(bad):
    with pytest.raises(ValueError):
        parse_email(bad)


@pytest.mark.parametrize("name, ok", [("Synnøve Kvam", True), ("Ánde Čeavččabákti", True), ("Hansen, Kari", True),
                                      ("Kari\r\nBcc: x@example.org", False), ("Kari <kari@example.org>", False),
                                      ("Kari\u2028Lund", False)])
def test_a_display_name_may_hold_any_letter_but_no_line_break_or_address(name, ok):
    assert (name_problem(name) is None) == ok


@given(st.from_regex(_PLAIN_ADDRESS, fullmatch=True))
@settings(max_examples=300, deadline=None)
def test_an_address_taken_without_the_mail_parser_is_one_the_parser_takes_as_it_is(address):
    assert parsed_email(address) == address


@pytest.mark.parametrize("value", ["kari@localhost", "kari..lund@example.no", ".kari@example.no", "kari@example..no",
                                   "kari@example.no.", "kåre@example.no", "kari @example.no", "\"kari\"@example.no"])
def test_anything_else_goes_to_the_mail_parser(value):
    assert not _PLAIN_ADDRESS.fullmatch(value)
