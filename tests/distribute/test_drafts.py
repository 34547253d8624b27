"""Drafts: .eml files that parse back with their attachments, an .ics in Europe/Oslo, no header injection."""

from __future__ import annotations

from datetime import datetime
from email import message_from_bytes
from email.policy import default
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from rekom_docs.distribute.message import compose, load_wording
from rekom_docs.distribute.recipients import Mailbox, Plan
from rekom_docs.errors import RekomError
from rekom_docs.model.addresses import Contact

from .conftest import ROOT, run

MEETING = "2024-03-07-rekom"


def _draft(tree: Path, name: str, what: str = "agenda", meeting: str = MEETING):
    data = (tree / "build" / meeting / "utsending" / what / f"{name}.eml").read_bytes()
    return message_from_bytes(data, policy=default)


def test_drafts_parse_back_with_their_attachments_intact(tree, capsys):
    assert run(tree, "distribute", MEETING, "--what", "agenda", "--format", "both") == 0
    written = capsys.readouterr().out.splitlines()
    assert len(written) == 26 and all(line.startswith("wrote ") and line.endswith(".eml") for line in written)
    msg = _draft(tree, "innkalling-olav-reitan")
    assert msg["X-Unsent"] == "1" and msg["To"].addresses[0].addr_spec == "olav.reitan@levanger-verdal.example.no"
    files = {part.get_filename(): part for part in msg.iter_attachments()}
    assert sorted(files) == ["innkalling.docx", "innkalling.ics", "innkalling.pdf"]
    for ext in ("docx", "pdf"):
        assert files[f"innkalling.{ext}"].get_content() == (tree / "build" / MEETING / f"innkalling.{ext}").read_bytes()
    assert files["innkalling.docx"].get_content_type().endswith("wordprocessingml.document")
    assert files["innkalling.ics"].get_content_type() == "text/calendar"
    assert files["innkalling.ics"].get_param("method") == "REQUEST"


def test_the_invitation_has_the_meetings_start_and_end_in_oslo_time(tree):
    assert run(tree, "distribute", MEETING, "--what", "agenda") == 0
    part = next(p for p in _draft(tree, "innkalling-olav-reitan").iter_attachments() if p.get_filename().endswith(".ics"))
    calendar = Calendar.from_ical(part.get_content())
    event = calendar.walk("VEVENT")[0]
    oslo = ZoneInfo("Europe/Oslo")
    assert event.decoded("dtstart") == datetime(2024, 3, 7, 8, 30, tzinfo=oslo)
    assert event.decoded("dtend") == datetime(2024, 3, 7, 15, 0, tzinfo=oslo)
    assert event.decoded("dtstart").tzinfo.key == "Europe/Oslo"
    assert event["dtstart"].params["TZID"] == "Europe/Oslo"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    assert str(event["location"]) == "Trondheim"
    assert str(event["organizer"]) == "mailto:rekom@statsforvalteren.example"
    assert str(event["attendee"]) == "mailto:olav.reitan@levanger-verdal.example.no"
    assert calendar["method"] == "REQUEST" and event["uid"].startswith(MEETING)


def test_a_teams_link_becomes_the_location_and_url(tree):
    path = tree / "cases" / "2024" / f"{MEETING}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("place: Trondheim", "digital: https://teams.example.no/l/meetup/123"),
                    encoding="utf-8")
    assert run(tree, "distribute", MEETING, "--what", "agenda") == 0
    part = next(p for p in _draft(tree, "innkalling-olav-reitan").iter_attachments() if p.get_filename().endswith(".ics"))
    event = Calendar.from_ical(part.get_content()).walk("VEVENT")[0]
    assert str(event["url"]) == "https://teams.example.no/l/meetup/123"
    assert "https://teams.example.no/l/meetup/123" in str(event["location"])


def test_non_ascii_names_are_encoded_and_read_back(tree):
    register = tree / "cases" / "register.yaml"
    text = register.read_text(encoding="utf-8").replace("name: Olav Reitan,", "name: Ánde Čeavččabákti Åsaaš,")
    register.write_text(text, encoding="utf-8")
    assert run(tree, "distribute", MEETING, "--what", "agenda") == 0
    raw = (tree / "build" / MEETING / "utsending" / "agenda" / "innkalling-olav-reitan.eml").read_bytes()
    assert raw.isascii()  # every header encoded (RFC 2047), every body part transfer-encoded
    msg = message_from_bytes(raw, policy=default)
    assert msg["To"].addresses[0].display_name == "Ánde Čeavččabákti Åsaaš"
    assert "Ánde Čeavččabákti Åsaaš" in msg.get_body().get_content()


def test_each_letter_is_drafted_for_its_own_recipient_with_copies(tree):
    meeting = "2022-03-09-rekom"
    assert run(tree, "distribute", meeting, "--what", "letters") == 0
    msg = _draft(tree, "brev-trondheim-malvik", "letters", meeting)
    assert msg["To"].addresses[0].addr_spec == "postmottak@trondheim-malvik.example.no"
    assert [a.addr_spec for a in msg["Cc"].addresses] == ["postmottak@udir.example.no", "kristin.berg@trondheim-malvik.example.no",
                                                          "hakon.melum@trondheim-malvik.example.no"]
    assert [p.get_filename() for p in msg.iter_attachments()] == ["brev-trondheim-malvik.docx"]
    fosen = _draft(tree, "brev-fosen", "letters", meeting)
    assert [a.addr_spec for a in fosen["Cc"].addresses] == ["postmottak@udir.example.no"]
    assert fosen["Subject"].startswith("Innstilling 2022")


def test_the_public_list_gets_the_public_version_or_a_clear_error(tree, capsys):
    folder = tree / "build" / MEETING
    assert run(tree, "distribute", MEETING, "--what", "minutes") == 0
    public = _draft(tree, "referat-offentlig-postliste@statsforvalteren.example", "minutes")
    assert next(public.iter_attachments()).get_content() == (folder / "referat.docx").read_bytes()  # nothing exempt: one version
    path = tree / "cases" / "2024" / f"{MEETING}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("agenda:\n  - case:", "agenda:\n  - exempt: {basis: offl. § 13 jf. fvl. § 13}\n    case:", 1),
                    encoding="utf-8")
    assert run(tree, "distribute", MEETING, "--what", "minutes") == 0
    public = _draft(tree, "referat-offentlig-postliste@statsforvalteren.example", "minutes")
    assert [p.get_filename() for p in public.iter_attachments()] == ["referat-offentlig.docx"]
    assert next(public.iter_attachments()).get_content() == (folder / "referat-offentlig.docx").read_bytes()
    member = _draft(tree, "referat-olav-reitan", "minutes")
    assert [p.get_filename() for p in member.iter_attachments()] == ["referat.docx"]
    (folder / "referat-offentlig.docx").unlink()
    assert run(tree, "distribute", MEETING, "--what", "minutes") == 1
    assert "referat-offentlig.docx" in capsys.readouterr().err


def test_a_missing_address_or_document_is_a_clean_error(tree, capsys):
    register = tree / "cases" / "register.yaml"
    register.write_text(register.read_text(encoding="utf-8").replace(", email: olav.reitan@levanger-verdal.example.no", ""),
                        encoding="utf-8")
    assert run(tree, "distribute", MEETING, "--what", "agenda") == 1
    err = capsys.readouterr().err
    assert "register.yaml:" in err and "people.olav-reitan: no e-mail address" in err
    (tree / "build" / "2022-03-09-rekom" / "brev" / "fosen.docx").unlink()
    assert run(tree, "distribute", "2022-03-09-rekom", "--what", "letters") == 1
    assert "brev/fosen.docx" in capsys.readouterr().err


def test_drafts_no_longer_planned_are_removed_and_the_others_kept(tree, monkeypatch):
    from rekom_docs.cli import main

    stale = tree / "build" / MEETING / "utsending" / "agenda" / "innkalling-someone-gone.eml"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    monkeypatch.chdir(tree)  # relative folders, as a user types them
    assert main(["distribute", MEETING, "--what", "agenda", "--cases", "cases", "--out", "build"]) == 0
    assert not stale.exists()
    assert len(list(stale.parent.glob("*.eml"))) == 26


SENDER = Contact(name="Sekretariatet", email="post@example.no")


@pytest.mark.parametrize("name, address", [
    ("Eve\r\nBcc: all@example.org", "eve@example.org"),
    ("Eve\nX-Injected: 1", "eve@example.org"),
    ("Eve <eve@example.org>, Mallory", "eve@example.org"),
    ("Eve", "eve@example.org, mallory@example.org"),
    ("Eve", "eve@example.org\r\nBcc: mallory@example.org"),
])
def test_header_injection_through_a_name_or_address_is_refused(name, address):
    plan = Plan("x", "minutes", Mailbox("eve", name, address, "nb"))
    values = {"forum": "Forum", "date": "1. mars 2024", "time": "", "place": "", "member": "", "subject": ""}
    with pytest.raises(RekomError, match="refusing"):
        compose(plan, SENDER, load_wording(), values, [], datetime(2024, 3, 1, tzinfo=ZoneInfo("Europe/Oslo")))


def test_header_injection_through_a_subject_is_refused():
    plan = Plan("x", "letter", Mailbox("eve", "Eve", "eve@example.org", "nb"), fields={"subject": "Brev\r\nBcc: x@example.org"})
    values = {"forum": "Forum", "date": "", "time": "", "place": "", "member": "", "subject": ""}
    with pytest.raises(RekomError, match="refusing the subject"):
        compose(plan, SENDER, load_wording(), values, [], datetime(2024, 3, 1, tzinfo=ZoneInfo("Europe/Oslo")))


def test_real_built_papers_travel_intact(tmp_path):
    """The agenda as the build writes it, attached and read back as a Word document."""
    import hashlib
    import io
    import shutil

    from docx import Document

    from rekom_docs.build import BuildConfig, build

    shutil.copytree(ROOT / "cases", tmp_path / "cases")
    list(build(BuildConfig(tmp_path / "cases", tmp_path / "build", ("agenda",), meetings=(MEETING,))))
    assert run(tmp_path, "distribute", MEETING, "--what", "agenda") == 0
    msg = _draft(tmp_path, "innkalling-siri-hoel")
    docx = next(p for p in msg.iter_attachments() if p.get_filename() == "innkalling.docx").get_content()
    built = (tmp_path / "build" / MEETING / "innkalling.docx").read_bytes()
    assert hashlib.sha256(docx).digest() == hashlib.sha256(built).digest()
    assert "Innkalling" in Document(io.BytesIO(docx)).core_properties.title


def test_a_meeting_without_letters_or_a_forum_without_distribution_is_a_clean_error(tree, capsys):
    assert run(tree, "distribute", "2022-01-13-rekom", "--what", "letters") == 1
    assert "has no letters" in capsys.readouterr().err
    register = tree / "cases" / "register.yaml"
    text = register.read_text(encoding="utf-8")
    start = text.index("    distribution:\n      sender: {name: Sekretariatet for Samarbeidsforum REKOM")
    end = text.index("  kompetanseloftet:")
    register.write_text(text[:start] + text[end:], encoding="utf-8")
    assert run(tree, "distribute", MEETING, "--what", "agenda") == 1
    assert "forum 'rekom' has no 'distribution'" in capsys.readouterr().err


def test_a_deputy_who_attended_gets_the_minutes(tree):
    register = tree / "cases" / "register.yaml"
    text = register.read_text(encoding="utf-8")
    register.write_text(text.replace("      agenda: [members, secretariat, guests]\n      minutes: [members, deputies, secretariat, guests, public]",
                                     "      agenda: [members, secretariat, guests]\n      minutes: [members]"), encoding="utf-8")
    assert run(tree, "distribute", "2024-01-11-kompetanseloftet", "--what", "minutes") == 0
    drafts = {p.stem for p in (tree / "build" / "2024-01-11-kompetanseloftet" / "utsending" / "minutes").glob("*.eml")}
    assert {"referat-silje-ravlo", "referat-guro-fossum", "referat-torunn-vestvik", "referat-hege-brennvik"} <= drafts
    assert "referat-sigrid-hovin" not in drafts  # the secretariat is not in the groups here
