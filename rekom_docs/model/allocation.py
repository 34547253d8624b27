"""The allocation inputs a case declares (`allocation:` on a case), checked and typed.

Only inputs are written here; every sum, share and frame is computed by the engine. Figures
copied from a legacy paper go under `stated:`, where each is checked against the computation.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from ..formats import plain_number
from .values import Model, Money, Number, Percent, empty_list

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Name = Annotated[str, Field(pattern=r"^[a-z_][a-z0-9_]*$", description="A name case texts use: lower case, digits, '_'.")]
Text = Annotated[str, Field(min_length=1)]


class Line(Model):
    """A labelled amount: a fixed item or an individual measure."""

    label: Text
    amount: Money | None = Field(None, ge=0)
    key: Id | None = Field(None, description="Instead of an amount: the total of this allocation's fixed key (grunntilskudd, koordinering).")
    recipient: Id | None = Field(None, description="Who receives it, when one network or organisation does.")
    shared: list[Id] | dict[Id, Money] = Field(
        default_factory=empty_list, description="A measure shared by several networks (felles tiltak): their ids, or each one's "
                                          "amount when the split is decided (the amounts must add up to the line).")

    @model_validator(mode="after")
    def _amount_or_key(self) -> Line:
        if (self.amount is None) == (self.key is None):
            raise ValueError("give either 'amount' or 'key'")
        if self.shared and self.recipient:
            raise ValueError("give 'recipient' (one receives it) or 'shared' (several share it), not both")
        if isinstance(self.shared, dict) and self.shared and sum(self.shared.values()) != self.amount:
            total = plain_number(sum(self.shared.values()))
            amount = plain_number(self.amount) if self.amount is not None else f"of key '{self.key}'"
            raise ValueError(f"the shares under 'shared' add up to {total}, not to the amount {amount}")
        return self


class Reserved(Model):
    """The reserved part for individual measures: a share of what remains, or the sum of its lines."""

    label: Text = "Individuelle tiltak"
    share: Percent | None = Field(None, description="E.g. '20 %' of what remains after the fixed items.")
    lines: list[Line] = Field(default_factory=empty_list, description="Named individual measures.")
    residual: Text | None = Field(None, description="With a share: the label of the line that gets the rest.")

    @model_validator(mode="after")
    def _share_or_lines(self) -> Reserved:
        if self.share is None and not self.lines:
            raise ValueError("give a 'share' or the 'lines' of the individual measures")
        if self.residual and self.share is None:
            raise ValueError("'residual' needs a 'share' to take the rest of")
        return self


class KeySpec(Model):
    """One distribution key (fordelingsnøkkel) over the recipients."""

    id: Id
    label: Text
    flat: Percent | None = Field(None, description="A share of the pot split by a count (`by`), or equally.")
    pro_rata: Percent | None = Field(None, description="A share of the pot split pro rata by a measure (`by`).")
    base: Money | None = Field(None, description="The same amount to every recipient (grunntilskudd), outside the pot.")
    fixed: Money | None = Field(None, description="A fixed amount to every recipient, outside the pot, with `exceptions`.")
    exceptions: dict[Id, Money] = Field(default_factory=dict)
    by: str | None = Field(None, description="The measure: 'kommuner' (from the register) or one given under recipients.")

    @model_validator(mode="after")
    def _one_kind(self) -> KeySpec:
        kinds = [k for k in ("flat", "pro_rata", "base", "fixed") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError("a key is exactly one of 'flat', 'pro_rata', 'base' or 'fixed'")
        if self.pro_rata is not None and not self.by:
            raise ValueError("a 'pro_rata' key needs 'by' (the measure)")
        if self.exceptions and self.fixed is None:
            raise ValueError("'exceptions' belong to a 'fixed' key")
        return self


class Preframes(Model):
    """Pre-frames (forhåndsrammer) as stated: checked, or used to derive a key's weights."""

    amounts: dict[Id, Money]
    derive: Text | None = Field(None, description="Derive this measure (pre-frame minus base grant) for a pro-rata key.")


class Portion(Model):
    """One network's frame split between the network and its university partner(s)."""

    network: Money
    uh: Money | dict[Id, Money] = Field(description="To UH: one amount, or per university partner id.")


class Stated(Model):
    """Figures as printed in a legacy paper, each checked against the computed one."""

    source: Text | None = Field(None, description="Where the figures come from, e.g. the spreadsheet's title.")
    fixed_total: Money | None = None
    remaining: Money | None = None
    reserved: Money | None = None
    reserved_share: Percent | None = Field(None, description="A percentage label such as '20 %'.")
    pot: Money | None = None
    columns: dict[str, dict[Id, Money]] = Field(default_factory=dict, description="Per key id (or 'total'): the amount per recipient.")
    totals: dict[str, Money] = Field(default_factory=dict, description="Per key id (or 'total'): the column total.")
    uh_totals: dict[Id, Money] = Field(default_factory=dict, description="Totals per university partner, as a second table shows them.")


class Year(Model):
    """One year of a multi-year scenario."""

    year: int = Field(ge=2000, le=2100)
    share: Percent
    lines: list[Line] = Field(default_factory=empty_list)
    residual: Text = "Andre"


class Allocation(Model):
    """How a frame is shared: waterfall, keys over the networks, split, requests, years ahead."""

    name: Name = Field("fordeling", description="How case texts refer to the figures: {{ kr(fordeling.pot) }}.")
    title: Text
    rounding: Literal["largest_remainder", "spreadsheet"] = "largest_remainder"
    frame: Money | None = Field(None, description="Ramme: the year's grant.")
    fixed: list[Line] = Field(default_factory=empty_list, description="Faste beløp, taken off the frame first.")
    reserved: Reserved | None = None
    pot: Money | None = Field(None, description="The pot for collective measures when it is decided, not what remains.")
    pot_label: Text = "Kollektive tiltak"
    recipients: dict[Id, dict[str, Number]] = Field(default_factory=dict, description="Measures per network (årsverk, barn); default: the forum's networks.")
    keys: list[KeySpec] = Field(default_factory=empty_list)
    preframes: Preframes | None = None
    split: dict[Id, Portion] = Field(default_factory=dict, description="Per network: to the network and to UH.")
    requests: dict[Id, dict[str, Money]] = Field(default_factory=dict, description="Needs per network: 'nettverket' or a UH id -> amount.")
    scenario: list[Year] = Field(default_factory=empty_list, description="Years ahead with the same frame and fixed items.")
    stated: Stated | None = None
    recommendation: bool = Field(False, description="This allocation is the forum's recommendation (innstilling): letters are written from it.")
    proposed: bool = Field(False, description="These figures are the proposal sent with the agenda: the innkalling prints them as 'Forslag'.")
