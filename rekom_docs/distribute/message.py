"""One e-mail per planned message: headers, the wording in the reader's written standard, the files.

Why the checks here as well as in `check`: a header is the one place where text from the case
files could add a recipient; a line break or a second address never reaches a header, whatever
path the text came by.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from pathlib import Path

from ..errors import RekomError
from ..model.addresses import name_problem, parse_email
from ..present.template_set import BUNDLED_TEMPLATES, first
from ..present.wording import LANGS, load_standards
from .recipients import Mailbox, Plan

WORDING = "utsending.{lang}.yaml"  # beside the documents' wording.<lang>.yaml, in the template folders
KINDS = ("agenda", "deputy", "minutes", "public", "letter", "recommendation")
_FIELD = re.compile(r"\{([^{}]*)\}")
_TYPES = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".pdf": "application/pdf"}


@dataclass(frozen=True)
class Attachment:
    """A file as attached: the name the reader sees, its bytes and its type."""

    name: str
    data: bytes
    mime: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def load_wording() -> dict[str, dict]:
    """The wordings, nb and nn: a subject and body per kind of message, and a closing.

    Why the wording files' own loader: the same rules as for the documents' wordings (both
    standards complete, a reworded text only with the placeholders the bundled one uses).
    """
    files = []
    for lang in LANGS:
        found = first([Path(WORDING.format(lang=lang))])
        if found is None:
            raise RekomError(f"no {WORDING.format(lang=lang)} in the template folders")
        files.append(found)
    bundled = load_standards(tuple(BUNDLED_TEMPLATES / WORDING.format(lang=lang) for lang in LANGS))
    reference = {k: set(_FIELD.findall(str(v))) for k, v in bundled[0].items()}
    result = {}
    for lang, words in zip(LANGS, load_standards(tuple(files), reference), strict=True):
        missing = [k for k in (*(f"{kind}_{part}" for kind in KINDS for part in ("subject", "body")), "closing") if k not in words]
        if missing:
            raise RekomError(f"{words.file}: no wording {', '.join(missing)}; add it (see the bundled {WORDING.format(lang=lang)})")
        result[lang] = {kind: {"subject": words[f"{kind}_subject"], "body": words[f"{kind}_body"]} for kind in KINDS}
        result[lang]["closing"] = words["closing"]
    return result


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with each {name} replaced; only plain names, so the wording file can read values but never attributes."""
    def one(match: re.Match) -> str:
        if not re.fullmatch(r"\w+", match.group(1)) or match.group(1) not in values:
            raise RekomError(f"the wording {text[:40]!r}... uses {{{match.group(1)}}}; known: "
                             + ", ".join("{" + k + "}" for k in sorted(values)))
        return values[match.group(1)]
    return _FIELD.sub(one, text)


def attachments(plan: Plan) -> list[Attachment]:
    """The plan's files as attachments; a letter is named after its recipient."""
    found = []
    for path in plan.documents:
        name = f"brev-{path.name}" if path.parent.name == "brev" else path.name
        found.append(Attachment(name, path.read_bytes(), _TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0]
                                or "application/octet-stream"))
    return found


def compose(plan: Plan, sender, wording: dict, values: dict[str, str], files: list[Attachment], now: datetime,
            message_id: str | None = None) -> EmailMessage:
    """The message for `plan`: From the sender, To and Cc its recipients, wording in the reader's standard."""
    words = wording[plan.to.lang]
    values = values | plan.fields | {"name": plan.to.name, "sender": sender.name}
    subject = fill(words[plan.kind]["subject"], values)
    body = fill(words[plan.kind]["body"], values).rstrip() + "\n\n" + fill(words["closing"], values).rstrip() + "\n"
    msg = EmailMessage(policy=SMTP)
    msg["From"] = _address(sender.name, sender.email)
    msg["To"] = _address(plan.to.name, plan.to.address)
    if plan.cc:
        msg["Cc"] = [_address(box.name, box.address) for box in plan.cc]
    msg["Subject"] = _header_text(subject)
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = message_id or make_msgid(domain=sender.email.rsplit("@", 1)[1])
    msg.set_content(body)
    for item in files:
        maintype, subtype = item.mime.split("/", 1)
        params = {"method": "REQUEST"} if subtype == "calendar" else {}
        msg.add_attachment(item.data, maintype=maintype, subtype=subtype, filename=item.name, params=params)
    msg["Content-Language"] = "nn" if plan.to.lang == "nn" else "nb"  # after the content, which clears Content-* headers
    return msg


def recipient_line(box: Mailbox) -> str:
    """`Name <address>` as the log shows it."""
    return f"{box.name} <{box.address}>"


def _address(name: str, email: str) -> Address:
    """A header address; refused when the name or address could smuggle a header or a recipient in."""
    problem = name_problem(name)
    if problem:
        raise RekomError(f"refusing the recipient {name!r}: {problem}")
    try:
        parse_email(email)
    except ValueError as exc:
        raise RekomError(f"refusing the address of {name!r}: {exc}") from None
    local, domain = email.rsplit("@", 1)
    return Address(display_name=name, username=local, domain=domain)


def _header_text(text: str) -> str:
    if re.search(r"[\r\n]", text):
        raise RekomError(f"refusing the subject {text!r}: a line break would end the mail header")
    return text
