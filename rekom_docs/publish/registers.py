"""Write the decision and follow-up registers as CSV, JSON and an accessible DOCX table, atomically."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import fields
from datetime import date
from pathlib import Path

from ..formats import long_date
from ..present.registers import as_dicts, decisions, follow_up_rows
from ..present.wording import words
from ..word.ooxml import mark_header_row
from .register_doc import fill_table, register_document
from .write import write_file, write_text

DECISION_COLUMNS = {"case": "Sak", "date": "Dato", "forum": "Forum", "title": "Tittel", "kind": "Type",
                    "decision": "Vedtak", "amounts": "Beløp (kr)", "status": "Status", "exempt": "Unntatt", "minutes": "Referat"}
FOLLOW_UP_COLUMNS = {"id": "Id", "date": "Satt", "case": "Sak", "what": "Hva", "who": "Ansvarlig", "due": "Frist",
                     "status": "Status", "done": "Utført", "where": "Hvor"}


def write_registers(project, out: Path) -> list[Path]:
    """vedtak.{csv,json,docx} and oppfolging.{csv,json,docx} in `out`; returns the paths written."""
    written = []
    for name, title, rows, columns in (
            ("vedtak", "Vedtaksregister", decisions(project), DECISION_COLUMNS),
            ("oppfolging", "Oppfølgingsregister", follow_up_rows(project), FOLLOW_UP_COLUMNS)):
        data = as_dicts(rows)
        keys = [f.name for f in fields(type(rows[0]))] if rows else list(columns)
        texts = {"json": json.dumps(data, ensure_ascii=False, indent=2) + "\n", "csv": _csv(data, keys)}
        for suffix, text in texts.items():
            written.append(write_text(out, out / f"{name}.{suffix}", text))
        shown = [_shown(row, project) for row in data]
        written.append(write_file(out, out / f"{name}.docx", _docx(shown, title, columns).save))
    return written


def _csv(rows: list[dict], keys: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=keys, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: " ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()})
    return buffer.getvalue()


def _shown(row: dict, project) -> dict:
    """A register row as a Norwegian reader reads it in the DOCX: words for states, names for fora, written dates.

    Why only the DOCX: the CSV and JSON keep ids, ISO dates and state codes for other systems.
    """
    w = words("nb")
    states = {"draft": w["status_draft"], "sent": w["status_sent"], "approved": w["status_approved"],
              "open": w["follow_up_open"], "done": w["follow_up_done"]}
    shown = dict(row)
    shown["status"] = states.get(row["status"], row["status"])
    forum = project.registers.fora.get(row["forum"])
    shown["forum"] = forum.name if forum else row["forum"]
    for key in ("date", "due", "done"):
        value = row.get(key)
        if value == "next meeting":
            shown[key] = w["next_meeting"]
        elif value:
            shown[key] = long_date(date.fromisoformat(value))
    return shown


def _cell(value) -> str:
    if isinstance(value, list):
        return ", ".join(f"{v:,}".replace(",", "\u00a0") for v in value)
    return str(value)


def _docx(rows: list[dict], title: str, columns: dict[str, str]):
    """A landscape A4 document on the letterhead with the register as one table whose header row repeats."""
    doc = register_document(title)
    texts = [list(columns.values()), *[[_cell(values[key]) for key in columns] for values in rows]]
    numeric = [all(isinstance(values[key], (int, list)) and not isinstance(values[key], bool) for values in rows) and bool(rows) for key in columns]
    table = fill_table(doc, texts, numeric)
    mark_header_row(table.rows[0]._tr)
    return doc

