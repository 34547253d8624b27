"""`archive verify`: re-hash every archived set against its manifest and name any change."""

from __future__ import annotations

import json
from pathlib import Path

from .store import MANIFEST, SETS, sha256


def verify(archive: Path) -> tuple[list[str], int]:
    """Every difference between the archived files and their manifests, and the number of files checked."""
    problems, checked = [], 0
    sets = archive / SETS
    for folder in sorted(p for p in sets.glob("*/*") if p.is_dir()) if sets.is_dir() else []:
        where = folder.relative_to(archive).as_posix()
        manifest_path = folder / MANIFEST
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            problems.append(f"{where}: the manifest cannot be read ({exc})")
            continue
        listed = {e["fil"]: e["sha256"] for e in manifest.get("dokumenter", []) + manifest.get("kilder", [])}
        for name, digest in listed.items():
            path = folder / name
            checked += 1
            if not path.is_file():
                problems.append(f"{where}/{name}: missing")
            elif sha256(path) != digest:
                problems.append(f"{where}/{name}: changed (sha256 {sha256(path)[:12]}…, manifest {digest[:12]}…)")
        for path in folder.rglob("*"):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and name != MANIFEST and name not in listed:
                problems.append(f"{where}/{name}: not in the manifest")
    for link in sorted(archive.iterdir()) if archive.is_dir() else []:
        if link.is_symlink() and not (link / MANIFEST).is_file():
            problems.append(f"{link.name}: points at no archived set")
    return problems, checked
