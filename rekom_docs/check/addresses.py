"""Names and references in the register that mail headers and the distribution depend on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import Problem, did_you_mean
from ..model.addresses import Contact, Distribution, name_problem
from ..model.load import Located
from ..model.schema import Registers


def unknown_party(registers: Registers, ref: str) -> str | None:
    """The message for an id that names no person, organisation or network in the register, else None."""
    known = (registers.people, registers.organisations, registers.networks)
    if any(ref in table for table in known):
        return None
    return f"no person, organisation or network '{ref}'{did_you_mean(ref, [k for table in known for k in table])}"


def check_register_names(registers: Registers, src: Located) -> Iterator[Problem]:
    """Names in the register that would be refused in a mail header, located at the name."""
    tables: dict[str, dict[str, Any]] = {"organisations": registers.organisations, "networks": registers.networks, "people": registers.people,
              "fora": registers.fora}
    for table, entries in tables.items():
        for key, entry in entries.items():
            problem = name_problem(entry.name)
            if problem:
                yield src.problem((table, key, "name"), problem)
    for fid, forum in registers.fora.items():
        if forum.distribution is not None:
            yield from _check_refs(registers, src, fid, forum.distribution)


def _check_refs(registers: Registers, src: Located, fid: str, dist: Distribution) -> Iterator[Problem]:
    """Every id the distribution names is in the register."""
    at = ("fora", fid, "distribution")
    refs: list[tuple[tuple[str | int, ...], str | Contact]] = []
    refs += [(("public", i), r) for i, r in enumerate(dist.public)]
    refs += [(("copies", i), r) for i, r in enumerate(dist.copies)]
    refs += [(("copy_to", rid, i), r) for rid, rs in dist.copy_to.items() for i, r in enumerate(rs)]
    refs += [(("copy_to", rid), rid) for rid in dist.copy_to]
    for where, ref in refs:
        message = unknown_party(registers, ref) if isinstance(ref, str) else None
        if message:
            yield src.problem(at + where, message)
