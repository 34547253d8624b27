"""The engine's figures as document tables: budget, distribution, requests, split, years ahead."""

from __future__ import annotations

from fractions import Fraction

from .. import engine
from ..compute.figures import MUNICIPALITIES, Figures, printed_total
from ..compute.inputs import NETWORK
from ..formats import kr, number, percent
from .document import TableView
from .wording import words


def figure_tables(f: Figures, lang: str = "nb", years_ahead: bool = True) -> list[TableView]:
    """Every table an allocation has, in reading order (a recommendation leaves out the years ahead)."""
    tables = []
    if f.waterfall is not None:
        tables.append(budget_table(f, lang))
    if f.allocation is not None:
        tables.append(distribution_table(f, lang))
    if f.requests:
        tables.append(requests_table(f, lang))
    if f.split is not None:
        tables += split_tables(f, lang)
    if f.scenario is not None and years_ahead:
        tables.append(scenario_table(f, lang))
    return tables


def budget_table(f: Figures, lang: str) -> TableView:
    """The waterfall: frame, fixed items, the reserved part with its lines, the pot."""
    w, wf = words(lang), f.waterfall
    assert wf is not None and f.pot is not None  # figure_tables asks only with a waterfall, which leaves a pot
    rows = [[w["frame"], kr(wf.frame, lang)]]
    for item in wf.fixed:
        rows += [[item.label, kr(item.amount, lang)], *_shared_rows(item, f.spec.fixed, f, w, lang)]
    rows.append([w["fixed_total"], kr(wf.fixed_total, lang)])
    if f.spec.reserved is not None:
        share = f" ({percent(wf.reserved_share, lang, _places(wf.reserved_share))})" if f.spec.reserved.share is not None else ""
        rows.append([f"{wf.reserved_label}{share}", kr(wf.reserved, lang)])
        for item in f.reserved_lines:
            rows += [[f"\u2013 {_with_recipient(item, f)}", kr(item.amount, lang)],
                     *_shared_rows(item, f.spec.reserved.lines, f, w, lang)]
    rows.append([wf.pot_label, kr(f.pot, lang)])
    if f.split_unallocated:
        rows.append([f"\u2013 {w['split_unallocated']}", kr(f.split_unallocated, lang)])
    if f.unallocated:
        rows.append([w["unallocated"], kr(f.unallocated, lang)])
    title = f.spec.title if w["budget"] in f.spec.title.lower() else f"{f.spec.title}: {w['budget']}"
    return TableView(title, [w["item"], w["amount_kr"]], rows, None, [False, True])


def _shared_rows(item: engine.Item, lines, f: Figures, w: dict, lang: str) -> list[list[str]]:
    """Under a shared measure whose split is decided: each network's part (the letters print the same)."""
    line = next((l for l in lines if l.label == item.label and l.amount == item.amount), None)
    if line is None or not isinstance(line.shared, dict):
        return []
    return [[f"\u2003{w['letter_shared_part'].format(name=f.names.get(nid, nid)).lower()}", kr(amount, lang)]
            for nid, amount in line.shared.items()]


def _with_recipient(item: engine.Item, f: Figures) -> str:
    line = next((l for l in (f.spec.reserved.lines if f.spec.reserved else []) if l.label == item.label and l.amount == item.amount), None)
    return f"{item.label} ({f.names[line.recipient]})" if line is not None and line.recipient in f.names else item.label


def distribution_table(f: Figures, lang: str) -> TableView:
    """Per network: the measures the keys weigh by, each key's amount and the sum."""
    w, a = words(lang), f.allocation
    assert a is not None  # figure_tables asks only with an allocation
    derived = f.spec.preframes.derive if f.spec.preframes else None  # Why: derived weights are kroner, not a count
    measures = [m for m in dict.fromkeys(k.by for k in f.spec.keys if k.by) if m != derived]
    outside = [k.label for k in f.spec.keys if k.fixed is not None]
    preframes = f.spec.preframes is not None
    header = [w["network"], *[_measure_name(m, w) for m in measures], *[_kr_header(label) for label in a.keys],
              *([w["preframe_kr"]] if preframes else []), w["sum_kr"]]
    rows = []
    for row in a.rows:
        recipient = next(r for r in _recipients(f) if r.id == row.recipient)
        preframe = [kr(row.total - sum(row.amounts[label] for label in outside), lang)] if preframes else []
        rows.append([row.name, *[number(recipient.measures.get(m, 0), lang) for m in measures],
                     *[kr(row.amounts[label], lang) for label in a.keys], *preframe, kr(row.total, lang)])
    preframe_total = [kr(_printed_total(a, None) - sum(_printed_total(a, label) for label in outside), lang)] if preframes else []
    totals = [w["sum"], *[number(sum(r.measures.get(m, 0) for r in _recipients(f)), lang) for m in measures],
              *[kr(_printed_total(a, label), lang) for label in a.keys], *preframe_total, kr(_printed_total(a, None), lang)]
    if len(a.keys) == 1 and not preframes:  # one key: its column is the sum
        header, rows, totals = header[:-1], [r[:-1] for r in rows], totals[:-1]
    title = f"{f.spec.title}: {w['distribution']}"
    if a.rounding is engine.Rounding.SPREADSHEET:
        title += f" ({w['spreadsheet_rounding']})"
    return TableView(title, header, rows, totals, [False] + [True] * (len(header) - 1))


def _recipients(f: Figures) -> list[engine.Recipient]:
    """The recipients with their measures, as the engine's trail knows them."""
    assert f.allocation is not None  # only distribution_table asks, with an allocation
    seen: dict[str, dict] = {}
    for fig in f.allocation.trail:
        if fig.recipient is not None and fig.unit:
            seen.setdefault(fig.recipient, {})[fig.unit] = fig.weight
    ids = [row.recipient for row in f.allocation.rows]
    return [engine.Recipient(nid, f.names.get(nid, nid), seen.get(nid, {})) for nid in ids]


def _measure_name(measure: str, w: dict) -> str:
    return w["municipalities"] if measure == MUNICIPALITIES else measure[:1].upper() + measure[1:]


def _printed_total(a: engine.Allocation, label: str | None) -> int:
    """A column total in whole kroner, as the table prints it (see figures.printed_total)."""
    return engine.round_half_up(printed_total(a, label))


def requests_table(f: Figures, lang: str) -> TableView:
    """Needs stated by each network against its frame, with the excess."""
    w = words(lang)
    parties = list(dict.fromkeys(p for c in f.requests for p in c.by_party))
    header = [w["network"], w["frame_kr"], *[_party(p, f, w) for p in parties], w["requested_kr"], w["excess_kr"]]
    rows = [[f.names.get(c.recipient, c.recipient), kr(c.frame, lang), *[kr(c.by_party.get(p, 0), lang) for p in parties],
             kr(c.requested, lang), kr(c.excess, lang)] for c in f.requests]
    frames = _printed_total(f.allocation, None) if f.allocation else sum(c.frame for c in f.requests)
    totals = [w["sum"], kr(frames, lang),
              *[kr(sum(c.by_party.get(p, 0) for c in f.requests), lang) for p in parties],
              kr(sum(c.requested for c in f.requests), lang), kr(sum(c.excess for c in f.requests), lang)]
    return TableView(f"{f.spec.title}: {w['requests']}", header, rows, totals, [False] + [True] * (len(header) - 1))


def _party(party: str, f: Figures, w: dict) -> str:
    return f"{w['to_network']} (kr)" if party == NETWORK else f"{f.names.get(party, party)} (kr)"


def split_tables(f: Figures, lang: str) -> list[TableView]:
    """The split between network and UH per network, and the totals per university partner."""
    w, s = words(lang), f.split
    assert s is not None  # figure_tables asks only with a split
    header = [w["network"], f"{w['to_network']} (kr)", f"{w['to_uh']} (kr)", w["frame_kr"], w["network_share"]]
    rows = [[f.names.get(p.recipient, p.recipient), kr(p.to_network, lang), kr(p.uh_total, lang), kr(p.total, lang),
             percent(p.network_share, lang)] for p in s.portions]
    totals = [w["sum"], kr(s.network_total, lang), kr(s.uh_total, lang), kr(s.total, lang),
              percent(Fraction(s.network_total, s.total) if s.total else Fraction(0), lang)]
    tables = [TableView(f"{f.spec.title}: {w['split']}", header, rows, totals, [False, True, True, True, True])]
    if any(len(p.to_uh) > 1 for p in s.portions):  # Why: a letter prints each partner's part, so the innstilling does
        parts = [[f.names.get(p.recipient, p.recipient), f.names.get(uh, uh), kr(amount, lang)]
                 for p in s.portions for uh, amount in p.to_uh.items()]
        tables.append(TableView(f"{f.spec.title}: {w['uh_per_network']}", [w["network"], w["uh"], w["amount_kr"]], parts,
                                [w["sum"], "", kr(s.uh_total, lang)], [False, False, True]))
    per_uh = {uh: amount for uh, amount in s.uh_totals.items() if uh != "uh"} or \
        (dict(f.spec.stated.uh_totals) if f.spec.stated else {})  # stated totals are checked against the split
    if per_uh:
        tables.append(TableView(f"{f.spec.title}: {f.spec.pot_label.lower()} {w['per_uh']}", [w["uh"], w["amount_kr"]],
                                [[f.names.get(uh, uh), kr(amount, lang)] for uh, amount in per_uh.items()],
                                [w["sum"], kr(sum(per_uh.values()), lang)], [False, True]))
    return tables


def scenario_table(f: Figures, lang: str) -> TableView:
    """Years ahead as columns: the reserved share and amount, its lines, the collective pot."""
    assert f.scenario is not None  # figure_tables asks only with a scenario
    w, years = words(lang), f.scenario.years
    labels = list(dict.fromkeys(item.label for y in years for item in y.individual))
    rows = [[w["reserved_share"], *[percent(y.waterfall.reserved_share, lang, 0) for y in years]],
            [years[0].waterfall.reserved_label, *[kr(y.waterfall.reserved, lang) for y in years]]]
    for label in labels:
        rows.append([f"\u2013 {label}", *[kr(next((i.amount for i in y.individual if i.label == label), 0), lang) for y in years]])
    rows.append([years[0].waterfall.pot_label, *[kr(y.waterfall.pot, lang) for y in years]])
    return TableView(f"{f.spec.title}: {w['years_ahead']}", [w["item"], *[str(y.year) for y in years]], rows, None,
                     [False] + [True] * len(years))


def _places(share: Fraction) -> int:
    """Decimals needed to print a percentage exactly, at most one."""
    return 0 if (share * 100).denominator == 1 else 1


def _kr_header(label: str) -> str:
    """`Koordinering (kr)`, but `Tildeling etter årsverk (90 %), kr`: never two brackets in a row."""
    return f"{label}, kr" if label.endswith(")") else f"{label} (kr)"
