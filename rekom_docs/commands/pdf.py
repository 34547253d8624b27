"""`rekom-docs pdf [OUT_DIR]`: PDF/A-2b, tagged, next to every built Word file, in one LibreOffice run."""

from __future__ import annotations

import time
from pathlib import Path

from ..errors import relative
from ..publish.pdf import TIMEOUT, ConversionFailed, PdfResult, make_pdfs


def register(sub) -> None:
    parser = sub.add_parser("pdf", help="convert every built Word file to an archivable, accessible PDF (PDF/A-2b, tagged)")
    parser.add_argument("out", nargs="?", type=Path, default=Path("build"), metavar="OUT_DIR", help="output folder (default: build)")
    parser.add_argument("--force", action="store_true", help="convert even when the PDF is newer than its DOCX")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help=f"seconds LibreOffice may take for the batch (default: {TIMEOUT:g})")
    parser.set_defaults(run=run)


def run(args) -> int:
    start = time.monotonic()
    try:
        result = make_pdfs(args.out, force=args.force, timeout=args.timeout)
    except ConversionFailed as exc:
        _report(exc.result, time.monotonic() - start)
        raise
    _report(result, time.monotonic() - start)
    return 0


def _report(result: PdfResult, seconds: float) -> None:
    """One line per PDF written, then a summary."""
    for path in result.written:
        print(f"wrote {relative(path)}")
    print(f"{len(result.written)} PDF(s) written, {len(result.up_to_date)} up to date ({seconds:.1f} s)")
