"""E-mail addresses in the register and who receives which papers (utsending), as validated types.

Why: names and addresses from the case files end up in mail headers, so an address must be
exactly one plain address and a name must hold no line break or address of its own; both are
refused where they are written (file:line:col), before any message is built.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from .values import Model, empty_list

_LINE_BREAK = re.compile(r"[\r\n\x00\x85\u2028\u2029]")
_ADDRESS_IN_TEXT = re.compile(r"[<>@]")
# Why: the mail parser is slow Python (most of validating a register) and this form, dot-separated
# words of letters, digits, '_', '+' and '-' on both sides, is one it takes as it is; others go to it.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+")


def parse_email(value: str) -> str:
    """One plain ASCII address `local@domain`, or a ValueError saying what is wrong with it."""
    return value if _PLAIN_ADDRESS.fullmatch(value) else parsed_email(value)


def parsed_email(value: str) -> str:
    """`parse_email` by the standard library's mail parser, for any address."""
    from email.errors import HeaderParseError
    from email.headerregistry import Address
    from email.utils import getaddresses

    if _LINE_BREAK.search(value):
        raise ValueError("an e-mail address may not contain a line break")
    found = getaddresses([value])
    if len(found) != 1 or found[0][0] or found[0][1] != value:
        raise ValueError(f"expected exactly one plain e-mail address such as post@example.no, got {value!r}")
    if not value.isascii() or any(c.isspace() for c in value):
        raise ValueError(f"an e-mail address must be ASCII without spaces, got {value!r}")
    try:
        address = Address(addr_spec=value)
    except (HeaderParseError, ValueError, IndexError) as exc:
        raise ValueError(f"not a valid e-mail address: {value!r} ({exc})") from None
    if not address.username or "." not in address.domain:
        raise ValueError(f"an e-mail address needs a name and a domain such as post@example.no, got {value!r}")
    return value


def name_problem(name: str) -> str | None:
    """Why `name` cannot stand as a display name in a mail header, or None when it can."""
    if _LINE_BREAK.search(name):
        return "a name may not contain a line break (it would end the mail header)"
    if _ADDRESS_IN_TEXT.search(name):
        return "a name may not contain an e-mail address or the characters < > @"
    return None


def _check_name(name: str) -> str:
    problem = name_problem(name)
    if problem:
        raise ValueError(problem)
    return name


Email = Annotated[str, AfterValidator(parse_email), Field(description="E-mail address, e.g. post@example.no.")]
DisplayName = Annotated[str, Field(min_length=1), AfterValidator(_check_name)]
RecipientId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="A person, organisation or network id.")]
Group = Literal["members", "deputies", "secretariat", "guests", "observers", "public"]


class Contact(Model):
    """An address outside the register, e.g. a newsroom on the public list."""

    name: DisplayName
    email: Email


Ref = Annotated[RecipientId | Contact, Field(description="A register id, or {name, email}.")]


class Distribution(Model):
    """Who receives which papers of a forum (utsending); the addresses themselves are in the register."""

    sender: Contact = Field(description="From: and organiser of the calendar invitation, e.g. the secretariat's address.")
    agenda: list[Group] = Field(["members", "deputies", "secretariat", "guests"], description="Who gets the innkalling.")
    minutes: list[Group] = Field(["members", "deputies", "secretariat", "guests", "public"], description="Who gets the referat.")
    public: list[Ref] = Field(default_factory=empty_list, description="Offentlig liste: receives the public version.")
    copies: list[Ref] = Field(default_factory=empty_list, description="Kopi til: a copy of every letter.")
    copy_to: dict[RecipientId, list[Ref]] = Field(default_factory=dict, description="Kopi til for the letter to one recipient.")
