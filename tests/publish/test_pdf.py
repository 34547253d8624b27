"""`rekom-docs pdf`: one LibreOffice run makes PDF/A-2b, tagged, titled, A4 PDFs next to every DOCX."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from docx import Document

from rekom_docs.build import BuildConfig, build
from rekom_docs.cli import main
from rekom_docs.errors import RekomError
from rekom_docs.publish import pdf
from tests.conftest import soffice_or_skip
from tests.paths import ROOT as ROOT_DIR

ROOT = ROOT_DIR
CASES = ROOT / "cases"
SAMPLE = {
    "register.yaml": """\
organisations:
  sf: {name: Statsforvalteren i Trøndelag, short: Statsforvalteren}
  dmmh: {name: Dronning Mauds Minne Høgskole, short: DMMH, university: true}
networks:
  fosen: {name: Fosen kompetansenettverk, short: Fosen, municipalities: [Osen, Åfjord], partners: [dmmh]}
people:
  kari: {name: Kari Nordmann, organisation: dmmh}
  ola: {name: Ola Nordmann, organisation: fosen}
  per: {name: Per Vara, organisation: fosen}
fora:
  rekom:
    name: Samarbeidsforum REKOM
    organisation: sf
    networks: [fosen]
    members:
      - {person: kari}
      - {person: ola}
      - {person: per, role: deputy, for: ola}
""",
    "2024/2024-01-11-rekom.yaml": """\
forum: rekom
date: 2024-01-11
time: 10.00-12.00
digital: Teams
chair: kari
referent: kari
attendance:
  absent: [ola]
  deputies: [{person: per, for: ola}]
agenda:
  - case: 1/2024
    title: Aktuelt
    time: 10.00-10.30
    text: |
      Hei {{ person("kari") }} og **deg**
  - pause: Lunsj
    time: 10.30-11.00
  - case: 2/2024
    title: Vedtak
    kind: beslutningssak
    time: 11.00-11.30
    votes:
      - options: [{label: A, votes: 2}, {label: B, votes: 1}]
        result: A
    notes:
      - acknowledges: votes
        text: Tre stemmer ble talt opp, men bare to hadde stemmerett.
    tables:
      - title: Tildeling
        columns: [Nettverk, Beløp]
        rows: [[Fosen, 100 000]]
        total: [Sum, 100 000]
""",
}


def _build_all(cases: Path, out: Path) -> None:
    """The bundled minutes (when the bundled cases build) plus a small sample in nb and nn.

    Why the sample: it has several files named referat.docx (the --outdir collision) and a
    nynorsk document, and it keeps these tests independent of work in progress under cases/.
    """
    try:
        list(build(BuildConfig(CASES, out)))
    except RekomError as exc:
        print(f"bundled cases do not build, converting the sample only: {str(exc).splitlines()[0]}")
    for name, text in SAMPLE.items():
        (cases / name).parent.mkdir(parents=True, exist_ok=True)
        (cases / name).write_text(text, encoding="utf-8")
    list(build(BuildConfig(cases, out / "sample", kinds=("minutes", "agenda"))))
    list(build(BuildConfig(cases, out / "sample", lang="nn")))


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """Everything built and converted once; with the soffice command lines that were run."""
    soffice_or_skip()
    out = tmp_path_factory.mktemp("build")
    _build_all(tmp_path_factory.mktemp("cases"), out)
    calls: list[list[str]] = []
    real_run = pdf._run_all
    seen: list[tuple[int, int]] = []

    def counting(commands, timeout, counter):
        calls.extend(commands)
        return real_run(commands, timeout, counter)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pdf, "_run_all", counting)
        started = time.monotonic()
        result = pdf.make_pdfs(out, progress=lambda done, total: seen.append((done, total)))
        assert seen == [(k, len(result.written)) for k in range(1, len(result.written) + 1)], "progress for every document"
        print(f"converted {len(result.written)} file(s) in {time.monotonic() - started:.1f} s")
    return out, result, calls


def test_one_soffice_process_per_core_converts_every_docx(converted):
    out, result, calls = converted
    docs = pdf.find_docx(out)
    assert len([d for d in docs if d.name == "referat.docx"]) >= 2
    assert 1 <= len(calls) <= 2
    for command in calls:
        assert command[command.index("--convert-to") + 1] == pdf.FILTER
        assert any(arg.startswith("-env:UserInstallation=file:///") for arg in command)
    profiles = {arg for command in calls for arg in command if arg.startswith("-env:UserInstallation=")}
    assert len(profiles) == len(calls), "each LibreOffice run has its own profile"
    assert sum(arg.endswith(".docx") for command in calls for arg in command) == len(docs)
    assert result.written == [d.with_suffix(".pdf") for d in docs]
    assert not result.failed
    assert not [p.name for p in out.iterdir() if p.name.startswith(".pdf-")], "staging folder left behind"


def test_pdf_is_pdfa2b_tagged_titled_a4_with_language(converted):
    out, result, _ = converted
    for path in result.written:
        info = _pdfinfo(path)
        assert info["Title"] == Document(str(path.with_suffix(".docx"))).core_properties.title != "", path
        assert info["Tagged"] == "yes", path
        assert re.fullmatch(r"595\.\d+ x 841\.\d+ pts \(A4\)", info["Page size"]), path
        meta = subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, text=True, check=True).stdout
        assert "<pdfaid:part>2</pdfaid:part>" in meta, path
        assert "<pdfaid:conformance>B</pdfaid:conformance>" in meta, path
        lang = b"nn-NO" if "nn" in path.relative_to(out).parts else b"nb-NO"
        assert b"/Lang(" + lang + b")" in path.read_bytes(), path


def test_every_page_is_rendered_and_not_blank(converted, tmp_path: Path):
    _, result, _ = converted
    for number, path in enumerate(result.written):
        prefix = tmp_path / f"{number}"
        subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", str(path), str(prefix)], check=True)
        pages = sorted(tmp_path.glob(f"{number}-*.png"))
        assert len(pages) == int(_pdfinfo(path)["Pages"]), path
        assert [p.name for p in pages if not _png_has_ink(p)] == [], path


def test_second_run_converts_nothing(converted, monkeypatch, capsys):
    out, result, _ = converted
    before = {p: p.stat().st_mtime_ns for p in result.written}

    def must_not_run(commands, timeout, counter):
        raise AssertionError("LibreOffice started although every PDF is up to date")

    monkeypatch.setattr(pdf, "_run_all", must_not_run)
    assert main(["pdf", str(out)]) == 0
    assert f"0 PDF(s) written, {len(before)} up to date" in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in before} == before


def test_stale_and_forced_documents_are_converted(tmp_path: Path):
    docx, pdf_file = tmp_path / "m" / "referat.docx", tmp_path / "m" / "referat.pdf"
    docx.parent.mkdir()
    docx.write_bytes(b"x")
    assert not pdf.is_up_to_date(docx)
    pdf_file.write_bytes(b"%PDF-")
    os.utime(docx, ns=(1, 1))
    assert pdf.is_up_to_date(docx)
    os.utime(pdf_file, ns=(1, 1))
    assert not pdf.is_up_to_date(docx)


def test_archived_and_hidden_files_are_not_converted(tmp_path: Path):
    for name in ("a/referat.docx", "a/nn/referat.docx", "archive/a/referat.docx", ".pdf-x/in/0001.docx", "a/~$referat.docx"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    assert pdf.find_docx(tmp_path) == [tmp_path / "a/nn/referat.docx", tmp_path / "a/referat.docx"]


def test_missing_libreoffice_says_how_to_install(tmp_path: Path, monkeypatch, capsys):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "referat.docx").write_bytes(b"x")
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    assert main(["pdf", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "apt-get install -y libreoffice-writer-nogui" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_missing_output_folder_is_a_clean_error(tmp_path: Path, capsys):
    assert main(["pdf", str(tmp_path / "nothing")]) == 1
    assert "no such output folder" in capsys.readouterr().err


FAKE_SOFFICE = """#!{python}
import os, shutil, sys, time
args = sys.argv[1:]
if os.environ.get("FAKE_SLEEP"):
    child = __import__("subprocess").Popen(["sleep", "60"])
    open(os.environ["FAKE_SLEEP"], "w").write(str(child.pid))
    time.sleep(60)
outdir = args[args.index("--outdir") + 1]
for arg in args:
    if arg.endswith(".docx") and open(arg, "rb").read(2) == b"PK":
        shutil.copyfile(os.environ["GOOD_PDF"], os.path.join(outdir, os.path.basename(arg)[:-5] + ".pdf"))
"""


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch, converted) -> Path:
    """A stand-in LibreOffice that 'converts' real DOCX files into a known good PDF and fails on others."""
    script = tmp_path / "soffice"
    script.write_text(FAKE_SOFFICE.format(python=sys.executable))
    script.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: str(script) if name == "soffice" else None)
    monkeypatch.setenv("GOOD_PDF", str(converted[1].written[0]))
    return script


def _two_meetings(converted, root: Path) -> tuple[Path, Path]:
    """An output folder with one real DOCX and one broken DOCX that already has an (old) PDF."""
    good, bad = root / "good" / "referat.docx", root / "bad" / "referat.docx"
    good.parent.mkdir(parents=True)
    bad.parent.mkdir(parents=True)
    shutil.copyfile(converted[1].written[0].with_suffix(".docx"), good)
    bad.write_bytes(b"not a Word file")
    bad.with_suffix(".pdf").write_bytes(b"previous PDF")
    return good, bad


def test_failed_conversion_keeps_previous_pdf_and_names_the_file(converted, fake_soffice, tmp_path: Path):
    out = tmp_path / "out"
    good, bad = _two_meetings(converted, out)
    with pytest.raises(pdf.ConversionFailed) as caught:
        pdf.make_pdfs(out, force=True)
    assert "1 file(s) could not be converted" in str(caught.value)
    assert str(Path("bad") / "referat.docx") in str(caught.value)
    assert caught.value.result.written == [good.with_suffix(".pdf")]
    assert bad.with_suffix(".pdf").read_bytes() == b"previous PDF"
    assert good.with_suffix(".pdf").read_bytes()[:5] == b"%PDF-"
    assert sorted(p.name for p in out.iterdir()) == ["bad", "good"]


def test_timeout_kills_libreoffice_and_changes_nothing(converted, fake_soffice, tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    _, bad = _two_meetings(converted, out)
    pid_file = tmp_path / "child.pid"
    monkeypatch.setenv("FAKE_SLEEP", str(pid_file))
    started = time.monotonic()
    with pytest.raises(RekomError, match="did not finish within 1 s"):
        pdf.make_pdfs(out, force=True, timeout=1)
    assert time.monotonic() - started < 15
    assert bad.with_suffix(".pdf").read_bytes() == b"previous PDF"
    assert not (out / "good" / "referat.pdf").exists()
    assert not _running(int(pid_file.read_text()))


def test_blank_page_check_tells_white_from_ink(tmp_path: Path):
    def png(rows: bytes) -> Path:
        def chunk(kind: bytes, body: bytes) -> bytes:
            return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        path = tmp_path / f"{len(list(tmp_path.iterdir()))}.png"
        ihdr = struct.pack(">IIBBBBB", 3, 2, 8, 0, 0, 0, 0)
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
        return path

    assert not _png_has_ink(png(bytes([0, 255, 255, 255, 2, 0, 0, 0])))  # Up filter: all 255
    assert _png_has_ink(png(bytes([0, 255, 255, 255, 1, 255, 0, 156])))  # Sub filter: 255, 255, 155


def _running(pid: int) -> bool:
    """True while `pid` is alive (a zombie awaiting its reaper counts as ended)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return False
        if state in ("Z", "X"):
            return False
        time.sleep(0.1)
    return True


def _pdfinfo(path: Path) -> dict[str, str]:
    text = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in text.splitlines())}


def _png_has_ink(path: Path) -> bool:
    """True when an 8-bit grey or RGB PNG has a pixel channel darker than near-white."""
    data = path.read_bytes()
    pos, idat, width, bpp = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, _, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (0, 2), f"unexpected PNG format {depth=} {colour=}"
            bpp = 1 if colour == 0 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * bpp
    prev = bytearray(stride)
    for start in range(0, len(raw), stride + 1):
        row = _unfilter(raw[start], bytearray(raw[start + 1:start + 1 + stride]), prev, bpp)
        if min(row) < 200:
            return True
        prev = row
    return False


def _unfilter(kind: int, row: bytearray, prev: bytearray, bpp: int) -> bytearray:
    """Undo one PNG row filter (`bpp` bytes per pixel)."""
    for i in range(len(row)):
        left = row[i - bpp] if i >= bpp else 0
        up, corner = prev[i], (prev[i - bpp] if i >= bpp else 0)
        if kind == 1:
            row[i] = (row[i] + left) & 255
        elif kind == 2:
            row[i] = (row[i] + up) & 255
        elif kind == 3:
            row[i] = (row[i] + (left + up) // 2) & 255
        elif kind == 4:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
    return row


def test_the_command_default_timeout_is_the_library_one():
    from rekom_docs.commands import pdf as command

    assert command.TIMEOUT == pdf.TIMEOUT
