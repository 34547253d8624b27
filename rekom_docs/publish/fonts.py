"""The fonts a Word file uses, and whether LibreOffice will find them or print another.

Why: LibreOffice silently substitutes a missing font, and a substitute with other widths
rewraps every table cell; `make pdf` refuses instead, naming the font and the package.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

from lxml import etree

from ..errors import RekomError, relative

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"w": W, "a": A}
# fontconfig's metric-compatible twins: same advance widths, so nothing rewraps.
TWINS = {"Calibri": "Carlito", "Cambria": "Caladea", "Arial": "Liberation Sans",
         "Times New Roman": "Liberation Serif", "Courier New": "Liberation Mono"}
PACKAGES = {"Carlito": "fonts-crosextra-carlito", "Calibri": "fonts-crosextra-carlito",
            "Caladea": "fonts-crosextra-caladea", "Cambria": "fonts-crosextra-caladea"}


def used_fonts(docx: Path) -> set[str]:
    """Font families the document's text is set in: defaults, the styles it uses (with their bases), direct fonts."""
    with zipfile.ZipFile(docx) as z:
        styles = etree.fromstring(z.read("word/styles.xml"))
        body = etree.fromstring(z.read("word/document.xml"))
        theme = etree.fromstring(z.read("word/theme/theme1.xml")) if "word/theme/theme1.xml" in z.namelist() else None
    by_id = {s.get(f"{{{W}}}styleId"): s for s in styles.iterfind("w:style", NS)}
    wanted = set(body.xpath("//w:pStyle/@w:val | //w:rStyle/@w:val | //w:tblStyle/@w:val", namespaces=NS))
    wanted |= {s.get(f"{{{W}}}styleId") for s in by_id.values() if s.get(f"{{{W}}}default") == "1"}
    fonts_elements = styles.xpath("w:docDefaults//w:rFonts", namespaces=NS) + body.xpath("//w:rFonts", namespaces=NS)
    seen: set[str] = set()
    while wanted:
        style = by_id.get(wanted.pop())
        if style is None or style.get(f"{{{W}}}styleId") in seen:
            continue
        seen.add(style.get(f"{{{W}}}styleId"))
        fonts_elements += style.xpath("w:rPr/w:rFonts", namespaces=NS)
        wanted.update(style.xpath("w:basedOn/@w:val", namespaces=NS))
    return {f for el in fonts_elements if (f := _family(el, theme))}


def _family(rfonts, theme) -> str | None:
    """The Latin font an rFonts element names; a theme font (which Word prefers) resolved in the theme."""
    slot = rfonts.get(f"{{{W}}}asciiTheme")
    if slot and theme is not None:
        kind = "a:majorFont" if slot.startswith("major") else "a:minorFont"
        found = theme.xpath(f"//{kind}/a:latin/@typeface", namespaces=NS)
        return found[0] if found else None
    return rfonts.get(f"{{{W}}}ascii")


@cache
def matched(family: str) -> str:
    """The family fontconfig gives LibreOffice for `family`."""
    if not shutil.which("fc-match"):
        raise RekomError("fc-match (fontconfig) is needed to check the fonts; it comes with LibreOffice")
    out = subprocess.run(["fc-match", "-f", "%{family[0]}", family], capture_output=True, text=True, check=False)
    return out.stdout.strip()


def substituted(docs: list[Path]) -> list[str]:
    """A sentence per font some document uses that LibreOffice would replace by a font of other widths."""
    users: dict[str, Path] = {}
    for docx in docs:
        try:
            families = used_fonts(docx)
        except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
            continue  # not a Word file: the conversion reports it
        for family in families:
            users.setdefault(family, docx)
    problems = []
    for family, docx in sorted(users.items()):
        got = matched(family)
        if got != family and TWINS.get(family) != got:
            package = PACKAGES.get(family)
            how = f"install it with: apt-get install -y {package}" if package else "install the font or change the template"
            problems.append(f"{relative(docx)}: font '{family}' is not installed; LibreOffice would print '{got}' instead; {how}")
    return problems


ALLOWED = ("Carlito",)  # the template font family; any other embedded font is a fallback LibreOffice chose


def embedded(pdf: Path) -> set[str]:
    """Font names embedded in `pdf` (subset prefix dropped), as pdffonts lists them.

    Empty when pdffonts (poppler-utils, in the install line) is missing or cannot read the file.
    """
    if not shutil.which("pdffonts"):
        return set()
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        return set()
    names = [line.split()[0] for line in out.stdout.splitlines()[2:] if line.strip()]
    return {name.split("+", 1)[-1] for name in names}


def foreign(pdf: Path) -> list[str]:
    """Embedded fonts outside the ALLOWED families, e.g. DejaVuSans for a glyph Carlito lacks."""
    return sorted(f for f in embedded(pdf) if f.split("-", 1)[0] not in ALLOWED)
