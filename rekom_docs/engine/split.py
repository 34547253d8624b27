"""What each network passes on: its amount split between the network and its university partners, and requests."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from .exact import frozen


@dataclass(frozen=True)
class Portion:
    """One recipient's amount split between the network and its university partner(s)."""

    recipient: str
    to_network: int
    to_uh: Mapping[str, int]

    @property
    def uh_total(self) -> int:
        """Everything to UH partners."""
        return sum(self.to_uh.values())

    @property
    def total(self) -> int:
        """Network plus UH."""
        return self.to_network + self.uh_total

    @property
    def network_share(self) -> Fraction:
        """The network's part of the total."""
        return Fraction(self.to_network, self.total) if self.total else Fraction(0)


@dataclass(frozen=True)
class Split:
    """Portions per recipient with totals per UH partner."""

    portions: tuple[Portion, ...]

    @property
    def network_total(self) -> int:
        """Everything to the networks."""
        return sum(portion.to_network for portion in self.portions)

    @property
    def uh_totals(self) -> Mapping[str, int]:
        """Total per UH partner, in order of first appearance."""
        totals: dict[str, int] = {}
        for portion in self.portions:
            for uh, amount in portion.to_uh.items():
                totals[uh] = totals.get(uh, 0) + amount
        return frozen(totals)

    @property
    def uh_total(self) -> int:
        """Everything to UH partners."""
        return sum(portion.uh_total for portion in self.portions)

    @property
    def total(self) -> int:
        """Networks plus UH."""
        return self.network_total + self.uh_total

    @property
    def totals(self) -> Mapping[str, int]:
        """Network plus UH per recipient."""
        return frozen({portion.recipient: portion.total for portion in self.portions})


def split(portions: Iterable[Portion | tuple[str, int, Mapping[str, int]]]) -> Split:
    """Collect network/UH portions; negative amounts are refused."""
    collected = tuple(portion if isinstance(portion, Portion) else Portion(*portion) for portion in portions)
    for portion in collected:
        if portion.to_network < 0 or any(amount < 0 for amount in portion.to_uh.values()):
            raise ValueError(f"negative amount in the split of {portion.recipient}")
    return Split(collected)


@dataclass(frozen=True)
class Request:
    """A need stated in a network's decision basis: `amount` to `to` (the network itself or a UH partner)."""

    recipient: str
    to: str
    amount: int


@dataclass(frozen=True)
class RequestCheck:
    """Requests of one recipient against its frame."""

    recipient: str
    frame: int
    by_party: Mapping[str, int]

    @property
    def requested(self) -> int:
        """Everything requested."""
        return sum(self.by_party.values())

    @property
    def difference(self) -> int:
        """Requested minus frame (negative: room left)."""
        return self.requested - self.frame

    @property
    def excess(self) -> int:
        """How much the requests exceed the frame (0 when within)."""
        return max(0, self.difference)


def compare_requests(frames: Mapping[str, int], requests: Iterable[Request]) -> tuple[RequestCheck, ...]:
    """Requests per recipient against its frame; a recipient without a frame has frame 0."""
    parties: dict[str, dict[str, int]] = {name: {} for name in frames}
    for request in requests:
        by_party = parties.setdefault(request.recipient, {})
        by_party[request.to] = by_party.get(request.to, 0) + request.amount
    return tuple(RequestCheck(name, frames.get(name, 0), frozen(by_party)) for name, by_party in parties.items())
