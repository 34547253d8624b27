"""Word files that are byte for byte the same when built again from the same input.

Why: the archive tells a new version from the same one by its SHA-256; a document that
differs only in its save time and zip timestamps must not look like a new version.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path


def document_date(meeting) -> date:
    """The date a meeting's papers carry: the last of the meeting, its approval and its corrections."""
    days = [meeting.date] + [c.date for c in meeting.corrections]
    if meeting.approval and meeting.approval.date:
        days.append(meeting.approval.date)
    return max(days)


def stable_save(rendered, meeting):
    """A `save(path)` that stamps the core properties with the meeting's date (the zip's entries carry none).

    Why the meeting's date for every paper: approving the minutes must not make the agenda
    or the letters, built again, look like new versions of themselves.
    """
    stamp = datetime.combine(meeting.date, time(12), tzinfo=UTC)

    def save(path: Path) -> None:
        props = rendered.docx.core_properties
        props.created = props.modified = stamp
        rendered.save(path)
    return save
