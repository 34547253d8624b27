"""Inputs the engine cannot work with: unknown keys and recipients, bad measures, requests to unknown parties."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from .. import engine
from ..errors import Severity, did_you_mean
from ..formats import percent, plain_number
from ..model.allocation import Allocation, Line
from ..model.schema import Registers

NETWORK = "nettverket"  # the party name of the network itself under `requests` (anything else is a UH partner)


def shares_pot(spec: Allocation) -> bool:
    """Whether any key shares the pot (flat or pro rata), rather than only fixed amounts."""
    return any(k.flat is not None or k.pro_rata is not None for k in spec.keys)


def input_problems(spec: Allocation, keys: dict[str, engine.Key], recipients, reg: Registers) -> Iterator[tuple[tuple, str, Severity]]:
    """Everything about the inputs that would make the engine's figures meaningless."""
    yield from _key_problems(spec, keys)
    yield from _recipient_problems(spec, recipients, reg)
    yield from _measure_problems(spec, recipients, reg.networks)
    yield from _party_problems(spec, recipients, reg)


def _key_problems(spec: Allocation, keys: dict[str, engine.Key]) -> Iterator[tuple[tuple, str, Severity]]:
    for attr in ("id", "label"):
        first: dict[str, int] = {}
        for i, key in enumerate(spec.keys):
            value = getattr(key, attr)
            if value in first:
                yield ("keys", i, attr), f"the {'key id' if attr == 'id' else 'label'} '{value}' is already used by keys[{first[value]}]", Severity.ERROR
            first.setdefault(value, i)
    for i, line in enumerate(spec.fixed):
        if line.key is not None and not isinstance(keys.get(line.key), (engine.BaseGrant, engine.FixedWithExceptions)):
            yield ("fixed", i, "key"), f"'{line.key}' is not a 'base' or 'fixed' key of this allocation", Severity.ERROR
    for i, line in enumerate(spec.reserved.lines if spec.reserved else ()):
        if line.key is not None:
            yield ("reserved", "lines", i, "key"), "an individual line takes an 'amount', not a 'key'", Severity.ERROR
    shares = sum((k.flat or 0) + (k.pro_rata or 0) for k in spec.keys)
    if shares_pot(spec) and shares != 1:
        yield ("keys",), f"the shares of the pot add up to {plain_percent(shares)}, not 100 %", Severity.ERROR
    if shares_pot(spec) and spec.pot is None and spec.frame is None:
        yield ("pot",), "keys share a pot: give 'frame' (and fixed items) or 'pot'", Severity.ERROR
    if spec.stated:
        for column in spec.stated.columns:
            if column != "total" and column not in keys:
                yield ("stated", "columns", column), f"'{column}' is not a key of this allocation (nor 'total'){did_you_mean(column, keys)}", Severity.ERROR


def _recipient_problems(spec: Allocation, recipients, reg: Registers) -> Iterator[tuple[tuple, str, Severity]]:
    ids = {r.id for r in recipients}
    for nid in spec.recipients:
        if nid not in reg.networks:
            yield ("recipients", nid), f"no network '{nid}' in the register{did_you_mean(nid, reg.networks)}", Severity.ERROR
    for i, key in enumerate(spec.keys):
        for nid in key.exceptions:
            if nid not in ids:
                yield ("keys", i, "exceptions", nid), f"'{nid}' is not a recipient of this allocation", Severity.ERROR
    for field_name in ("requests", "split"):
        for nid in getattr(spec, field_name):
            if nid not in ids and nid not in reg.networks:
                yield (field_name, nid), f"'{nid}' is not a recipient of this allocation", Severity.ERROR
    yield from _line_recipient_problems(spec, reg)


def _line_recipient_problems(spec: Allocation, reg: Registers) -> Iterator[tuple[tuple, str, Severity]]:
    """A line's recipient is a registered network or organisation; a shared line names networks."""
    lines: list[tuple[tuple, Line]] = [(("fixed", i), line) for i, line in enumerate(spec.fixed)]
    lines += [(("reserved", "lines", i), line) for i, line in enumerate(spec.reserved.lines)] if spec.reserved else []
    for at, line in lines:
        if line.recipient and line.recipient not in reg.networks and line.recipient not in reg.organisations:
            yield (at + ("recipient",), f"no network or organisation '{line.recipient}' in the register"
                   f"{did_you_mean(line.recipient, [*reg.networks, *reg.organisations])}", Severity.ERROR)
        for k, nid in enumerate(line.shared):
            if nid not in reg.networks:
                yield at + ("shared", nid if isinstance(line.shared, dict) else k), f"no network '{nid}' in the register{did_you_mean(nid, reg.networks)}", Severity.ERROR


def _measure_problems(spec: Allocation, recipients, known) -> Iterator[tuple[tuple, str, Severity]]:
    """Measures exist, are not negative, are whole for flat keys, and are not all zero."""
    derived = spec.preframes.derive if spec.preframes else None
    for nid, measures in spec.recipients.items():
        for name, value in measures.items():
            if value < 0:
                yield ("recipients", nid, name), f"a measure cannot be negative, got {value}", Severity.ERROR
    for i, key in enumerate(spec.keys):
        if not key.by or key.by == derived:
            continue
        missing = [r for r in recipients if key.by not in r.measures and r.id in known]
        for r in missing:
            yield ("keys", i, "by"), f"no '{key.by}' given for {r.name} under 'recipients'", Severity.ERROR
        if missing or any(key.by not in r.measures for r in recipients):
            continue
        if key.flat is not None:
            for r in recipients:
                if Fraction(r.measures[key.by]).denominator != 1:
                    yield ("keys", i, "by"), f"a 'flat' key counts whole units, but '{key.by}' is {r.measures[key.by]} for {r.name}", Severity.ERROR
        if all(r.measures[key.by] == 0 for r in recipients):
            yield ("keys", i, "by"), f"cannot share by '{key.by}': it is 0 for every recipient", Severity.ERROR
    if spec.preframes and spec.preframes.derive:
        base = sum(k.base or 0 for k in spec.keys)
        for nid, amount in spec.preframes.amounts.items():
            if amount < base:
                yield (("preframes", "amounts", nid), f"the pre-frame {plain_number(amount)} is below the base grant "
                       f"{plain_number(base)}, so no weight can be derived from it", Severity.ERROR)


def _party_problems(spec: Allocation, recipients, reg: Registers) -> Iterator[tuple[tuple, str, Severity]]:
    """A request goes to the network itself or to a registered university partner."""
    universities = {oid for oid, org in reg.organisations.items() if org.university}
    for nid, parts in spec.requests.items():
        for party in parts:
            if party != NETWORK and party not in universities:
                name = reg.networks[nid].short if nid in reg.networks else nid
                yield (("requests", nid, party), f"'{party}' is neither '{NETWORK}' nor a university partner of {name}"
                       f"{did_you_mean(party, [NETWORK, *universities])}", Severity.ERROR)


def plain_percent(share: Fraction | int, digits: int = 1) -> str:
    """A share for English messages: `90,0 %` with a plain space."""
    return percent(share, digits=digits).replace("\u00a0", " ")


