"""Plain bokmål lines that say how each allocation figure was reached (for `--explain` and "Utregning").

Numbers are formatted with Babel for nb_NO (no-break space grouping, decimal comma); exact
values are shown to two decimals, rounded half up for display only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction

from ..compute.figures import Figures
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


# The few words that differ between bokmål and nynorsk in these lines.
_WORDS = {
    "nb": {"rounded": "avrundet", "unrounded": "uavrundet", "deducted": "til sammen {x} trukket fra",
           "drift": "Merk: kolonnen {col} summerer til {sum}, men eksakt sum er {exact} "
                    "(avvik {drift} fordi hver celle er avrundet for seg)"},
    "nn": {"rounded": "avrunda", "unrounded": "uavrunda", "deducted": "til saman {x} trekt frå",
           "drift": "Merk: kolonnen {col} summerer til {sum}, men eksakt sum er {exact} "
                    "(avvik {drift} fordi kvar celle er avrunda for seg)"},
}


def format_fraction(value: Fraction) -> str:
    """`3/38`, or a whole number as such."""
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def _rounding_text(figure: Figure, lang: str = "nb") -> str:
    rounded = _WORDS[lang]["rounded"]
    if figure.rounding is None:
        return ""
    if figure.rounding is Rounding.SPREADSHEET:
        return f", {rounded} til {format_kroner(figure.amount)}"
    direction = "opp" if figure.amount > figure.exact else "ned"
    return f", {rounded} {direction} til {format_kroner(figure.amount)} (største brøkdels metode)"


def explain_figure(figure: Figure, names: Mapping[str, str] | None = None, lang: str = "nb") -> str:
    """One figure as a line, e.g. `Midtre Namdal: Sats 10 %: 3 av 38 kommuner = 3/38 (7,89 %) av 1 158 800 kr = ...`."""
    who = "Til fordeling" if figure.recipient is None else (names or {}).get(figure.recipient, figure.recipient)
    head = f"{who}: {'Sum' if figure.method == 'sum' else figure.key}: "
    if figure.method in ("fixed", "exception"):
        kind = "fast beløp (unntak)" if figure.method == "exception" else "fast beløp"
        return f"{head}{kind} {format_kroner(figure.amount)}"
    if figure.method == "sum":
        exact = "" if figure.rounding is None else f" ({_WORDS[lang]['unrounded']} {format_kroner(figure.exact)})"
        return f"{head}{format_kroner(figure.amount)}{exact}"
    if figure.method == "part":
        share = f"{format_percent(figure.share)} av {format_kroner(figure.basis)}"
    else:
        assert figure.weight is not None and figure.total_weight is not None  # share figures carry weights (share_out)
        unit = f" {figure.unit}" if figure.unit else ""
        share = (f"{format_number(figure.weight)} av {format_number(figure.total_weight)}{unit} = "
                 f"{format_fraction(figure.share)} ({format_percent(figure.share)}) av {format_kroner(figure.basis)}")
    return f"{head}{share} = {format_kroner(figure.exact)}{_rounding_text(figure, lang)}"


def explain_lines(trail: Iterable[Figure], names: Mapping[str, str] | None = None, lang: str = "nb") -> list[str]:
    """Every figure of a trail as a line of text."""
    return [explain_figure(figure, names, lang) for figure in trail]


def explain_allocation(allocation: Allocation, lang: str = "nb") -> list[str]:
    """The whole trail of an allocation, then any drift warnings."""
    lines = explain_lines(allocation.trail, allocation.names, lang)
    for drift in allocation.warnings:
        lines.append(_WORDS[lang]["drift"].format(col="Sum" if drift.column == "total" else drift.column, sum=format_kroner(drift.rounded_sum),
                                                  exact=format_kroner(drift.exact), drift=format_kroner(drift.drift)))
    return lines


def explain_waterfall(wf: Waterfall, lang: str = "nb") -> list[str]:
    """The waterfall as lines: frame, minus each item, what remains, the reserve, the pot."""
    lines = [f"Ramme: {format_kroner(wf.frame)}"]
    lines += [f"− {item.label}: {format_kroner(item.amount)}" for item in wf.fixed]
    deducted = _WORDS[lang]["deducted"].format(x=format_kroner(wf.fixed_total))
    lines.append(f"= Til fordeling etter faste beløp ({deducted}): {format_kroner(wf.remaining)}")
    if wf.reserved or wf.reserved_exact:
        share, basis = format_percent(wf.reserved_share), format_kroner(wf.remaining)
        if wf.reserved_given_as == "share":
            reserved = f"− {wf.reserved_label}: {share} av {basis} = {format_kroner(wf.reserved_exact)}"
            if wf.reserved_exact != wf.reserved:
                reserved += f", {_WORDS[lang]['rounded']} til {format_kroner(wf.reserved)}"
        else:  # Why: an implied share like 4617/24085 is printed rounded, so it is only a note.
            about = "" if exact_places(wf.reserved_share * 100) in (0, 1, 2) else "ca. "
            reserved = f"− {wf.reserved_label}: {format_kroner(wf.reserved)} ({about}{share} av {basis})"
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
