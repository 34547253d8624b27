"""Who gets which papers of a meeting: one planned message per recipient, with its documents.

Why one message per person: each gets their own greeting and written standard, and the log
can say of every person whether their papers went out. A letter goes to its recipient with
its copies (kopi til) on the same message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RekomError, relative
from ..model.addresses import Contact, Distribution
from ..model.dated import member_on, project_at
from ..model.project import MeetingFile, Project
from ..model.roster import person_name
from ..model.schema import Role
from ..present import documents
from ..present.public import PUBLIC, has_public_version

WHATS = ("agenda", "minutes", "letters")
_STEMS = {"agenda": "innkalling", "minutes": "referat"}
_ROLES = {"members": Role.member, "deputies": Role.deputy, "secretariat": Role.secretariat,
          "guests": Role.guest, "observers": Role.observer}


@dataclass(frozen=True)
class Mailbox:
    """A recipient: register id (or the address itself), name, address and written standard."""

    id: str
    name: str
    address: str
    lang: str


@dataclass(frozen=True)
class Plan:
    """One message to prepare: its wording block, recipients and the files to attach."""

    key: str
    kind: str  # a block of the wording file: agenda, deputy, minutes, public, letter, recommendation
    to: Mailbox
    cc: tuple[Mailbox, ...] = ()
    documents: tuple[Path, ...] = ()
    calendar: bool = False
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def recipients(self) -> tuple[Mailbox, ...]:
        return (self.to, *self.cc)


class _Book:
    """Turns register ids and contacts into mailboxes, collecting every id without an address."""

    def __init__(self, project: Project, forum_lang: str):
        self.project, self.forum_lang = project, forum_lang
        self.missing: list[str] = []

    def box(self, ref) -> Mailbox | None:
        reg = self.project.registers
        if isinstance(ref, Contact):
            return Mailbox(ref.email, ref.name, ref.email, self.forum_lang)
        for table in ("people", "organisations", "networks"):
            entry = getattr(reg, table).get(ref)
            if entry is None:
                continue
            if entry.email is None:
                line, col = self.project.register_source.where((table, ref))
                self.missing.append(f"{self.project.register_source.file}:{line}:{col}: {table}.{ref}: no e-mail address")
                return None
            return Mailbox(ref, entry.name, entry.email, self._lang(entry))
        raise RekomError(f"no person, organisation or network '{ref}' in the register")

    def _lang(self, entry) -> str:
        reg = self.project.registers
        own = getattr(entry, "language", None)
        if own is None and hasattr(entry, "organisation"):
            org = reg.organisations.get(entry.organisation) or reg.networks.get(entry.organisation)
            own = getattr(org, "language", None)
        return own or self.forum_lang

    def check(self) -> None:
        if self.missing:
            raise RekomError("add the missing e-mail addresses to the register:\n  " + "\n  ".join(dict.fromkeys(self.missing)))


def plan(project: Project, item: MeetingFile, what: str, out: Path, formats: tuple[str, ...]) -> list[Plan]:
    """Every message of `what` for the meeting; a user error if an address or a built file is missing."""
    forum, dist = project.registers.fora[item.meeting.forum], distribution(project, item)
    book = _Book(project, forum.language)
    folder = out / item.id
    plans = _letters(project, item, dist, book, folder, formats) if what == "letters" else \
        _meeting_papers(project, item, forum, dist, what, book, folder, formats)
    book.check()
    _check_built(plans, what, formats)
    return plans


def deputy(project: Project, item: MeetingFile, person: str, member: str, out: Path, formats: tuple[str, ...]) -> Plan:
    """The innkalling av vara to `person`, who stands in for `member`."""
    forum = project.registers.fora[item.meeting.forum]
    book = _Book(project, forum.language)
    box = book.box(person)
    book.check()
    if box is None:  # Why: only for the type checker; check() has said what is missing
        raise RekomError(f"no e-mail address for '{person}'")
    found = deputy_plan(box, person_name(project.registers, member), out / item.id, forum.language, formats)
    _check_built([found], "agenda", formats)
    return found


def _check_built(plans: list[Plan], what: str, formats) -> None:
    missing = sorted({p for plan_ in plans for p in plan_.documents if not p.is_file()})
    if missing:
        public = " (the public list gets the public version; or leave 'public' out of the forum's distribution)" \
            if any(p.stem.endswith(f"-{PUBLIC}") for p in missing) else ""
        raise RekomError("not built yet: " + ", ".join(relative(p) for p in missing)
                         + f"; build them first (make {what}" + (", make pdf" if "pdf" in formats else "") + ")" + public)


def distribution(project: Project, item: MeetingFile) -> Distribution:
    """Who receives which papers of the meeting's forum, or a user error saying where to add it."""
    found = project.registers.fora[item.meeting.forum].distribution
    if found is None:
        raise RekomError(f"forum '{item.meeting.forum}' has no 'distribution' in the register: "
                         "say there who receives which papers")
    return found


def _meeting_papers(project: Project, item: MeetingFile, forum, dist: Distribution, what: str, book: _Book, folder: Path,
                    formats) -> list[Plan]:
    """The agenda or the minutes to each person of the chosen groups; the public version to the public list."""
    groups = dist.agenda if what == "agenda" else dist.minutes
    stem, att, day = _STEMS[what], item.meeting.attendance, item.meeting.date
    people: dict[str, None] = {}
    for group in groups:
        if group in _ROLES:
            people |= dict.fromkeys(m.person for m in forum.members if m.role is _ROLES[group] and member_on(m, day))
        if group == "guests" and att:
            people |= dict.fromkeys(att.guests)
    if att and what == "minutes":  # Why: a deputy who attended gets the minutes, whatever the groups say
        people |= dict.fromkeys(d.person for d in att.deputies)
    deputies = {d.person: d.deputy_for for d in att.deputies} if att and what == "agenda" else {}
    plans = []
    for pid in people:
        if pid not in deputies and (box := book.box(pid)):
            plans.append(Plan(f"{stem}-{pid}", what, box, documents=_files(folder, stem, box.lang, forum.language, formats),
                              calendar=what == "agenda"))
    for pid, member in deputies.items():
        if box := book.box(pid):
            plans.append(deputy_plan(box, person_name(book.project.registers, member), folder, forum.language, formats))
    if "public" in groups:
        public = tuple(folder / f"{_public_stem(project, item, what, stem)}.{ext}" for ext in formats)
        plans += [Plan(f"{stem}-{PUBLIC}-{box.id}", "public", box, documents=public)
                  for ref in dist.public if (box := book.box(ref))]
    return plans


def _public_stem(project: Project, item: MeetingFile, what: str, stem: str) -> str:
    """`referat-offentlig` when the meeting has anything exempt (the agenda: also earlier meetings it lists), else `referat`.

    Why decided from the case files and not from which files exist: a public version that was
    not built must stop the sending, never let the internal one go to the public list.
    """
    return f"{stem}-{PUBLIC}" if has_public_version(item, project, history=what == "agenda") else stem


def deputy_plan(box: Mailbox, member: str, folder: Path, forum_lang: str, formats) -> Plan:
    """Innkalling av vara: the agenda and a calendar invitation to the deputy who stands in for `member`."""
    return Plan(f"vara-{box.id}", "deputy", box, documents=_files(folder, "innkalling", box.lang, forum_lang, formats),
                calendar=True, fields={"member": member})


def _files(folder: Path, stem: str, lang: str, forum_lang: str, formats) -> tuple[Path, ...]:
    """The built files for a reader of `lang`: the set in their written standard when it was built."""
    own = folder / lang if lang != forum_lang and (folder / lang / f"{stem}.docx").is_file() else folder
    return tuple(own / f"{stem}.{ext}" for ext in formats)


def _letters(project: Project, item: MeetingFile, dist: Distribution, book: _Book, folder: Path, formats) -> list[Plan]:
    """Each letter to its own recipient and its copies; the innstilling to the forum's organisation."""
    forum = project.registers.fora[item.meeting.forum]
    plans = []
    for doc in documents(item, project_at(project, item.meeting.date), "letters", None):  # as the build wrote them
        path = Path(doc.filename)
        rid = path.stem if path.parent.name == "brev" else forum.organisation
        to = book.box(rid)
        refs = [*dist.copies, *(dist.copy_to.get(rid, []) if path.parent.name == "brev" else [])]
        cc = {box.address: box for ref in refs if (box := book.box(ref)) and to and box.address != to.address}
        if to is None:
            continue
        files = tuple(folder / path.with_suffix(f".{ext}") for ext in formats)
        kind = "letter" if path.parent.name == "brev" else "recommendation"
        plans.append(Plan(f"{path.parent.name}-{path.stem}" if kind == "letter" else path.stem, kind, to,
                          tuple(cc.values()), files, fields={"subject": doc.title}))
    book.check()
    if not plans:
        raise RekomError(f"{item.id} has no letters: no allocation in it is marked 'recommendation: true'")
    return plans
