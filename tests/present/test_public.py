"""Public versions (offentleglova): no part of a public agenda or minutes, DOCX or PDF, holds exempt content."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from rekom_docs.build import BuildConfig, build
from rekom_docs.publish.pdf import make_pdfs
from rekom_docs.word.outline import outline

from ..conftest import soffice_or_skip
from ..lifecycle_util import copy_cases, docx_parts_text, edit

SECRETS = ("Hemmelighetsvik", "Blåbærtoppen", "Kråkeslottet", "Tyttebærlia", "Multemyra", "Skjulestad", "Gjemmested",
           "Søknad om permisjon")
EXEMPT_CASE = """  - case: 40/2022
    title: Søknad om permisjon fra Hemmelighetsvik
    kind: beslutningssak
    exempt: {basis: offl. § 13 jf. fvl. § 13, title: Personalsak}
    presenter: wenche-thorsen
    summary: Sammendrag om Blåbærtoppen.
    text: |
      Saken gjelder Kråkeslottet og helseopplysninger.[^1]

      [^1]: Fotnote om Hemmelighetsvik.
    proposal: Innvilges for Tyttebærlia.
    decision: Søknaden fra Hemmelighetsvik innvilges.
    attachments: [Legeerklæring Multemyra]
    votes:
      - {options: [{label: Innvilge Hemmelighetsvik}, {label: Avslå}], unanimous: true, result: Innvilge Hemmelighetsvik}
    follow_ups: [{what: Svare Hemmelighetsvik skriftlig., who: statsforvalteren}]
  # "Eventuelt" has no case number"""
MEETINGS = ("2022-01-13-rekom", "2022-03-09-rekom")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Agendas and minutes of two meetings, the first with an exempt case, attachment and passage; with PDFs."""
    tmp = tmp_path_factory.mktemp("public")
    cases = copy_cases(tmp)
    path = cases / "2022" / "2022-01-13-rekom.yaml"
    edit(path, '  # "Eventuelt" has no case number', EXEMPT_CASE)
    edit(path, "      - Retningslinje for tilskuddsordning for lokal kompetanseutvikling\n",
         "      - Retningslinje for tilskuddsordning for lokal kompetanseutvikling\n"
         "      - {name: Rapport fra Skjulestad, exempt: offl. § 14}\n")
    edit(path, "      **Saksgangen fram mot innstillingen**\n",
         "      **Saksgangen fram mot innstillingen** [unntatt: offl. § 13]Personopplysninger om Gjemmested.[/unntatt]\n")
    list(build(BuildConfig(cases, tmp / "out", ("minutes", "agenda"), meetings=MEETINGS)))
    if soffice_or_skip():
        make_pdfs(tmp / "out")
    return tmp / "out"


def _public(built: Path) -> list[Path]:
    return sorted(built.rglob("*-offentlig.docx"))


def test_each_agenda_and_minutes_has_an_internal_and_a_public_version(built: Path):
    names = sorted(str(p.relative_to(built)) for p in built.rglob("*.docx"))
    assert names == ["2022-01-13-rekom/innkalling-offentlig.docx", "2022-01-13-rekom/innkalling.docx",
                     "2022-01-13-rekom/referat-offentlig.docx", "2022-01-13-rekom/referat.docx",
                     "2022-03-09-rekom/innkalling-offentlig.docx", "2022-03-09-rekom/innkalling.docx",
                     "2022-03-09-rekom/referat.docx"]  # the March minutes hold nothing exempt; its agenda lists the follow-up


def test_no_part_of_any_public_docx_holds_exempt_content(built: Path):
    hits = [(p.name, part, s) for p in _public(built) for part, text in docx_parts_text(p).items() for s in SECRETS if s in text]
    assert hits == []


def test_no_public_pdf_holds_exempt_content(built: Path):
    pdfs = [p.with_suffix(".pdf") for p in _public(built)]
    assert len(pdfs) == 3 and all(p.is_file() for p in pdfs)
    texts = {p.name: subprocess.run(["pdftotext", str(p), "-"], capture_output=True, text=True, check=True).stdout for p in pdfs}
    assert all("Offentlig versjon" in t for t in texts.values())  # the text was read, header included
    assert [(n, s) for n, t in texts.items() for s in SECRETS if s.replace(" ", "") in t.replace(" ", "").replace("\n", "")] == []


def test_the_internal_versions_hold_what_the_public_ones_leave_out(built: Path):
    internal = "".join(t for p in built.glob("2022-01-13-rekom/*.docx") if "offentlig" not in p.name
                       for t in docx_parts_text(p).values())
    assert all(s in internal for s in SECRETS)
    assert "[unntatt:" not in internal and "Intern versjon" in internal


def test_the_public_version_shows_number_neutral_title_and_basis(built: Path):
    minutes = outline(built / "2022-01-13-rekom" / "referat-offentlig.docx")
    assert "[Heading 2] Sak 40/2022 Personalsak" in minutes
    assert "Saken er unntatt offentlighet, jf. offl. § 13 jf. fvl. § 13." in minutes
    assert "[Unntatt offentlighet, jf. offl. § 13]" in minutes
    agenda = outline(built / "2022-01-13-rekom" / "innkalling-offentlig.docx")
    assert "Vedlegg unntatt offentlighet, jf. offl. § 14" in agenda
