"""A real SMTP server on localhost (aiosmtpd), and a copy of the bundled cases with papers 'built'."""

from __future__ import annotations

import shutil
import socket
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests.paths import ROOT

MEETINGS = ("2024-03-07-rekom", "2022-03-09-rekom", "2024-01-11-kompetanseloftet")


@dataclass
class Received:
    """One message as the server got it: envelope sender and recipients, and the parsed message."""

    mail_from: str
    rcpt_tos: list[str]
    msg: EmailMessage


@dataclass
class Handler:
    """Accepts mail, or fails in a chosen way after `fail_after` messages; `refuse` rejects single addresses."""

    received: list[Received] = field(default_factory=list)
    fail_after: int | None = None
    failure: str = "451"  # 451, 554 or drop
    refuse: dict[str, str] = field(default_factory=dict)
    logins: list[tuple[str, str]] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.fail_after is not None and len(self.received) >= self.fail_after:
            if self.failure == "drop":
                server.transport.close()
                return "421 closing"
            return "451 4.3.0 try again later" if self.failure == "451" else "554 5.6.0 message refused"
        msg = message_from_bytes(envelope.content, policy=default)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), msg))
        return "250 Message accepted"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.rcpt_tos]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(monkeypatch, tmp_path_factory):
    """Start a server on 127.0.0.1 and point the REKOM_SMTP_* settings at it; stopped after the test."""
    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port(), auth_require_tls=False,
                            authenticator=_authenticator(handler))
    controller.start()
    monkeypatch.setenv("REKOM_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("REKOM_SMTP_PORT", str(controller.port))
    monkeypatch.setenv("REKOM_SMTP_SECURITY", "none")
    monkeypatch.setenv("REKOM_SMTP_NETRC", "")
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))  # Why: never read the tester's ~/.netrc
    for name in ("REKOM_SMTP_USER", "REKOM_SMTP_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    handler.controller = controller
    try:
        yield handler
    finally:
        controller.stop()


def _authenticator(handler: Handler):
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def check(server, session, envelope, mechanism, data):
        if isinstance(data, LoginPassword):
            handler.logins.append((data.login.decode(), data.password.decode()))
            return AuthResult(success=data.password == b"hemmelig")
        return AuthResult(success=False)
    return check


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of cases/ and an output folder where each meeting's papers are stand-in files."""
    shutil.copytree(ROOT / "cases", tmp_path / "cases")
    out = tmp_path / "build"
    for meeting in MEETINGS:
        for name in ("innkalling", "referat", "referat-offentlig", "innkalling-offentlig", "innstilling"):
            for ext in ("docx", "pdf"):
                path = out / meeting / f"{name}.{ext}"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(f"{meeting} {name}.{ext} \u00e6\u00f8\u00e5 \x00\xff".encode("latin-1"))
    for network in ("ytre-namdal", "indre-namdal", "midtre-namdal", "innherred", "levanger-verdal", "vaernes",
                    "trondheim-malvik", "fosen", "gauldal", "trondelag-sorvest"):
        path = out / "2022-03-09-rekom" / "brev" / f"{network}.docx"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"letter to {network}".encode())
    return tmp_path


def run(tree: Path, *args: str) -> int:
    """The command line, run on the copied tree."""
    from rekom_docs.cli import main

    return main([*args, "--cases", str(tree / "cases"), "--out", str(tree / "build")])
