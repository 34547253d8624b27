"""Issue 8: no input runs code, hangs or crashes; every bad input is a located error; output can be relied on."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest
from jinja2 import TemplateError

from rekom_docs.build import BuildConfig, build
from rekom_docs.cli import main
from rekom_docs.compute.casetext import expand
from rekom_docs.errors import RekomError
from rekom_docs.jinja import LimitError, word_env
from rekom_docs.model.load import load_text
from rekom_docs.model.project import meeting_paths
from rekom_docs.model.values import parse_decimal, parse_money, parse_percent
from rekom_docs.publish.write import write_file

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"
SMALL = "2022-01-13-rekom"


def _cases(tmp_path: Path, *meetings: str) -> Path:
    """A case tree in tmp_path with the register and the named bundled meetings."""
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(CASES / "register.yaml", cases)
    for name in meetings:
        source = next(CASES.glob(f"*/{name}.yaml"))
        (cases / source.parent.name).mkdir(exist_ok=True)
        shutil.copy(source, cases / source.parent.name)
    return cases


# --- the sandboxes ------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "{{ 'a' * 10**9 }}",
    "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}",
    "{% set n = namespace(s='ab') %}{% for i in [1]*60 %}{% set n.s = n.s ~ n.s %}{% endfor %}",
    "{{ '%999999999d' % 1 }}",
    "{{ 'x'.ljust(999999999) }}",
    "{{ 'x'|center(999999999) }}",
    "{{ 2 ** 10000000 }}",
    "{% set n = namespace(x=10**100) %}{% for i in [1]*40 %}{% set n.x = n.x * n.x %}{% endfor %}",
])
def test_case_text_work_is_bounded(text: str):
    start = time.process_time()
    with pytest.raises(LimitError, match="limit|nest"):
        expand(text, {})
    assert time.process_time() - start < 2


def test_a_loop_that_calls_nothing_is_stopped_by_the_clock():
    start = time.process_time()
    with pytest.raises(LimitError, match="longer than the limit"):
        expand("{% set l = [1] * 9999 %}{% for a in l %}{% for b in l %}{% for c in l %}{% endfor %}{% endfor %}"
               "{% endfor %}", {})
    assert time.process_time() - start < 5


@pytest.mark.parametrize("text", ["{{ cycler.__init__.__globals__.os }}", "{{ lipsum.__globals__ }}",
                                  "{{ ''['__class__'] }}", "{{ lipsum(1000000) }}"])
def test_word_templates_refuse_internals_and_lipsum(text: str):
    with pytest.raises(TemplateError):
        word_env().from_string(text).render({})


def test_template_with_globals_fails_cleanly_naming_the_template(tmp_path: Path, capsys):
    from docx import Document

    templates = tmp_path / "tpl"
    templates.mkdir()
    doc = Document(str(ROOT / "templates" / "referat.docx"))
    doc.add_paragraph("{{ cycler.__init__.__globals__.os.system('touch CANARY') }}")
    doc.save(str(templates / "referat.docx"))
    code = main(["build", "minutes", "--cases", str(_cases(tmp_path, SMALL)), "--out", str(tmp_path / "out"),
                 "--templates", str(templates)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "referat.docx, paragraph" in err and "' is not allowed: names starting with '_'" in err
    assert not list(tmp_path.rglob("CANARY")) and not (Path.cwd() / "CANARY").exists()
    assert main(["templates", "check", "--cases", str(tmp_path / "cases"), "--templates", str(templates)]) == 1
    report = capsys.readouterr()
    assert "' is not allowed: names starting with '_'" in report.out + report.err


def test_footnote_text_is_never_template_source(tmp_path: Path, monkeypatch):
    """`{` + line break + `{ ... }}` in a footnote once ran code at build time; now it is printed."""
    cases = _cases(tmp_path, "2024-01-11-kompetanseloftet")
    path = next(cases.glob("*/*.yaml"))
    text = path.read_text(encoding="utf-8").replace(
        "      [^1]: Herunder også lærlinger og lærekandidater.",
        "      [^1]: x {  \n        { lipsum.__globals__.os.system('touch CANARY') }}", 1)
    path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [written] = build(BuildConfig(cases, tmp_path / "out", ("minutes",)))
    assert not (tmp_path / "CANARY").exists()
    with zipfile.ZipFile(written) as z:
        notes = z.read("word/footnotes.xml").decode()
    assert ".os.system('touch CANARY') }}" in notes  # printed as typed (Markdown made __globals__ bold)


# --- YAML, values, file names -------------------------------------------------------------


def _bomb(levels: int) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines)


@pytest.mark.parametrize(("text", "message"), [
    (_bomb(8), "aliases"),
    ("a: &l [*l]", "aliases"),
    ("a: " + "[" * 100_000 + "]" * 100_000, "nest more than"),
    ("a: b\nc: 'x\ay'\n", "U+0007"),
    ("a: b\nc: \"x\fy\"\n", "U+000C"),
    ("a: b\nc: x\x1by\n", "U+001B"),
    ("a: b\nc: x\ufffey\n", "U+FFFE"),
    ("a: b\nc: x\x00y\n", "U+0000"),
    ("a: b: c", "':' followed by a space"),
])
def test_yaml_traps_are_located_errors(text: str, message: str):
    start = time.process_time()
    located, problems = load_text(text, "m.yaml")
    assert located is None and problems and message in problems[0].message
    assert problems[0].line >= 1 and time.process_time() - start < 2


def test_control_character_is_located_at_its_line_and_column():
    _, [problem] = load_text("a: b\nc: 'xy\az'\n", "m.yaml")
    assert (problem.line, problem.col) == (2, 7)


def test_nfd_and_nfc_spellings_are_one_key():
    nfd = unicodedata.normalize("NFD", "årsverk")
    _, problems = load_text(f"årsverk: 1\n{nfd}: 2\n", "m.yaml")
    assert [p.message.split(" (")[0] for p in problems] == ["duplicate key 'årsverk'"]
    located, _ = load_text(f"{nfd}: 1\n", "m.yaml")
    assert located is not None and list(located.data) == ["årsverk"]


@pytest.mark.parametrize(("parse", "value"), [
    (parse_money, "-200 000"), (parse_money, -5), (parse_money, "1" * 26), (parse_money, "１２ ０００"),
    (parse_money, "1" * 5000), (parse_decimal, "2 28.1"), (parse_decimal, "1e999999999"), (parse_decimal, "NaN"),
    (parse_decimal, "２２８.１"), (parse_percent, "10 %%"), (parse_percent, "NaN %"), (parse_percent, "Infinity %"),
])
def test_what_is_not_a_value_is_refused(parse, value):
    with pytest.raises(ValueError):
        parse(value)


def test_values_still_read_as_before():
    assert parse_money("17 873 000") == 17_873_000
    assert str(parse_decimal("1 228,5")) == "1228.5"
    assert parse_percent("12,5 %") * 1000 == 125


@pytest.mark.parametrize("name", ["2022-01-13-rekom.YAML", "2022-01-13 rekom.yaml", "2022-01-13-Rekom.yaml",
                                  "2022-01-13-rekom;touch PWNED;#.yaml", "rekom.yaml", "2022-01-13-rekom.yml"])
def test_a_badly_named_meeting_file_is_an_error(tmp_path: Path, name: str, capsys):
    cases = _cases(tmp_path, SMALL)
    path = next(cases.glob("*/*.yaml"))
    path.rename(path.with_name(name))
    assert main(["check", str(cases)]) == 1
    err = capsys.readouterr().err
    assert "the file name" in err and ":1:1:" in err and "meeting(s) checked" not in err


def test_a_folder_link_loop_is_an_error_not_a_hang(tmp_path: Path):
    cases = _cases(tmp_path, SMALL)
    (cases / "loop").symlink_to(cases, target_is_directory=True)
    problems: list = []
    assert len(meeting_paths(cases, problems)) == 1
    assert [p.message for p in problems] == ["a link to a folder is not followed; move the case files here"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_folder_is_an_error(tmp_path: Path):
    cases = _cases(tmp_path, SMALL)
    (cases / "2023").mkdir(mode=0)
    problems: list = []
    meeting_paths(cases, problems)
    assert any("cannot read the folder" in p.message for p in problems)


def test_one_broken_meeting_does_not_block_building_another(tmp_path: Path, capsys):
    cases = _cases(tmp_path, SMALL, "2022-03-09-rekom")
    broken = next(cases.glob("*/2022-03-09-rekom.yaml"))
    broken.write_text(broken.read_text(encoding="utf-8").replace("forum: rekom", "forum: rekomm", 1), encoding="utf-8")
    assert main(["build", "minutes", "--cases", str(cases), "--out", str(tmp_path / "out"), "--meeting", SMALL]) == 0
    assert (tmp_path / "out" / SMALL / "referat.docx").is_file()
    assert "no forum 'rekomm'; did you mean 'rekom'?" in capsys.readouterr().err
    assert main(["build", "minutes", "--cases", str(cases), "--out", str(tmp_path / "out2")]) == 1


# --- output -------------------------------------------------------------------------------


def test_builds_are_byte_for_byte_reproducible(tmp_path: Path):
    cases = _cases(tmp_path, SMALL)
    [first] = build(BuildConfig(cases, tmp_path / "a", ("minutes",)))
    time.sleep(2.1)  # the zip clock has 2 s steps: a clock-dated build would differ now
    [second] = build(BuildConfig(cases, tmp_path / "b", ("minutes",)))
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as z:
        assert b"2022-01-13T" in z.read("docProps/core.xml")


def test_a_link_planted_in_the_output_folder_is_not_followed(tmp_path: Path):
    out, victim = tmp_path / "out", tmp_path / "victim.txt"
    (out / "m").mkdir(parents=True)
    victim.write_text("keep")
    (out / "m" / "referat.docx").symlink_to(victim)
    with pytest.raises(RekomError, match="is a link"):
        write_file(out, out / "m" / "referat.docx", lambda tmp: tmp.write_text("new"))
    (out / "archive").mkdir()
    (out / "archive" / "x").symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(RekomError, match="is a link"):
        write_file(out, out / "archive" / "x" / "victim.txt", lambda tmp: tmp.write_text("new"))
    assert victim.read_text() == "keep"


def test_archive_does_not_follow_a_planted_link(tmp_path: Path, capsys):
    out, archive = tmp_path / "out", tmp_path / "archive"
    (out / SMALL).mkdir(parents=True)
    (tmp_path / "secret.docx").write_bytes(b"secret")
    (out / SMALL / "referat.docx").symlink_to(tmp_path / "secret.docx")
    code = main(["archive", "--out", str(out), "--cases", str(CASES), "--archive", str(archive), SMALL])
    assert code == 1 and "nothing built" in capsys.readouterr().err
    assert not any(p.is_file() and p.read_bytes() == b"secret" for p in archive.rglob("*"))


def test_temp_files_of_a_killed_run_are_cleaned(tmp_path: Path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".referat.docx.{dead.stdout.strip()}.abc.tmp"
    live = tmp_path / f".referat.docx.{os.getpid()}.abc.tmp"
    stale.write_text("half")
    live.write_text("being written")
    write_file(tmp_path, tmp_path / "referat.docx", lambda tmp: tmp.write_text("whole"))
    assert not stale.exists() and live.exists() and (tmp_path / "referat.docx").read_text() == "whole"


def test_out_naming_a_file_is_a_clean_error(tmp_path: Path, capsys):
    (tmp_path / "file").write_text("x")
    assert main(["build", "minutes", "--cases", str(_cases(tmp_path, SMALL)), "--out", str(tmp_path / "file")]) == 1
    assert "is a file" in capsys.readouterr().err


def test_a_closed_output_pipe_does_not_stop_the_work(tmp_path: Path):
    cases = _cases(tmp_path, SMALL, "2022-03-09-rekom")
    out = tmp_path / "out"
    command = f"'{sys.executable}' -m rekom_docs build minutes --cases '{cases}' --out '{out}' | head -c 1"
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, cwd=ROOT)
    assert "Traceback" not in proc.stderr
    assert sorted(p.parent.name for p in out.rglob("referat.docx")) == [SMALL, "2022-03-09-rekom"]
    assert proc.returncode == 0


@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04broken"])
def test_lint_docx_on_a_non_docx_is_a_clean_error(tmp_path: Path, content: bytes, capsys):
    (tmp_path / "x.docx").write_bytes(content)
    assert main(["lint-docx", str(tmp_path / "x.docx")]) == 1
    assert "not a Word document" in capsys.readouterr().err


def test_lint_docx_on_a_foreign_docx_reports_not_crashes(tmp_path: Path, capsys):
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Hei</w:t></w:r></w:p><w:sectPr/></w:body></w:document>",
    }
    with zipfile.ZipFile(tmp_path / "foreign.docx", "w") as z:
        for name, xml in parts.items():
            z.writestr(name, xml)
    assert main(["lint-docx", str(tmp_path / "foreign.docx")]) == 1
    assert "has no page size" in capsys.readouterr().out


def test_makefile_never_hands_a_hostile_file_name_to_the_shell(tmp_path: Path):
    cases = _cases(tmp_path, SMALL)
    path = next(cases.glob("*/*.yaml"))
    path.rename(path.with_name("2022-01-13-rekom;touch PWNED;#.yaml"))
    shutil.copy(CASES / "2022" / "2022-03-09-rekom.yaml", path.parent)
    proc = subprocess.run(["make", "-f", str(ROOT / "Makefile"), "-k", "minutes", "CASES=cases", "OUT=out", "RD=:",
                           "STAMP="], cwd=tmp_path, capture_output=True, text=True)
    assert not (tmp_path / "PWNED").exists() and not list(tmp_path.rglob("PWNED"))
    # One process builds every meeting (the tool's cache picks the stale ones); names reach it only quoted.
    assert "build minutes --cases 'cases' --out 'out'" in proc.stdout and "PWNED" not in proc.stdout
