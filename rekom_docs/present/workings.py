"""The appendix "Utregning" of the innstilling: tables a reader can follow, and one sentence on rounding.

Why tables, not the engine's trail: a reader checks a figure by finding the recipient, the
key, the measure and the share, then the amount; exact fractions (2281/60743) help nobody.
"""

from __future__ import annotations

from ..compute.figures import MUNICIPALITIES, Figures, printed_total
from ..engine import Allocation, Figure, Rounding, Waterfall, round_half_up
from ..formats import kr, number, percent
from .document import TableView
from .wording import words


def workings(f: Figures, lang: str) -> list[TableView]:
    """How the pot was reached, then one table per key: recipient, measure, share, amount."""
    w, a = words(lang), f.allocation
    tables = [_pot_table(f, f.waterfall, lang)] if f.waterfall is not None else []
    if a is None:
        return tables
    for label in a.keys:
        trail = [fig for fig in a.trail if fig.key == label and fig.recipient is not None and fig.method != "sum"]
        if trail:
            tables.append(_key_table(f, a, label, trail, lang))
    if tables:
        last = tables[-1]
        rounding = w["workings_spreadsheet"] if a.rounding is Rounding.SPREADSHEET else w["workings_remainder"]
        tables[-1] = TableView(last.title, last.header, last.rows, last.total, last.numeric, rounding)
    return tables


def _pot_table(f: Figures, wf: Waterfall, lang: str) -> TableView:
    """Frame, fixed items, what remains, the individual measures, and the pot the keys share."""
    w = words(lang)
    rows = [[w["frame"], kr(wf.frame, lang)], [f"\u2212 {w['fixed_total']}", kr(wf.fixed_total, lang)],
            [f"= {w['explain_remaining']}", kr(wf.remaining, lang)]]
    if wf.reserved:
        share = percent(wf.reserved_share, lang, 2 if (wf.reserved_share * 100).denominator != 1 else 0)
        about = "" if wf.reserved_given_as == "share" or (wf.reserved_share * 10000).denominator == 1 else f"{w['explain_about']} "
        rows.append([f"\u2212 {wf.reserved_label} ({about}{share})", kr(wf.reserved, lang)])
    if f.spec.pot is not None:
        rows += [[f"= {w['available']}", kr(wf.pot, lang)], [f"\u2212 {w['unallocated']}", kr(f.unallocated, lang)]]
    rows.append([f"= {f.spec.pot_label}", kr(f.pot or 0, lang)])
    return TableView(w["workings_pot"].format(pot=f.spec.pot_label.lower()), [w["item"], w["amount_kr"]], rows, None,
                     [False, True])


def _by(f: Figures, label: str, unit: str, w) -> str:
    """`årsverk`, or `antall kommuner` for a key that counts units."""
    spec = next((k for k in f.spec.keys if k.label == label), None)
    counted = spec is not None and spec.flat is not None and unit
    return f"{w['number_of']} {unit}" if counted else (unit or w["weight"].lower())


def _key_table(f: Figures, a: Allocation, label: str, trail: list[Figure], lang: str) -> TableView:
    """One key: per recipient its measure and share of what the key shares, or its fixed amount."""
    w = words(lang)
    names = {fig.recipient: a.names.get(fig.recipient or "", fig.recipient or "") for fig in trail}
    unit = w["municipalities"].lower() if trail[0].unit == MUNICIPALITIES else trail[0].unit  # Why: a register count, named per language
    total = round_half_up(printed_total(a, label))
    if trail[0].weight is not None:
        header = [w["network"], (unit[:1].upper() + unit[1:]) if unit else w["weight"], w["share"], w["amount_kr"]]
        rows = [[names[fig.recipient], number(fig.weight or 0, lang), percent(fig.share, lang, 2),
                 kr(fig.amount, lang)] for fig in trail]
        totals = [w["sum"], number(trail[0].total_weight or 0, lang), "100\u00a0%", kr(total, lang)]
        title = w["workings_key"].format(key=label, basis=kr(round_half_up(trail[0].basis), lang),
                                         by=_by(f, label, unit, w))
        return TableView(title, header, rows, totals, [False, True, True, True])
    rows = [[names[fig.recipient], w["workings_exception"] if fig.method == "exception" else w["workings_fixed"],
             kr(fig.amount, lang)] for fig in trail]
    return TableView(w["workings_fixed_key"].format(key=label), [w["network"], w["workings_how"], w["amount_kr"]], rows,
                     [w["sum"], "", kr(total, lang)], [False, False, True])
