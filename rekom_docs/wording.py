"""Fixed wordings that code puts into documents, in bokmål (nb) and nynorsk (nn).

Why: the templates hold most fixed text; what code composes (sentences with counts,
table headings) lives here, once per written standard, so both stay complete.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "nb": {
        "minutes_title": "Referat fra",
        "agenda_title": "Innkalling til",
        "agenda_heading": "Saksliste",
        "time": "Tid",
        "title": "Tittel",
        "case_no": "Saksnr.",
        "kind": "Type",
        "presenter": "Innleder",
        "kind_information": "Informasjonssak",
        "kind_discussion": "Drøftingssak",
        "kind_decision": "Beslutningssak",
        "kind_other": "Eventuelt",
        "case": "Sak",
        "digital": "Digitalt møte",
        "deputy_for": "vara for",
        "until": "til kl.",
        "responsible": "ansvarlig",
        "due": "frist",
        "roster_sentence": "Det var {absent} forfall, og {deputies} vararepresentanter møtte. Det var {voters} stemmeberettigede.",
        "written_vote": "Skriftlig votering",
        "open_vote": "Åpen votering",
        "unanimous": "enstemmig",
        "adopted": "vedtatt",
        "fell": "falt",
        "result": "Resultat",
        "proposal": "Forslag",
        "votes": "Stemmer",
        "votes_cast": "Avgitte stemmer",
    },
    "nn": {
        "minutes_title": "Referat frå",
        "agenda_title": "Innkalling til",
        "agenda_heading": "Saksliste",
        "time": "Tid",
        "title": "Tittel",
        "case_no": "Saksnr.",
        "kind": "Type",
        "presenter": "Innleiar",
        "kind_information": "Informasjonssak",
        "kind_discussion": "Drøftingssak",
        "kind_decision": "Avgjerdssak",
        "kind_other": "Eventuelt",
        "case": "Sak",
        "digital": "Digitalt møte",
        "deputy_for": "vara for",
        "until": "til kl.",
        "responsible": "ansvarleg",
        "due": "frist",
        "roster_sentence": "Det var {absent} forfall, og {deputies} vararepresentantar møtte. Det var {voters} røysteføre.",
        "written_vote": "Skriftleg votering",
        "open_vote": "Open votering",
        "unanimous": "samrøystes",
        "adopted": "vedteke",
        "fell": "fall",
        "result": "Resultat",
        "proposal": "Forslag",
        "votes": "Røyster",
        "votes_cast": "Avgitte røyster",
    },
}


def words(lang: str) -> dict[str, str]:
    """The wordings of one written standard."""
    return WORDS[lang]
