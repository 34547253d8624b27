"""Run a case's allocation inputs through the engine: figures, checks, tables and names for prose.

Why here and not in the engine: this is where register ids meet the engine's plain values,
and where the engine's Disagreements get a file, line and field path.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .. import engine
from ..errors import Problem, Severity
from ..formats import plain_number
from ..model.allocation import Allocation, Line, Reserved
from ..model.load import Located
from ..model.roster import organisation_name
from ..model.schema import Registers
from .inputs import input_problems, plain_percent, shares_pot

MUNICIPALITIES = "kommuner"


@dataclass(frozen=True)
class Figures:
    """Everything computed for one allocation, with the problems its stated figures show."""

    spec: Allocation
    names: dict[str, str]
    waterfall: engine.Waterfall | None
    reserved_lines: tuple[engine.Item, ...]
    unallocated: int
    allocation: engine.Allocation | None
    split: engine.Split | None
    requests: tuple[engine.RequestCheck, ...]
    scenario: engine.Scenario | None
    problems: list[tuple[tuple, str, Severity]] = field(default_factory=list)

    @property
    def split_unallocated(self) -> int:
        """What a split without keys leaves of the pot (0 when the split covers it, or there is none)."""
        if self.split is None or shares_pot(self.spec) or self.pot is None:
            return 0
        return max(0, self.pot - self.split.total)

    @property
    def pot(self) -> int | None:
        """The pot for collective measures: decided, or what the waterfall leaves."""
        if self.spec.pot is not None:
            return self.spec.pot
        return self.waterfall.pot if self.waterfall else None


def compute(spec: Allocation, reg: Registers, forum_id: str) -> Figures:
    """All figures of one allocation; disagreements are collected, never raised.

    Inputs the engine cannot work with (an unknown key, a negative measure) are reported
    first, and the figures are then left out rather than computed from them.
    """
    recipients = _recipients(spec, reg, forum_id)
    names = {r.id: r.name for r in recipients} | {k: organisation_name(reg, k) for k in reg.organisations}
    keys = {k.id: _key(k) for k in spec.keys}
    problems: list[tuple[tuple, str, Severity]] = list(input_problems(spec, keys, recipients, reg))
    if problems:
        return Figures(spec, names, None, (), 0, None, None, (), None, problems)
    fixed = [engine.Item(line.label, _line_amount(line, keys, recipients)) for line in spec.fixed]
    reserved_lines: tuple[engine.Item, ...]
    wf, reserved_lines, unallocated = None, (), 0
    if spec.frame is not None:
        wf, reserved_lines = _waterfall(spec, fixed)
        problems += _waterfall_problems(spec, wf, reserved_lines)
        unallocated = wf.pot - spec.pot if spec.pot is not None else 0
    pot = spec.pot if spec.pot is not None else (wf.pot if wf else None)
    if any(severity is Severity.ERROR for _, _, severity in problems):
        return Figures(spec, names, wf, reserved_lines, unallocated, None, None, (), None, problems)
    allocation = None
    if spec.keys:
        recipients = _with_derived_measure(spec, recipients, list(keys.values()))
        shared = pot or 0 if shares_pot(spec) else 0  # fixed keys alone only give each network its amount
        allocation = engine.allocate(shared, recipients, list(keys.values()), engine.Rounding(spec.rounding))
        problems += [(("rounding",), f"spreadsheet rounding: the cells of '{'Sum' if d.column == 'total' else d.column}' sum to {plain_number(d.rounded_sum)}, "
                      f"the exact total is {plain_number(_whole(d.exact))} (drift {plain_number(_whole(d.drift))} kr)", Severity.WARNING)
                     for d in allocation.warnings]
    split = engine.split(engine.Portion(nid, p.network, p.uh if isinstance(p.uh, dict) else {"uh": p.uh})
                         for nid, p in spec.split.items()) if spec.split else None
    frames = allocation.amounts if allocation and shares_pot(spec) else (split.totals if split else {})
    requests = engine.compare_requests(frames, [engine.Request(nid, to, amount) for nid, parts in spec.requests.items()
                                                for to, amount in parts.items()]) if spec.requests else ()
    years = engine.scenario(spec.frame, fixed, [engine.YearPlan(y.year, y.share, None, tuple(_plain(l) for l in y.lines), y.residual)
                                                for y in spec.scenario],
                            reserved_label=_reserved_label(spec), pot_label=spec.pot_label) if spec.scenario and spec.frame else None
    figures = Figures(spec, names, wf, reserved_lines, unallocated, allocation, split, requests, years, problems)
    problems += list(_stated_problems(figures))
    problems += list(_preframe_problems(figures))
    problems += [(("requests", c.recipient), f"requests for {names.get(c.recipient, c.recipient)} exceed its frame "
                  f"{plain_number(c.frame)} by {plain_number(c.excess)} (requested {plain_number(c.requested)})", Severity.WARNING)
                 for c in requests if c.excess]
    if years:
        problems += [(("scenario",), disagreement(d, figures), Severity.ERROR) for d in years.problems]
    problems += list(_split_problems(figures, pot))
    return figures


def _reserved_label(spec: Allocation) -> str:
    return spec.reserved.label if spec.reserved else Reserved.model_fields["label"].default


def _waterfall_problems(spec: Allocation, wf: engine.Waterfall, lines) -> list[tuple[tuple, str, Severity]]:
    """The frame covers the fixed items, a share-based reserve covers its lines, a decided pot fits."""
    problems: list[tuple[tuple, str, Severity]] = []
    if wf.fixed_total > wf.frame:
        problems.append((("fixed",), f"the fixed items add up to {plain_number(wf.fixed_total)}, more than the frame "
                         f"{plain_number(wf.frame)}", Severity.ERROR))
    named = sum(line.amount or 0 for line in spec.reserved.lines) if spec.reserved else 0  # keyed lines: see input_problems
    if spec.reserved and spec.reserved.share is not None and named > wf.reserved >= 0:
        problems.append((("reserved", "lines"), f"the lines add up to {plain_number(named)}, more than the reserved part "
                         f"{plain_number(wf.reserved)}", Severity.ERROR))
    if spec.pot is not None and spec.pot > wf.pot:
        problems.append((("pot",), f"the pot {plain_number(spec.pot)} is larger than what the frame leaves, {plain_number(wf.pot)}",
                         Severity.ERROR))
    return problems


def _split_problems(f: Figures, pot: int | None) -> Iterator[tuple[tuple, str, Severity]]:
    """Each network's split within its frame; the whole split within what the networks get."""
    if f.split is None:
        return
    if f.allocation is not None and shares_pot(f.spec):
        for portion in f.split.portions:
            frame = f.allocation.amounts.get(portion.recipient, 0)
            if portion.total > frame:
                yield (("split", portion.recipient), f"the split gives {f.names.get(portion.recipient, portion.recipient)} "
                       f"{plain_number(portion.total)}, more than its frame {plain_number(frame)}", Severity.ERROR)
        return
    if pot is not None and f.split.total > pot:
        yield (("split",), f"the split shares out {plain_number(f.split.total)}, more than the pot {plain_number(pot)}", Severity.ERROR)


def _recipients(spec: Allocation, reg: Registers, forum_id: str) -> list[engine.Recipient]:
    """The networks shared between, with 'kommuner' counted from the register."""
    ids = list(spec.recipients) or list(reg.fora[forum_id].networks)
    result = []
    for nid in ids:
        network = reg.networks.get(nid)
        measures: dict[str, engine.Weight] = {MUNICIPALITIES: len(network.municipalities)} if network else {}
        measures |= dict(spec.recipients.get(nid, {}))
        result.append(engine.Recipient(nid, network.short if network else nid, measures))
    return result


def _key(spec) -> engine.Key:
    if spec.base is not None:
        return engine.BaseGrant(spec.base, spec.label)
    if spec.fixed is not None:
        return engine.FixedWithExceptions(spec.fixed, dict(spec.exceptions), spec.label)
    if spec.flat is not None:
        return engine.FlatShare(spec.flat, spec.by, spec.label)
    return engine.ProRata(spec.pro_rata, spec.by, spec.label)


def _line_amount(line: Line, keys: dict[str, engine.Key], recipients: list[engine.Recipient]) -> int:
    """A line's amount, or the total its fixed key gives the recipients."""
    if line.amount is not None:
        return line.amount
    assert line.key is not None  # a line without an amount has a key (Line._amount_or_key)
    key = keys[line.key]
    assert isinstance(key, (engine.BaseGrant, engine.FixedWithExceptions))  # input_problems rejects other keys first
    return engine.fixed_item(key, recipients).amount


def _plain(line: Line) -> engine.Item:
    return engine.Item(line.label, line.amount or 0)


def _waterfall(spec: Allocation, fixed: list[engine.Item]) -> tuple[engine.Waterfall, tuple[engine.Item, ...]]:
    """The waterfall and the individual lines (with the residual line, when there is one)."""
    reserved = spec.reserved
    assert spec.frame is not None  # compute builds a waterfall only for a frame
    if reserved is None:
        return engine.waterfall(spec.frame, fixed, None, pot_label=spec.pot_label), ()
    lines = tuple(_plain(line) for line in reserved.lines)
    if reserved.share is None:
        wf = engine.waterfall(spec.frame, fixed, reserved_amount=sum(l.amount for l in lines),
                              reserved_label=reserved.label, pot_label=spec.pot_label)
        return wf, lines
    wf = engine.waterfall(spec.frame, fixed, reserved.share, reserved_label=reserved.label, pot_label=spec.pot_label)
    if reserved.residual:
        lines += (engine.Item(reserved.residual, wf.reserved - sum(l.amount for l in lines)),)
    return wf, lines


def _with_derived_measure(spec: Allocation, recipients, keys) -> list[engine.Recipient]:
    """Recipients with the measure derived from stated pre-frames, when the case asks for it."""
    pre = spec.preframes
    if pre is None or pre.derive is None:
        return recipients
    base = _base_grants(keys, recipients)
    weights = engine.implied_weights(dict(pre.amounts), base)
    return [engine.Recipient(r.id, r.name, {**r.measures, pre.derive: weights.get(r.id, 0)}) for r in recipients]


def _base_grants(keys, recipients) -> dict[str, int]:
    return {r.id: sum(k.amount for k in keys if isinstance(k, engine.BaseGrant)) for r in recipients}


def _stated_problems(f: Figures) -> Iterator[tuple[tuple, str, Severity]]:
    """Each stated figure against the computed one: an error naming both values."""
    stated = f.spec.stated
    if stated is None:
        return
    if f.waterfall is not None:
        checks = engine.check_waterfall(f.waterfall, fixed_total=stated.fixed_total, remaining=stated.remaining,
                                        reserved=stated.reserved, reserved_share=stated.reserved_share,
                                        pot=stated.pot if f.spec.pot is None else None)
        for d in checks:
            field_name = "" if d.field == "reserved_and_pot" else d.field
            yield ("stated", field_name) if field_name else ("stated",), disagreement(d, f), Severity.ERROR
    if f.spec.pot is not None and stated.pot is not None and stated.pot != f.spec.pot:
        yield ("stated", "pot"), f"stated pot {plain_number(stated.pot)} disagrees with the pot {plain_number(f.spec.pot)}", Severity.ERROR
    if f.allocation is not None:
        yield from _stated_cells(f, stated)
    if stated.uh_totals and f.split is not None:
        per_uh = dict(f.split.uh_totals)
        if set(per_uh) == {"uh"}:  # the split gives one UH amount per network: compare the sums
            per_uh, given = {"UH": f.split.uh_total}, {"UH": sum(stated.uh_totals.values())}
        else:
            given = dict(stated.uh_totals)
        for d in engine.check_tables("uh_total", given, per_uh):
            yield ("stated", "uh_totals"), disagreement(d, f), Severity.ERROR


def _stated_cells(f: Figures, stated) -> Iterator[tuple[tuple, str, Severity]]:
    assert f.allocation is not None  # _stated_problems asks for the cells only with an allocation
    labels = {k.id: k.label for k in f.spec.keys}
    for column, cells in stated.columns.items():
        computed = dict(f.allocation.amounts) if column == "total" else _column(f, column)
        for nid, amount in cells.items():
            if nid in computed and computed[nid] != amount:
                yield (("stated", "columns", column, nid),
                       f"{labels.get(column, 'Sum')} for {f.names.get(nid, nid)}: stated {plain_number(amount)}, "
                       f"computed {plain_number(computed[nid])}", Severity.ERROR)
            elif nid not in computed:
                yield ("stated", "columns", column, nid), f"'{nid}' is not a recipient of this allocation", Severity.ERROR
    for column, amount in stated.totals.items():
        label = None if column == "total" else next((k.label for k in f.spec.keys if k.id == column), column)
        total = _whole(printed_total(f.allocation, label)) if label is None or label in f.allocation.keys else 0
        if total != amount:
            yield (("stated", "totals", column), f"{labels.get(column, 'Sum')} total: stated {plain_number(amount)}, "
                   f"computed {plain_number(total)}", Severity.ERROR)


def printed_total(a: engine.Allocation, label: str | None) -> int | Fraction:
    """A column's total (`label` None: the sum column) as its table prints it.

    Why: a spreadsheet rounds each cell for display but sums the exact values, so in
    spreadsheet mode the printed total is the exact part (the drift is warned about).
    """
    if a.rounding is engine.Rounding.SPREADSHEET:
        return sum(a.parts.values()) if label is None else a.parts[label]
    return a.total if label is None else sum(a.column(label).values())


def _whole(value: int | Fraction) -> int | Fraction:
    return int(value) if Fraction(value).denominator == 1 else value


def _column(f: Figures, key_id: str) -> dict[str, int]:
    assert f.allocation is not None  # only _stated_cells calls this, with an allocation
    label = next((k.label for k in f.spec.keys if k.id == key_id), key_id)
    return dict(f.allocation.column(label)) if label in f.allocation.keys else {}


def _preframe_problems(f: Figures) -> Iterator[tuple[tuple, str, Severity]]:
    """Stated pre-frames: base grant plus the pot share of each network, coordination excluded."""
    pre = f.spec.preframes
    if pre is None or f.allocation is None:
        return
    fixed = [k.label for k in f.spec.keys if k.fixed is not None]
    base = [k.label for k in f.spec.keys if k.base is not None]
    frames = {row.recipient: row.total - sum(row.amounts.get(label, 0) for label in fixed) for row in f.allocation.rows}
    bases = {row.recipient: sum(row.amounts.get(label, 0) for label in base) for row in f.allocation.rows}
    for d in engine.check_preframes(dict(pre.amounts), bases, f.pot or 0):
        yield ("preframes", "amounts"), disagreement(d, f), Severity.ERROR
    for nid, amount in pre.amounts.items():
        if nid in frames and frames[nid] != amount:
            yield (("preframes", "amounts", nid), f"pre-frame for {f.names.get(nid, nid)}: stated {plain_number(amount)}, "
                   f"computed {plain_number(frames[nid])}", Severity.ERROR)


FIELDS = {  # what a Disagreement's field is called in an English message
    "fixed_total": "sum of the fixed items", "remaining": "left after the fixed items",
    "reserved_share": "{reserved}: percent label", "reserved_and_pot": "{reserved} + {pot}",
    "preframe_below_base": "pre-frame of {subject} is below its base grant", "preframes_total": "sum of the pre-frames",
    "year_lines": "{subject}: individual lines", "uh_total": "to UH: {subject}",
}


def disagreement(d: engine.Disagreement, f: Figures) -> str:
    """A Disagreement as an English message naming both values."""
    wf = f.waterfall
    labels = {"reserved": wf.reserved_label if wf else _reserved_label(f.spec), "pot": f.spec.pot_label}
    what = FIELDS.get(d.field, labels.get(d.field, d.field)).format(subject=f.names.get(d.subject, d.subject), **labels)
    if d.unit == "%":
        return f"{what}: stated {plain_percent(Fraction(d.stated), 2)}, computed {plain_percent(Fraction(d.computed), 2)}"
    return (f"{what}: stated {plain_number(d.stated)}, computed {plain_number(d.computed)} "
            f"(off by {plain_number(d.stated - d.computed)})")


def located_problems(figures: Figures, src: Located, at: tuple) -> list[Problem]:
    """The figures' problems located under the case's `allocation` key."""
    return [src.problem(at + path, message, severity=severity) for path, message, severity in figures.problems]


def prose(f: Figures) -> dict[str, Any]:
    """The computed values a case text may print: `{{ kr(fordeling.pot) }}`, `{{ kr(fordeling.nettverk["fosen"]) }}`."""
    values: dict[str, Any] = {"pot": f.pot, "unallocated": f.unallocated}
    if f.waterfall is not None:
        wf = f.waterfall
        values |= {"frame": wf.frame, "fixed_total": wf.fixed_total, "remaining": wf.remaining,
                   "reserved": wf.reserved, "reserved_share": wf.reserved_share,
                   "fixed": {item.label: item.amount for item in wf.fixed}}
    if f.allocation is not None:
        a = f.allocation
        values |= {"total": a.total, "nettverk": dict(a.amounts),
                   "by_key": {k.id: sum(a.column(k.label).values()) for k in f.spec.keys}}
    if f.split is not None:
        values |= {"to_networks": f.split.network_total, "to_uh": f.split.uh_total, "split_total": f.split.total}
    return {f.spec.name: values}
