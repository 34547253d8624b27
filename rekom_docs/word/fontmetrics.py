"""Text width in points for the body font (Carlito, the metric twin of Calibri), without the font file.

Why a stored table: column widths must follow the content whether or not the font is
installed where the DOCX is built, and Carlito and Calibri share every advance width, so
a table taken once from Carlito (`python -m rekom_docs.word.fontmetrics` rewrites it) measures
what Word and LibreOffice will print.
"""

from __future__ import annotations

import sys
from itertools import repeat
from pathlib import Path

FONT = "Carlito"
FONT_FILES = {"regular": "/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf",
              "bold": "/usr/share/fonts/truetype/crosextra/Carlito-Bold.ttf"}
SHY = "\u00ad"  # a soft hyphen: free
NBSP = "\u00a0"
CHARS = "".join(map(chr, range(0x20, 0x7F))) + "".join(map(chr, range(0xA0, 0x100))) + "–—‘’“”…€−•"


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of `text` set in the body font at `size` points (no kerning; a soft hyphen is free)."""
    from .carlito_widths import BOLD, REGULAR, UNITS

    table = BOLD if bold else REGULAR
    wide = table["M"]  # Why: a character outside the table is measured as a wide one, never too narrow
    spaces = text.count(NBSP) * (table[" "] - wide)  # Why: Carlito has no no-break space; it is set as a space
    return (sum(map(table.get, text, repeat(wide))) + spaces - text.count(SHY) * table.get(SHY, wide)) * size / UNITS


def write_table(target: Path) -> None:
    """Write the advance widths of CHARS in both weights as a Python module (needs fontTools)."""
    from fontTools.ttLib import TTFont

    lines = ['"""Advance widths of Carlito (regular, bold), in font units; written by `python -m rekom_docs.word.fontmetrics`."""', ""]
    for name, weight in (("REGULAR", "regular"), ("BOLD", "bold")):
        font = TTFont(FONT_FILES[weight])
        cmap, hmtx = font.getBestCmap(), font["hmtx"]
        widths = {ch: hmtx[cmap[ord(ch)]][0] for ch in CHARS if ord(ch) in cmap}
        lines.append(f"{name} = {widths!r}")
        units = font["head"].unitsPerEm
    lines.append(f"UNITS = {units}")
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_table(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("carlito_widths.py"))
