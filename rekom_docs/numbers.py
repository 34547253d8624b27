"""Norwegian formatting of amounts, numbers, percentages and dates (bokmål and nynorsk).

Why: Babel carries CLDR's rules, so grouping uses a no-break space (`17 873 000`)
and month names follow the written standard, with no hand-kept tables here.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from fractions import Fraction

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALES = {"nb": "nb_NO", "nn": "nn_NO"}


def number(value: int | Decimal | Fraction, lang: str = "nb", digits: int | None = None) -> str:
    """A number in Norwegian format: `17 873 000`, `228,1`; Fractions need `digits`."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
        digits = 2 if digits is None else digits
    pattern = "#,##0" + ("." + "0" * digits if digits else "") if digits is not None else None
    return format_decimal(value, format=pattern, locale=LOCALES[lang], decimal_quantization=digits is not None)


def kr(value: int, lang: str = "nb") -> str:
    """Whole kroner with Norwegian grouping, without unit: `17 873 000`."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"amounts are whole kroner (int), got {value!r}")
    return number(value, lang)


def percent(value: Fraction | Decimal, lang: str = "nb", digits: int = 1) -> str:
    """A share as a percentage: `10,8 %` (no-break space before the sign)."""
    return number(Fraction(value) * 100, lang, digits) + "\u00a0%"


def long_date(value: date, lang: str = "nb") -> str:
    """`11. januar 2024`."""
    return format_date(value, "d. MMMM y", locale=LOCALES[lang])


def clock(value: time) -> str:
    """`08.30`, the Norwegian way of writing a time."""
    return value.strftime("%H.%M")


def plain_number(value: int | Decimal) -> str:
    """A number for English CLI messages: grouped by plain spaces."""
    return f"{value:,}".replace(",", " ")
