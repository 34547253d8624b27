"""The frame of a Norwegian public letter: sender, addressee with v/, reference block, signatures, copies.

Why one module: the innstilling and every recipient letter share it, and a civil servant
reads the frame first: who writes, to whom, under which archive number, who to call.
"""

from __future__ import annotations

from typing import Any

from ..formats import long_date, phone
from ..model.roster import person_name
from ..model.schema import Case, Registers
from .meeting import Setting
from .wording import words


def frame(s: Setting, case: Case, addressee: str) -> dict[str, Any]:
    """Letterhead, addressee, reference block, signature and copies of one letter of `case` to `addressee`."""
    reg, meeting, w = s.project.registers, s.item.meeting, words(s.lang)
    forum = s.forum
    sender = reg.organisations[forum.organisation]
    return {
        "letterhead": {"organisation": sender.name, "forum": f"{w['secretariat_for']} {forum.name}",
                       "contact": _sender_contact(sender, w)},
        "addressee": addressee_block(reg, addressee),
        "date": long_date(meeting.date, s.lang),
        "reference": case.archive_ref or meeting.archive_ref or "",
        "their_date": long_date(case.their_date, s.lang) if case.their_date else "",
        "their_reference": case.their_ref or "",
        "caseworker": _caseworker(reg, forum.caseworker),
        "signature": _signature(reg, forum, meeting.chair, s.lang),
        "copy_to": ", ".join(_name(reg, who) for who in case.copy_to),
    }


def addressee_block(reg: Registers, rid: str) -> dict[str, Any]:
    """The recipient as the envelope shows it: name, `v/ contact`, address lines."""
    entry = reg.networks.get(rid) or reg.organisations.get(rid)
    contact = entry.contact if entry is not None else None
    return {"name": _name(reg, rid), "contact": person_name(reg, contact) if contact else "",
            "address": list(entry.address) if entry is not None else []}


def _name(reg: Registers, rid: str) -> str:
    for table in (reg.networks, reg.organisations, reg.people):
        if rid in table:
            return table[rid].name
    return rid


def _sender_contact(sender, w: dict) -> str:
    """The address on one line, `Telefon 73 19 90 00 · sftlpost@statsforvalteren.no` on the next.

    Why a line break (docxtpl prints `\\n` as one) and no-break spaces around the dot: a
    separator never ends a line alone, and the e-mail address stays beside the phone number.
    """
    reach = [f"{w['phone']}\u00a0{phone(sender.phone)}"] if sender.phone else []
    reach += [sender.email] if sender.email else []
    lines = [", ".join(sender.address)] if sender.address else []
    return "\n".join([*lines, *(["\u00a0\u00b7\u00a0".join(reach)] if reach else [])])


def _caseworker(reg: Registers, pid: str | None) -> str:
    """`Ingrid Haugen, tlf. 73 19 91 20, ingrid.haugen@example.no`, or empty."""
    if not pid or pid not in reg.people:
        return ""
    person = reg.people[pid]
    return ", ".join([person.name, *([f"tlf.\u00a0{phone(person.phone)}"] if person.phone else []), *([person.email] if person.email else [])])


def _signature(reg: Registers, forum, chair: str | None, lang: str) -> dict[str, Any]:
    """Who signs: the forum's leader (or the meeting's chair) and the caseworker, each with a title."""
    w = words(lang)
    leader = forum.leader or chair
    signatories = []
    if leader and leader in reg.people:
        signatories.append({"name": reg.people[leader].name, "title": f"{w['chair_of']} {forum.name}"})
    if forum.caseworker and forum.caseworker in reg.people and forum.caseworker != leader:
        person = reg.people[forum.caseworker]
        signatories.append({"name": person.name, "title": person.title or w["secretariat"].lower()})
    return {"signatories": signatories,
            "electronic": w["approved_electronically"] if forum.electronic_approval else ""}
