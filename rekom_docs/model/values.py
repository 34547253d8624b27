"""Value types shared by every model: exact money, shares, clock times and slots.

Why: the YAML loader keeps every scalar but plain integers and true/false as text,
so these parsers decide what a string means, and nothing ever passes through float.
"""

from __future__ import annotations

import re
from datetime import time
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, NamedTuple

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer, WithJsonSchema


class Model(BaseModel):
    """Base of every input model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def empty_list() -> list:
    """A new empty list: the default factory of every list field.

    Why not `list`: pydantic reads a default factory's signature, and for a builtin that means
    parsing its text signature with the tokenizer; over 30 fields, a tenth of loading the models.
    """
    return []


# Why [0-9] and not \d: \d also takes full-width and other scripts' digits ('１２').
_GROUPED_INT = re.compile(r"^[0-9]{1,3}([ \u00a0\u202f][0-9]{3})+$|^[0-9]+$")
_DECIMAL = re.compile(r"^[0-9]+[.,][0-9]+$")
_GROUPED_DECIMAL = re.compile(r"^-?([0-9]{1,3}([ \u00a0\u202f][0-9]{3})+|[0-9]+)([.,][0-9]+)?$")
MAX_DIGITS = 15  # a trillion kroner; more is a typing error (and huge numbers make work unbounded)
_CLOCK = re.compile(r"^([0-9]{1,2})\s*[:.]\s*([0-9]{2})$")
_SLOT = re.compile(r"^(.+?)\s*[-\u2013\u2014]\s*(.+)$")


def parse_money(value: object) -> int:
    """Whole kroner from an int or a string grouped by spaces (`17 873 000`)."""
    if isinstance(value, bool):
        raise ValueError("expected an amount in whole kroner, got true/false")
    if isinstance(value, str) and value.strip().startswith(("-", "\u2212")) or isinstance(value, int) and value < 0:
        raise ValueError(f"an amount cannot be negative, got {value!r}")
    if isinstance(value, str) and _GROUPED_INT.match(value.strip()):
        value = int(re.sub(r"\s", "", value.strip()))
    if isinstance(value, int):
        return _bounded(value, value)
    raise ValueError(f"expected an amount in whole kroner such as 17873000 or '17 873 000', got {value!r}")


def parse_decimal(value: object) -> Decimal:
    """An exact decimal from an int or a string (`228.1`, `228,1`); never from float."""
    if isinstance(value, (bool, float)):
        raise ValueError(f"expected an exact number written as text or integer, got {value!r}")
    if isinstance(value, int):
        return Decimal(_bounded(value, value))
    if isinstance(value, Decimal) and value.is_finite():
        return _bounded(value, value)
    if isinstance(value, str) and _GROUPED_DECIMAL.match(value.strip()):
        return _bounded(Decimal(re.sub(r"[\s\u00a0\u202f]", "", value).replace(",", ".")), value)
    raise ValueError(f"expected a number such as 228.1 or '1 228,5', got {value!r}")


def _bounded(number, raw: object):
    """The number, or an error when it has more than MAX_DIGITS digits before the point."""
    whole = abs(int(number))
    if whole >= 10 ** MAX_DIGITS:
        raise ValueError(f"the number {str(raw)[:20]}{'...' if len(str(raw)) > 20 else ''} has more than "
                         f"{MAX_DIGITS} digits; check it")
    exponent = number.as_tuple().exponent if isinstance(number, Decimal) else 0
    if isinstance(exponent, int) and -exponent > MAX_DIGITS:
        raise ValueError(f"the number {str(raw)[:20]}... has more than {MAX_DIGITS} decimals; check it")
    return number


def parse_cell(value: object) -> int | Decimal | str | None:
    """A table cell: kroner or a count (int), an exact decimal, or text."""
    if value is None or isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip()
        if _GROUPED_INT.match(text):
            return parse_money(text)
        if _DECIMAL.match(text):
            return parse_decimal(text)
        return text
    raise ValueError(f"expected a number or text in a table cell, got {value!r}")


def parse_percent(value: object) -> Fraction:
    """A share from `20 %`, `20%`, `12,5 %` or a whole number of percent (`30`).

    Why: a bare `0.2` could mean 20 % or 0,2 %; a decimal share must carry its '%'.
    """
    if isinstance(value, str) and "%" not in value and not _GROUPED_INT.match(value.strip()):
        raise ValueError(f"write a share with '%': {value!r} could be read as {value.strip()} % "
                         f"or as a fraction of the whole; write e.g. '20 %'")
    text = value.strip().removesuffix("%").strip() if isinstance(value, str) else value
    try:
        number = parse_decimal(text)
    except ValueError:
        raise ValueError(f"expected a percentage such as '20 %', got {value!r}") from None
    if not 0 <= number <= 100:
        raise ValueError(f"a percentage must lie between 0 and 100, got {value!r}")
    return Fraction(number) / 100


def parse_clock(value: object) -> time:
    """A clock time from `08:30`, `08.30` or `8.30`."""
    match = _CLOCK.match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"expected a time such as '08.30', got {value!r}")
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise ValueError(f"no such time of day: {value!r}")
    return time(hour, minute)


class Slot(NamedTuple):
    """A time slot on one day, start before end."""

    start: time
    end: time

    def overlaps(self, other: Slot) -> bool:
        """True when the two slots share more than an instant."""
        return self.start < other.end and other.start < self.end

    def within(self, other: Slot) -> bool:
        """True when this slot lies inside the other."""
        return other.start <= self.start and self.end <= other.end


def parse_slot(value: object) -> Slot:
    """A slot from `08.30-08.45` (hyphen or en dash)."""
    if isinstance(value, (tuple, list)) and len(value) == 2:
        start, end = value
        return _ordered_slot(parse_clock(start) if not isinstance(start, time) else start,
                             parse_clock(end) if not isinstance(end, time) else end, value)
    match = _SLOT.match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"expected a time slot such as '08.30-08.45', got {value!r}")
    return _ordered_slot(parse_clock(match[1]), parse_clock(match[2]), value)


def _ordered_slot(start: time, end: time, raw: object) -> Slot:
    if end <= start:
        raise ValueError(f"the slot {raw!r} ends before it starts")
    return Slot(start, end)


def _fmt_clock(value: time) -> str:
    return value.strftime("%H.%M")


Money = Annotated[
    int,
    BeforeValidator(parse_money),
    WithJsonSchema({"anyOf": [{"type": "integer"}, {"type": "string", "pattern": _GROUPED_INT.pattern}],
                    "description": "Whole kroner: 17873000 or '17 873 000'."}),
]
Number = Annotated[
    Decimal,
    BeforeValidator(parse_decimal),
    PlainSerializer(str),
    WithJsonSchema({"anyOf": [{"type": "integer"}, {"type": "string"}], "description": "Exact number, e.g. '228.1'."}),
]
Percent = Annotated[
    Fraction,
    BeforeValidator(parse_percent),
    PlainSerializer(lambda f: f"{float(f * 100):g} %"),
    WithJsonSchema({"anyOf": [{"type": "integer"}, {"type": "string", "pattern": r"^[0-9]+([.,][0-9]+)?\s*%?$"}],
                    "description": "Percentage, e.g. '20 %'."}),
]
Clock = Annotated[
    time,
    BeforeValidator(parse_clock),
    PlainSerializer(_fmt_clock),
    WithJsonSchema({"type": "string", "pattern": _CLOCK.pattern, "description": "Clock time, e.g. '08.30'."}),
]
TimeSlot = Annotated[
    Slot,
    BeforeValidator(parse_slot),
    PlainSerializer(lambda s: f"{_fmt_clock(s.start)}-{_fmt_clock(s.end)}"),
    WithJsonSchema({"type": "string", "description": "Time slot, e.g. '08.30-08.45'."}),
]
Cell = Annotated[
    int | Decimal | str | None,
    BeforeValidator(parse_cell),
    WithJsonSchema({"anyOf": [{"type": "integer"}, {"type": "string"}, {"type": "null"}],
                    "description": "Kroner or count (integer), exact decimal as text ('228.1'), or text."}),
]
