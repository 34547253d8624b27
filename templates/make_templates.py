"""Create the bundled Word templates in this folder (run: `make templates`).

The .docx files it writes are the templates a secretary opens and restyles in Word;
this script only makes the first version reproducible. Tags are documented in
templates/README.md. Re-running it overwrites local changes to the templates.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)


def base_document(lang: str = "nb-NO"):
    """An empty A4 document in Norwegian (`lang`), real heading styles and a page footer."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    _language(doc, lang)
    _styles(doc)
    _footer(section)
    doc.core_properties.language = lang
    return doc


def _language(doc, tag: str) -> None:
    """Set the document's default proofing language (docDefaults) to `tag`."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), tag)


def _styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = "Calibri", Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 20), ("Heading 1", 15), ("Heading 2", 13), ("Heading 3", 11)):
        style = styles[name]
        style.font.name, style.font.size, style.font.color.rgb = "Calibri", Pt(size), ACCENT
        style.font.bold = True
    styles["Heading 3"].font.italic = False
    styles["Caption"].font.color.rgb = ACCENT  # Why: the default blue is 4.0:1 at 9 pt, below WCAG AA
    styles["Subtitle"].font.color.rgb = ACCENT
    _add(styles, "Vedtak", WD_STYLE_TYPE.PARAGRAPH, base="Normal", setup=_decision_style)
    _add(styles, "Møtedata", WD_STYLE_TYPE.PARAGRAPH, base="Normal", setup=lambda s: setattr(s.paragraph_format, "space_after", Pt(0)))
    _add(styles, "Hyperlink", WD_STYLE_TYPE.CHARACTER, setup=_link_style)
    _add(styles, "Footnote Text", WD_STYLE_TYPE.PARAGRAPH, base="Normal", setup=lambda s: setattr(s.font, "size", Pt(9)))
    _add(styles, "Footnote Reference", WD_STYLE_TYPE.CHARACTER, setup=lambda s: setattr(s.font, "superscript", True))
    _add(styles, "Tabelltekst", WD_STYLE_TYPE.PARAGRAPH, base="Normal", setup=_table_text)
    _add(styles, "Brevhode", WD_STYLE_TYPE.PARAGRAPH, base="Normal", setup=_letterhead_style)
    _add(styles, "Utregning", WD_STYLE_TYPE.PARAGRAPH, base="Normal", setup=_table_text)


def _add(styles, name, kind, base=None, setup=None):
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, kind)
    if base:
        style.base_style = styles[base]
    style.quick_style = True
    if setup:
        setup(style)
    return style


def _decision_style(style) -> None:
    """Vedtak: indented, shaded and framed on the left, so the decision stands apart."""
    fmt = style.paragraph_format
    fmt.left_indent, fmt.space_after = Mm(4), Pt(4)
    ppr = style.element.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for attr, value in (("w:val", "single"), ("w:sz", "24"), ("w:space", "8"), ("w:color", "1F3A5F")):
        left.set(qn(attr), value)
    border.append(left)
    shading = OxmlElement("w:shd")
    for attr, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", "EEF2F7")):
        shading.set(qn(attr), value)
    ppr.append(border)
    ppr.append(shading)


def _link_style(style) -> None:
    style.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    style.font.underline = True


def _table_text(style) -> None:
    style.paragraph_format.space_after = Pt(0)
    style.font.size = Pt(10)


def _letterhead_style(style) -> None:
    style.font.size, style.font.color.rgb = Pt(16), ACCENT
    style.paragraph_format.space_after = Pt(0)


def _footer(section) -> None:
    """A centred page number: `Side N av M`, from Word fields."""
    para = section.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.add_run("Side ")
    _field(para, "PAGE")
    para.add_run(" av ")
    _field(para, "NUMPAGES")


def _marking(section) -> None:
    """A page-header line for the document's marking (UTKAST, Offentlig versjon), empty when there is none."""
    para = section.header.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = para.add_run("{{ marking }}")
    run.bold, run.font.color.rgb = True, RGBColor(0xA0, 0x1C, 0x1C)


def _field(para, code: str) -> None:
    run = para.add_run()
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == code:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {code} "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def labelled(doc, label: str, value: str, style: str = "Møtedata") -> None:
    """A paragraph `Label: value` with the label in bold."""
    para = doc.add_paragraph(style=style)
    para.add_run(f"{label}: ").bold = True
    para.add_run(value)


def tag(doc, text: str) -> None:
    """A paragraph that holds only a docxtpl tag (`{%p ... %}` or `{{p ... }}`)."""
    doc.add_paragraph(text)


def bullet_section(doc, heading: str, style: str, expr: str, var: str = "item") -> None:
    """A heading and one bullet per item of the list `expr`, all left out when the list is empty."""
    tag(doc, f"{{%p if {expr} %}}")
    doc.add_paragraph(heading, style=style)
    tag(doc, f"{{%p for {var} in {expr} %}}")
    doc.add_paragraph(f"{{{{ {var} }}}}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def meeting_document(t: dict[str, str], title: str, people: tuple[str, ...]) -> Document:
    """A new document headed by its title and the forum, then date, time, place and the named roles."""
    doc = base_document(t["lang"])
    _marking(doc.sections[0])
    doc.add_paragraph(f"{title} {{{{ forum.name }}}}", style="Title")
    tag(doc, "{%p if forum.long_name %}")
    doc.add_paragraph("{{ forum.long_name }}", style="Subtitle")
    tag(doc, "{%p endif %}")
    labelled(doc, t["date"], "{{ meeting.date }}")
    labelled(doc, t["time"], "{{ meeting.time }}")
    labelled(doc, t["place"], "{{ meeting.place }}")
    for role in people:
        tag(doc, f"{{%p if meeting.{role} %}}")
        labelled(doc, t[role], f"{{{{ meeting.{role} }}}}")
        tag(doc, "{%p endif %}")
    return doc


def referat(t: dict[str, str]) -> Document:
    """templates/referat.docx: the minutes of one meeting."""
    doc = meeting_document(t, t["minutes_of"], ("chair", "referent"))
    tag(doc, "{%p if approval %}")
    doc.add_paragraph("{{ approval }}", style="Møtedata")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for line in corrections %}")
    doc.add_paragraph("{{ line }}", style="Møtedata")
    tag(doc, "{%p endfor %}")

    doc.add_paragraph(t["participants"], style="Heading 1")
    tag(doc, "{%p if roster.recorded %}")
    tag(doc, "{%p for group in roster.groups %}")
    labelled(doc, "{{ group.organisation }}", "{{ group.names }}", style="Normal")
    tag(doc, "{%p endfor %}")
    for label, key in ((t["absent"], "absent"), (t["secretariat"], "secretariat"),
                       (t["guests"], "guests"), (t["observers"], "observers")):
        tag(doc, f"{{%p if roster.{key} %}}")
        labelled(doc, label, f"{{{{ roster.{key} }}}}", style="Normal")
        tag(doc, "{%p endif %}")
    doc.add_paragraph("{{ roster.sentence }}")
    tag(doc, "{%p else %}")
    doc.add_paragraph(t["no_roster"])
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if meeting.note %}")
    doc.add_paragraph(t["introduction"], style="Heading 1")
    tag(doc, "{{p meeting.note }}")
    tag(doc, "{%p endif %}")

    doc.add_paragraph(t["cases"], style="Heading 1")
    tag(doc, "{%p for case in cases %}")
    doc.add_paragraph("{{ case.heading }}", style="Heading 2")
    tag(doc, "{%p if case.moved_to %}")
    doc.add_paragraph(t["moved"])
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for line in case.conflicts %}")
    doc.add_paragraph("{{ line }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if case.text %}")
    tag(doc, "{{p case.text }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for table in case.tables %}")
    tag(doc, "{{p table }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for vote in case.votes %}")
    tag(doc, "{{p vote }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for line in case.vote_notes %}")
    doc.add_paragraph("{{ line }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if case.decision %}")
    doc.add_paragraph(t["decision"], style="Heading 3")
    tag(doc, "{{p case.decision }}")
    tag(doc, "{%p elif case.proposal %}")
    doc.add_paragraph(t["proposal"], style="Heading 3")
    tag(doc, "{{p case.proposal }}")
    tag(doc, "{%p endif %}")
    bullet_section(doc, t["follow_up"], "Heading 3", "case.follow_ups", "item")
    tag(doc, "{%p endfor %}")
    return doc


def innkalling(t: dict[str, str]) -> Document:
    """templates/innkalling.docx: the invitation with the timed agenda (saksliste)."""
    doc = meeting_document(t, t["invitation_to"], ("chair",))
    tag(doc, "{%p if invitation %}")
    tag(doc, "{{p invitation }}")
    tag(doc, "{%p endif %}")
    doc.add_paragraph(t["agenda"], style="Heading 1")
    tag(doc, "{{p agenda }}")
    doc.add_paragraph(t["the_cases"], style="Heading 1")
    tag(doc, "{%p for case in cases %}")
    doc.add_paragraph("{{ case.heading }}", style="Heading 2")
    labelled(doc, t["kind"], "{{ case.kind }}")
    tag(doc, "{%p if case.presenter %}")
    labelled(doc, t["presenter"], "{{ case.presenter }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if case.summary %}")
    tag(doc, "{{p case.summary }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if case.proposal %}")
    doc.add_paragraph(t["proposal"], style="Heading 3")
    tag(doc, "{{p case.proposal }}")
    tag(doc, "{%p endif %}")
    bullet_section(doc, t["attachments"], "Heading 3", "case.attachments", "name")
    tag(doc, "{%p endfor %}")
    bullet_section(doc, t["follow_ups_due"], "Heading 1", "follow_ups", "item")
    bullet_section(doc, t["deadlines"], "Heading 1", "deadlines", "item")
    doc.add_paragraph(t["invited"], style="Heading 1")
    tag(doc, "{%p for group in invited %}")
    labelled(doc, "{{ group.organisation }}", "{{ group.names }}", style="Normal")
    tag(doc, "{%p endfor %}")
    doc.add_paragraph(t["notice"])
    return doc


def _letterhead(doc, t: dict[str, str]) -> None:
    """Sender, recipient, date and reference, as a letter starts."""
    head = doc.add_paragraph(style="Brevhode")
    head.add_run("{{ letterhead.organisation }}").bold = True
    doc.add_paragraph("{{ letterhead.forum }}", style="Møtedata")
    doc.add_paragraph("", style="Møtedata")
    doc.add_paragraph("{{ recipient }}", style="Møtedata")
    doc.add_paragraph("", style="Møtedata")
    labelled(doc, t["date"], "{{ date }}")
    labelled(doc, t["our_ref"], "{{ reference }}")


def _signature(doc, t: dict[str, str]) -> None:
    doc.add_paragraph(t["regards"])
    doc.add_paragraph("{{ signature.name }}", style="Møtedata")
    doc.add_paragraph("{{ signature.role }}", style="Møtedata")


def innstilling(t: dict[str, str]) -> Document:
    """templates/innstilling.docx: the forum's recommendation to Statsforvalteren."""
    doc = base_document(t["lang"])
    _letterhead(doc, t)
    doc.add_paragraph("{{ subject }}", style="Heading 1")
    doc.add_paragraph("{{ intro }}")
    tag(doc, "{%p for table in tables %}")
    tag(doc, "{{p table }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if chart %}")
    tag(doc, "{{p chart }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if decision %}")
    doc.add_paragraph(t["decision"], style="Heading 2")
    tag(doc, "{{p decision }}")
    tag(doc, "{%p endif %}")
    _signature(doc, t)
    doc.add_paragraph(t["appendix"], style="Heading 2").paragraph_format.page_break_before = True
    tag(doc, "{%p for line in explanation %}")
    doc.add_paragraph("{{ line }}", style="Utregning")
    tag(doc, "{%p endfor %}")
    return doc


def brev(t: dict[str, str]) -> Document:
    """templates/brev.docx: one recipient's amounts and conditions."""
    doc = base_document(t["lang"])
    _letterhead(doc, t)
    doc.add_paragraph("{{ subject }}", style="Heading 1")
    doc.add_paragraph("{{ intro }}")
    tag(doc, "{{p amounts }}")
    doc.add_paragraph(t["conditions"], style="Heading 2")
    tag(doc, "{%p for item in conditions %}")
    doc.add_paragraph("{{ item }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    _signature(doc, t)
    return doc


TEMPLATES = {"referat": referat, "innkalling": innkalling, "innstilling": innstilling, "brev": brev}

LABELS = {
    "nb": {
        "minutes_of": 'Referat fra',
        "invitation_to": 'Innkalling til',
        "date": 'Dato',
        "time": 'Tid',
        "place": 'Sted',
        "chair": 'Møteleder',
        "referent": 'Referent',
        "participants": 'Deltakere',
        "absent": 'Forfall',
        "secretariat": 'Sekretariat',
        "guests": 'Gjester',
        "observers": 'Observatører',
        "no_roster": 'Deltakerliste er ikke ført for dette møtet.',
        "cases": 'Saker',
        "moved": 'Saken ble flyttet til møtet {{ case.moved_to }}.',
        "decision": 'Vedtak',
        "follow_up": 'Oppfølging',
        "the_cases": 'Sakene',
        "kind": 'Type sak',
        "presenter": 'Innleder',
        "proposal": 'Forslag til vedtak',
        "attachments": 'Vedlegg',
        "follow_ups_due": 'Oppfølging fra tidligere møter',
        "deadlines": 'Frister',
        "invited": 'Innkalt',
        "notice": 'Forfall meldes til sekretariatet så snart som mulig.',
        "our_ref": "Vår ref.",
        "regards": "Med hilsen",
        "appendix": "Vedlegg: Utregning",
        "conditions": "Vilkår",
        "introduction": "Innledning",
        "agenda": "Saksliste",
        "lang": "nb-NO",
    },
    "nn": {
        "minutes_of": 'Referat frå',
        "invitation_to": 'Innkalling til',
        "date": 'Dato',
        "time": 'Tid',
        "place": 'Stad',
        "chair": 'Møteleiar',
        "referent": 'Referent',
        "participants": 'Deltakarar',
        "absent": 'Forfall',
        "secretariat": 'Sekretariat',
        "guests": 'Gjestar',
        "observers": 'Observatørar',
        "no_roster": 'Deltakarliste er ikkje ført for dette møtet.',
        "cases": 'Saker',
        "moved": 'Saka vart flytta til møtet {{ case.moved_to }}.',
        "decision": 'Vedtak',
        "follow_up": 'Oppfølging',
        "the_cases": 'Sakene',
        "kind": 'Type sak',
        "presenter": 'Innleiar',
        "proposal": 'Forslag til vedtak',
        "attachments": 'Vedlegg',
        "follow_ups_due": 'Oppfølging frå tidlegare møte',
        "deadlines": 'Fristar',
        "invited": 'Innkalla',
        "notice": 'Forfall skal meldast til sekretariatet så snart som mogleg.',
        "our_ref": "Vår ref.",
        "regards": "Med helsing",
        "appendix": "Vedlegg: Utrekning",
        "conditions": "Vilkår",
        "introduction": "Innleiing",
        "agenda": "Saksliste",
        "lang": "nn-NO",
    },
}


def main(names: list[str]) -> None:
    """Write each template in bokmål (here) and nynorsk (in nn/)."""
    if LABELS["nb"].keys() != LABELS["nn"].keys():
        raise SystemExit(f"wordings missing in one standard: {sorted(LABELS['nb'].keys() ^ LABELS['nn'].keys())}")
    for lang, labels in LABELS.items():
        folder = HERE if lang == "nb" else HERE / lang
        folder.mkdir(exist_ok=True)
        for name in names or list(TEMPLATES):
            TEMPLATES[name](labels).save(folder / f"{name}.docx")
            print(f"wrote {(folder / name).relative_to(HERE.parent)}.docx")


if __name__ == "__main__":
    main(sys.argv[1:])
