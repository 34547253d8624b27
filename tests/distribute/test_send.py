"""Sending over a real SMTP server: the right papers to the right people, each exactly once."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest

from rekom_docs.build import checked_project as open_project
from rekom_docs.distribute.smtp import settings_from_env
from rekom_docs.errors import RekomError
from rekom_docs.model.schema import Registers

from .conftest import run

MEETING = "2024-03-07-rekom"


def _agenda_addresses(tree: Path) -> set[str]:
    reg: Registers = open_project(tree / "cases").registers
    return {reg.people[m.person].email for m in reg.fora["rekom"].members}


def _log(tree: Path, meeting: str = MEETING) -> list[dict]:
    return json.loads((tree / "build" / "utsending" / f"{meeting}.json").read_text(encoding="utf-8"))["entries"]


def _attachments(received) -> dict[str, bytes]:
    return {part.get_filename(): part.get_content() if part.get_content_maintype() != "text" else
            part.get_content().encode() for part in received.msg.iter_attachments()}


def test_agenda_goes_to_every_member_deputy_and_secretary_with_the_invitation(tree, smtp_server, capsys):
    assert run(tree, "distribute", MEETING, "--what", "agenda", "--send") == 0
    expected = _agenda_addresses(tree)
    got = Counter(a for r in smtp_server.received for a in r.rcpt_tos)
    assert set(got) == expected and set(got.values()) == {1}
    docx = (tree / "build" / MEETING / "innkalling.docx").read_bytes()
    for r in smtp_server.received:
        files = _attachments(r)
        assert sorted(files) == ["innkalling.docx", "innkalling.ics"]
        assert files["innkalling.docx"] == docx
        assert r.mail_from == "rekom@statsforvalteren.example"
        assert r.rcpt_tos == [r.msg["To"].addresses[0].addr_spec]
        assert b"mailto:" + r.rcpt_tos[0].encode() in files["innkalling.ics"]
    nynorsk = smtp_server.to("synnove.kvam@gauldal.example.no")[0].msg
    assert nynorsk["Content-Language"] == "nn" and "Du er kalla inn" in nynorsk.get_body().get_content()
    assert str(nynorsk["To"].addresses[0].display_name) == "Synnøve Kvam"
    bokmal = smtp_server.to("olav.reitan@levanger-verdal.example.no")[0].msg
    assert "Du er innkalt til møte i Samarbeidsforum REKOM 7. mars 2024" in bokmal.get_body().get_content()
    entries = _log(tree)
    sent = [e for e in entries if e["result"] == "sent"]
    assert len(sent) == len(expected)
    assert sent[0]["documents"][0] == {"name": "innkalling.docx", "sha256": hashlib.sha256(docx).hexdigest()}
    assert all(e["message_id"].startswith("<") and e["time"] for e in sent)
    assert f"{len(expected)} sent" in capsys.readouterr().out


def test_a_rerun_sends_nothing_twice(tree, smtp_server, capsys):
    assert run(tree, "distribute", MEETING, "--what", "agenda", "--send") == 0
    first = len(smtp_server.received)
    assert run(tree, "distribute", MEETING, "--what", "agenda", "--send") == 0
    assert len(smtp_server.received) == first
    assert f"{first} already sent" in capsys.readouterr().out


@pytest.mark.parametrize("failure", ["451", "554", "drop"])
def test_a_server_failing_after_three_messages_then_a_rerun_reaches_everyone_once(tree, smtp_server, failure, capsys):
    smtp_server.fail_after, smtp_server.failure = 3, failure
    assert run(tree, "distribute", MEETING, "--what", "agenda", "--send") == 1
    err = capsys.readouterr().err
    assert "3 sent" in err and "run the same command again" in err
    results = Counter(e["result"] for e in _log(tree))
    total = len(_agenda_addresses(tree))
    assert results["sent"] == 3
    if failure == "drop":
        assert results["failed"] == 1 and results["not sent"] == total - 4
    else:
        assert results["failed"] == total - 3
    smtp_server.fail_after = None
    assert run(tree, "distribute", MEETING, "--what", "agenda", "--send") == 0
    got = Counter(a for r in smtp_server.received for a in r.rcpt_tos)
    assert set(got) == _agenda_addresses(tree) and set(got.values()) == {1}


def test_one_refused_recipient_does_not_stop_the_others(tree, smtp_server, capsys):
    smtp_server.refuse["olav.reitan@levanger-verdal.example.no"] = "550 5.1.1 no such mailbox"
    assert run(tree, "distribute", MEETING, "--what", "agenda", "--send") == 1
    assert "innkalling-olav-reitan to olav.reitan@levanger-verdal.example.no: 550" in capsys.readouterr().err
    assert len(smtp_server.received) == len(_agenda_addresses(tree)) - 1
    smtp_server.refuse.clear()
    assert run(tree, "distribute", MEETING, "--what", "agenda", "--send") == 0
    assert len(smtp_server.to("olav.reitan@levanger-verdal.example.no")) == 1
    assert len(smtp_server.received) == len(_agenda_addresses(tree))


def test_a_changed_document_goes_again_only_when_asked(tree, smtp_server, capsys):
    assert run(tree, "distribute", MEETING, "--what", "minutes", "--send") == 0
    first = len(smtp_server.received)
    (tree / "build" / MEETING / "referat.docx").write_bytes(b"corrected minutes")
    assert run(tree, "distribute", MEETING, "--what", "minutes", "--send") == 0
    out = capsys.readouterr()
    assert len(smtp_server.received) == first
    assert "changed, not resent" in out.out and "--resend-changed" in out.err
    assert run(tree, "distribute", MEETING, "--what", "minutes", "--send", "--resend-changed") == 0
    again = smtp_server.received[first:]
    assert len(again) == first  # nothing is exempt, so the public list gets the same minutes
    assert all(_attachments(r)["referat.docx"] == b"corrected minutes" for r in again)
    mine = [e for e in _log(tree) if e["message"] == "referat-olav-reitan" and e["result"] == "sent"]
    assert [e["reason"] for e in mine] == ["new", "changed"]
    assert mine[0]["documents"] != mine[1]["documents"]


def test_an_interrupted_delivery_is_not_sent_blindly_again(tree, smtp_server, capsys):
    assert run(tree, "distribute", MEETING, "--what", "agenda", "--send") == 0
    log_path = tree / "build" / "utsending" / f"{MEETING}.json"
    data = json.loads(log_path.read_text(encoding="utf-8"))
    data["entries"][-1]["result"] = "sending"  # as if the run died after the server took it
    log_path.write_text(json.dumps(data), encoding="utf-8")
    before = len(smtp_server.received)
    assert run(tree, "distribute", MEETING, "--what", "agenda", "--send") == 1
    assert "--retry-uncertain" in capsys.readouterr().err and len(smtp_server.received) == before
    assert run(tree, "distribute", MEETING, "--what", "agenda", "--send", "--retry-uncertain") == 0
    assert len(smtp_server.received) == before + 1


def test_letters_go_each_to_its_recipient_and_its_copies(tree, smtp_server):
    meeting = "2022-03-09-rekom"
    assert run(tree, "distribute", meeting, "--what", "letters", "--send") == 0
    fosen = smtp_server.to("postmottak@fosen.example.no")
    assert len(fosen) == 1 and list(_attachments(fosen[0])) == ["brev-fosen.docx"]
    assert _attachments(fosen[0])["brev-fosen.docx"] == b"letter to fosen"
    malvik = smtp_server.to("kristin.berg@trondheim-malvik.example.no")
    assert len(malvik) == 1 and list(_attachments(malvik[0])) == ["brev-trondheim-malvik.docx"]
    assert {a.addr_spec for a in malvik[0].msg["Cc"].addresses} >= {"kristin.berg@trondheim-malvik.example.no",
                                                                      "postmottak@udir.example.no"}
    udir = smtp_server.to("postmottak@udir.example.no")
    assert len(udir) == 11  # a copy of the ten letters and of the innstilling
    innstilling = smtp_server.to("postmottak@statsforvalteren.example")
    assert [list(_attachments(r)) for r in innstilling] == [["innstilling.docx"]]
    for r in smtp_server.received:
        names = list(_attachments(r))
        to = r.msg["To"].addresses[0].addr_spec
        assert names == ["innstilling.docx"] or to == f"postmottak@{names[0][5:-5]}.example.no"


def test_pdf_and_both_formats_attach_the_pdf(tree, smtp_server):
    assert run(tree, "distribute", MEETING, "--what", "minutes", "--send", "--format", "both") == 0
    public = smtp_server.to("postliste@statsforvalteren.example")
    assert sorted(_attachments(public[0])) == ["referat.docx", "referat.pdf"]
    assert _attachments(public[0])["referat.pdf"] == (tree / "build" / MEETING / "referat.pdf").read_bytes()


def test_login_comes_from_a_netrc_file_never_from_the_case_files(tree, smtp_server, monkeypatch, tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login sekretariat password hemmelig\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("REKOM_SMTP_NETRC", str(netrc))
    assert run(tree, "distribute", MEETING, "--what", "agenda", "--send") == 0
    assert smtp_server.logins == [("sekretariat", "hemmelig")]
    assert "hemmelig" not in repr(settings_from_env())


def test_settings_are_checked_before_anything_is_sent(monkeypatch):
    with pytest.raises(RekomError, match="REKOM_SMTP_HOST"):
        settings_from_env({})
    with pytest.raises(RekomError, match="without TLS"):
        settings_from_env({"REKOM_SMTP_HOST": "smtp.example.no", "REKOM_SMTP_SECURITY": "none",
                           "REKOM_SMTP_USER": "u", "REKOM_SMTP_PASSWORD": "p"})
    with pytest.raises(RekomError, match="REKOM_SMTP_PORT"):
        settings_from_env({"REKOM_SMTP_HOST": "smtp.example.no", "REKOM_SMTP_PORT": "smtp"})
    tls = settings_from_env({"REKOM_SMTP_HOST": "smtp.example.no", "REKOM_SMTP_SECURITY": "tls", "REKOM_SMTP_NETRC": ""})
    assert (tls.port, tls.security) == (465, "tls")
    assert settings_from_env({"REKOM_SMTP_HOST": "smtp.example.no"}).port == 587


def test_sending_without_settings_is_a_clean_error(tree, monkeypatch, capsys):
    monkeypatch.delenv("REKOM_SMTP_HOST", raising=False)
    assert run(tree, "distribute", MEETING, "--what", "agenda", "--send") == 1
    assert "set REKOM_SMTP_HOST" in capsys.readouterr().err
    assert not (tree / "build" / "utsending").exists()


def test_a_second_run_at_the_same_time_is_refused(tree, smtp_server, capsys):
    from rekom_docs.distribute.log import sending_lock

    with sending_lock(tree / "build", MEETING):
        assert run(tree, "distribute", MEETING, "--what", "agenda", "--send") == 1
    assert "another run is sending" in capsys.readouterr().err and smtp_server.received == []
    assert run(tree, "distribute", MEETING, "--what", "agenda", "--send") == 0
