"""Saving a rendered document: parts it shares unchanged with its template are stored as compressed once.

Why: a template's styles (two parts of a third of a megabyte each), theme and fonts are the
same bytes in every document made from it; compressing them again took a quarter of a render.
A part is reused only when its bytes equal the template's, so the file is the one python-docx
would write (zipfile's deflate is deterministic), byte for byte, except that every entry is
dated ZIP_TIME: a document built again from the same input is then the same file.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from docx.opc.pkgwriter import PackageWriter

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say; no entry carries the time of writing


@dataclass(frozen=True)
class Stored:
    """One part of a template as a zip stores it: its bytes, their CRC-32 and their raw deflate stream."""

    data: bytes
    crc: int
    deflated: bytes


def stored_parts(package: bytes) -> dict[str, Stored]:
    """Every member of a zip package, compressed as zipfile compresses (default level, raw deflate)."""
    parts = {}
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        for info in source.infolist():
            data = source.read(info)
            packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
            parts[info.filename] = Stored(data, zlib.crc32(data), packer.compress(data) + packer.flush())
    return parts


def save_package(package, target, shared: dict[str, Stored]) -> None:
    """python-docx's `OpcPackage.save`, reusing the compressed bytes of parts equal to those in `shared`."""
    for part in package.parts:
        part.before_marshal()
    writer = _Writer(target, shared)
    try:
        PackageWriter._write_content_types_stream(writer, package.parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, package.parts)  # type: ignore[arg-type]  # the writer's interface
    finally:
        writer.close()


class _Writer:
    """python-docx's zip writer (`_ZipPkgWriter`), writing a member found in `shared` without compressing it again."""

    def __init__(self, target, shared: dict[str, Stored]):
        self._zip = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED)
        self._shared = shared

    def write(self, pack_uri, blob: bytes) -> None:
        name = pack_uri.membername
        stored = self._shared.get(name)
        if stored is not None and stored.data == blob and self._zip._seekable:  # type: ignore[attr-defined]
            _write_deflated(self._zip, name, stored)
        else:
            self._zip.writestr(_entry(name), blob)

    def close(self) -> None:
        self._zip.close()


def _entry(name: str) -> zipfile.ZipInfo:
    """A member's header as `writestr(name, ...)` makes it, dated ZIP_TIME."""
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


def _write_deflated(archive: zipfile.ZipFile, name: str, stored: Stored) -> None:
    """Add a member whose deflate stream is at hand, with the header `writestr` writes on a seekable file.

    Why zipfile's internals: it has no public way to add data compressed beforehand; these are
    the steps of `ZipFile._open_to_write` and `_ZipWriteFile.close` for a seekable file.
    """
    info = _entry(name)
    info.file_size, info.compress_size, info.CRC = len(stored.data), len(stored.deflated), stored.crc
    info.flag_bits = 0
    with archive._lock:  # type: ignore[attr-defined]
        archive.fp.seek(archive.start_dir)  # type: ignore[union-attr]
        info.header_offset = archive.fp.tell()  # type: ignore[union-attr]
        archive._writecheck(info)  # type: ignore[attr-defined]
        archive._didModify = True  # type: ignore[attr-defined]
        archive.fp.write(info.FileHeader(False))  # type: ignore[union-attr]
        archive.fp.write(stored.deflated)  # type: ignore[union-attr]
        archive.start_dir = archive.fp.tell()  # type: ignore[union-attr]
        archive.filelist.append(info)
        archive.NameToInfo[name] = info
