"""Prepare a meeting's messages, then write them as drafts or send what has not gone out yet."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from ..formats import clock, long_date
from ..model.project import MeetingFile, Project
from ..publish.write import write_bytes
from . import smtp
from .ics import OSLO, invitation
from .log import FAILED, NOT_SENT, SENDING, SENT, DistributionLog, Entry, sending_lock
from .message import Attachment, attachments, compose, fill, load_wording, recipient_line
from .recipients import Plan, distribution, plan

DRAFTS = "utsending"  # <out>/<meeting>/utsending/<what>/<message>.eml


@dataclass(frozen=True)
class Prepared:
    """A planned message, composed, with the attachments its log entry names."""

    plan: Plan
    msg: EmailMessage
    files: list[Attachment]

    @property
    def digests(self) -> dict[str, str]:
        return {a.name: a.sha256 for a in self.files}


@dataclass
class Summary:
    """What a sending run did, per outcome, with a line for each message that needs attention."""

    counts: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.counts[FAILED] or self.counts[NOT_SENT] or self.counts["uncertain"])

    def line(self) -> str:
        order = (SENT, "already sent", "changed, not resent", "uncertain", FAILED, NOT_SENT)
        return ", ".join(f"{self.counts[k]} {k}" for k in order if self.counts[k]) or "nothing to send"


def prepare(project: Project, item: MeetingFile, what: str, out: Path, formats: tuple[str, ...],
            now: datetime | None = None, plans: list[Plan] | None = None) -> list[Prepared]:
    """Compose every message of `what` (or of the given plans) for the meeting."""
    now = now or datetime.now(OSLO)
    forum, sender = project.registers.fora[item.meeting.forum], distribution(project, item).sender
    wording = load_wording()
    prepared = []
    for p in plans if plans is not None else plan(project, item, what, out, formats):
        values = _values(item, forum, p.to.lang)
        files = attachments(p)
        if p.calendar:
            summary = fill(wording[p.to.lang]["agenda"]["subject"], values)
            stamp = datetime.fromtimestamp(p.documents[0].stat().st_mtime, UTC)
            ics = invitation(item.id, item.meeting, summary, sender, p.to, stamp)
            files.append(Attachment("innkalling.ics", ics, "text/calendar"))
        prepared.append(Prepared(p, compose(p, sender, wording, values, files, now), files))
    return prepared


def _values(item: MeetingFile, forum, lang: str) -> dict[str, str]:
    """What the wording may name about the meeting, in the reader's written standard."""
    meeting = item.meeting
    return {"forum": forum.name, "date": long_date(meeting.date, lang),
            "time": f"{clock(meeting.time.start)}\u2013{clock(meeting.time.end)}",
            "place": meeting.place or meeting.digital or "", "member": "", "subject": ""}


def write_drafts(out: Path, item: MeetingFile, what: str, prepared: list[Prepared], prune: bool = True) -> list[Path]:
    """Each message as an .eml draft that opens ready to send; drafts no longer planned are removed."""
    folder = out / item.id / DRAFTS / what
    written = []
    for p in prepared:
        draft = _copy(p.msg)
        draft["X-Unsent"] = "1"  # Why: Outlook opens the file as a message to send, not as one received
        data = draft.as_bytes()
        written.append(write_bytes(out, folder / f"{p.plan.key}.eml", data))
    if prune:
        for stale in {p.resolve() for p in folder.glob("*.eml")} - {w.resolve() for w in written}:
            stale.unlink()
    return written


def _copy(msg: EmailMessage) -> EmailMessage:
    from email import message_from_bytes
    from email.policy import SMTP

    return message_from_bytes(msg.as_bytes(), policy=SMTP)


def send(out: Path, item: MeetingFile, prepared: list[Prepared], settings: smtp.Settings, sender: str,
         resend_changed: bool = False, retry_uncertain: bool = False) -> Summary:
    """Send every delivery the log does not show as sent; record each attempt before and after."""
    with sending_lock(out, item.id):
        return _send(DistributionLog(out, item.id), prepared, settings, sender, resend_changed, retry_uncertain)


def _send(log: DistributionLog, prepared: list[Prepared], settings: smtp.Settings, sender: str,
          resend_changed: bool, retry_uncertain: bool) -> Summary:
    summary = Summary()
    pending = []
    for p in prepared:
        for box in p.plan.recipients:
            reason = _reason(log, p, box.address, resend_changed, retry_uncertain, summary)
            if reason:
                pending.append((p, box, reason))
    if not pending:
        return summary
    client = smtp.connect(settings)
    try:
        for n, (p, box, reason) in enumerate(pending):
            log.add(_entry(p, box, reason, SENDING))
            sent, usable, detail = smtp.deliver(client, p.msg, sender, box.address)
            log.add(_entry(p, box, reason, SENT if sent else FAILED, detail))
            summary.counts[SENT if sent else FAILED] += 1
            if not sent:
                summary.notes.append(f"{p.plan.key} to {box.address}: {detail}")
            if not usable:
                rest = pending[n + 1:]
                log.add(*(_entry(q, b, r, NOT_SENT, "the connection was lost before it") for q, b, r in rest))
                summary.counts[NOT_SENT] += len(rest)
                break
    finally:
        smtp.close(client)
    return summary


def _reason(log: DistributionLog, p: Prepared, address: str, resend_changed: bool, retry_uncertain: bool,
            summary: Summary) -> str | None:
    """Why this delivery is due (new, retry, changed), or None when it is not."""
    last, sent = log.last(p.plan.key, address), log.last_sent(p.plan.key, address)
    if last is not None and last.result == SENDING and not retry_uncertain:
        summary.counts["uncertain"] += 1
        summary.notes.append(f"{p.plan.key} to {address}: an earlier run stopped while sending it at {last.time}; "
                             "if it did not arrive, --retry-uncertain sends it again")
        return None
    if sent is None:
        return "retry" if last is not None else "new"
    if sent.digests == p.digests:
        summary.counts["already sent"] += 1
        return None
    if resend_changed:
        return "changed"
    summary.counts["changed, not resent"] += 1
    summary.notes.append(f"{p.plan.key} to {address}: changed since it was sent at {sent.time}; --resend-changed sends it again")
    return None


def _entry(p: Prepared, box, reason: str, result: str, detail: str = "") -> Entry:
    return Entry(p.plan.key, recipient_line(box), box.address, [{"name": a.name, "sha256": a.sha256} for a in p.files],
                 str(p.msg["Message-ID"]), datetime.now(OSLO).isoformat(timespec="seconds"), result, detail, reason)
