"""Typed models of the case files: the shared registers and one file per meeting.

Field names are English; the Norwegian term a secretary knows is in each description,
and so in the exported JSON Schema that editors use to complete the files.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Literal

from pydantic import BeforeValidator, Discriminator, Field, Tag, model_validator

from .addresses import Distribution, Email
from .allocation import Allocation
from .lifecycle import Approval, Attachment, Conflict, Correction, Dissent, Due, Exemption, FollowUpStatus, FormerName
from .values import Cell, Clock, Model, Money, TimeSlot, empty_list

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Identifier: lower case, digits and '-'.")]
Text = Annotated[str, Field(min_length=1)]
Markdown = Annotated[str, Field(description="Markdown: paragraphs, lists, **bold**, *italic*, [links](https://...), footnotes[^1].")]
CaseNumber = Annotated[str, Field(pattern=r"^[1-9][0-9]*/[0-9]{4}$", description="Saksnummer N/YYYY, e.g. '8/2022'.")]
Language = Literal["nb", "nn"]
ArchiveRef = Annotated[str, Field(pattern=r"^[0-9]{4}/[0-9]+(-[0-9]+)?$",
                                  description="Arkivsaksnummer, e.g. '2024/1234' (not the agenda's case number).")]
Address = Annotated[list[Text], Field(description="Postal address as printed, one line each, e.g. "
                                                   "['Postboks 4710 Torgarden', '7468 Trondheim'].")]


class Role(str, Enum):
    """A person's place in a forum."""

    member = "member"
    deputy = "deputy"
    secretariat = "secretariat"
    guest = "guest"
    observer = "observer"


class Organisation(Model):
    """An organisation (organisasjon) that sends people to a forum or receives funds."""

    name: Text
    short: Text | None = Field(None, description="Short name used in lists, e.g. 'DMMH'.")
    name_nn: Text | None = Field(None, description="The nynorsk form of the name where it differs (nynorsk documents).")
    short_nn: Text | None = Field(None, description="The nynorsk form of the short name where it differs.")
    university: bool = Field(False, description="A university or university college partner (UH).")
    language: Language | None = Field(None, description="Written standard (målform) for letters to it.")
    address: Address = Field(default_factory=empty_list)
    contact: Id | None = Field(None, description="The person letters go to (v/), a person id.")
    phone: Text | None = Field(None, description="Sentralbord, printed in the letterhead of letters it sends.")
    email: Email | None = Field(None, description="Postmottak: where its letters go; printed in the letterhead of letters it sends.")
    formerly: list[FormerName] = Field(default_factory=empty_list, description="Earlier names, each used until a date.")


class Network(Model):
    """A regional competence network (kompetansenettverk) and its municipalities."""

    name: Text
    short: Text = Field(description="Short name used in tables, e.g. 'Midtre Namdal'.")
    name_nn: Text | None = Field(None, description="The nynorsk form of the name where it differs (nynorsk documents).")
    short_nn: Text | None = Field(None, description="The nynorsk form of the short name where it differs.")
    municipalities: list[Text] = Field(default_factory=empty_list, description="Kommuner in the network.")
    partners: list[Id] = Field(default_factory=empty_list, description="University partners (UH): organisation ids.")
    language: Language | None = Field(None, description="Written standard (målform) for letters to it.")
    address: Address = Field(default_factory=empty_list)
    contact: Id | None = Field(None, description="The person letters go to (v/): the network's coordinator, a person id.")
    email: Email | None = Field(None, description="Postmottak: where its letters go.")
    formerly: list[FormerName] = Field(default_factory=empty_list, description="Earlier names, each used until a date.")


class Person(Model):
    """A person and the organisation or network they represent."""

    name: Text
    organisation: Id = Field(description="An organisation id or a network id.")
    title: Text | None = Field(None, description="Stillingstittel, printed under a signature, e.g. 'seniorrådgiver'.")
    title_nn: Text | None = Field(None, description="The title in nynorsk, e.g. 'seniorrådgjevar' (leave out: same).")
    phone: Text | None = None
    email: Email | None = Field(None, description="E-post: where the papers go.")
    language: Language | None = Field(None, description="Written standard (målform) of messages to them; else their organisation's.")
    formerly: list[FormerName] = Field(default_factory=empty_list, description="Earlier names, each used until a date.")


class Membership(Model):
    """A person's role in one forum; a deputy (vara) names whom they stand in for."""

    person: Id
    role: Role = Role.member
    deputy_for: Id | None = Field(None, alias="for", description="For a deputy (vara): the member they stand in for.")
    votes: bool | None = Field(None, description="Entitled to vote; members and attending deputies vote by default.")
    start: date | None = Field(None, alias="from", description="First day in the forum (leave out: always).")
    end: date | None = Field(None, alias="to", description="Last day in the forum (leave out: still a member).")

    @model_validator(mode="after")
    def _deputy_names_member(self) -> Membership:
        if (self.role is Role.deputy) != (self.deputy_for is not None):
            raise ValueError("a deputy needs 'for: <member id>', and only a deputy has one")
        return self

    @property
    def voting(self) -> bool:
        """Whether this person votes when present."""
        return self.votes if self.votes is not None else self.role in (Role.member, Role.deputy)


class Forum(Model):
    """A forum run by the secretariat, with its own case numbering per year."""

    name: Text
    long_name: Text | None = None
    name_nn: Text | None = Field(None, description="The nynorsk form of the name where it differs (nynorsk documents).")
    long_name_nn: Text | None = Field(None, description="The nynorsk form of the long name where it differs.")
    organisation: Id = Field(description="The organisation that runs the secretariat and signs letters.")
    language: Language = Field("nb", description="Default written standard (målform): nb or nn.")
    networks: list[Id] = Field(default_factory=empty_list)
    members: list[Membership] = Field(default_factory=empty_list)
    leader: Id | None = Field(None, description="Leder of the forum: signs its innstilling and letters, a person id.")
    caseworker: Id | None = Field(None, description="Saksbehandler in the secretariat: named in letters, signs with the "
                                                     "leader, and takes notice of absence (forfall); a person id.")
    electronic_approval: bool = Field(False, description="Papers are approved electronically: letters say "
                                                         "'Dokumentet er elektronisk godkjent' instead of a signature.")
    distribution: Distribution | None = Field(None, description="Utsending: who receives which papers.")


class Registers(Model):
    """The registers shared by all fora: organisations, networks, people and fora."""

    organisations: dict[Id, Organisation]
    networks: dict[Id, Network] = Field(default_factory=dict)
    people: dict[Id, Person] = Field(default_factory=dict)
    fora: dict[Id, Forum]


class CaseKind(str, Enum):
    """The kind of a case (sakstype)."""

    information = "informasjonssak"
    discussion = "drøftingssak"
    decision = "beslutningssak"
    other = "eventuelt"


class Option(Model):
    """One proposal voted on, with its count when counted."""

    label: Text
    votes: int | None = Field(None, ge=0)


class Vote(Model):
    """A vote (votering): the proposals, their counts, and the stated result."""

    question: Text | None = None
    method: Literal["open", "written"] = Field("open", description="Open (åpen) or written (skriftlig).")
    options: list[Option] = Field(min_length=2)
    unanimous: bool = Field(False, description="Enstemmig: the result had every vote present.")
    result: Text = Field(description="The label of the proposal that won, as stated in the minutes.")
    blank: int | None = Field(None, ge=0, description="Blanke stemmer (abstentions).")
    dissent: list[Dissent] = Field(default_factory=empty_list, description="Dissens: who, in their own words.")
    casting_vote: bool = Field(False, description="A tie decided by the chair's casting vote (møteleders dobbeltstemme).")


class Column(Model):
    """A column of a numeric table; `sum: false` for columns that do not add up."""

    name: Text
    sum: bool = True
    unit: Literal["kr", "number", "percent", "text"] = "kr"


def _column_shorthand(value: object) -> object:
    """Columns may be bare names: the first holds labels, the others kroner."""
    if not isinstance(value, list):
        return value
    return [{"name": c, "unit": "text" if i == 0 else "kr", "sum": i > 0} if isinstance(c, str) else c
            for i, c in enumerate(value)]


class Table(Model):
    """A numeric table: rows of a label and values; a stated total is checked."""

    title: Text
    columns: Annotated[list[Column], BeforeValidator(_column_shorthand)] = Field(
        min_length=2, description="Column names, or {name, unit, sum}; the first holds the row labels.")
    rows: list[list[Cell]] = Field(min_length=1)
    total: bool | list[Cell] = Field(True, description="true: a computed totals row; a list: stated totals, checked.")
    total_label: Text = "Sum"
    note: Markdown | None = None


class FollowUp(Model):
    """A follow-up (oppfølging): what, who, and the meeting or date it is due."""

    what: Markdown
    who: Id | None = Field(None, description="A person, organisation or network id.")
    due: Due | None = Field(None, description="A date, or 'next meeting' (neste møte).")
    id: Id | None = Field(None, description="Its id; by default the case number and its place, e.g. '4-2024-1'.")
    status: FollowUpStatus = FollowUpStatus.open
    done: date | None = Field(None, description="When it was done.")
    where: Text | None = Field(None, description="Where it was reported done, e.g. 'møtet 2024-03-07, sak 2/2024'.")

    @model_validator(mode="after")
    def _done_dated(self) -> FollowUp:
        if (self.status is FollowUpStatus.done) != (self.done is not None):
            raise ValueError("a follow-up that is done needs 'status: done' and the date 'done'")
        return self


class Note(Model):
    """A note (merknad) printed with the case: it explains a figure or a contradiction the checker reports."""

    text: Markdown = Field(description="The note as printed (Markdown).")
    acknowledges: Literal["votes"] | None = Field(
        None, description="'votes': more votes were cast than voters present; without this note the minutes are not written.")
    amount: Money | None = Field(None, description="A typed amount close to a computed figure that is meant as written "
                                                   "(an estimate, another year's figure); the note says what it is.")


class Case(Model):
    """A case (sak) on the agenda."""

    case: CaseNumber | None = Field(None, description="Saksnummer; only an 'eventuelt' item may go without.")
    title: Text
    kind: CaseKind = CaseKind.information
    time: TimeSlot | None = Field(None, description="Tidspunkt, e.g. '08.30-08.45'.")
    presenter: Id | None = Field(None, description="Who presents the case: a person id.")
    summary: Markdown | None = Field(None, description="Short description for the agenda.")
    attachments: list[Text | Attachment] = Field(default_factory=empty_list, description="Vedlegg; {name, exempt: basis} when exempt.")
    text: Markdown | None = Field(None, description="The case text (saksframstilling / referat).")
    proposal: Markdown | None = Field(None, description="Forslag til vedtak.")
    votes: list[Vote] = Field(default_factory=empty_list)
    decision: Markdown | None = Field(None, description="Vedtak.")
    tables: list[Table] = Field(default_factory=empty_list)
    allocation: Allocation | None = Field(None, description="Allocation inputs; the engine computes every figure.")
    follow_ups: list[FollowUp] = Field(default_factory=empty_list)
    moved_to: date | None = Field(None, description="The case was moved (utsatt) to the meeting on this date.")
    notes: list[Note] = Field(default_factory=empty_list, description="Merknader, printed with the case.")
    archive_ref: ArchiveRef | None = Field(None, description="Arkivsaksnummer of this case's letters, when not the meeting's.")
    their_date: date | None = Field(None, description="Deres dato: the date of the letter or request these letters answer.")
    their_ref: Text | None = Field(None, description="Deres referanse: the recipient's own reference.")
    copy_to: list[Id] = Field(default_factory=empty_list, description="Kopi til: organisations, networks or people.")
    conflicts: list[Conflict] = Field(default_factory=empty_list, description="Inhabilitet: members who left this case.")
    exempt: Exemption | None = Field(None, description="Unntatt offentlighet: the legal basis and a neutral title.")

    @model_validator(mode="after")
    def _numbered(self) -> Case:
        if self.case is None and self.kind is not CaseKind.other:
            raise ValueError("a case needs its number 'case: N/YYYY' (only kind 'eventuelt' may go without)")
        return self


class Break(Model):
    """A break (pause, lunsj) between cases."""

    pause: Text = Field(description="Its name, e.g. 'Pause' or 'Lunsj'.")
    time: TimeSlot


def _agenda_tag(value: object) -> str:
    """An agenda item with a `pause` key is a break; anything else is a case."""
    return "Break" if isinstance(value, Break) or (isinstance(value, dict) and "pause" in value) else "Case"


AgendaItem = Annotated[Annotated[Case, Tag("Case")] | Annotated[Break, Tag("Break")], Discriminator(_agenda_tag)]


class Deputy(Model):
    """A deputy (vara) who attended, and the member they stood in for."""

    person: Id
    deputy_for: Id = Field(alias="for")


class Attendance(Model):
    """Who came: forum members are present unless listed as absent (forfall)."""

    absent: list[Id] = Field(default_factory=empty_list, description="Forfall: members who sent notice.")
    deputies: list[Deputy] = Field(default_factory=empty_list, description="Vararepresentanter who attended.")
    guests: list[Id] = Field(default_factory=empty_list, description="Gjester.")
    left: dict[Id, Clock] = Field(default_factory=dict, description="People who left early, with the time.")
    stated_voters: int | None = Field(None, ge=0, description="Stemmeberettigede as old minutes state it; checked against the list.")


class Deadline(Model):
    """A deadline (frist) announced in the agenda."""

    date: date
    what: Text


class Meeting(Model):
    """One meeting of a forum: one YAML file under `cases/<year>/`."""

    forum: Id
    date: date
    time: TimeSlot = Field(description="Møtetid, e.g. '08.30-11.30'.")
    place: Text | None = Field(None, description="Sted; leave out for a digital meeting.")
    room: Text | None = Field(None, description="Møterom, e.g. 'Møterom Nidaros'.")
    address: Text | None = Field(None, description="Street address of the place, e.g. 'Prinsens gate 1, Trondheim'.")
    archive_ref: ArchiveRef | None = Field(None, description="Arkivsaksnummer of the meeting's papers: 'Vår referanse' in its letters.")
    digital: Text | None = Field(None, description="For a digital meeting: the platform or link.")
    chair: Id | None = Field(None, description="Møteleder: a person id.")
    referent: Id | None = None
    attendance: Attendance | None = Field(None, description="Leave out when attendance was not recorded.")
    invitation: Markdown | None = Field(None, description="Text of the invitation (innkalling), before the agenda.")
    note: Markdown | None = Field(None, description="Text of the minutes before the cases (innledning).")
    deadlines: list[Deadline] = Field(default_factory=empty_list, description="Frister to announce in the agenda.")
    agenda: list[AgendaItem] = Field(min_length=1, description="Saksliste: cases and breaks in order.")
    approval: Approval | None = Field(None, description="Status of the minutes (draft, sent, approved); by `rekom-docs approve`.")
    corrections: list[Correction] = Field(default_factory=empty_list, description="Rettelser after approval, each approved.")

    @model_validator(mode="after")
    def _place_or_digital(self) -> Meeting:
        if not (self.place or self.digital):
            raise ValueError("give 'place' (sted) or 'digital' (platform or link)")
        return self

    @property
    def cases(self) -> list[Case]:
        """The cases of the agenda, in order, without breaks."""
        return [item for item in self.agenda if isinstance(item, Case)]


def case_year(number: str) -> int:
    """The year part of `N/YYYY`."""
    return int(number.split("/")[1])

