"""Public versions (offentleglova): exempt cases, attachments and passages removed, their legal basis shown.

Why redact the model, not the document: the public view is computed from a meeting in which
the exempt text no longer exists, so no header, footnote, property or alt text can leak it.
A passage is marked in a case text as `[unntatt: offl. § 13]secret words[/unntatt]`.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from ..model.lifecycle import Attachment
from ..model.project import MeetingFile, Project
from ..model.schema import Case
from .wording import words

PASSAGE = re.compile(r"\[unntatt:\s*([^\]\n]+?)\s*\](.*?)\[/unntatt\]", re.S)
TEXTS = ("summary", "text", "proposal", "decision")
PUBLIC = "offentlig"


def has_exemptions(meeting) -> bool:
    """Whether anything of the meeting is exempt: a case, an attachment or a marked passage."""
    if any(case.exempt or any(isinstance(a, Attachment) for a in case.attachments) for case in meeting.cases):
        return True
    return has_passages(meeting)


def has_passages(meeting) -> bool:
    """Whether any text of the meeting marks an exempt passage."""
    texts = [t for case in meeting.cases for t in _texts(case)] + [meeting.invitation, meeting.note]
    return any(PASSAGE.search(t or "") for t in texts)


def _texts(case: Case):
    return [getattr(case, f) for f in TEXTS] + [f.what for f in case.follow_ups]


def _meeting(meeting, case_fn, text_fn):
    """The meeting with `case_fn` applied to each case and `text_fn` to its own texts."""
    agenda = [case_fn(i) if isinstance(i, Case) else i for i in meeting.agenda]
    own = {k: text_fn(getattr(meeting, k)) for k in ("invitation", "note") if getattr(meeting, k)}
    return meeting.model_copy(update={"agenda": agenda, **own})


def _with_texts(case: Case, text_fn) -> Case:
    update = {f: text_fn(getattr(case, f)) for f in TEXTS if getattr(case, f)}
    update["follow_ups"] = [f.model_copy(update={"what": text_fn(f.what)}) for f in case.follow_ups]
    return case.model_copy(update=update)


def strip_markers(text: str) -> str:
    """A text with its passage markers removed and the passages kept (the internal version)."""
    return PASSAGE.sub(lambda m: m.group(2), text)


def internal_meeting(meeting):
    """The internal version: passage markers removed, every text kept (the meeting itself when it marks none).

    Why not a copy every time: a build holds the version of every meeting at once.
    """
    if not has_passages(meeting):
        return meeting
    return _meeting(meeting, lambda c: _with_texts(c, strip_markers), strip_markers)


def public_meeting(meeting, lang: str):
    """The public version: exempt cases reduced to number, neutral title and basis; passages and attachments replaced.

    A meeting with nothing exempt is its own public version.
    """
    if not has_exemptions(meeting):
        return meeting
    w = words(lang)
    hide = lambda text: PASSAGE.sub(lambda m: w["exempt_passage"].format(basis=m.group(1)), text)

    def case_fn(case: Case) -> Case:
        if case.exempt:
            return Case(case=case.case, title=case.exempt.title or w["exempt_title"], kind=case.kind, time=case.time,
                        moved_to=case.moved_to, exempt=case.exempt,
                        text=w["exempt_text"].format(basis=case.exempt.basis))
        attachments = [w["exempt_attachment"].format(basis=a.exempt) if isinstance(a, Attachment) else a
                       for a in case.attachments]
        return _with_texts(case, hide).model_copy(update={"attachments": attachments})
    return _meeting(meeting, case_fn, hide)


def _item(item, meeting):
    """A meeting file with another meeting model; allocations of cases that are now gone are dropped."""
    if meeting is item.meeting:
        return item
    keep = {i: f for i, f in item.figures.items() if not getattr(meeting.agenda[i], "exempt", None)}
    return dataclasses.replace(item, meeting=meeting, figures=keep)


_MADE: dict[str, tuple] = {}  # by version: the last list of meetings seen, each meeting's version (by id), the list


def _each(version: str, meetings: list[MeetingFile], make) -> tuple[dict[int, MeetingFile], list[MeetingFile]]:
    """Every meeting in one version, made once per list of meetings.

    Why: every document asks, and a build dates one project per meeting that shares the list
    of meetings; making all of them again for each document made a build quadratic.
    """
    found = _MADE.get(version)
    if found is None or found[0] is not meetings:
        made = {id(m): make(m) for m in meetings}
        found = _MADE[version] = (meetings, made, list(made.values()))
    return found[1], found[2]


def internal(item: MeetingFile, project: Project) -> tuple[MeetingFile, Project]:
    """The meeting and project as the internal documents see them (every allocation kept)."""
    made, meetings = _each("internal", project.meetings, _internal_item)
    own = made.get(id(item)) or _internal_item(item)
    return own, dataclasses.replace(project, meetings=meetings)


def _internal_item(item: MeetingFile) -> MeetingFile:
    meeting = internal_meeting(item.meeting)
    return item if meeting is item.meeting else dataclasses.replace(item, meeting=meeting)


def public(item: MeetingFile, project: Project, lang: str) -> tuple[MeetingFile, Project]:
    """The meeting and project as the public documents see them."""
    made, meetings = _each(f"public-{lang}", project.meetings, lambda m: _item(m, public_meeting(m.meeting, lang)))
    own = made.get(id(item)) or _item(item, public_meeting(item.meeting, lang))
    return own, dataclasses.replace(project, meetings=meetings)


def versions(make, item, project, lang: str | None, history: bool = False):
    """The internal document, and a public one beside it (`<name>-offentlig.docx`) when it has one (see has_public_version)."""
    forum_lang = lang or project.registers.fora[item.meeting.forum].language
    doc = make(*internal(item, project), lang)
    if not has_public_version(item, project, history):
        return [doc]
    w = words(forum_lang)
    pub = make(*public(item, project, forum_lang), lang)
    return [_marked(doc, w["marking_internal"], ""),
            _marked(pub, w["marking_public"], f"-{PUBLIC}")]


def has_public_version(item: MeetingFile, project: Project, history: bool = False) -> bool:
    """Whether a document of the meeting has a public version beside it: anything it shows is exempt.

    `history`: the document also shows earlier meetings of the forum (an agenda lists their follow-ups).
    """
    return has_exemptions(item.meeting) or history and exempt_before(item, project)


_FIRST: list = [None, {}]  # the last list of meetings seen, and each forum's first day with anything exempt


def exempt_before(item: MeetingFile, project: Project) -> bool:
    """Whether an earlier meeting of the forum holds anything exempt.

    Why remembered per list of meetings: every agenda asks about all the earlier ones, and
    asking each of them again for every agenda made a build of many meetings quadratic.
    """
    if _FIRST[0] is not project.meetings:
        first: dict[str, date] = {}
        for m in project.meetings:
            forum, day = m.meeting.forum, m.meeting.date
            if (forum not in first or day < first[forum]) and has_exemptions(m.meeting):
                first[forum] = day
        _FIRST[:] = [project.meetings, first]
    day = _FIRST[1].get(item.meeting.forum)
    return day is not None and day < item.meeting.date


def _marked(doc, marking: str, suffix: str):
    """The document with a version marking in its page header and a suffix on its file name."""
    joined = " – ".join(m for m in (doc.context.get("marking"), marking) if m)
    name = doc.filename.removesuffix(".docx") + suffix + ".docx"
    return dataclasses.replace(doc, filename=name, context=doc.context | {"marking": joined})
