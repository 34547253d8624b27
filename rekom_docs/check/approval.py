"""Approved minutes do not change: a fingerprint of what was approved, checked on every `check`.

Why per part: a changed fingerprint names the part that changed (`agenda[3]`, `attendance`,
`register`), so `check` can point at the field, not just say "something changed".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date

from ..errors import Problem
from ..model.dated import registers_at
from ..model.lifecycle import Status
from ..model.schema import Registers

UNSIGNED = ("approval", "corrections")
FOLLOW_UP_STATE = ("status", "done", "where")  # Why: closing a follow-up later is not a change of the minutes


def _digest(value) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _signed(data: dict) -> dict:
    """The meeting's data without its approval record and without follow-ups' status."""
    out = {k: v for k, v in data.items() if k not in UNSIGNED}
    agenda = []
    for item in out.get("agenda") or []:
        if isinstance(item, dict) and isinstance(item.get("follow_ups"), list):
            item = item | {"follow_ups": [{k: v for k, v in f.items() if k not in FOLLOW_UP_STATE}
                                          if isinstance(f, dict) else f for f in item["follow_ups"]]}
        agenda.append(item)
    if "agenda" in out:
        out["agenda"] = agenda
    return out


def register_view(registers: Registers, forum_id: str, day: date) -> dict:
    """What the register says about a meeting's forum on its day: members, their names and organisations."""
    reg = registers_at(registers, day)
    forum = reg.fora.get(forum_id)
    if forum is None:
        return {}

    def org(oid: str) -> str:
        entry = reg.organisations.get(oid) or reg.networks.get(oid)
        return f"{entry.name}|{entry.short}" if entry else oid

    members = [[m.person, m.role.value, m.deputy_for, m.voting, reg.people[m.person].name if m.person in reg.people else "",
                org(reg.people[m.person].organisation) if m.person in reg.people else ""] for m in forum.members]
    return {"forum": [forum.name, forum.long_name, org(forum.organisation)], "members": members,
            "networks": [org(n) for n in forum.networks]}


def fingerprint(data: dict, registers: Registers, forum_id: str, day: date) -> dict[str, str]:
    """Hash per part of a meeting's content: each top-level key, each agenda item, and the register as it applies."""
    signed = _signed(data)
    parts = {k: _digest(v) for k, v in signed.items() if k != "agenda"}
    parts |= {f"agenda-{i}": _digest(item) for i, item in enumerate(signed.get("agenda") or [])}
    parts["register"] = _digest(register_view(registers, forum_id, day))
    return parts


def signed_fingerprint(meeting) -> dict[str, str] | None:
    """The fingerprint the meeting's content must have: of the last correction, else of the approval."""
    if meeting.corrections:
        return meeting.corrections[-1].fingerprint
    if meeting.approval and meeting.approval.status is Status.approved:
        return meeting.approval.fingerprint
    return None


def is_approved(meeting) -> bool:
    return meeting.approval is not None and meeting.approval.status is Status.approved


def check_approved(project) -> Iterator[Problem]:
    """An approved meeting whose content differs from what was approved, without a recorded correction, is an error."""
    for item in project.meetings:
        meeting = item.meeting
        if meeting.corrections and not is_approved(meeting):
            yield item.source.problem(("corrections",), "corrections are recorded only for approved minutes")
        signed = signed_fingerprint(meeting)
        if signed is None:
            continue
        now = fingerprint(item.source.data, project.registers, meeting.forum, meeting.date)
        for part in sorted(set(signed) | set(now)):
            if signed.get(part) != now.get(part):
                yield _changed(item, part)


def _changed(item, part: str) -> Problem:
    path = ("agenda", int(part.split("-")[1])) if part.startswith("agenda-") else (part,)
    if part == "register":
        what = ("the register as it applies to this meeting (members, names, organisations) changed; give dates "
                "(from/to on memberships, formerly on names) so the past stays as it was")
        path = ("forum",)
    else:
        what = "changed after the minutes were approved"
    return item.source.problem(path, f"approved meeting {item.id}: {part.replace('-', '[', 1) + ']' if '-' in part else part} "
                               f"{what}; undo the change or record a correction (rekom-docs approve {item.id} --correction ...)")
