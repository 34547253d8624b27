"""The distribution log of a meeting: every attempt to deliver a message, written atomically.

Why append-only and saved before each delivery: the log is what makes a rerun safe. A delivery
is recorded as 'sending' before the SMTP transaction and as 'sent' or 'failed' after it, so a
run that dies in between leaves an uncertain entry that is never blindly sent again.
"""

from __future__ import annotations

import fcntl
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import RekomError, relative
from ..publish.write import write_bytes

FOLDER = "utsending"  # <out>/utsending/<meeting>.json; `make clean` keeps it
SENT, SENDING, FAILED, NOT_SENT = "sent", "sending", "failed", "not sent"


@dataclass(frozen=True)
class Entry:
    """One attempt: which message to whom, the documents and their SHA-256, when, and how it went."""

    message: str
    recipient: str
    address: str
    documents: list[dict[str, str]]
    message_id: str
    time: str
    result: str
    detail: str = ""
    reason: str = ""  # new, retry or changed

    @property
    def digests(self) -> dict[str, str]:
        return {d["name"]: d["sha256"] for d in self.documents}


class DistributionLog:
    """The entries of one meeting's log, saved after every change."""

    def __init__(self, out: Path, meeting_id: str):
        self.out, self.meeting_id = out, meeting_id
        self.path = out / FOLDER / f"{meeting_id}.json"
        self.entries: list[Entry] = self._read() if self.path.exists() else []

    def _read(self) -> list[Entry]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return [Entry(**e) for e in data["entries"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise RekomError(f"{relative(self.path)}: the distribution log cannot be read ({exc}); "
                             "it is never overwritten, so move it aside and check what was sent") from None

    def add(self, *entries: Entry) -> None:
        """Append entries and save the whole log atomically."""
        self.entries += entries
        text = json.dumps({"meeting": self.meeting_id, "entries": [asdict(e) for e in self.entries]},
                          ensure_ascii=False, indent=1)
        write_bytes(self.out, self.path, (text + "\n").encode("utf-8"))

    def last(self, message: str, address: str) -> Entry | None:
        """The latest attempt of this message to this address."""
        return next((e for e in reversed(self.entries) if e.message == message and e.address == address), None)

    def last_sent(self, message: str, address: str) -> Entry | None:
        """The latest delivery of this message to this address that went out."""
        return next((e for e in reversed(self.entries) if e.message == message and e.address == address
                     and e.result == SENT), None)


@contextmanager
def sending_lock(out: Path, meeting_id: str) -> Iterator[None]:
    """Held while a run sends a meeting's papers; a second run at once is refused.

    Why: two runs reading the same log would both send. The lock goes with the process,
    so a run that is killed never leaves one behind.
    """
    path = out / FOLDER / f"{meeting_id}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RekomError(f"another run is sending the papers of {meeting_id}; wait until it has finished") from None
        yield
