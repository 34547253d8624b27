"""The calendar invitation (RFC 5545) that goes with the agenda, in Europe/Oslo time."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress

from ..model.schema import Meeting

OSLO = ZoneInfo("Europe/Oslo")
_LINK = re.compile(r"https?://\S+")


def invitation(meeting_id: str, meeting: Meeting, summary: str, organiser, attendee, stamp: datetime) -> bytes:
    """A REQUEST for the meeting: start, end, place or link, organiser and the one attendee it is sent to.

    Why the UID is the meeting id: a later invitation for the same meeting updates the event
    in the reader's calendar instead of adding a second one.
    """
    start = datetime.combine(meeting.date, meeting.time.start, OSLO)
    end = datetime.combine(meeting.date, meeting.time.end, OSLO)
    event = Event()
    event.add("uid", f"{meeting_id}@{organiser.email.rsplit('@', 1)[1]}")
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    event.add("location", meeting.place or meeting.digital)
    link = _LINK.search(meeting.digital or "")
    if link:
        event.add("url", link.group(0))
        event.add("description", link.group(0))
    event.add("organizer", _address(organiser.email, organiser.name))
    person = _address(attendee.address, attendee.name)
    person.params.update({"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION", "RSVP": "FALSE"})
    event.add("attendee", person)
    event.add("sequence", 0)
    event.add("status", "CONFIRMED")
    calendar = Calendar()
    calendar.add("prodid", "-//rekom_docs//utsending//NO")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    calendar.add_component(event)
    calendar.add_missing_timezones(first_date=meeting.date - timedelta(days=366), last_date=meeting.date + timedelta(days=366))
    return calendar.to_ical()


def _address(email: str, name: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["CN"] = name
    return address
