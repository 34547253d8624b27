"""The frame of a public letter and the agenda's opening, from the register and the meeting file."""

from __future__ import annotations

from rekom_docs.build import checked_project
from rekom_docs.present import documents

from ..paths import ROOT

PROJECT = checked_project(ROOT / "cases")


def _letters(meeting: str, lang: str | None = None):
    return {d.filename: d for d in documents(PROJECT.meeting(meeting), PROJECT, "letters", lang)}


def test_a_letter_has_sender_addressee_with_contact_and_the_reference_block():
    letter = _letters("2024-03-07-rekom")["brev/fosen.docx"].context
    assert letter["letterhead"]["organisation"] == "Statsforvalteren i Trøndelag"
    assert letter["letterhead"]["forum"] == "Sekretariatet for Samarbeidsforum REKOM"
    assert letter["addressee"] == {"name": "Fosennettverket", "contact": "Karianne Stjern",
                                   "address": ["Postboks 105", "7160 Bjugn"]}
    assert letter["reference"] == "2024/2315"  # the archive case number, not the agenda's 11/2024
    assert letter["date"] == "7. mars 2024"
    assert letter["caseworker"].startswith("Sigrid Aune Hovin, tlf.\u00a073\u00a000\u00a010\u00a021")
    assert letter["copy_to"] == "Utdanningsdirektoratet"
    assert letter["subject"] == ("Tilskuddsmidlene for 2024 – beløpene til Fosennettverket i innstillingen fra "
                                 "Samarbeidsforum REKOM")


def test_the_signature_names_who_signs_and_says_it_is_approved_electronically():
    signature = _letters("2024-03-07-rekom")["innstilling.docx"].context["signature"]
    assert signature["signatories"] == [{"name": "Sigrid Aune Hovin", "title": "seniorrådgiver"}]
    assert signature["electronic"].startswith("Dokumentet er elektronisk godkjent")


def test_nynorsk_letters_have_the_frame_in_nynorsk():
    letter = _letters("2024-03-07-rekom", "nn")["brev/fosen.docx"].context
    assert letter["subject"].startswith("Tilskotsmidlane for 2024")
    assert letter["signature"]["electronic"].startswith("Dokumentet er elektronisk godkjent og har difor")


def test_the_agenda_invites_says_where_and_whom_to_tell_of_absence():
    agenda = documents(PROJECT.meeting("2024-03-07-rekom"), PROJECT, "agenda", None)[0].context
    assert agenda["opening"] == ("Samarbeidsforum REKOM innkalles til møte 7. mars 2024 kl. 08.30–15.00 "
                                 "i Møterom 1, Storgata 1, 7000 Trondheim.")
    assert agenda["absence"].startswith("Forfall meldes så snart som mulig til Sigrid Aune Hovin (")
    assert agenda["absence"].endswith("som kaller inn vararepresentant.")
    digital = documents(PROJECT.meeting("2022-01-13-rekom"), PROJECT, "agenda", None)[0].context
    assert digital["opening"].endswith("kl. 08.30–11.30 som digitalt møte.")


def test_the_agenda_shows_a_decision_case_s_tables_as_proposals():
    agenda = documents(PROJECT.meeting("2024-03-07-rekom"), PROJECT, "agenda", None)[0].context
    case = next(c for c in agenda["cases"] if c["heading"].startswith("Sak 11/2024"))
    assert [t.title for t in case["tables"]][:2] == ["Forslag til innstilling 2024 – budsjett",
                                                     "Forslag til innstilling 2024 – fordeling på nettverkene"]
    assert all(not c["tables"] for c in agenda["cases"] if not c["heading"].startswith("Sak 11/2024"))
