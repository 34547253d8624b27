"""What a document shows, computed from the models: plain, typed values with no Word in them.

Why: the render stage only turns these values into Word; every name, sentence and figure
is decided here, where it can be tested without opening a document.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..check.meeting import table_totals
from ..compute import meeting_prose
from ..compute.casetext import expand, text_context
from ..compute.followups import open_at
from ..formats import clock, kr, long_date, number
from ..model.project import MeetingFile, Project
from ..model.roster import Attendee, Roster, organisation_name, person_name, roster
from ..model.schema import Case, CaseKind, Meeting, Table, Vote
from .document import Document, Markdown, TableView
from .figures import figure_tables
from .invitation import absence, opening, proposed_tables
from .lifecycle import case_extras, minutes_status
from .wording import words


@dataclass(frozen=True)
class Setting:
    """What every document of a meeting starts from: registers, meeting, forum, language, text context."""

    item: MeetingFile
    project: Project
    lang: str
    texts: dict[str, Any]

    @property
    def forum(self):
        return self.project.registers.fora[self.item.meeting.forum]

    @property
    def author(self) -> str:
        """The organisation that runs the forum: the documents' author."""
        return self.project.registers.organisations[self.forum.organisation].name

    def counterpart(self, item: MeetingFile, case: Case, figures):
        """`case` of `item` and its figures as this setting's meeting has them (translated, for nynorsk)."""
        if self.item is item:
            return case, figures
        index = next(i for i, entry in enumerate(item.meeting.agenda) if entry is case)
        return self.item.meeting.agenda[index], self.item.figures.get(index)

    def document(self, template: str, title_word: str, context: dict[str, Any]) -> Document:
        """A document titled `<word> <forum> <date>`, with the forum and meeting header in its context."""
        meeting = self.item.meeting
        title = f"{words(self.lang)[title_word]} {self.forum.name} {long_date(meeting.date, self.lang)}"
        marking = context.get("record", {}).get("marking")
        title = f"{marking}: {title}" if marking else title
        header = {"forum": {"name": self.forum.name, "long_name": self.forum.long_name or ""},
                  "meeting": _meeting_header(meeting, self.project, self.lang, self.texts), "marking": ""}
        status = context.pop("status", "")
        return Document(template, f"{template}.docx", title, self.author, header | context, self.lang, status)


def setting(item: MeetingFile, project: Project, lang: str | None) -> Setting:
    """The setting of a meeting's documents in `lang`, or the forum's own written standard."""
    lang = lang or project.registers.fora[item.meeting.forum].language
    values = meeting_prose(item)  # Why: before translation, so figures keep their bokmål labels in case texts
    if lang == "nn":
        from ..nynorsk.localise import localised

        item, project = localised(item, project)
    return Setting(item, project, lang, text_context(project.registers, lang, values))


def minutes(item: MeetingFile, project: Project, lang: str | None = None) -> Document:
    """The referat of one meeting, in `lang` or the forum's written standard."""
    s = setting(item, project, lang)
    item, project, meeting = s.item, s.project, s.item.meeting
    present = roster(meeting, project.registers)
    return s.document("referat", "minutes_title", minutes_status(meeting, s.lang) | {
        "record": record_view(meeting, s.lang),
        "roster": _roster_view(present, s.lang),
        "cases": [_case_view(case, s.texts, s.lang, item.figures.get(i))
                  | case_extras(case, project.registers, s.forum, s.lang, present)
                  for i, case in enumerate(meeting.agenda) if isinstance(case, Case)],
    })


def unrecorded(meeting: Meeting) -> tuple[bool, list[str]]:
    """Whether the attendance is recorded, and the decision cases whose decision is not (a moved case needs none)."""
    open_cases = [c.case or c.title for c in meeting.cases
                  if c.kind is CaseKind.decision and not c.decision and not c.moved_to]
    return meeting.attendance is not None, open_cases


def record_view(meeting: Meeting, lang: str) -> dict[str, str]:
    """How complete the minutes are: "Referat ikke ført" when nothing is recorded, "Utkast" naming what is missing.

    Why: minutes without the attendance or a decision must not look like complete minutes.
    """
    w = words(lang)
    attended, open_cases = unrecorded(meeting)
    decided = any(c.decision or c.votes for c in meeting.cases)
    missing = ([] if attended else [w["record_attendance"]]) + [w["record_decision"].format(case=c) for c in open_cases]
    if not missing:
        return {"marking": "", "missing": ""}
    marking = w["record_none"] if not attended and not decided else w["record_draft"]
    listed = ", ".join(missing[:-1]) + f" {w['and']} {missing[-1]}" if len(missing) > 1 else missing[0]
    return {"marking": marking, "missing": w["record_missing"].format(what=listed)}


def agenda(item: MeetingFile, project: Project, lang: str | None = None) -> Document:
    """The innkalling with saksliste of one meeting, in `lang` or the forum's written standard."""
    s = setting(item, project, lang)
    item, project = s.item, s.project
    reg, meeting, texts = project.registers, item.meeting, s.texts
    return s.document("innkalling", "agenda_title", {
        "opening": opening(meeting, s.forum, s.lang),
        "absence": absence(reg, s.forum, s.lang),
        "invitation": Markdown(expand(meeting.invitation, texts), subheading=1) if meeting.invitation else None,
        "agenda": _agenda_table(meeting, reg, s.lang),
        "cases": [_agenda_case(case, reg, texts, s.lang) | {"tables": proposed_tables(case, item.figures.get(i), s.lang)}
                  for i, case in enumerate(meeting.agenda) if isinstance(case, Case)],
        "deadlines": [f"{long_date(d.date, s.lang)}: {d.what}" for d in meeting.deadlines],
        "follow_ups": [f"{t.id}: {_follow_up(t.item, texts, s.lang)} "
                       f"({words(s.lang)['from_meeting'].format(date=long_date(t.held, s.lang), case=t.case)})"
                       for t in open_at(item, project)],
        "invited": _invited(meeting, reg, s.lang),
    })


def _agenda_table(meeting: Meeting, reg, lang: str) -> TableView:
    """The timed agenda: one row per case or break."""
    w = words(lang)
    rows = []
    for entry in meeting.agenda:
        slot = f"{clock(entry.time.start)}–{clock(entry.time.end)}" if entry.time else ""
        if isinstance(entry, Case):
            presenter = person_name(reg, entry.presenter) if entry.presenter else ""
            rows.append([slot, entry.case or "", entry.title, w[f"kind_{entry.kind.name}"], presenter])
        else:
            rows.append([slot, "", entry.pause, "", ""])
    header = [w["time"], w["case_no"], w["title"], w["kind"], w["presenter"]]
    used = [c for c in range(len(header)) if any(row[c] for row in rows)]  # Why: an empty column only squeezes the titles
    return TableView(w["agenda_table"], [header[c] for c in used], [[row[c] for c in used] for row in rows], None,
                     [False] * len(used))


def _agenda_case(case: Case, reg, texts: dict, lang: str) -> dict[str, Any]:
    w = words(lang)
    number_part = f"{w['case']} {case.case} " if case.case else ""
    return {
        "heading": f"{number_part}{case.title}",
        "kind": w[f"kind_{case.kind.name}"],
        "presenter": person_name(reg, case.presenter) if case.presenter else "",
        "summary": Markdown(expand(case.summary, texts), subheading=3) if case.summary else None,
        "proposal": Markdown(expand(case.proposal, texts), style="Vedtak") if case.proposal else None,
        "attachments": [a if isinstance(a, str) else a.name for a in case.attachments],
        "moved_to": long_date(case.moved_to, lang) if case.moved_to else "",
    }


def _invited(meeting: Meeting, reg, lang: str) -> list[dict[str, str]]:
    """The forum's members by organisation: who the invitation goes to."""
    groups: dict[str, list[str]] = {}
    for m in reg.fora[meeting.forum].members:
        if m.role.value == "member" and m.person in reg.people:
            person = reg.people[m.person]
            groups.setdefault(organisation_name(reg, person.organisation), []).append(person.name)
    return [{"organisation": org, "names": ", ".join(names)} for org, names in groups.items()]


def _meeting_header(meeting: Meeting, project: Project, lang: str, texts: dict) -> dict[str, Any]:
    reg = project.registers
    w = words(lang)
    generic = meeting.digital and meeting.digital.lower().startswith("digital")
    place = meeting.place or (meeting.digital if generic else f"{w['digital']} ({meeting.digital})")
    return {
        "date": long_date(meeting.date, lang),
        "time": f"{clock(meeting.time.start)}\u2013{clock(meeting.time.end)}",
        "place": place,
        "chair": person_name(reg, meeting.chair) if meeting.chair else "",
        "referent": person_name(reg, meeting.referent) if meeting.referent else "",
        "note": Markdown(expand(meeting.note, texts), subheading=2) if meeting.note else None,
    }


def _names(people: tuple[Attendee, ...], lang: str, with_org: bool = True) -> str:
    """`Kari Nordmann (DMMH), Ola Nordmann (KS)`; a deputy's member and a leaving time added."""
    w = words(lang)
    parts = []
    for p in people:
        extra = [p.organisation] if with_org and p.organisation else []
        if p.deputy_for:
            extra.append(f"{w['deputy_for']} {p.deputy_for}")
        if p.left:
            extra.append(f"{w['until']} {clock(p.left)}")
        parts.append(f"{p.name} ({', '.join(extra)})" if extra else p.name)
    return ", ".join(parts)


def _roster_view(r: Roster, lang: str) -> dict[str, Any]:
    w = words(lang)
    groups = [{"organisation": org, "names": _names(tuple(people), lang, with_org=False)}
              for org, people in r.by_organisation()]
    return {
        "recorded": r.recorded,
        "groups": groups,
        "absent": _names(r.absent, lang),
        "secretariat": _names(r.secretariat, lang),
        "guests": _names(r.guests, lang),
        "observers": _names(r.observers, lang),
        "sentence": w["roster_sentence"].format(absent=len(r.absent), deputies=len(r.deputies), voters=r.voters),
    }


def _case_view(case: Case, texts: dict, lang: str, figures=None) -> dict[str, Any]:
    w = words(lang)
    number_part = f"{w['case']} {case.case} " if case.case else ""
    return {
        "heading": f"{number_part}{case.title}",
        "moved_to": long_date(case.moved_to, lang) if case.moved_to else "",
        "text": _with_notes(case.text or case.summary, [n for n in case.notes if n.acknowledges != "votes"], texts, lang),
        "proposal": Markdown(expand(case.proposal, texts), style="Vedtak") if case.proposal else None,
        "tables": (figure_tables(figures, lang) if figures else []) + [table_view(t, lang, texts) for t in case.tables],
        "votes": [vote_view(v, lang, _vote_note(case, texts)) for v in case.votes],
        "decision": Markdown(expand(case.decision, texts), style="Vedtak") if case.decision else None,
        "follow_ups": [_follow_up(f, texts, lang) for f in case.follow_ups],
    }


def _follow_up(follow, texts: dict, lang: str) -> str:
    w = words(lang)
    text = expand(follow.what, texts).strip()
    if follow.who:
        text += f" ({w['responsible']}: {_who(follow.who, texts)})"
    if follow.due:
        due = w["next_meeting"] if isinstance(follow.due, str) else long_date(follow.due, lang)
        text += f" \u2013 {w['due']} {due}"
    return text


def _who(ref: str, texts: dict, kinds: tuple[str, ...] = ("person", "org", "network")) -> str:
    """The registered name of an id, trying each kind of register in turn; the id itself if none has it."""
    for kind in kinds:
        try:
            return texts[kind](ref)
        except LookupError:
            continue
    return ref


def cell_text(value: Any, unit: str, lang: str) -> str:
    """A table cell in Norwegian format: kroner grouped, decimals with comma, percent sign."""
    if value is None:
        return ""
    if isinstance(value, (bool, str)) or unit == "text":
        return str(value)
    if unit == "percent":
        return f"{number(value, lang)}\u00a0%"
    if isinstance(value, int) and unit == "kr":
        return kr(value, lang)
    return number(value, lang) if isinstance(value, (int, Decimal)) else str(value)


def table_view(table: Table, lang: str, texts: dict | None = None) -> TableView:
    """A numeric table as printed text, with its totals row computed (a stated total was checked).

    A text cell that is a registered network or organisation id prints as its short name.
    """
    units = [c.unit for c in table.columns]
    rows = [[_label(cell_text(v, u, lang), u, texts) for v, u in zip(row, units)] for row in table.rows]
    total = None
    if table.total:
        sums = table_totals(table)
        total = [table.total_label] + [cell_text(s, u, lang) for s, u in zip(sums[1:], units[1:])]
    header = [c.name + (" (kr)" if c.unit == "kr" else "") for c in table.columns]
    note = expand(table.note, texts).strip() if table.note and texts else table.note
    return TableView(table.title, header, rows, total, [u != "text" for u in units], note)


def _label(text: str, unit: str, texts: dict | None) -> str:
    return _who(text, texts, ("network", "org")) if unit == "text" and texts else text


def _with_notes(text: str | None, notes: list, texts: dict, lang: str) -> Markdown | None:
    """The case text with its notes (merknader) after it, each as its own paragraph."""
    label = words(lang)["note"]
    parts = ([expand(text, texts).rstrip()] if text else []) + [f"*{label}:* {expand(n.text, texts).strip()}" for n in notes]
    return Markdown("\n\n".join(parts), subheading=3) if parts else None


def _vote_note(case: Case, texts: dict) -> str | None:
    """The note that explains the counts of the case's votes, printed under them."""
    notes = [expand(n.text, texts).strip() for n in case.notes if n.acknowledges == "votes"]
    return " ".join(notes) or None


def vote_view(vote: Vote, lang: str, note: str | None = None) -> TableView:
    """A vote as a small table of proposals and counts, its title saying how and with what result."""
    w = words(lang)
    how = w["written_vote"] if vote.method == "written" else w["open_vote"]
    outcome = w["unanimous"] if vote.unanimous else w["adopted"]
    title = f"{vote.question + ' – ' if vote.question else ''}{how}. {w['result']}: {vote.result} ({outcome})"
    counted = any(o.votes is not None for o in vote.options)
    rows = [[o.label, str(o.votes) if o.votes is not None else "–"] for o in vote.options] if counted else \
        [[o.label, w["adopted"] if o.label == vote.result else w["fell"]] for o in vote.options]
    total = [w["votes_cast"], str(sum(o.votes or 0 for o in vote.options))] if counted else None
    note = f"{w['note']}: {note}" if note and counted else None
    return TableView(title, [w["proposal"], w["votes"] if counted else w["result"]], rows, total, [False, counted], note)
