"""Norwegian formatting of amounts, numbers, percentages and dates (bokmål and nynorsk).

Why: Babel carries CLDR's rules, so grouping uses a no-break space (`17 873 000`)
and month names follow the written standard, with no hand-kept tables here.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from fractions import Fraction
from functools import cache

_LOCALES = {"nb": "nb_NO", "nn": "nn_NO"}


@cache
def locale(lang: str):
    """Babel's locale for `nb` or `nn`, parsed once (Babel parses a name on every call).

    Why imported here: Babel and its locale data are a tenth of a `check`, and most meetings print no figure in a text.
    """
    from babel import Locale

    return Locale.parse(_LOCALES[lang])


def number(value: int | Decimal | Fraction, lang: str = "nb", digits: int | None = None) -> str:
    """A number in Norwegian format: `17 873 000`, `228,1`, `91 484,21`.

    A Fraction is shown exactly when it has a finite decimal expansion, otherwise with
    `digits` (default 2) decimals, rounded half up.
    """
    if isinstance(value, Fraction):
        if digits is None:
            digits = exact_places(value)
        value = _to_decimal(value, 2 if digits is None else digits)
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits else "") if digits is not None else None
    return format_decimal(value, format=pattern, locale=locale(lang), decimal_quantization=digits is not None)


def exact_places(value: Fraction) -> int | None:
    """Decimals that show `value` exactly, or None when its expansion does not end."""
    rest, places = value.denominator, 0
    for prime in (2, 5):
        count = 0
        while rest % prime == 0:
            rest, count = rest // prime, count + 1
        places = max(places, count)
    return places if rest == 1 else None


def _to_decimal(value: Fraction, places: int) -> Decimal:
    """A Fraction rounded half up to `places` decimals (for display only)."""
    scaled = value * 10**places
    whole = int(scaled + Fraction(1, 2)) if scaled >= 0 else -int(-scaled + Fraction(1, 2))
    return Decimal(whole).scaleb(-places)


def kr(value: int, lang: str = "nb") -> str:
    """Whole kroner with Norwegian grouping, without unit: `17 873 000`."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"amounts are whole kroner (int), got {value!r}")
    return number(value, lang)


def percent(value: Fraction | Decimal | int, lang: str = "nb", digits: int = 1) -> str:
    """A share as a percentage: `10,8 %` (no-break space before the sign)."""
    return number(Fraction(value) * 100, lang, digits) + "\u00a0%"


def long_date(value: date, lang: str = "nb") -> str:
    """`11. januar 2024` (text that reaches a Markdown body gets its no-break space from word.typography)."""
    from babel.dates import format_date

    return format_date(value, "d. MMMM y", locale=locale(lang))


def phone(value: str) -> str:
    """A phone number that never wraps: `73 00 10 21` with no-break spaces."""
    return value.replace(" ", "\u00a0")


def clock(value: time) -> str:
    """`08.30`, the Norwegian way of writing a time."""
    return value.strftime("%H.%M")


def plain_number(value: int | Decimal | Fraction) -> str:
    """A number for English CLI messages: grouped by plain spaces; a Fraction as `number` shows it.

    Why: Fraction has no `,` format, and an exact part (pot x share) need not be whole kroner.
    """
    if isinstance(value, Fraction):
        places = exact_places(value)
        value = _to_decimal(value, 2 if places is None else places)
    return f"{value:,}".replace(",", " ")
