"""Plain lines that say how each allocation figure was reached (for `--explain` and "Utregning").

The words come from the wording files (`explain_*` keys), in bokmål or nynorsk.

Numbers are formatted with Babel for nb_NO (no-break space grouping, decimal comma); exact
values are shown to two decimals, rounded half up for display only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction

from ..compute.figures import MUNICIPALITIES, Figures
from ..engine import Allocation, Figure, Rounding, Waterfall
from ..formats import exact_places, kr, number, percent
from .wording import words

NBSP = "\u00a0"


def format_number(value: int | Fraction | Decimal, places: int | None = None) -> str:
    """`1 158 800`, `91 484,21`, `228,1`: exact when the decimals end, else two, or `places`."""
    return number(Fraction(value), digits=places)


def format_kroner(value: int | Fraction, places: int | None = None) -> str:
    """`91 484 kr`, or with decimals `91 484,21 kr` when the value is not whole."""
    fraction = Fraction(value)
    if places is None:
        places = 0 if fraction.denominator == 1 else 2
    return f"{format_number(fraction, places)}{NBSP}kr"


def format_percent(share: Fraction, places: int | None = None) -> str:
    """A share as percent: `20 %`, `12,5 %`, `7,89 %` (two decimals unless exact with fewer)."""
    exact = exact_places(Fraction(share) * 100)
    if places is None:
        places = exact if exact is not None and exact <= 2 else 2
    return percent(share, digits=places)


def format_fraction(value: Fraction) -> str:
    """`3/38`, or a whole number as such."""
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def _rounding_text(figure: Figure, lang: str = "nb") -> str:
    w = words(lang)
    if figure.rounding is None:
        return ""
    if figure.rounding is Rounding.SPREADSHEET:
        return f", {w['explain_rounded']} {format_kroner(figure.amount)}"
    direction = w["explain_up"] if figure.amount > figure.exact else w["explain_down"]
    return f", {w['explain_rounded_way'].format(direction=direction)} {format_kroner(figure.amount)} ({w['explain_method']})"


def explain_figure(figure: Figure, names: Mapping[str, str] | None = None, lang: str = "nb") -> str:
    """One figure as a line, e.g. `Midtre Namdal: Sats 10 %: 3 av 38 kommuner = 3/38 (7,89 %) av 1 158 800 kr = ...`."""
    w = words(lang)
    who = w["explain_pot"] if figure.recipient is None else (names or {}).get(figure.recipient, figure.recipient)
    head = f"{who}: {w['sum'] if figure.method == 'sum' else figure.key}: "
    if figure.method in ("fixed", "exception"):
        kind = w["explain_exception"] if figure.method == "exception" else w["explain_fixed"]
        return f"{head}{kind} {format_kroner(figure.amount)}"
    if figure.method == "sum":
        exact = "" if figure.rounding is None else f" ({w['explain_unrounded']} {format_kroner(figure.exact)})"
        return f"{head}{format_kroner(figure.amount)}{exact}"
    of = w["explain_of"]
    if figure.method == "part":
        share = f"{format_percent(figure.share)} {of} {format_kroner(figure.basis)}"
    else:
        assert figure.weight is not None and figure.total_weight is not None  # share figures carry weights (share_out)
        unit = f" {w['municipalities'].lower() if figure.unit == MUNICIPALITIES else figure.unit}" if figure.unit else ""
        share = (f"{format_number(figure.weight)} {of} {format_number(figure.total_weight)}{unit} = "
                 f"{format_fraction(figure.share)} ({format_percent(figure.share)}) {of} {format_kroner(figure.basis)}")
    return f"{head}{share} = {format_kroner(figure.exact)}{_rounding_text(figure, lang)}"


def explain_lines(trail: Iterable[Figure], names: Mapping[str, str] | None = None, lang: str = "nb") -> list[str]:
    """Every figure of a trail as a line of text."""
    return [explain_figure(figure, names, lang) for figure in trail]


def explain_allocation(allocation: Allocation, lang: str = "nb") -> list[str]:
    """The whole trail of an allocation, then any drift warnings."""
    lines = explain_lines(allocation.trail, allocation.names, lang)
    for drift in allocation.warnings:
        w = words(lang)
        lines.append(w["explain_drift"].format(col=w["sum"] if drift.column == "total" else drift.column,
                                               sum=format_kroner(drift.rounded_sum), exact=format_kroner(drift.exact),
                                               drift=format_kroner(drift.drift)))
    return lines


def explain_waterfall(wf: Waterfall, lang: str = "nb") -> list[str]:
    """The waterfall as lines: frame, minus each item, what remains, the reserve, the pot."""
    w = words(lang)
    lines = [f"{w['frame']}: {format_kroner(wf.frame)}"]
    lines += [f"− {item.label}: {format_kroner(item.amount)}" for item in wf.fixed]
    deducted = w["explain_deducted"].format(x=format_kroner(wf.fixed_total))
    lines.append(f"= {w['explain_remaining']} ({deducted}): {format_kroner(wf.remaining)}")
    if wf.reserved or wf.reserved_exact:
        share, basis, of = format_percent(wf.reserved_share), format_kroner(wf.remaining), w["explain_of"]
        if wf.reserved_given_as == "share":
            reserved = f"− {wf.reserved_label}: {share} {of} {basis} = {format_kroner(wf.reserved_exact)}"
            if wf.reserved_exact != wf.reserved:
                reserved += f", {w['explain_rounded']} {format_kroner(wf.reserved)}"
        else:  # Why: an implied share like 4617/24085 is printed rounded, so it is only a note.
            about = "" if exact_places(wf.reserved_share * 100) in (0, 1, 2) else f"{w['explain_about']} "
            reserved = f"− {wf.reserved_label}: {format_kroner(wf.reserved)} ({about}{share} {of} {basis})"
        lines.append(reserved)
    lines.append(f"= {wf.pot_label}: {format_kroner(wf.pot)}")
    return lines


def explanation(f: Figures, lang: str = "nb") -> list[str]:
    """How each figure of a case was reached, as lines (`--explain`, the appendix "Utregning")."""
    w = words(lang)
    lines = explain_waterfall(f.waterfall, lang) if f.waterfall else []
    if f.waterfall is not None and f.spec.pot is not None:  # a decided pot: what the frame leaves, less what is not shared
        lines[-1] = f"= {w['available']}: {kr(f.waterfall.pot, lang)}\u00a0kr"
        lines += [f"\u2212 {w['unallocated']}: {kr(f.unallocated, lang)}\u00a0kr", f"= {f.spec.pot_label}: {kr(f.spec.pot, lang)}\u00a0kr"]
    if f.allocation is not None:
        lines += explain_allocation(f.allocation, lang)
    return lines
