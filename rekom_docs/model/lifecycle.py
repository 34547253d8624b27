"""Typed models of a meeting's life after the agenda: approval, corrections, votes as cast, exemptions, dates.

Why a module of its own: these fields are added to the case-file models (model.py) and
are read by the lifecycle code (approval, public versions, registers, archive).
"""

from __future__ import annotations

from datetime import date as Date
from enum import Enum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .values import Model

Basis = Annotated[str, Field(min_length=1, description="Legal basis (hjemmel) for the exemption, e.g. 'offl. § 13 jf. fvl. § 13'.")]
Fingerprint = Annotated[dict[str, str], Field(description="Hash of the approved content per part; written by `rekom-docs approve`.")]
NEXT_MEETING = ("next meeting", "neste møte")


class Status(str, Enum):
    """Where the minutes are: draft, sent for comment, approved."""

    draft = "draft"
    sent = "sent"
    approved = "approved"


class Approval(Model):
    """The status of the minutes, and for approved minutes when, by whom and how (godkjenning)."""

    status: Status = Status.draft
    date: Date | None = Field(None, description="When the minutes were sent for comment or approved.")
    by: str | None = Field(None, description="Who approved them, e.g. the forum or the chair.")
    how: str | None = Field(None, description="How, e.g. 'godkjent i møtet 2024-03-07, sak 7/2024' or 'godkjent per e-post'.")
    fingerprint: Fingerprint | None = None

    @model_validator(mode="after")
    def _complete(self) -> Approval:
        if self.status is Status.approved and not (self.date and self.how and self.fingerprint):
            raise ValueError("approved minutes need 'date', 'how' and 'fingerprint' (use: rekom-docs approve MEETING)")
        return self


class Correction(Model):
    """A correction made after approval (rettelse): what, when, approved how; the document shows it."""

    date: Date
    what: str = Field(min_length=1)
    how: str = Field(min_length=1, description="How the correction was approved.")
    fingerprint: Fingerprint


class Exemption(Model):
    """An exemption from public access (unntatt offentlighet) with its legal basis."""

    basis: Basis
    title: str | None = Field(None, description="Neutral title shown in the public version instead of the real one.")


class Attachment(Model):
    """An attachment (vedlegg) that is exempt from public access."""

    name: str = Field(min_length=1)
    exempt: Basis


class Conflict(Model):
    """A member who is disqualified (inhabil) in one case: leaves it and does not vote."""

    person: str
    reason: str | None = Field(None, description="Why, e.g. 'fvl. § 6 første ledd bokstav e'.")


class Dissent(Model):
    """A dissent (dissens): who, and their own wording."""

    people: list[str] = Field(min_length=1)
    text: str = Field(min_length=1)


class FormerName(Model):
    """A name an organisation, network or person had until a date."""

    name: str = Field(min_length=1)
    short: str | None = None
    until: Date = Field(description="The first day the current (or next) name applies.")


class FollowUpStatus(str, Enum):
    """Open or done."""

    open = "open"
    done = "done"


Due = Date | Literal["next meeting", "neste møte"]
