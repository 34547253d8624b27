"""Archivable, accessible PDFs (PDF/A-2b, tagged) from every built Word file, in one LibreOffice run per core.

Why few runs: starting LibreOffice costs seconds, converting a document a fraction of one; a
second run on a second core halves the wait for a large batch.
Why a staging folder inside the output folder: every PDF is checked and then renamed into
place next to its DOCX, so a failed conversion never leaves a half-written or stale PDF.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RekomError, relative
from .fonts import ALLOWED, foreign, substituted
from .write import ARCHIVE, write_file

INSTALL_HINT = "apt-get install -y libreoffice-writer-nogui"
TIMEOUT = 600.0
# PDF/A-2b (SelectPdfVersion 2) and tagged PDF; the JSON filter options need LibreOffice 7.4+.
FILTER = ('pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
          '"UseTaggedPDF":{"type":"boolean","value":"true"}}')
# Markers LibreOffice writes uncompressed (XMP metadata and catalog) into a PDF/A-2b file.
REQUIRED_MARKERS = {
    b"<pdfaid:part>2</pdfaid:part>": "not PDF/A-2 (no pdfaid:part 2 in the XMP metadata)",
    b"<pdfaid:conformance>B</pdfaid:conformance>": "not PDF/A-2b (no pdfaid:conformance B)",
    b"<dc:title>": "no document title (set the DOCX core property 'title')",
    b"/Lang(": "no document language (/Lang) in the catalog",
}


@dataclass
class PdfResult:
    """What one `make_pdfs` call did: PDFs written, PDFs already up to date, and files that failed."""

    written: list[Path] = field(default_factory=list)
    up_to_date: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)


class ConversionFailed(RekomError):
    """Some documents could not be converted; the others were written and are in `result`."""

    def __init__(self, result: PdfResult):
        self.result = result
        lines = [f"{relative(docx)}: {reason}" for docx, reason in result.failed]
        super().__init__(f"{len(lines)} file(s) could not be converted to PDF:\n  " + "\n  ".join(lines))


Progress = Callable[[int, int], None]  # (converted so far, to convert)


def make_pdfs(out: Path, force: bool = False, timeout: float = TIMEOUT, jobs: int = 0,
              progress: Progress | None = None) -> PdfResult:
    """Convert every DOCX under `out` (not under archive/) whose PDF is missing or older.

    `jobs` LibreOffice runs share the batch (0: one per core, at most 2, and one for a small batch);
    `progress` hears of each document converted.
    """
    if not out.is_dir():
        raise RekomError(f"{out}: no such output folder; build the documents first (make minutes)")
    docs = find_docx(out)
    if not docs:
        raise RekomError(f"{out}: no .docx files to convert; build the documents first (make minutes)")
    result = PdfResult()
    todo = [d for d in docs if force or not is_up_to_date(d)]
    result.up_to_date = [pdf_path(d) for d in docs if d not in todo]
    if todo:
        jobs = jobs or (min(2, os.cpu_count() or 1) if len(todo) >= 6 else 1)
        _convert_and_install(out, todo, timeout, result, jobs, progress or (lambda done, total: None))
    if result.failed:
        raise ConversionFailed(result)
    return result


def find_docx(out: Path) -> list[Path]:
    """Every built Word file under `out`, sorted, except archived ones and hidden (temporary) ones."""
    found = []
    for path in out.rglob("*.docx"):
        parts = path.relative_to(out).parts
        if parts[0] == ARCHIVE or any(p.startswith((".", "~$")) for p in parts) or path.is_symlink() or not path.is_file():
            continue
        found.append(path)
    return sorted(found)


def pdf_path(docx: Path) -> Path:
    """Where the PDF of a Word file goes: next to it, same name."""
    return docx.with_suffix(".pdf")


def is_up_to_date(docx: Path) -> bool:
    """True when the PDF exists and is newer than its DOCX."""
    pdf = pdf_path(docx)
    return pdf.is_file() and pdf.stat().st_mtime_ns > docx.stat().st_mtime_ns


def soffice_binary() -> str:
    """The LibreOffice executable, or a RekomError that says how to install it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise RekomError(f"LibreOffice (soffice) is needed to make PDFs; install it with: {INSTALL_HINT}")
    return found


def soffice_command(soffice: str, profile: Path, outdir: Path, files: list[Path]) -> list[str]:
    """The one command line that converts all `files` into `outdir`.

    Why a private profile: a running LibreOffice (or a half-made first-start profile) would
    otherwise take the job over or block it.
    """
    return [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
            "--convert-to", FILTER, "--outdir", str(outdir), *map(str, files)]


def _convert_and_install(out: Path, todo: list[Path], timeout: float, result: PdfResult, jobs: int,
                         progress: Progress) -> None:
    """Convert `todo` in a staging folder, `jobs` runs at once, then move each good PDF into place; record failures."""
    soffice = soffice_binary()
    missing = substituted(todo)
    if missing:
        raise RekomError("no PDF was made: the documents use fonts LibreOffice would replace\n  " + "\n  ".join(missing))
    stamps = {d: d.stat().st_mtime_ns for d in todo}
    with _staging(out) as (inputs, outdir, profile):
        staged = _stage(todo, inputs)
        links = list(staged)
        commands = [soffice_command(soffice, profile / str(j), outdir, links[j::jobs]) for j in range(jobs)]
        _run_all(commands, timeout, _Counter(len(links), progress))
        for link, docx in staged.items():
            reason = _install(out, docx, outdir / f"{link.stem}.pdf", stamps[docx])
            if reason:
                result.failed.append((docx, reason))
            else:
                result.written.append(pdf_path(docx))


class _Counter:
    """Counts the documents LibreOffice reports converted, across runs, and passes the count on."""

    def __init__(self, total: int, progress: Progress):
        self.total, self.done, self.progress, self.lock = total, 0, progress, threading.Lock()

    def line(self, text: bytes) -> None:
        if text.startswith(b"convert "):
            with self.lock:
                self.done += 1
                self.progress(self.done, self.total)


@contextmanager
def _staging(out: Path) -> Iterator[tuple[Path, Path, Path]]:
    """An input folder and an output folder inside `out`, and a LibreOffice profile folder in /tmp; all removed after."""
    stage = Path(tempfile.mkdtemp(prefix=".pdf-", dir=out))
    profile = Path(tempfile.mkdtemp(prefix="rekom-docs-lo-"))
    try:
        (stage / "in").mkdir()
        (stage / "out").mkdir()
        yield stage / "in", stage / "out", profile
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        shutil.rmtree(profile, ignore_errors=True)


def _stage(docs: list[Path], inputs: Path) -> dict[Path, Path]:
    """Link each DOCX under a unique name in `inputs`; map link to DOCX.

    Why: `--outdir` is a single folder and every meeting's minutes are called referat.docx,
    so the PDFs would overwrite one another.
    """
    staged = {}
    for number, docx in enumerate(docs, start=1):
        link = inputs / f"{number:04d}.docx"
        link.symlink_to(docx.resolve())
        staged[link] = docx
    return staged


def _run_all(commands: list[list[str]], timeout: float, counter: _Counter) -> None:
    """Run the LibreOffice commands side by side; on timeout kill every process group and raise RekomError.

    Why a process group: `soffice` is a launcher; the real work happens in a child
    (soffice.bin) that a plain kill would leave running. Each run has its own profile.
    """
    procs = [subprocess.Popen(c, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              start_new_session=True) for c in commands]
    tails: list[list[bytes]] = [[] for _ in procs]
    readers = [threading.Thread(target=_read, args=(p, counter, tail), daemon=True) for p, tail in zip(procs, tails)]
    for reader in readers:
        reader.start()
    deadline = time.monotonic() + timeout
    try:
        for proc in procs:
            proc.wait(timeout=max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        raise RekomError(f"LibreOffice did not finish within {timeout:g} s; no PDF was changed") from None
    for reader in readers:
        reader.join()
    for proc, tail in zip(procs, tails):
        if proc.returncode != 0:
            text = b"".join(tail).decode(errors="replace").strip().splitlines()[-3:]
            raise RekomError(f"LibreOffice failed (exit {proc.returncode}); no PDF was changed: " + " / ".join(text))


def _read(proc: subprocess.Popen, counter: _Counter, tail: list[bytes]) -> None:
    assert proc.stdout is not None
    for text in proc.stdout:
        counter.line(text)
        tail[:] = [*tail[-2:], text]


def _install(out: Path, docx: Path, converted: Path, stamp: int) -> str | None:
    """Move a converted PDF next to its DOCX after checking it; return why not, or None when done."""
    if not converted.is_file():
        return "LibreOffice produced no PDF (the file could not be loaded)"
    if docx.stat().st_mtime_ns != stamp:
        return "the DOCX changed during the conversion; run again"
    try:
        write_file(out, pdf_path(docx), lambda tmp: os.replace(converted, tmp), verify=check_pdf)
    except RekomError as exc:
        return str(exc)
    return None


def check_pdf(path: Path) -> None:
    """Refuse a file that is not a complete PDF/A-2b with a title and a language, or that embeds a fallback font."""
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise RekomError("not a complete PDF file")
    for marker, problem in REQUIRED_MARKERS.items():
        if marker not in data:
            raise RekomError(problem)
    others = foreign(path)
    if others:
        raise RekomError(f"embeds font {', '.join(others)}: a character the template font ({', '.join(ALLOWED)}) lacks "
                         "fell back to it; use a character the font has")
