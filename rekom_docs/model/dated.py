"""The registers as they stood on a date: members in the forum then, names as they were then.

Why: a meeting's documents are built from the register; a member who joins later, a
renamed organisation or someone who leaves must not change what an earlier meeting shows.
"""

from __future__ import annotations

from datetime import date

from .schema import Registers


def name_on(entry, day: date):
    """`entry` with the name (and short name) it had on `day`, from its `formerly` list."""
    former = sorted((f for f in entry.formerly if day < f.until), key=lambda f: f.until)
    if not former:
        return entry
    old = former[0]
    update = {"name": old.name}
    if "short" in type(entry).model_fields:  # a network needs a short name; others fall back to the name
        update["short"] = old.short or (old.name if type(entry).model_fields["short"].is_required() else None)
    return entry.model_copy(update=update)


def member_on(membership, day: date) -> bool:
    """Whether a membership covers `day` (from and to both count)."""
    return (membership.start is None or membership.start <= day) and (membership.end is None or day <= membership.end)


def registers_at(registers: Registers, day: date) -> Registers:
    """The registers on `day`: only the members of that day, every name as it was."""
    return registers.model_copy(update={
        "organisations": {k: name_on(v, day) for k, v in registers.organisations.items()},
        "networks": {k: name_on(v, day) for k, v in registers.networks.items()},
        "people": {k: name_on(v, day) for k, v in registers.people.items()},
        "fora": {k: f.model_copy(update={"members": [m for m in f.members if member_on(m, day)]})
                 for k, f in registers.fora.items()},
    })


def project_at(project, day: date):
    """The project with its registers as they stood on `day`."""
    import dataclasses

    return dataclasses.replace(project, registers=registers_at(project.registers, day))
