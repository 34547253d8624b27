"""`rekom-docs pdf [OUT_DIR]`: PDF/A-2b, tagged, next to every built Word file, in one LibreOffice run."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..publish.pdf import PdfResult

TIMEOUT = 600.0  # seconds; publish.pdf.TIMEOUT (a test keeps them equal), here so that --help imports no more


def register(sub) -> None:
    parser = sub.add_parser("pdf", help="convert every built Word file to an archivable, accessible PDF (PDF/A-2b, tagged)")
    parser.add_argument("out", nargs="?", type=Path, default=Path("build"), metavar="OUT_DIR", help="output folder (default: build)")
    parser.add_argument("--force", action="store_true", help="convert even when the PDF is newer than its DOCX")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help=f"seconds LibreOffice may take for the batch (default: {TIMEOUT:g})")
    parser.add_argument("--jobs", type=int, default=0, help="LibreOffice runs side by side (default: one per core, at most 2)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..publish.pdf import ConversionFailed, make_pdfs

    start = time.monotonic()
    try:
        result = make_pdfs(args.out, force=args.force, timeout=args.timeout, jobs=max(0, args.jobs), progress=_progress)
    except ConversionFailed as exc:
        _report(exc.result, time.monotonic() - start)
        raise
    _report(result, time.monotonic() - start)
    return 0


def _progress(done: int, total: int) -> None:
    """`converted 3/12` on one line, rewritten in place on a terminal (a line each in a log)."""
    end = "\r" if sys.stderr.isatty() and done < total else "\n"
    print(f"converted {done}/{total}", end=end, file=sys.stderr, flush=True)


def _report(result: PdfResult, seconds: float) -> None:
    """One line per PDF written, then a summary."""
    from ..errors import relative

    for path in result.written:
        print(f"wrote {relative(path)}")
    print(f"{len(result.written)} PDF(s) written, {len(result.up_to_date)} up to date ({seconds:.1f} s)")
