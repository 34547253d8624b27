"""Tables that never break: no table token wrapped inside in any bundled PDF; fonts LibreOffice really has."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from rekom_docs.build import BuildConfig, build
from rekom_docs.errors import RekomError
from rekom_docs.publish import pdf
from rekom_docs.publish.fonts import embedded, used_fonts
from rekom_docs.word.fontmetrics import text_width
from rekom_docs.word.table_layout import PAD, hyphenate, plan
from tests.conftest import soffice_or_skip
from tests.paths import ROOT
from tests.publish.pdf_layout import _spanning, broken_in_folder

NB = "\u00a0"


@pytest.fixture(scope="module")
def bundled_pdfs(tmp_path_factory) -> Path:
    """Every document of every bundled meeting, bokmål and nynorsk, as PDF."""
    soffice_or_skip()
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = tmp_path_factory.mktemp("bundled")
    kinds = ("minutes", "agenda", "letters")
    list(build(BuildConfig(ROOT / "cases", out, kinds=kinds)))
    list(build(BuildConfig(ROOT / "cases", out, kinds=kinds, lang="nn")))
    pdf.make_pdfs(out)
    return out


def test_no_bundled_pdf_breaks_a_token_inside_a_table_cell(bundled_pdfs: Path):
    pdfs = list(bundled_pdfs.rglob("*.pdf"))
    assert len(pdfs) >= 20 and any("nn" in p.parts for p in pdfs)
    assert broken_in_folder(bundled_pdfs) == []


@pytest.mark.parametrize("before, after, token", [
    (["1", "555", "50"], ["0"], f"1{NB}555{NB}500"),          # an amount cut inside a digit group
    (["1", "555"], ["500"], f"1{NB}555{NB}500"),              # ... or at its no-break space
    (["7/202"], ["4"], "7/2024"),                             # a case number
    (["08.30–"], ["09.00"], "08.30–09.00"),                   # a time slot
    (["Informasjonss"], ["ak"], "Informasjonssak"),           # a case kind
    (["Forhåndsramm"], ["e", "(kr)"], "Forhåndsramme"),       # a header word
    (["årsverk", "(90"], ["%),", "kr"], f"(90{NB}%),"),        # a percent cut from its number
    (["tlf.", "73"], ["00", "10", "21)"], f"tlf.{NB}73{NB}00{NB}10{NB}21)"),  # a phone number
    (["frist", "31."], ["mars", "2022"], f"31.{NB}mars"),       # a date's day from its month
])
def test_a_wrap_inside_a_token_is_found(before, after, token):
    tokens = {token, "(kr)", "Aktuelt", "årsverk", "frist", "2022"}
    assert _spanning(before, after, tokens) == token


def test_only_the_template_font_is_embedded_in_every_bundled_pdf(bundled_pdfs: Path):
    pdfs = sorted(bundled_pdfs.rglob("*.pdf"))
    assert len(pdfs) >= 20
    for path in pdfs:
        fonts = embedded(path)
        assert fonts and {f.split("-")[0] for f in fonts} == {"Carlito"}, (path, fonts)


def test_the_signature_stays_on_one_page_in_every_bundled_pdf(bundled_pdfs: Path):
    checked = 0
    for path in sorted(bundled_pdfs.rglob("*.pdf")):
        pages = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                               check=True).stdout.split("\f")
        for page in pages:
            found = re.search(r"^\s*Med (hilsen|helsing)\s*$", page, re.MULTILINE)
            if found:
                after = page[found.end():]
                assert len([ln for ln in after.splitlines() if ln.strip()]) >= 2, path  # a name and a title follow
                checked += 1
    assert checked >= 10


def _body_lines(page: str) -> list[str]:
    """A page's text lines without the letterhead line, the marking and the page number."""
    lines = [ln.strip() for ln in page.splitlines() if ln.strip()][1:]
    return [ln for ln in lines if not re.fullmatch(r"UTKAST|Offentlig versjon|Intern versjon.*|Side \d+ av \d+", ln)]


def test_no_page_opens_with_the_greeting_or_ends_with_a_list_intro(bundled_pdfs: Path):
    """The closing goes with the text before it and keeps the copy line; an item never stays behind its sub-items."""
    greetings = 0
    for path in sorted(bundled_pdfs.rglob("*.pdf")):
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
        for number, page in enumerate(text.split("\f"), 1):
            lines = _body_lines(page)
            assert not (lines and re.fullmatch(r"•\s+.*:", lines[-1])), (path, number, lines[-1])
            greeting = next((i for i, ln in enumerate(lines) if re.fullmatch(r"Med (hilsen|helsing)", ln)), None)
            if greeting is not None:
                greetings += 1
                assert greeting > 0, (path, number)
                assert "Kopi til" not in text or any(ln.startswith("Kopi til") for ln in lines[greeting:]), (path, number)
    assert greetings >= 10


def test_pdf_refuses_a_pdf_that_embeds_a_fallback_font(monkeypatch, tmp_path: Path):
    fake = tmp_path / "x.pdf"
    fake.write_bytes(b"%PDF-1.7\n" + b"".join(pdf.REQUIRED_MARKERS) + b"\n%%EOF\n")
    monkeypatch.setattr(pdf, "foreign", lambda path: ["DejaVuSans"])
    with pytest.raises(RekomError, match="DejaVuSans"):
        pdf.check_pdf(fake)


@pytest.mark.parametrize("before, after, tokens", [
    (["Indre"], ["Namdal"], {"Indre", "Namdal"}),                       # a break at a space
    (["Master/"], ["videreutdanning"], {"Master/videreutdanning"}),     # after a slash in a word
    (["Forhånds-"], ["ramme"], {"Forhånds\u00adramme"}),                 # at a soft hyphen
    (["2"], ["2/2022"], {"2", "2/2022"}),                               # one row's end, the next row's start
])
def test_a_break_a_reader_accepts_is_not_reported(before, after, tokens):
    assert _spanning(before, after, tokens) is None


def test_columns_give_every_number_and_case_number_its_width():
    rows = [["Tid", "Saksnr.", "Tittel", "Type"],
            ["08.30–09.30", "10/2024", "Samiske perspektiver – vedtak av plan, videre arbeid, implementering " * 2,
             "Informasjonssak"]]
    layout = plan(rows, {0}, [False] * 4, 453.5)
    assert layout.size == 10.0
    for c in (0, 1, 3):
        assert layout.widths[c] >= text_width(rows[1][c], 10.0) + PAD
    assert sum(layout.widths) == pytest.approx(453.5)


def test_a_wide_table_hyphenates_long_headers_before_it_shrinks():
    rows = [["Nettverk", "Barnehagelærerutdanning", "Spesialpedagogikk", "Master/videreutdanning", "Fagbrev", "Merknad"],
            ["Trøndelag sørvest", "20", "", "", "", "Fortsetter med midler de har fått tidligere"]]
    layout = plan(rows, {0}, [False, True, True, True, True, False], 453.5)
    assert layout.size == 10.0 and "\u00ad" in layout.rows[0][1]
    assert layout.widths[0] >= text_width("Trøndelag sørvest", 10.0) + PAD  # the name stays on one line
    assert hyphenate("Forhåndsramme (kr)").replace("\u00ad", "") == "Forhåndsramme (kr)"


def test_a_number_column_header_is_whole_or_in_two_even_lines_and_never_leaves_its_unit_alone():
    rows = [["Post", "Beløp (kr)"],
            ["Individuelle tiltak: Tilretteleggingsmidler for lokal prioritering", "60\u00a0000"]]
    layout = plan(rows, {0}, [False, True], 453.5)
    assert layout.widths[1] >= text_width("Beløp (kr)", 10.0, True) + PAD
    assert layout.rows[0][1] == "Beløp\u00a0(kr)"  # the unit is bound to its word as printed
    header = "Tildeling etter årsverk (90 %), kr"
    squeezed = plan([["Sum", header], ["Sum", "1\u00a0000"]], {0}, [False, True], 120)
    assert text_width("årsverk (90 %), kr", 10.0, True) + PAD <= squeezed.widths[1]  # two lines ...
    assert squeezed.widths[1] < text_width(header, 10.0, True) + PAD  # ... where one does not fit


def test_the_tallest_number_header_is_given_room_before_a_short_one_is_made_whole():
    """Table 4 of 11 January 2024: `Andel etter barn og elever (kr)` in three lines, not four with `og` alone."""
    header = ["Nettverk", "Koordinering (kr)", "Grunntilskudd (kr)", "Andel etter barn og elever (kr)",
              "Forhåndsramme (kr)", "Sum (kr)"]
    sums = ["Sum", "1\u00a0300\u00a0000", "2\u00a0200\u00a0000", "7\u00a0900\u00a0000", "10\u00a0100\u00a0000",
            "11\u00a0400\u00a0000"]
    rows = [header, ["Videregående skoler", "100\u00a0000", "200\u00a0000", "1\u00a0360\u00a0135", "1\u00a0560\u00a0135",
                     "1\u00a0660\u00a0135"], sums]
    layout = plan(rows, {0, 2}, [False, True, True, True, True, True], 453.5)
    assert layout.widths[3] >= text_width("elever (kr)", 10.0, True) + PAD  # Andel etter | barn og | elever (kr)
    assert layout.widths[1] < text_width("Koordinering (kr)", 10.0, True) + PAD  # Koordinering | (kr), not whole
    assert layout.rows[0][3].endswith("elever\u00a0(kr)")
    assert sum(layout.widths) == pytest.approx(453.5)


def test_a_hyphenated_header_is_measured_as_printed_so_its_unit_stays_with_the_last_piece():
    """`Til nett-|verket (kr)` takes two lines at the width of `verket (kr)`, not of `nettverket (kr)`."""
    from rekom_docs.word.table_layout import _Header

    column = ("Til nettverket (kr)", "5\u00a0140\u00a0000")
    ladder = _Header.of(column, "Til nett\u00adverket (kr)", [True, True], 9.0, 0.0)
    two = max(text_width("Til nett-", 9.0, True), text_width("verket (kr)", 9.0, True), text_width(column[1], 9.0, True))
    assert any(w == pytest.approx(two) and n == 2 for w, n in ladder.rungs)
    assert two < text_width("nettverket (kr)", 9.0, True)
    assert ladder.bound == pytest.approx(two) and ladder.lines(two - 0.5) == 3  # narrower: `(kr)` would stand alone


def test_templates_name_the_installed_metric_font():
    for template in (ROOT / "templates").rglob("*.docx"):
        assert used_fonts(template) == {"Carlito"}, template


def test_pdf_refuses_a_font_libreoffice_would_replace(tmp_path: Path):
    soffice_or_skip()
    doc = Document()
    doc.styles["Normal"].font.name = "Nosuch Serif Display"
    doc.add_paragraph("Hei")
    doc.save(tmp_path / "a.docx")
    with pytest.raises(RekomError, match="'Nosuch Serif Display' is not installed"):
        pdf.make_pdfs(tmp_path)
    assert not (tmp_path / "a.pdf").exists()


def test_readme_install_line_and_ci_list_the_same_packages():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    line = re.search(r"apt-get install -y ([^`)]+)", readme)
    assert line, "README has no apt-get install line"
    listed = set(line.group(1).split())
    in_ci = set(re.findall(r"need\+=\(([\w.-]+)\)", ci))
    assert listed == in_ci and "fonts-crosextra-carlito" in listed
