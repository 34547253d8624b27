"""Output is written atomically, only inside the output folder, never over an archived file."""

from __future__ import annotations

from pathlib import Path

import pytest

from rekom_docs.errors import RekomError
from rekom_docs.publish.write import write_file


def test_writes_through_a_temporary_file(tmp_path: Path):
    target = tmp_path / "m" / "referat.docx"
    write_file(tmp_path, target, lambda p: p.write_bytes(b"new"))
    assert target.read_bytes() == b"new"
    assert [p.name for p in target.parent.iterdir()] == ["referat.docx"]


def test_failed_save_leaves_previous_output_intact(tmp_path: Path):
    target = tmp_path / "referat.docx"
    target.write_bytes(b"old")

    def broken(path: Path) -> None:
        path.write_bytes(b"half")
        raise RuntimeError("render failed")

    with pytest.raises(RuntimeError):
        write_file(tmp_path, target, broken)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["referat.docx"]


def test_refuses_paths_outside_the_output_folder(tmp_path: Path):
    with pytest.raises(RekomError, match="outside the output folder"):
        write_file(tmp_path / "build", tmp_path / "build" / ".." / "elsewhere.docx", lambda p: p.write_bytes(b"x"))
    assert not (tmp_path / "elsewhere.docx").exists()


def test_never_overwrites_an_archived_file(tmp_path: Path):
    archived = tmp_path / "archive" / "2024-01-11" / "referat.docx"
    archived.parent.mkdir(parents=True)
    archived.write_bytes(b"signed")
    with pytest.raises(RekomError, match="archived"):
        write_file(tmp_path, archived, lambda p: p.write_bytes(b"changed"))
    assert archived.read_bytes() == b"signed"


def test_a_replaced_file_keeps_its_permissions_and_a_new_one_follows_the_umask(tmp_path: Path):
    import os

    from rekom_docs.publish.write import write_text

    kept = tmp_path / "kept.yaml"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    write_text(tmp_path, kept, "new")
    fresh = write_text(tmp_path, tmp_path / "fresh.md", "text")
    mask = os.umask(0)
    os.umask(mask)
    assert kept.read_text(encoding="utf-8") == "new" and kept.stat().st_mode & 0o777 == 0o640
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~mask
