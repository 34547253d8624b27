"""The four starter templates (minutes, agenda, recommendation, letter), built with python-docx.

Each paragraph that holds only a `{%p ... %}` or `{{p ... }}` tag is one docxtpl removes or
fills; the fixed text comes from labels.<lang>.yaml. Tags are documented in templates/README.md.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import RGBColor

from .styles import base_document


def labelled(doc, label: str, value: str, style: str = "Møtedata", keep: bool = False) -> None:
    """A paragraph `Label: value` with the label in bold; `keep`: kept with the next paragraph."""
    para = doc.add_paragraph(style=style)
    para.add_run(f"{label}: ").bold = True
    para.add_run(value)
    para.paragraph_format.keep_with_next = keep or None


def tag(doc, text: str) -> None:
    """A paragraph that holds only a docxtpl tag (`{%p ... %}` or `{{p ... }}`)."""
    doc.add_paragraph(text)


def rich_if(doc, expr: str, heading: str | None = None, style: str = "Heading 3") -> None:
    """Rich content `expr` (Markdown, a chart) under an optional heading, all left out when empty."""
    tag(doc, f"{{%p if {expr} %}}")
    if heading:
        doc.add_paragraph(heading, style=style)
    tag(doc, f"{{{{p {expr} }}}}")
    tag(doc, "{%p endif %}")


def text_if(doc, expr: str, style: str = "Møtedata") -> None:
    """A line of text `expr`, left out when empty."""
    tag(doc, f"{{%p if {expr} %}}")
    doc.add_paragraph(f"{{{{ {expr} }}}}", style=style)
    tag(doc, "{%p endif %}")


def rich_each(doc, var: str, expr: str) -> None:
    """Each rich item (a table, a vote) of the list `expr`."""
    tag(doc, f"{{%p for {var} in {expr} %}}")
    tag(doc, f"{{{{p {var} }}}}")
    tag(doc, "{%p endfor %}")


def lines_each(doc, expr: str, style: str | None = None) -> None:
    """One paragraph per line of the list `expr`."""
    tag(doc, f"{{%p for line in {expr} %}}")
    doc.add_paragraph("{{ line }}", style=style)
    tag(doc, "{%p endfor %}")


def marking(section) -> None:
    """A page-header line for the document's marking (UTKAST, Offentlig versjon), empty when there is none.

    Why: it follows the shared letterhead's header, which every document takes (word/letterhead.py).
    """
    para = section.header.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = para.add_run("{{ marking }}")
    run.bold, run.font.color.rgb = True, RGBColor(0xA0, 0x1C, 0x1C)


def bullet_section(doc, heading: str, style: str, expr: str, var: str = "item") -> None:
    """A heading and one bullet per item of the list `expr`, all left out when the list is empty."""
    tag(doc, f"{{%p if {expr} %}}")
    doc.add_paragraph(heading, style=style)
    tag(doc, f"{{%p for {var} in {expr} %}}")
    doc.add_paragraph(f"{{{{ {var} }}}}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def meeting_document(t: dict[str, str], title: str, people: tuple[str, ...], record: bool = False) -> Document:
    """A new document headed by its title and the forum, then date, time, place and the named roles.

    With `record`, the minutes' marking ("Referat ikke ført") and what is missing come first.
    """
    doc = base_document(t["lang"])
    marking(doc.sections[0])
    doc.add_paragraph(f"{title} {{{{ forum.name }}}}", style="Title")
    tag(doc, "{%p if forum.long_name %}")
    doc.add_paragraph("{{ forum.long_name }}", style="Subtitle")
    tag(doc, "{%p endif %}")
    if record:
        tag(doc, "{%p if record.marking %}")
        doc.add_paragraph(style="Møtedata").add_run("{{ record.marking }}").bold = True
        tag(doc, "{%p endif %}")
        text_if(doc, "record.missing")
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
    doc = meeting_document(t, t["minutes_of"], ("chair", "referent"), record=True)
    text_if(doc, "approval")
    lines_each(doc, "corrections", "Møtedata")

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
    rich_if(doc, "meeting.note", t["introduction"], "Heading 1")

    doc.add_paragraph(t["cases"], style="Heading 1")
    tag(doc, "{%p for case in cases %}")
    doc.add_paragraph("{{ case.heading }}", style="Heading 2")
    tag(doc, "{%p if case.moved_to %}")
    doc.add_paragraph(t["moved"])
    tag(doc, "{%p endif %}")
    lines_each(doc, "case.conflicts")
    rich_if(doc, "case.text")
    rich_each(doc, "table", "case.tables")
    rich_each(doc, "vote", "case.votes")
    lines_each(doc, "case.vote_notes")
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
    doc.add_paragraph("{{ opening }}")
    doc.add_paragraph("{{ absence }}")
    rich_if(doc, "invitation")
    doc.add_paragraph(t["agenda"], style="Heading 1")
    tag(doc, "{{p agenda }}")
    doc.add_paragraph(t["the_cases"], style="Heading 1")
    tag(doc, "{%p for case in cases %}")
    doc.add_paragraph("{{ case.heading }}", style="Heading 2")
    labelled(doc, t["kind"], "{{ case.kind }}", keep=True)  # Why keep: a case's head never ends a page alone
    tag(doc, "{%p if case.presenter %}")
    labelled(doc, t["presenter"], "{{ case.presenter }}", keep=True)
    tag(doc, "{%p endif %}")
    rich_if(doc, "case.summary")
    rich_if(doc, "case.proposal", t["proposal"])
    rich_each(doc, "table", "case.tables")
    bullet_section(doc, t["attachments"], "Heading 3", "case.attachments", "name")
    tag(doc, "{%p endfor %}")
    bullet_section(doc, t["follow_ups_due"], "Heading 1", "follow_ups", "item")
    bullet_section(doc, t["deadlines"], "Heading 1", "deadlines", "item")
    doc.add_paragraph(t["invited"], style="Heading 1")
    tag(doc, "{%p for group in invited %}")
    labelled(doc, "{{ group.organisation }}", "{{ group.names }}", style="Normal")
    tag(doc, "{%p endfor %}")
    return doc


def _letter_head(doc, t: dict[str, str]) -> None:
    """Sender, addressee (v/ contact, address), then the reference block, as a public letter starts.

    Why the forum, not the organisation: the letterhead's header already names the organisation.
    """
    doc.add_paragraph("{{ letterhead.forum }}", style="Brevhode")
    _optional(doc, "letterhead.contact", "{{ letterhead.contact }}")
    doc.add_paragraph("", style="Møtedata")
    doc.add_paragraph("{{ addressee.name }}", style="Møtedata")
    _optional(doc, "addressee.contact", "v/ {{ addressee.contact }}")
    tag(doc, "{%p for line in addressee.address %}")
    doc.add_paragraph("{{ line }}", style="Møtedata")
    tag(doc, "{%p endfor %}")
    doc.add_paragraph("", style="Møtedata")
    labelled(doc, t["our_date"], "{{ date }}")
    labelled(doc, t["our_ref"], "{{ reference }}")
    for label, value in (("their_date", "their_date"), ("their_ref", "their_reference")):  # Why: most letters answer no one
        tag(doc, f"{{%p if {value} %}}")
        labelled(doc, t[label], f"{{{{ {value} }}}}")
        tag(doc, "{%p endif %}")
    tag(doc, "{%p if caseworker %}")
    labelled(doc, t["caseworker"], "{{ caseworker }}")
    tag(doc, "{%p endif %}")


def _optional(doc, expr: str, text: str) -> None:
    """One header line, left out when `expr` is empty."""
    tag(doc, f"{{%p if {expr} %}}")
    doc.add_paragraph(text, style="Møtedata")
    tag(doc, "{%p endif %}")


def _signature(doc, t: dict[str, str]) -> None:
    """Greeting, each signatory with a title, the electronic approval line, and the copies.

    Why keep with next: the greeting, the names, the approval line and the copy line stay on one page.
    """
    kept = [doc.add_paragraph(t["regards"])]
    tag(doc, "{%p for person in signature.signatories %}")
    kept += [doc.add_paragraph(text, style="Møtedata") for text in ("", "{{ person.name }}", "{{ person.title }}")]
    for para in kept:
        para.paragraph_format.keep_with_next = True
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if signature.electronic %}")
    approval = doc.add_paragraph()
    approval.add_run("{{ signature.electronic }}").italic = True
    approval.paragraph_format.keep_with_next = True
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if copy_to %}")
    labelled(doc, t["copy_to"], "{{ copy_to }}", style="Normal")
    tag(doc, "{%p endif %}")


def innstilling(t: dict[str, str]) -> Document:
    """templates/innstilling.docx: the forum's recommendation to Statsforvalteren."""
    doc = base_document(t["lang"])
    _letter_head(doc, t)
    doc.add_paragraph("{{ subject }}", style="Heading 1")
    doc.add_paragraph("{{ intro }}")
    rich_each(doc, "table", "tables")
    rich_if(doc, "chart")
    rich_if(doc, "decision", t["decision"], "Heading 2")
    _signature(doc, t)
    doc.add_paragraph(t["appendix"], style="Heading 2").paragraph_format.page_break_before = True
    rich_each(doc, "table", "explanation")
    return doc


def brev(t: dict[str, str]) -> Document:
    """templates/brev.docx: one recipient's amounts and conditions."""
    doc = base_document(t["lang"])
    _letter_head(doc, t)
    doc.add_paragraph("{{ subject }}", style="Heading 1")
    doc.add_paragraph("{{ intro }}")
    rich_each(doc, "table", "amounts")
    doc.add_paragraph(t["conditions"], style="Heading 2")
    tag(doc, "{%p for item in conditions %}")
    tag(doc, "{%p if not loop.last %}")
    doc.add_paragraph("{{ item }}", style="List Bullet")
    tag(doc, "{%p else %}")  # Why: the last condition goes with the greeting, so no page holds the signature alone
    doc.add_paragraph("{{ item }}", style="List Bullet").paragraph_format.keep_with_next = True
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    _signature(doc, t)
    return doc


TEMPLATES = {"referat": referat, "innkalling": innkalling, "innstilling": innstilling, "brev": brev}
