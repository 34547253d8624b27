"""Nynorsk all through: translation files, Apertium with Markdown and tags kept, stale warnings, bokmål lint."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from docx import Document

from rekom_docs.build import BuildConfig, build
from rekom_docs.build import checked_project as open_project
from rekom_docs.cli import main
from rekom_docs.commands.translate import write_translation
from rekom_docs.compute.figures import prose
from rekom_docs.errors import InvalidInput, RekomError
from rekom_docs.model import translations as store
from rekom_docs.nynorsk import apertium, localise
from rekom_docs.nynorsk.markers import bokmal_words
from rekom_docs.nynorsk.translate import Outcome
from rekom_docs.nynorsk.translate import translate_meeting as translate_only
from rekom_docs.present.wording import words
from rekom_docs.publish.lint import lint_docx
from tests.conftest import apertium_or_skip
from tests.paths import ROOT

CASES = ROOT / "cases"
MEETING = "2024-01-11-kompetanseloftet"
TITLE = "Langsiktig plan for Kompetanseløftet i Trøndelag – revidering og fastsetting"  # case 4/2024
MARKDOWN = """\
{{ person("sigrid-hovin") }} ønsket velkommen. Vi vet ikke hva som skjer[^1] nå.

- **a) Målgruppen** er ledere i [barnehager](https://example.org/a_b?x=1).
  Dette gjelder også {{ org("ks") }} og `kode`.
1. Saken tas opp {% if x %}igjen{% endif %} 31.03.2022.

| Nettverk | Beløp |
|---|---|
| Hvem får mest? | {{ kr(fordeling.pot) }} |

[^1]: Hva som skjer videre, er ikke avklart.
"""


def translate_meeting(item, registers, machine) -> Outcome:
    """Translate and write the file, as the command does."""
    outcome = translate_only(item, registers, machine)
    write_translation(outcome.path, outcome.text)
    return outcome


def fake(texts):
    """A stand-in translator: marks each text, so tests see what was translated and when."""
    return [f"NN {t}" for t in texts]


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    """A copy of the bundled cases, translation files included."""
    shutil.copytree(CASES, tmp_path / "cases")
    return tmp_path / "cases"


def test_markup_and_tags_survive_the_stream_format():
    stream = apertium._to_stream(MARKDOWN)
    assert apertium.from_stream(stream) == MARKDOWN
    assert re.search(r"\[\\\{\\\{ kr\(fordeling.pot\) \\\}\\\}\]", stream)  # a tag is one superblank


def test_each_markdown_block_is_one_segment_and_markers_stay_outside():
    plan = apertium._plan(MARKDOWN)
    segments = [text for kind, text in plan if kind == "seg"]
    assert "".join(text for _, text in plan) == MARKDOWN
    assert "**a) Målgruppen** er ledere i [barnehager](https://example.org/a_b?x=1).\n  Dette gjelder" in segments[1]
    assert not any(s.startswith(("- ", "1. ", "[^1]:")) for s in segments)
    assert "|---|---|" not in "".join(segments)


def test_apertium_translates_prose_and_keeps_markdown_and_tags():
    apertium_or_skip()
    [nn] = apertium.translate([MARKDOWN])
    assert re.findall(r"\{\{.*?\}\}|\{%.*?%\}", nn) == re.findall(r"\{\{.*?\}\}|\{%.*?%\}", MARKDOWN)
    for kept in ("[^1]", "](https://example.org/a_b?x=1)", "`kode`", "\n- **", "\n1. ", "\n|---|---|\n", "\n[^1]: ", "31.03.2022."):
        assert kept in nn
    assert "ikkje" in nn and "Målgruppa" in nn and not bokmal_words(nn)


def test_translate_writes_the_file_and_keeps_reviewed_texts(cases: Path):
    path = cases / "2024" / f"{MEETING}.nn.yaml"
    path.unlink()
    project = open_project(cases)
    outcome = translate_meeting(project.meeting(MEETING), project.registers, fake)
    entries = store.load(path).entries
    assert len(outcome.translated) == len(entries) > 30
    assert entries[("4/2024", "title")].nn == f"NN {TITLE}"
    assert not any(e.reviewed for e in entries.values())
    # the secretariat reviews one text; the bokmål of it and of another changes
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["4/2024"]["title"] |= {"nn": "Langsiktig plan for Kompetanseløftet", "reviewed": True}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    source = cases / "2024" / f"{MEETING}.yaml"
    text = source.read_text(encoding="utf-8")
    assert f"title: {TITLE}" in text and "title: Aktuelt" in text
    source.write_text(text.replace(f"title: {TITLE}", "title: Langsiktig plan")
                      .replace("title: Aktuelt", "title: Aktuelle saker"), encoding="utf-8")
    project = open_project(cases)
    again = translate_meeting(project.meeting(MEETING), project.registers, fake)
    entries = store.load(path).entries
    assert [t.key for t in again.translated] == [("1/2024", "title")]
    assert [t.key for t in again.kept_stale] == [("4/2024", "title")]
    assert entries[("4/2024", "title")].nn == "Langsiktig plan for Kompetanseløftet"  # reviewed: never overwritten
    assert entries[("1/2024", "title")].nn == "NN Aktuelle saker"


def test_check_warns_of_a_stale_translation_naming_case_and_field(cases: Path, capsys):
    source = cases / "2024" / f"{MEETING}.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace(f"title: {TITLE}", "title: Langsiktig plan"), encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if f"title: {TITLE}" in l)
    assert main(["check", str(cases)]) == 0
    err = capsys.readouterr().err
    stale = [l for l in err.splitlines() if "is stale:" in l]
    assert len(stale) == 1
    assert f"{MEETING}.yaml:{line}:" in stale[0] and "case 4/2024, field title" in stale[0] and "warning:" in stale[0]
    assert main(["check", "--strict", str(cases)]) == 1


def test_a_broken_tag_in_a_translation_is_a_located_error(cases: Path, capsys):
    path = cases / "2024" / f"{MEETING}.nn.yaml"
    text = path.read_text(encoding="utf-8")
    assert '{{ org("statsforvalteren") }}' in text
    path.write_text(text.replace('{{ org("statsforvalteren") }}', '{{ org("statsforvaltaren") }}', 1), encoding="utf-8")
    assert main(["check", str(cases)]) == 1
    err = capsys.readouterr().err
    assert f"{MEETING}.nn.yaml:" in err and "no organisation 'statsforvaltaren'" in err


def test_translation_files_are_not_meetings():
    project = open_project(CASES)
    assert all(not m.id.endswith(".nn") for m in project.meetings)
    assert len(project.meetings) == len(list(CASES.rglob("*.nn.yaml"))) >= 4
    assert [m.id for m in open_project(CASES / "2024" / f"{MEETING}.nn.yaml").meetings] == [MEETING]


def test_every_bundled_translation_is_current_and_nynorsk():
    project = open_project(CASES)
    assert not [p for p in project.warnings if "nynorsk" in p.message and "not reviewed" not in p.message]
    for path in CASES.rglob("*.nn.yaml"):
        for key, entry in store.load(path).entries.items():
            assert not bokmal_words(entry.nn), (path.name, key, entry.nn)


def test_no_false_alarm_on_good_nynorsk():
    good = [*(str(v) for v in words("nn").values()), "Vi har ikkje sett noko av dette. Kva no? Kven kjem frå Fosen?",
            "Eg veit ikkje korleis vi skal nå måla; det er mykje att, men nokon må byrje.",
            "Dei same skulane har vore med sidan 2020, utan avbrot, saman med kvarandre."]
    assert [w for text in good for w in bokmal_words(text)] == []
    assert bokmal_words("Vi vet ikke hva som skjer, men noen må gjøre mye.") == ["ikke", "hva", "noen", "mye"]


def test_nynorsk_build_prints_nynorsk_names_texts_and_properties(tmp_path: Path):
    out = tmp_path / "build"
    written = list(build(BuildConfig(CASES, out, ("minutes", "letters"), lang="nn", meetings=(MEETING, "2022-03-09-rekom"))))
    minutes = Document(str(out / MEETING / "nn" / "referat.docx"))
    text = "\n".join(p.text for p in minutes.paragraphs)
    text += "\n".join(c.text for t in minutes.tables for row in t.rows for c in row.cells)  # the decision frame
    assert minutes.core_properties.author == "Statsforvaltaren i Trøndelag"
    assert "Statsforvaltaren" in text and "Statsforvalteren" not in text
    assert "Målgruppa for Kompetanseløftet" in text
    letter = Document(str(out / "2022-03-09-rekom" / "nn" / "innstilling.docx"))
    cells = [c.text for t in letter.tables for row in t.rows for c in row.cells]
    assert "Frikjøp eigarar" in cells and "Frikjøp eiere" not in cells
    assert all(lint_docx(path) == [] for path in written)


def test_lint_flags_bokmal_left_in_a_nynorsk_document(tmp_path: Path):
    out = tmp_path / "build"
    [path] = build(BuildConfig(CASES, out, ("minutes",), lang="nn", meetings=("2022-01-13-rekom",)))
    doc = Document(str(path))
    doc.add_paragraph("Dette er ikke oversatt, og vi vet ikke hvordan.")
    doc.save(str(path))
    assert lint_docx(path) == ["bokmål in a nynorsk document ('ikke', 'hvordan'): 'Dette er ikke oversatt, og vi vet ikke hvordan.'"]
    nb = next(build(BuildConfig(CASES, out, ("minutes",), lang="nb", meetings=("2022-01-13-rekom",))))
    assert "ikke" in "\n".join(p.text for p in Document(str(nb)).paragraphs)
    assert lint_docx(nb) == []  # a bokmål document may say "ikke"


def test_a_missing_translation_is_made_on_the_fly(cases: Path, tmp_path: Path, monkeypatch):
    known = {e.source: e.nn for e in store.load(cases / "2022" / "2022-01-13-rekom.nn.yaml").entries.values()}
    (cases / "2022" / "2022-01-13-rekom.nn.yaml").unlink()
    asked = []
    monkeypatch.setattr(localise.apertium, "available", lambda: True)
    monkeypatch.setattr(localise.apertium, "translate", lambda texts: asked.extend(texts) or
                        [known[store.source_hash(t)] for t in texts])
    [path] = build(BuildConfig(cases, tmp_path / "out", ("minutes",), lang="nn", meetings=("2022-01-13-rekom",)))
    assert len(asked) == len(known) > 20
    assert "ikkje" in "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert not (cases / "2022" / "2022-01-13-rekom.nn.yaml").exists()  # a build never writes into cases/


def test_without_apertium_the_nynorsk_build_names_the_install_line(cases: Path, tmp_path: Path, monkeypatch, capsys):
    (cases / "2022" / "2022-01-13-rekom.nn.yaml").unlink()
    monkeypatch.setattr(apertium.shutil, "which", lambda name: None)
    code = main(["build", "minutes", "--cases", str(cases), "--out", str(tmp_path / "out"), "--lang", "nn",
                 "--meeting", "2022-01-13-rekom"])
    assert code == 1
    err = capsys.readouterr().err
    assert "sudo apt-get install -y apertium-nno-nob" in err and "2022-01-13-rekom" in err and "Traceback" not in err
    assert main(["build", "minutes", "--cases", str(cases), "--out", str(tmp_path / "out"),
                 "--meeting", "2022-01-13-rekom"]) == 0  # bokmål needs no Apertium


def test_translate_command_runs_apertium(cases: Path, capsys):
    apertium_or_skip()
    path = cases / "2022" / "2022-01-13-rekom.nn.yaml"
    path.unlink()
    assert main(["translate", "--cases", str(cases), "2022-01-13-rekom"]) == 0
    assert "text(s) translated" in capsys.readouterr().out
    entries = store.load(path).entries
    assert len(entries) > 20 and not any(bokmal_words(e.nn) for e in entries.values())


def test_readme_and_ci_install_the_same_system_packages():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = re.search(r"apt-get install -y ([^`\n]+)", readme).group(1)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert set(line.split()) == set(re.findall(r"need\+=\(([^)]+)\)", ci))
    assert {"apertium-nno-nob", "fonts-crosextra-carlito"} <= set(line.split())


def test_a_too_long_text_is_refused_before_apertium_runs(monkeypatch):
    monkeypatch.setattr(apertium, "MAX_CHARS", 100)
    with pytest.raises(RekomError, match="too long"):
        apertium.translate(["Dette er en lang tekst. " * 10])


def test_translate_refuses_a_broken_translation_file(cases: Path):
    path = cases / "2024" / f"{MEETING}.nn.yaml"
    path.write_text("4/2024:\n  title: {nn: Tittel, reviewed: kanskje, source: abc}\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as exc:
        open_project(cases)
    assert any(p.file.endswith(f"{MEETING}.nn.yaml") and p.line == 2 for p in exc.value.problems)


def test_a_vote_result_translated_unlike_its_option_is_an_error(cases: Path, capsys):
    path = cases / "2024" / f"{MEETING}.nn.yaml"
    text = path.read_text(encoding="utf-8")
    result = "  votes[1].result:\n    nn: Forslag 2\n"
    assert result in text
    path.write_text(text.replace(result, "  votes[1].result:\n    nn: Framlegg 2\n"), encoding="utf-8")
    line = text.splitlines().index("  votes[1].result:") + 1
    assert main(["check", str(cases)]) == 1
    err = capsys.readouterr().err
    assert f"{MEETING}.nn.yaml:{line}:" in err and "'Framlegg 2' differs from that of votes[1].options[" in err


@pytest.mark.parametrize("meeting", [m.id for m in open_project(CASES).meetings])
def test_translation_never_changes_a_figure(meeting: str):
    project = open_project(CASES)
    item = project.meeting(meeting)
    nn_item, _ = localise.localised(item, project)

    def amounts(figures) -> dict:
        [values] = prose(figures).values()
        return {k: sorted(v.values()) if isinstance(v, dict) else v for k, v in values.items() if k != "by_key"}

    assert nn_item.figures.keys() == item.figures.keys()
    for index, figures in item.figures.items():
        assert amounts(nn_item.figures[index]) == amounts(figures)
        assert [p for p in nn_item.figures[index].problems if p[2].value == "error"] == []
