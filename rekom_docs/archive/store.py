"""Add a meeting's papers to the archive: append-only, all or nothing, read-only once in.

Layout: `<archive>/<meeting>` is a symlink to `<archive>/.sets/<meeting>/<n>`, one complete set
with its manifest.json. Why: a new set is staged beside the archive (unchanged files hard-linked),
then the link is swapped with one rename, so a crash, `kill -9` or a closed pipe leaves the
old set or the new one, never a half-written archive.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from docx import Document

from ..check.approval import is_approved
from ..errors import RekomError, relative
from ..model.project import REGISTER
from ..publish.pdf import is_up_to_date, pdf_path
from ..publish.stable import document_date
from .noark import document_metadata, meeting_metadata

MANIFEST = "manifest.json"
SETS = ".sets"
SOURCES = "kilde"
APPROVED_WORDS = {"Godkjent"}


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Plan:
    """What archiving one meeting would do: files to add (name -> source), what was left out, and why not."""

    meeting: str
    add: dict[str, Path] = field(default_factory=dict)
    entries: list[dict] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def check_location(archive: Path, out: Path) -> None:
    """The archive may not sit inside the build folder, where `make clean` or a build could reach it."""
    if archive.resolve().is_relative_to(out.resolve()):
        raise RekomError(f"the archive {relative(archive)} is inside the build folder {relative(out)}; set ARCHIVE= "
                         "(or --archive) to a folder of its own")


def current_manifest(archive: Path, meeting: str) -> dict:
    """The manifest of the meeting's archived set, or an empty one."""
    link = archive / meeting
    if link.exists() and not link.is_symlink():
        raise RekomError(f"{relative(link)} is not an archive set made by this tool; move it away first")
    path = link / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"dokumenter": [], "kilder": []}


def _built(out: Path, meeting: str) -> list[Path]:
    folder = out / meeting
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.docx") if p.is_file() and not p.is_symlink()  # a planted link is never followed
                  and not any(part.startswith((".", "~$")) for part in p.relative_to(folder).parts))


def _is_minutes(docx: Path) -> bool:
    return docx.stem.split("-")[0] == "referat"


def plan_meeting(item, project, out: Path, archive: Path, new_version: bool) -> Plan:
    """Compare the built papers with the archived set; refuse stale PDFs and changed documents."""
    plan = Plan(item.id)
    manifest = current_manifest(archive, item.id)
    versions: dict[str, list[dict]] = {}
    for entry in manifest["dokumenter"]:
        versions.setdefault(entry["navn"], []).append(entry)
    sources = _plan_sources(plan, [item.path, project.root / REGISTER], manifest)
    built = _built(out, item.id)
    if not built:
        raise RekomError(f"nothing built for '{item.id}' in {relative(out / item.id)}; run make all pdf first")
    day = item.meeting.date.isoformat()
    for docx in built:
        properties = Document(str(docx)).core_properties  # Why: read once, for the status and for every entry's title
        if _is_minutes(docx) and not (is_approved(item.meeting) and properties.content_status in APPROVED_WORDS):
            plan.left_out.append(f"{relative(docx)}: a draft (UTKAST); approve the minutes and rebuild them first")
            continue
        if not pdf_path(docx).is_file():
            plan.refused.append(f"{relative(docx)}: no PDF/A beside it; run make pdf")
            continue
        if not is_up_to_date(docx):
            plan.refused.append(f"{relative(pdf_path(docx))} is older than its DOCX; run make pdf")
            continue
        name = docx.relative_to(out / item.id).as_posix()
        earlier = versions.get(name, [])
        digest = sha256(docx)
        if any(e["sha256"] == digest for e in earlier):  # Why: the same DOCX; its PDF, converted again, follows it
            plan.unchanged += [name, pdf_path(Path(name)).as_posix()]
        elif earlier and not new_version:
            plan.refused.append(f"{name}: differs from the archived version {len(earlier)} "
                                f"(sha256 {earlier[-1]['sha256'][:12]}…); archive it with --new-version to keep both")
        else:
            dated = document_date(item.meeting).isoformat() if _is_minutes(docx) else day
            for path, hashed in ((docx, digest), (pdf_path(docx), sha256(pdf_path(docx)))):
                name = path.relative_to(out / item.id).as_posix()
                _add_file(plan, path, name, len(versions.get(name, [])) + 1, sources,
                          {"sha256": hashed, **document_metadata(path, name, dated, properties.title or name)})
    if not any("navn" in e for e in plan.entries):  # Why: the sources as used are kept with a document, never alone
        plan.add.clear()
        plan.entries.clear()
    return plan


def _plan_sources(plan: Plan, paths: list[Path], manifest: dict) -> list[str]:
    """The case file and register as used, stored once each under their hash."""
    known = {s["sha256"]: s["fil"] for s in manifest["kilder"]}
    names = []
    for path in paths:
        digest = sha256(path)
        name = known.get(digest) or f"{SOURCES}/{digest[:12]}-{path.name}"
        if digest not in known:
            plan.add[name] = path
            plan.entries.append({"kilde": True, "fil": name, "sha256": digest, "bytes": path.stat().st_size})
        names.append(name)
    return names


def _add_file(plan: Plan, path: Path, name: str, number: int, sources: list[str], described: dict) -> None:
    """One document to add as version `number`; `described` holds its sha256 and Noark metadata."""
    stored = name if number == 1 else f"{name.rsplit('.', 1)[0]}.v{number}.{name.rsplit('.', 1)[1]}"
    plan.add[stored] = path
    plan.entries.append({"navn": name, "fil": stored, "versjon": number, "sha256": described.pop("sha256"),
                         "bytes": path.stat().st_size, "kilder": sources, **described})


def commit(plan: Plan, item, project, archive: Path) -> Path:
    """Stage the new set (old files linked, new ones copied, manifest written), then swap it in with one rename."""
    manifest = current_manifest(archive, plan.meeting)
    when = datetime.now(UTC).replace(microsecond=0).isoformat()
    for entry in plan.entries:
        entry["arkivert"] = when
        (manifest["kilder"] if entry.pop("kilde", False) else manifest["dokumenter"]).append(entry)
    manifest |= meeting_metadata(item, project)
    old = (archive / plan.meeting).resolve() if (archive / plan.meeting).is_symlink() else None
    sets = archive / SETS / plan.meeting
    sets.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".stage-{plan.meeting}-", dir=archive))
    try:
        for entry in manifest["dokumenter"] + manifest["kilder"]:
            target = stage / entry["fil"]
            target.parent.mkdir(parents=True, exist_ok=True)
            if entry["fil"] in plan.add:
                shutil.copyfile(plan.add[entry["fil"]], target)
                if sha256(target) != entry["sha256"]:
                    raise RekomError(f"{relative(plan.add[entry['fil']])} changed while it was archived; run again")
            else:
                _link_or_copy(old / entry["fil"], target)
        (stage / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        _seal(stage)
        final = sets / str(_next_number(sets))
        os.rename(stage, final)
    except BaseException:
        _remove(stage)
        raise
    _swap_link(archive, plan.meeting, final)
    return final


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _seal(folder: Path) -> None:
    """Files read-only and synced to disk, then the folders read-only."""
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
            path.chmod(0o444)
        else:
            path.chmod(0o555)
    folder.chmod(0o555)


def _next_number(sets: Path) -> int:
    return max((int(p.name) for p in sets.iterdir() if p.name.isdigit()), default=0) + 1


def _swap_link(archive: Path, meeting: str, final: Path) -> None:
    """Point `<archive>/<meeting>` at the new set in one rename."""
    tmp = archive / f".link-{meeting}-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(final.relative_to(archive))
    os.replace(tmp, archive / meeting)


def _remove(folder: Path) -> None:
    """Remove a staging folder, read-only parts included."""
    if not folder.exists():
        return
    for path in folder.rglob("*"):
        if path.is_dir():
            path.chmod(0o755)
    folder.chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)


def remove_stale_stages(archive: Path, meeting: str) -> None:
    """Staging folders a crashed run left behind (never part of the archive)."""
    for stage in archive.glob(f".stage-{meeting}-*"):
        _remove(stage)

