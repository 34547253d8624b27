"""The agenda's captions, proposal tables and follow-up lines say what they are, once."""

from __future__ import annotations

from rekom_docs.build import checked_project
from rekom_docs.present import documents
from tests.paths import ROOT


def _agenda(meeting: str):
    project = checked_project(ROOT / "cases")
    return documents(project.meeting(meeting), project, "agenda", None)[0].context


def test_agenda_caption_names_only_the_columns_the_table_has():
    for meeting in ("2022-01-13-rekom", "2024-03-07-rekom"):
        table = _agenda(meeting)["agenda"]
        has_time, has_presenter = "Tid" in table.header, "Innleder" in table.header
        assert table.title.startswith("Tid") == has_time
        assert table.title.endswith("innleder") == has_presenter
        assert "sak" in table.title.lower()


def test_no_proposal_table_for_figures_the_meeting_itself_decides():
    cases = _agenda("2024-01-11-kompetanseloftet")["cases"]
    assert [t.title for c in cases for t in c["tables"]] == []


def test_proposal_captions_read_as_one_phrase():
    titles = [t.title for c in _agenda("2024-03-07-rekom")["cases"] for t in c["tables"]]
    assert "Forslag til innstilling 2024 – budsjett" in titles
    assert all(t.count(":") == 0 for t in titles)


def test_a_follow_up_has_one_bracket_and_names_its_deadline_once():
    lines = _agenda("2024-03-07-rekom")["follow_ups"] + _agenda("2022-03-09-rekom")["follow_ups"]
    assert lines
    for line in lines:
        assert line.count("(") == 1, line
        assert line.lower().count("frist") <= 1, line


def test_innstilling_and_letter_titles_say_what_they_are():
    project = checked_project(ROOT / "cases")
    docs = {d.filename: d.title for d in documents(project.meeting("2024-03-07-rekom"), project, "letters", None)}
    assert docs["innstilling.docx"] == "Innstilling om fordeling av tilskudd 2024 – Samarbeidsforum REKOM"
    assert docs["brev/fosen.docx"].startswith("Tilskudd 2024 – Fosen")
    assert all(":" not in title for title in docs.values())


def test_a_letter_names_the_group_of_a_measure_not_its_numeral():
    project = checked_project(ROOT / "cases")
    for lang in (None, "nn"):
        docs = {d.filename: d for d in documents(project.meeting("2022-03-09-rekom"), project, "letters", lang)}
        rows = [row[0] for t in docs["brev/fosen.docx"].context["amounts"] for row in t.rows]
        assert any(r.startswith("Individuelle tiltak: Tilrettelegging") for r in rows)
        assert not any(r.startswith(("I: ", "II: ")) for r in rows)
