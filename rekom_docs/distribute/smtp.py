"""Sending over SMTP: settings from the environment (or a netrc file), one transaction per address.

Why one transaction per address: a refusal or a dropped connection then concerns exactly one
person, and the log can say of each person whether their copy went out.
"""

from __future__ import annotations

import netrc
import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RekomError

SECURITY = ("starttls", "tls", "none")
_PORTS = {"starttls": 587, "tls": 465, "none": 25}
_LOCAL = {"localhost", "127.0.0.1", "::1"}


@dataclass(frozen=True)
class Settings:
    """Where and how to send; the password is never printed or logged."""

    host: str
    port: int
    security: str = "starttls"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0


def settings_from_env(variables: Mapping[str, str] | None = None) -> Settings:
    """The SMTP settings from REKOM_SMTP_* variables, the login from them or from a netrc file."""
    env: Mapping[str, str] = os.environ if variables is None else variables
    host = env.get("REKOM_SMTP_HOST", "").strip()
    if not host:
        raise RekomError("set REKOM_SMTP_HOST (and REKOM_SMTP_PORT, REKOM_SMTP_SECURITY) to send; see the README")
    security = env.get("REKOM_SMTP_SECURITY", "starttls").strip().lower()
    if security not in SECURITY:
        raise RekomError(f"REKOM_SMTP_SECURITY must be one of {', '.join(SECURITY)}, got {security!r}")
    port_text = env.get("REKOM_SMTP_PORT", "").strip() or str(_PORTS[security])
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise RekomError(f"REKOM_SMTP_PORT must be a port number, got {port_text!r}")
    user, password = env.get("REKOM_SMTP_USER") or None, env.get("REKOM_SMTP_PASSWORD") or None
    if password is None:
        user, password = _from_netrc(env, host, user)
    if password is not None and security == "none" and host not in _LOCAL:
        raise RekomError(f"refusing to send a password to {host} without TLS; set REKOM_SMTP_SECURITY=starttls or tls")
    return Settings(host, int(port_text), security, user, password)


def _from_netrc(env: Mapping[str, str], host: str, user: str | None) -> tuple[str | None, str | None]:
    """The login for `host` in REKOM_SMTP_NETRC (default ~/.netrc), if that file has one."""
    path = Path(env.get("REKOM_SMTP_NETRC") or Path.home() / ".netrc")
    if not path.is_file():
        if env.get("REKOM_SMTP_NETRC"):
            raise RekomError(f"REKOM_SMTP_NETRC names {path}, which is not a file")
        return user, None
    try:
        found = netrc.netrc(str(path)).authenticators(host)
    except (netrc.NetrcParseError, OSError) as exc:
        raise RekomError(f"{path}: cannot read the login ({exc.__class__.__name__})") from None
    if found is None:
        return user, None
    return (user or found[0]), found[2]


def connect(settings: Settings) -> smtplib.SMTP:
    """An open, secured and logged-in connection, or a user error saying what failed."""
    context = ssl.create_default_context()
    try:
        if settings.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout, context=context)
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        client.ehlo()
        if settings.security == "starttls":
            client.starttls(context=context)
            client.ehlo()
        if settings.password is not None:
            client.login(settings.user or "", settings.password)
    except (OSError, smtplib.SMTPException) as exc:
        raise RekomError(f"cannot connect to the SMTP server {settings.host}:{settings.port}: {_reason(exc)}") from None
    return client


def deliver(client: smtplib.SMTP, msg, sender: str, address: str) -> tuple[bool, bool, str]:
    """Send `msg` to one address: (sent, connection still usable, what the server said)."""
    try:
        refused = client.send_message(msg, from_addr=sender, to_addrs=[address])
    except smtplib.SMTPServerDisconnected as exc:
        return False, False, f"connection lost: {_reason(exc)}"
    except smtplib.SMTPRecipientsRefused as exc:
        code, text = next(iter(exc.recipients.values()))
        return False, code != 421, f"{code} {text.decode(errors='replace')}"
    except smtplib.SMTPResponseException as exc:
        return False, exc.smtp_code != 421, f"{exc.smtp_code} {exc.smtp_error.decode(errors='replace') if isinstance(exc.smtp_error, bytes) else exc.smtp_error}"
    except (OSError, smtplib.SMTPException) as exc:
        return False, False, _reason(exc)
    if refused:
        code, text = refused[address]
        return False, True, f"{code} {text.decode(errors='replace')}"
    return True, True, "250 accepted"


def close(client: smtplib.SMTP) -> None:
    """QUIT politely; a connection already gone is no error."""
    try:
        client.quit()
    except (OSError, smtplib.SMTPException):
        client.close()


def _reason(exc: BaseException) -> str:
    return str(exc) or exc.__class__.__name__
