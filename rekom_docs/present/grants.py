"""What one recipient's letter says it gets: the innstilling's own figures, grouped by who is paid.

Why a module of its own: a letter must never print a figure the innstilling does not (a sum
of rounded cells instead of the rounded row total was 1 kr off in five 2022 letters). Every
amount here is taken from the computed figures the innstilling prints; the only new figures
are the sums of the lines shown right above them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..compute.figures import Figures
from ..compute.inputs import shares_pot
from ..formats import kr
from ..model.allocation import Line
from ..model.schema import Registers
from .wording import words


@dataclass(frozen=True)
class Section:
    """One table of a letter: a title, labelled amounts, the total to print and notes below it."""

    title: str
    lines: list[tuple[str, int]]
    total: int | None = None  # None: no totals row (one line), else the figure the innstilling prints
    total_label: str = ""
    notes: list[str] = field(default_factory=list)


def grants(f: Figures, reg: Registers, rid: str, lang: str) -> list[Section]:
    """Every amount of the allocation that concerns `rid`, as the sections its letter prints."""
    if rid in reg.networks:
        sections = [_network_frame(f, reg, rid, lang), _to_network(f, reg, rid, lang), _to_partners(f, reg, rid, lang)]
    else:
        sections = [_to_organisation(f, reg, rid, lang)]
    sections += [_shared(f, reg, line, rid, lang) for line in spec_lines(f) if rid in line.shared]
    return [s for s in sections if s is not None and s.lines]


_GROUP = re.compile(r"(?:I{1,3}|IV|V|VI{0,3}): ")


def spec_lines(f: Figures) -> list[Line]:
    """Every line of the allocation that can name a recipient: fixed lines, then individual ones."""
    return [*f.spec.fixed, *(f.spec.reserved.lines if f.spec.reserved else [])]


def _named(f: Figures, rid: str) -> list[tuple[str, int]]:
    """Fixed items and individual measures given to `rid` by name."""
    return [(_readable(f, line), line.amount) for line in spec_lines(f) if line.recipient == rid and line.amount is not None]


def _readable(f: Figures, line: Line) -> str:
    """A reserved line's label with the forum's group numeral (`I: `) replaced by the group's name.

    Why: `I:` is the spreadsheet's grouping; a recipient reads `Individuelle tiltak: ...`.
    """
    reserved = f.spec.reserved
    if reserved is None or line not in reserved.lines:
        return line.label
    match = _GROUP.match(line.label)
    return f"{reserved.label}: {line.label[match.end():]}" if match else line.label


def _section(title: str, lines: list[tuple[str, int]], sum_label: str, notes: list[str] | None = None) -> Section:
    """A section whose total is the sum of its lines (printed only when there are several)."""
    total = sum(amount for _, amount in lines) if len(lines) > 1 else None
    return Section(title, lines, total, sum_label, notes or [])


def recipient_name(reg: Registers, rid: str) -> str:
    """A letter recipient's full name: network, organisation, or the id itself."""
    if rid in reg.networks:
        return reg.networks[rid].name
    return reg.organisations[rid].name if rid in reg.organisations else rid


def _partners(reg: Registers, rid: str) -> list[str]:
    network = reg.networks.get(rid)
    return [p for p in (network.partners if network else []) if p in reg.organisations]


def _short(reg: Registers, oid: str) -> str:
    org = reg.organisations[oid]
    return org.short or org.name


def _network_frame(f: Figures, reg: Registers, rid: str, lang: str) -> Section | None:
    """Without a split, the network's row of the distribution is the partnership's frame, as printed.

    Why the row total and not the sum of the cells: in spreadsheet rounding each cell is rounded
    on its own, and the innstilling prints the rounded exact total; the letter prints the same.
    """
    if f.allocation is None or rid not in f.allocation.amounts or not shares_pot(f.spec) or f.split is not None:
        return None
    w, row = words(lang), f.allocation.row(rid)
    lines = [(label, row.amounts[label]) for label in f.allocation.keys]
    notes = []
    if sum(amount for _, amount in lines) != row.total:
        notes.append(w["letter_rounding"])
    partners = ", ".join(_short(reg, p) for p in _partners(reg, rid))
    if partners:
        notes.append(w["letter_frame_unsplit"].format(partners=partners))
    title = w["letter_frame"].format(pot=f.spec.pot_label.lower())
    return Section(title, lines, row.total, w["frame"], notes)


def _to_network(f: Figures, reg: Registers, rid: str, lang: str) -> Section:
    """What is paid to the network itself: keys outside the pot, its part of a split, named measures."""
    w = words(lang)
    lines: list[tuple[str, int]] = []
    if f.allocation is not None and rid in f.allocation.amounts and not shares_pot(f.spec):
        row = f.allocation.row(rid)
        lines += [(label, row.amounts[label]) for label in f.allocation.keys]
    portion = _portion(f, rid)
    if portion is not None:
        lines.append((w["letter_network_part"].format(pot=f.spec.pot_label), portion.to_network))
    lines += _named(f, rid)
    name = recipient_name(reg, rid)
    return _section(w["letter_to"].format(name=name), lines, w["sum"])


def _portion(f: Figures, rid: str):
    return next((p for p in f.split.portions if p.recipient == rid), None) if f.split else None


def _to_partners(f: Figures, reg: Registers, rid: str, lang: str) -> Section | None:
    """What goes to the network's university partners from its frame: per partner when the split says so."""
    portion = _portion(f, rid)
    if portion is None or not portion.uh_total:
        return None
    w, partners = words(lang), _partners(reg, rid)
    per = {uh: amount for uh, amount in portion.to_uh.items() if uh != "uh"}
    if not per and len(partners) == 1:
        per = {partners[0]: portion.uh_total}
    notes = [w["letter_split_frame"].format(pot=f.spec.pot_label.lower(), frame=kr(portion.total, lang),
                                            network=kr(portion.to_network, lang), uh=kr(portion.uh_total, lang))]
    if per:
        lines = [(f.names.get(uh, uh), amount) for uh, amount in per.items()]
    else:
        names = ", ".join(_short(reg, p) for p in partners) or w["uh"]
        lines = [(w["letter_partners_together"].format(partners=names), portion.uh_total)]
        notes.append(w["letter_partners_unsplit"])
    title = w["letter_partners"].format(pot=f.spec.pot_label.lower())
    return _section(title, lines, w["sum"], notes)


def _to_organisation(f: Figures, reg: Registers, rid: str, lang: str) -> Section:
    """What a university partner or another organisation gets: its UH total and the measures named for it."""
    w = words(lang)
    lines: list[tuple[str, int]] = []
    uh = uh_totals(f)
    if rid in uh:
        lines.append((f"{f.spec.pot_label}, {w['in_partnership']}", uh[rid]))
    lines += _named(f, rid)
    name = recipient_name(reg, rid)
    return _section(w["letter_to"].format(name=name), lines, w["sum"])


def uh_totals(f: Figures) -> dict[str, int]:
    """Totals per university partner: from the split when it names them, else as stated (and checked)."""
    if f.split is not None and set(f.split.uh_totals) - {"uh"}:
        return dict(f.split.uh_totals)
    return dict(f.spec.stated.uh_totals) if f.spec.stated else {}


def _shared(f: Figures, reg: Registers, line: Line, rid: str, lang: str) -> Section:
    """A measure several networks share: the whole amount, and this network's part or that the split follows."""
    w = words(lang)
    names = [reg.networks[n].short for n in line.shared if n in reg.networks]
    together = ", ".join(names[:-1]) + f" {w['and']} {names[-1]}" if len(names) > 1 else "".join(names)
    lines = [(line.label, line.amount or 0)]
    if isinstance(line.shared, dict):
        lines.append((w["letter_shared_part"].format(name=reg.networks[rid].short), line.shared[rid]))
        notes = [w["letter_shared_split"].format(names=together)]
    else:
        notes = [w["letter_shared_pending"].format(names=together)]
    return Section(w["letter_shared"], lines, None, "", notes)


