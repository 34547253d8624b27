"""Follow-ups (oppfølging) with an id and a status: on every next agenda of the forum until done."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ..errors import Problem, Severity
from ..model.lifecycle import FollowUpStatus
from ..model.schema import Case, FollowUp


@dataclass(frozen=True)
class Tracked:
    """A follow-up with where it was set: meeting, date, case and agenda index."""

    meeting: str
    forum: str
    held: date
    case: str | None
    at: tuple
    id: str
    item: FollowUp

    def open_on(self, day: date) -> bool:
        """Still open on `day` (one closed that day is still reported that day)."""
        return self.item.status is FollowUpStatus.open or (self.item.done is not None and self.item.done >= day)


def follow_up_id(case: Case, k: int, follow: FollowUp) -> str:
    """The given id, or the case number and its place: '4-2024-1'."""
    return follow.id or f"{(case.case or 'eventuelt').replace('/', '-')}-{k + 1}"


_TRACKED: list = [None, []]  # the last list of meetings seen, and its follow-ups


def tracked(project) -> list[Tracked]:
    """Every follow-up of every meeting, in meeting order.

    Why remembered: each agenda asks, and a build dates one project per meeting that shares
    the list of meetings; collecting them again for each agenda made a build quadratic.
    """
    if _TRACKED[0] is not project.meetings:
        _TRACKED[:] = [project.meetings, _collect(project.meetings)]
    return _TRACKED[1]


def _collect(meetings) -> list[Tracked]:
    found = []
    for item in meetings:
        for i, case in enumerate(item.meeting.agenda):
            if isinstance(case, Case):
                for k, follow in enumerate(case.follow_ups):
                    found.append(Tracked(item.id, item.meeting.forum, item.meeting.date, case.case,
                                         ("agenda", i, "follow_ups", k), follow_up_id(case, k, follow), follow))
    return found


def open_at(item, project) -> list[Tracked]:
    """Follow-ups set at earlier meetings of the forum and still open on this meeting's day."""
    day, forum = item.meeting.date, item.meeting.forum
    return [t for t in tracked(project) if t.forum == forum and t.held < day and t.open_on(day)]


def check_follow_ups(project, today: date | None = None) -> Iterator[Problem]:
    """Ids unique per forum; done not before set; open ones past their due date are warnings."""
    today = today or date.today()
    sources = {m.id: m.source for m in project.meetings}
    later: dict[str, list[date]] = {}
    for m in project.meetings:
        later.setdefault(m.meeting.forum, []).append(m.meeting.date)
    seen: dict[tuple[str, str], str] = {}
    for t in tracked(project):
        src = sources[t.meeting]
        if (t.forum, t.id) in seen:
            yield src.problem(t.at + ("id",), f"follow-up id '{t.id}' is already used in {seen[t.forum, t.id]}")
        seen[t.forum, t.id] = t.meeting
        if t.item.done is not None and t.item.done < t.held:
            yield src.problem(t.at + ("done",), f"done {t.item.done.isoformat()}, before it was set on {t.held.isoformat()}")
        due = _due_date(t, later[t.forum])
        if t.item.status is FollowUpStatus.open and due is not None and due < today:
            yield src.problem(t.at + ("due",), f"follow-up {t.id} is overdue (due {due.isoformat()}); "
                              "close it with 'status: done', 'done' and 'where'", severity=Severity.WARNING)


def _due_date(t: Tracked, meetings: list[date]) -> date | None:
    """The due date, or for 'next meeting' the date of the forum's next meeting (None while there is none)."""
    if isinstance(t.item.due, str):  # 'next meeting'
        return next((d for d in sorted(meetings) if d > t.held), None)
    return t.item.due
