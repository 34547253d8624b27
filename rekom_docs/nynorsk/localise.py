"""A meeting as a nynorsk document prints it: translated prose, nynorsk register names, figures relabelled.

Why swap the models rather than translate in each view: every view then prints nynorsk
without knowing it, and a new field is covered once it is listed in `fields.PROSE`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..compute.figures import compute
from ..compute.followups import open_at
from ..errors import RekomError
from ..model import translations as store
from ..model.project import MeetingFile, Project
from ..model.schema import Case, Meeting, Registers
from . import apertium, fields
from .texts import is_current, memory, prose_texts

_CACHE: dict[tuple[int, int], tuple[MeetingFile, Project, MeetingFile, Project]] = {}


def localised(item: MeetingFile, project: Project) -> tuple[MeetingFile, Project]:
    """The nynorsk meeting and a project with nynorsk register names (computed once per meeting)."""
    key = (id(item), id(project))
    if key in _CACHE and _CACHE[key][0] is item and _CACHE[key][1] is project:
        return _CACHE[key][2], _CACHE[key][3]
    registers = nynorsk_registers(project.registers)
    nn_item = _translated(item, project.registers, registers)
    earlier = _with_due_follow_ups(item, project)  # Why: the agenda lists their follow-ups
    meetings = [_translated(m, project.registers, registers) if any(m is e for e in earlier) else m
                for m in project.meetings]
    nn_project = replace(project, registers=registers, meetings=meetings)
    if len(_CACHE) > 16:  # Why: a long test run builds many projects; keep only the recent ones
        _CACHE.clear()
    _CACHE[key] = (item, project, nn_item, nn_project)
    return nn_item, nn_project


def _translated(item: MeetingFile, registers: Registers, nn_registers: Registers) -> MeetingFile:
    meeting = _measures_renamed(item.meeting, fields.replaced(item.meeting, nynorsk_texts(item, registers)))
    figures = {i: compute(case.allocation, nn_registers, meeting.forum)
               for i, case in enumerate(meeting.agenda) if isinstance(case, Case) and case.allocation}
    broken = [message for f in figures.values() for _, message, severity in f.problems if severity.value == "error"]
    if broken:  # Why: the bokmål figures were checked; only a translated label or measure can break them
        raise RekomError(f"{store.translation_path(item.path).name}: the nynorsk labels break the figures: {broken[0]}")
    return replace(item, meeting=meeting, figures=figures)


def _measures_renamed(nb: Meeting, nn: Meeting) -> Meeting:
    """The recipients' measures under their nynorsk names (`by: barn og elever` -> `barn og elevar`)."""
    agenda = list(nn.agenda)
    for i, (old, new) in enumerate(zip(nb.agenda, nn.agenda)):
        if not (isinstance(old, Case) and old.allocation and isinstance(new, Case) and new.allocation):
            continue
        names = {a.by: b.by for a, b in zip(old.allocation.keys, new.allocation.keys) if a.by != b.by}
        if names:
            spec = new.allocation
            update: dict[str, Any] = {"recipients": {rid: {names.get(k, k): v for k, v in measures.items()}
                                                     for rid, measures in spec.recipients.items()}}
            if spec.preframes and spec.preframes.derive in names:
                update["preframes"] = spec.preframes.model_copy(update={"derive": names[spec.preframes.derive]})
            agenda[i] = new.model_copy(update={"allocation": spec.model_copy(update=update)})
    return nn.model_copy(update={"agenda": agenda})


def _with_due_follow_ups(item: MeetingFile, project: Project) -> list[MeetingFile]:
    """Earlier meetings with follow-ups still open at this one: its agenda lists them."""
    ids = {t.meeting for t in open_at(item, project)}
    return [m for m in project.meetings if m.id in ids and m is not item]


def nynorsk_texts(item: MeetingFile, registers: Registers) -> dict[tuple, str]:
    """Every prose field's nynorsk text: from the translation file, or by machine when missing or stale."""
    texts = prose_texts(item.meeting, registers)
    entries = store.load(store.translation_path(item.path)).entries  # problems there are reported by `check`
    known = memory(texts, entries)
    result = {t.path: entries[t.key].nn for t in texts if is_current(entries.get(t.key), t)}
    missing = [t for t in texts if t.path not in result and t.source not in known]
    if missing and not apertium.available():
        raise RekomError(
            f"{len(missing)} text(s) of {item.path.name} have no nynorsk translation (first: {missing[0].key[0]} "
            f"{missing[0].key[1]}), and Apertium, which translates them, is not installed. Install it with: "
            f"{apertium.INSTALL}  (or run `rekom-docs translate {item.id}` where it is, and keep "
            f"{store.translation_path(item.path).name})")
    fresh = list(dict.fromkeys(t.nb for t in missing))
    known |= {store.source_hash(nb): nn for nb, nn in zip(fresh, apertium.translate(fresh) if fresh else [])}
    return result | {t.path: known[t.source] for t in texts if t.path not in result}


def nynorsk_registers(reg: Registers) -> Registers:
    """The registers with each name in its nynorsk form where one is given."""
    def nn(model: Any, *names: str) -> Any:
        update = {name: getattr(model, f"{name}_nn") for name in names if getattr(model, f"{name}_nn")}
        return model.model_copy(update=update) if update else model

    return reg.model_copy(update={
        "organisations": {k: nn(v, "name", "short") for k, v in reg.organisations.items()},
        "networks": {k: nn(v, "name", "short") for k, v in reg.networks.items()},
        "people": {k: nn(v, "title") for k, v in reg.people.items()},
        "fora": {k: nn(v, "name", "long_name") for k, v in reg.fora.items()},
    })
