"""Markdown -> Word through a real docxtpl render, checked on the saved file."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Cm, Pt, RGBColor
from docxtpl import DocxTemplate
from lxml import etree

from rekom_docs.word.markdown import (
    MarkdownStyles,
    MissingStyleError,
    add_markdown,
    missing_styles,
    render_markdown,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}

MINUTES = """\
Målgruppen for kompetanseløftet er ledere og ansatte[^1] i barnehager, skoler, SFO, PP-tjenesten og andre i laget rundt barnet.

[^1]: Herunder også lærlinger og lærekandidater.

- Filmer fra konferansen er publisert her: https://www.udir.no/kvalitet-og-kompetanse/
- Referatet fra forrige møte er **godkjent**.

1. Hva kan gjøres lokalt?
2. Kan vi avslutte fellestiltaket?
   - i så fall tas det ut av langsiktig plan
"""


def w(tag: str) -> str:
    """Clark name of a w: tag or attribute."""
    return f"{{{W}}}{tag}"


def make_template(path: Path, body: str = "{{p body}}", drop: tuple[str, ...] = ()) -> Path:
    """A template like the bundled ones: python-docx defaults + link/footnote styles, A4."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    styles = doc.styles
    styles["Normal"].font.name = "Carlito"  # Why: the body font the bundled templates use and tables are measured in
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.underline = True
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    note = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = styles["Normal"]
    note.font.size = Pt(9)
    ref = styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
    ref.font.superscript = True
    for name in drop:
        styles[name].element.getparent().remove(styles[name].element)
    doc.add_paragraph("Referat", style="Heading 1")
    doc.add_paragraph(body)
    doc.add_paragraph("Slutt på saken.")
    doc.save(path)
    return path


@pytest.fixture
def template(tmp_path: Path) -> Path:
    """Path of a fresh template containing `{{p body}}`."""
    return make_template(tmp_path / "template.docx")


def render(template: Path, text: str, tmp_path: Path, styles: MarkdownStyles | None = None) -> Path:
    """Render `text` into the template with docxtpl and save; returns the output path."""
    tpl = DocxTemplate(str(template))
    tpl.render({"body": render_markdown(tpl, text, styles)})
    out = tmp_path / "out.docx"
    tpl.save(out)
    return out


def body_paragraphs(path: Path) -> list:
    """The saved document's body paragraphs (python-docx)."""
    return Document(str(path)).paragraphs


def part_xml(path: Path, name: str) -> etree._Element:
    """One part of the saved package, parsed."""
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def numbering(p) -> tuple[int, int] | None:
    """(numId, ilvl) of a paragraph's own numPr."""
    num = p._p.xpath("./w:pPr/w:numPr")
    if not num:
        return None
    return int(num[0].xpath("./w:numId/@w:val")[0]), int(num[0].xpath("./w:ilvl/@w:val")[0])


# --- paragraphs and runs --------------------------------------------------------------


def test_paragraph_replaces_tag_and_keeps_template_text(template, tmp_path):
    paras = body_paragraphs(render(template, "Første avsnitt.\n\nAndre avsnitt.", tmp_path))
    texts = [p.text for p in paras]
    assert texts == ["Referat", "Første avsnitt.", "Andre avsnitt.", "Slutt på saken."]
    assert paras[1].style.name == "Body Text"
    assert "{{" not in "".join(texts)


def test_body_style_falls_back_to_normal(tmp_path):
    tpl_path = make_template(tmp_path / "t.docx", drop=("Body Text",))
    paras = body_paragraphs(render(tpl_path, "Tekst.", tmp_path))
    assert paras[1].style.name == "Normal"


def test_soft_line_breaks_become_spaces_and_hard_breaks_w_br(template, tmp_path):
    paras = body_paragraphs(render(template, "en\nto  \ntre", tmp_path))
    p = paras[1]
    assert p._p.xpath(".//w:br")
    assert p.text == "en to\ntre"
    assert "\n" not in "".join(p._p.xpath(".//w:t/text()"))


def test_bold_italic_code(template, tmp_path):
    paras = body_paragraphs(render(template, "a **fet** b *kursiv* c ***begge*** `kode`", tmp_path))
    runs = {r.text: r for r in paras[1].runs}
    assert runs["fet"].bold and not runs["fet"].italic
    assert runs["kursiv"].italic and not runs["kursiv"].bold
    assert runs["begge"].bold and runs["begge"].italic
    assert runs["kode"].font.name == "Courier New"
    assert not runs["a "].bold


def test_ampersand_angle_brackets_and_braces_survive(template, tmp_path):
    text = "Barnehage & skole < 5 > 3, <b>ikke html</b>, `a<b && c`, {{ ikke jinja }} {% x %}"
    paras = body_paragraphs(render(template, text, tmp_path))
    assert paras[1].text == "Barnehage & skole < 5 > 3, <b>ikke html</b>, a<b && c, {{ ikke jinja }} {% x %}"


def test_headings(template, tmp_path):
    paras = body_paragraphs(render(template, "# Sak 1\n\n### Under\n\nTekst", tmp_path))
    assert [(p.style.name, p.text) for p in paras[1:4]] == [
        ("Heading 1", "Sak 1"), ("Heading 3", "Under"), ("Body Text", "Tekst")]


def test_headings_and_bold_line_headings_keep_with_next_whatever_the_style_says(template, tmp_path):
    text = "# Sak 1\n\n#### Dypt\n\n**Fet linje**\n\nTekst"
    paras = body_paragraphs(render(template, text, tmp_path, MarkdownStyles(subheading=2)))
    kept = {p.text: bool(p._p.xpath("./w:pPr/w:keepNext")) for p in paras}
    assert kept["Sak 1"] and kept["Dypt"] and kept["Fet linje"] and not kept["Tekst"]


def test_an_item_with_sub_items_keeps_with_them(template, tmp_path):
    text = "- Fosen:\n  - Rissa\n  - Ørland\n- Gauldal\n\n1. Loose intro\n\n   - sub\n\n2. Last"
    paras = body_paragraphs(render(template, text, tmp_path))
    kept = {p.text: bool(p._p.xpath("./w:pPr/w:keepNext")) for p in paras}
    assert kept["Fosen:"] and kept["Loose intro"]
    assert not any(kept[t] for t in ("Rissa", "Ørland", "Gauldal", "sub", "Last"))


def test_a_paragraph_that_introduces_a_list_or_table_keeps_with_it(template, tmp_path):
    text = "Fordelt som i tabellene:\n\n- Fosen\n- Gauldal\n\nSe tabellen:\n\n| A | B |\n|---|--:|\n| x | 1 |\n\n" \
           "Et avsnitt.\n\n- punkt\n\nSlutt:"
    paras = body_paragraphs(render(template, text, tmp_path))
    kept = {p.text: bool(p._p.xpath("./w:pPr/w:keepNext")) for p in paras}
    assert kept["Fordelt som i tabellene:"] and kept["Se tabellen:"]
    assert not kept["Et avsnitt."] and not kept["Slutt:"]


def test_heading_offset(template, tmp_path):
    paras = body_paragraphs(render(template, "# Sak", tmp_path, MarkdownStyles(heading_offset=1)))
    assert paras[1].style.name == "Heading 2"


# --- hyperlinks -----------------------------------------------------------------------


def test_markdown_link_and_bare_url_are_w_hyperlinks(template, tmp_path):
    text = "Se [referatet](https://x.no/?a=1&b=2) og https://www.udir.no/kvalitet-og-kompetanse/."
    out = render(template, text, tmp_path)
    doc = Document(str(out))
    p = doc.paragraphs[1]
    links = p._p.xpath("./w:hyperlink")
    assert len(links) == 2
    rels = doc.part.rels
    urls = [rels[link.get(f"{{{R}}}id")].target_ref for link in links]
    assert urls == ["https://x.no/?a=1&b=2", "https://www.udir.no/kvalitet-og-kompetanse/"]
    assert all(rels[link.get(f"{{{R}}}id")].reltype == RT.HYPERLINK for link in links)
    assert all(rels[link.get(f"{{{R}}}id")].is_external for link in links)
    link_runs = links[0].xpath(".//w:r")
    assert link_runs[0].xpath("./w:rPr/w:rStyle/@w:val") == ["Hyperlink"]
    assert p.text.endswith("kvalitet-og-kompetanse/.")  # trailing full stop not in the link
    assert "".join(links[1].xpath(".//w:t/text()")) == "https://www.udir.no/kvalitet-og-kompetanse/"


def test_bold_inside_link(template, tmp_path):
    p = body_paragraphs(render(template, "[**viktig** lenke](https://a.no)", tmp_path))[1]
    runs = p._p.xpath("./w:hyperlink/w:r")
    assert runs[0].xpath("./w:rPr/w:b") and runs[0].xpath("./w:rPr/w:rStyle/@w:val") == ["Hyperlink"]


# --- lists ----------------------------------------------------------------------------


def test_minutes_example_lists(template, tmp_path):
    paras = body_paragraphs(render(template, MINUTES, tmp_path))
    by_text = {p.text: p for p in paras}
    bullet = by_text["Filmer fra konferansen er publisert her: https://www.udir.no/kvalitet-og-kompetanse/"]
    assert bullet.style.name == "List Bullet"
    assert by_text["Referatet fra forrige møte er godkjent."].style.name == "List Bullet"
    first = by_text["Hva kan gjøres lokalt?"]
    second = by_text["Kan vi avslutte fellestiltaket?"]
    nested = by_text["i så fall tas det ut av langsiktig plan"]
    assert first.style.name == second.style.name == "List Number"
    assert numbering(first) == numbering(second)
    assert nested.style.name == "List Bullet 2"
    assert numbering(nested) is not None and numbering(nested)[0] != numbering(first)[0]
    order = [p.text for p in paras]
    assert order.index(second.text) + 1 == order.index(nested.text)


def test_numbered_lists_restart(template, tmp_path):
    text = "1. a\n2. b\n\nMellomtekst.\n\n1. c\n2. d\n\n## Overskrift\n\n5. fem\n6. seks"
    out = render(template, text, tmp_path)
    paras = {p.text: p for p in body_paragraphs(out)}
    ids = [numbering(paras[t])[0] for t in ("a", "c", "fem")]
    assert numbering(paras["a"]) == numbering(paras["b"])
    assert len(set(ids)) == 3
    num_xml = part_xml(out, "word/numbering.xml")
    abstract = set()
    for num_id, start in zip(ids, (1, 1, 5)):
        num = num_xml.xpath(f'w:num[@w:numId="{num_id}"]', namespaces=NS)[0]
        assert num.xpath("w:lvlOverride[@w:ilvl='0']/w:startOverride/@w:val", namespaces=NS) == [str(start)]
        abstract.add(num.xpath("w:abstractNumId/@w:val", namespaces=NS)[0])
    assert len(abstract) == 1  # all instances of the "List Number" definition


def test_nested_levels_and_deeper_than_styles(template, tmp_path):
    text = "- en\n  - to\n    - tre\n      - fire\n- fem"
    paras = {p.text: p for p in body_paragraphs(render(template, text, tmp_path))}
    assert [paras[t].style.name for t in ("en", "to", "tre", "fire", "fem")] == [
        "List Bullet", "List Bullet 2", "List Bullet 3", "List Bullet 3", "List Bullet"]
    for t in ("en", "to", "tre", "fire"):
        assert paras[t]._p.xpath("./w:pPr/w:numPr/w:ilvl/@w:val") == ["0"]  # style's level
    # level 4 has no style: the level-3 style with more indentation
    assert int(paras["fire"]._p.xpath("./w:pPr/w:ind/@w:left")[0]) == 1080 + 360
    assert not paras["tre"]._p.xpath("./w:pPr/w:ind")


def test_nested_numbered_list_restarts_per_parent(template, tmp_path):
    text = "1. A\n   1. a1\n   2. a2\n2. B\n   1. b1"
    paras = {p.text: p for p in body_paragraphs(render(template, text, tmp_path))}
    assert paras["a1"].style.name == "List Number 2"
    assert numbering(paras["a1"]) == numbering(paras["a2"])
    assert numbering(paras["a1"])[0] != numbering(paras["b1"])[0]
    assert numbering(paras["A"]) == numbering(paras["B"])


def test_loose_list_item_with_second_paragraph(template, tmp_path):
    text = "1. Første punkt\n\n   Mer tekst om punktet.\n\n2. Andre"
    paras = body_paragraphs(render(template, text, tmp_path))
    more = next(p for p in paras if p.text == "Mer tekst om punktet.")
    assert numbering(more) is None
    assert more._p.xpath("./w:pPr/w:ind/@w:left") == ["360"]  # aligned with the item text


def num_format(out: Path, p) -> tuple[str, str, str]:
    """(w:numFmt, w:lvlText, startOverride) of the list level a paragraph is numbered with."""
    num_id, ilvl = numbering(p)
    num_xml = part_xml(out, "word/numbering.xml")
    num = num_xml.xpath(f'w:num[@w:numId="{num_id}"]', namespaces=NS)[0]
    abstract = num.xpath("w:abstractNumId/@w:val", namespaces=NS)[0]
    lvl = num_xml.xpath(f'w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl[@w:ilvl="{ilvl}"]',
                        namespaces=NS)[0]
    start = num.xpath(f"w:lvlOverride[@w:ilvl='{ilvl}']/w:startOverride/@w:val", namespaces=NS)
    return (lvl.xpath("w:numFmt/@w:val", namespaces=NS)[0], lvl.xpath("w:lvlText/@w:val", namespaces=NS)[0],
            start[0] if start else "")


def test_items_after_a_nested_list_and_its_paragraph_stay_items(template, tmp_path):
    # 2022-03-09, case 8/2022: a paragraph closing an item's sub-list swallowed the next items
    text = (
        "- Innherred: 15 barnehager deltar.\n"
        "- Trøndelag sørvest:\n"
        "  - Tiltak I: gruppe 1, 16 kommunale barnehager,\n"
        "    med DMMH som partner.\n"
        "  - Tiltak II: gruppe 2.\n"
        "\n"
        "  I tillegg bruker nettverket tidligere tildelte midler.\n"
        "- Værnes: våren 2022 starter 18 barnehager\n"
        "  med ledelse av pedagogiske prosesser.\n"
        "- Fosen:\n"
        "  - Tiltak I: 10 barnehager.\n"
        "\n"
        "  I tillegg bruker partnerskapet tidligere midler.\n"
        "- Gauldal: flere barnehager.\n"
    )
    paras = body_paragraphs(render(template, text, tmp_path))
    texts = [p.text for p in paras]
    assert not any(" - " in t for t in texts)
    by_text = {p.text: p for p in paras}
    top = ["Innherred: 15 barnehager deltar.", "Trøndelag sørvest:",
           "Værnes: våren 2022 starter 18 barnehager med ledelse av pedagogiske prosesser.",
           "Fosen:", "Gauldal: flere barnehager."]
    assert [by_text[t].style.name for t in top] == ["List Bullet"] * 5
    assert len({numbering(by_text[t]) for t in top}) == 1
    assert by_text["Tiltak II: gruppe 2."].style.name == "List Bullet 2"
    closing = by_text["I tillegg bruker nettverket tidligere tildelte midler."]
    assert numbering(closing) is None and closing._p.xpath("./w:pPr/w:ind/@w:left") == ["360"]
    assert texts.index(closing.text) + 1 == texts.index(top[2])


def test_date_at_the_start_of_a_bullet_item_stays_text(template, tmp_path):
    # 2022-01-13: "- 15. januar 2022: ..." became an empty bullet and a list starting at 15
    text = (
        "**Frister**\n\n"
        "- 15. januar 2022: frist for å rapportere.\n"
        "  Rapporteringsmalen fulgte e-posten.\n"
        "- 1. februar 2022: frist for beslutningsgrunnlag.\n\n"
        "Estimerte tall, slik de var kjent per\n"
        "1. februar, står i tabellen.\n"
    )
    out = render(template, text, tmp_path)
    paras = body_paragraphs(out)
    assert [(p.style.name, p.text) for p in paras[1:-1]] == [
        ("Body Text", "Frister"),
        ("List Bullet", "15.\u00a0januar 2022: frist for å rapportere. Rapporteringsmalen fulgte e-posten."),
        ("List Bullet", "1.\u00a0februar 2022: frist for beslutningsgrunnlag."),
        ("Body Text", "Estimerte tall, slik de var kjent per 1.\u00a0februar, står i tabellen."),
    ]
    assert "\\" not in "".join(p.text for p in paras)
    assert not part_xml(out, "word/numbering.xml").xpath("//w:startOverride", namespaces=NS)


def test_numbered_item_after_a_continuation_paragraph_keeps_its_number(template, tmp_path):
    # 2024-03-07, case 9/2024: "2. ..." ran into the second paragraph of item 1
    text = (
        "To tiltak er prioritert:\n\n"
        "1. *Fagbrev.* Assistenter kan ta fagbrev\n"
        "   ved siden av jobben.\n\n"
        "   Barnehagen kan kontakte leder. Fristen er\n"
        "   1. februar hvert år.\n"
        "2. *Tilretteleggingsmidler.* Eiere kan få midler.\n"
        "3. Annet.\n"
    )
    out = render(template, text, tmp_path)
    paras = body_paragraphs(out)
    assert [(p.style.name, p.text) for p in paras[1:-1]] == [
        ("Body Text", "To tiltak er prioritert:"),
        ("List Number", "Fagbrev. Assistenter kan ta fagbrev ved siden av jobben."),
        ("Body Text", "Barnehagen kan kontakte leder. Fristen er 1.\u00a0februar hvert år."),
        ("List Number", "Tilretteleggingsmidler. Eiere kan få midler."),
        ("List Number", "Annet."),
    ]
    first, more, second, third = paras[2:6]
    assert numbering(first) == numbering(second) == numbering(third)  # one list: 1., 2., 3.
    assert numbering(more) is None and more._p.xpath("./w:pPr/w:ind/@w:left") == ["360"]
    assert num_format(out, first) == ("decimal", "%1.", "1")


def test_lettered_lines_are_a_lettered_list(template, tmp_path):
    # 2024-03-07, cases 9/2024 and 11/2024: "a) ..." lines ran together into one paragraph
    text = (
        "Stikkord:\n\n"
        "a) Hvordan er tiltakene forankret i lokale behov,\n"
        "   og i tråd med planen?\n"
        "b) Hvordan gir tiltakene kollektiv læring?\n"
        "c) Hvordan fordeles midlene?\n\n"
        "1. *Fagbrev.* Assistenter kan ta fagbrev på to måter:\n"
        "   a) praksiskandidatordningen, for assistenter med\n"
        "      fem års erfaring;\n"
        "   b) fagbrev på jobb.\n"
        "2. *Tilretteleggingsmidler.*\n\n"
        "Gruppearbeidet gjaldt a) ny ordlyd, b) fast sum og\n"
        "c) dissensene i høringssvarene.\n"
    )
    out = render(template, text, tmp_path)
    paras = body_paragraphs(out)
    by_text = {p.text: p for p in paras}
    letters = [by_text[t] for t in ("Hvordan er tiltakene forankret i lokale behov, og i tråd med planen?",
                                    "Hvordan gir tiltakene kollektiv læring?", "Hvordan fordeles midlene?")]
    assert [p.style.name for p in letters] == ["List Number"] * 3
    assert len({numbering(p) for p in letters}) == 1
    assert num_format(out, letters[0]) == ("lowerLetter", "%1)", "1")
    nested = [by_text["praksiskandidatordningen, for assistenter med fem års erfaring;"],
              by_text["fagbrev på jobb."]]
    assert [p.style.name for p in nested] == ["List Number 2"] * 2
    assert numbering(nested[0]) == numbering(nested[1]) != numbering(letters[0])
    assert num_format(out, nested[0]) == ("lowerLetter", "%1)", "1")
    item1 = by_text["Fagbrev. Assistenter kan ta fagbrev på to måter:"]
    assert numbering(by_text["Tilretteleggingsmidler."]) == numbering(item1)
    assert num_format(out, item1) == ("decimal", "%1.", "1")
    # an enumeration inside a sentence that wraps at "c)" stays one paragraph
    assert by_text["Gruppearbeidet gjaldt a) ny ordlyd, b) fast sum og c) dissensene i høringssvarene."]
    assert "\ue000" not in "".join(p.text for p in paras)
    # one lettered definition per list style, shared by both lettered lists of that style
    abstracts = part_xml(out, "word/numbering.xml").xpath("w:abstractNum[w:name]", namespaces=NS)
    assert len(abstracts) == 2


def test_numbered_then_lettered_items_are_two_lists(template, tmp_path):
    out = render(template, "1. en\n2. to\na) a\nb) b", tmp_path)
    paras = {p.text: p for p in body_paragraphs(out)}
    assert numbering(paras["en"]) == numbering(paras["to"]) != numbering(paras["a"]) == numbering(paras["b"])
    assert num_format(out, paras["a"]) == ("lowerLetter", "%1)", "1")


# --- footnotes ------------------------------------------------------------------------


def test_footnote_is_a_real_word_footnote(template, tmp_path):
    out = render(template, MINUTES, tmp_path)
    doc = Document(str(out))
    refs = doc.element.body.xpath(".//w:footnoteReference")
    assert len(refs) == 1
    note_id = refs[0].get(w("id"))
    run = refs[0].getparent()
    assert run.xpath("./w:rPr/w:rStyle/@w:val") == ["FootnoteReference"]
    assert "".join(run.getparent().xpath(".//w:t/text()")).startswith("Målgruppen")
    notes = part_xml(out, "word/footnotes.xml")
    note = notes.xpath(f'w:footnote[@w:id="{note_id}"]', namespaces=NS)[0]
    assert "".join(note.xpath(".//w:t/text()", namespaces=NS)).strip() == "Herunder også lærlinger og lærekandidater."
    assert note.xpath("w:p[1]/w:pPr/w:pStyle/@w:val", namespaces=NS) == ["FootnoteText"]
    assert note.xpath("w:p[1]/w:r[1]/w:footnoteRef", namespaces=NS)
    assert notes.xpath("w:footnote[@w:type='separator']", namespaces=NS)
    assert notes.xpath("w:footnote[@w:type='continuationSeparator']", namespaces=NS)
    # relationship from the main part and content type override
    assert any(r.reltype == RT.FOOTNOTES for r in doc.part.rels.values())
    with zipfile.ZipFile(out) as z:
        types = z.read("[Content_Types].xml").decode()
    assert 'PartName="/word/footnotes.xml"' in types
    settings = part_xml(out, "word/settings.xml")
    assert settings.xpath("w:footnotePr/w:footnote/@w:id", namespaces=NS) == ["-1", "0"]


def test_footnote_with_link_relates_from_footnotes_part(template, tmp_path):
    text = "Tekst[^a] og mer[^b].\n\n[^a]: Se [kilden](https://k.no/a?x=1&y=2) & <mer>.\n[^b]: Andre note."
    out = render(template, text, tmp_path)
    notes = part_xml(out, "word/footnotes.xml")
    ids = [int(i) for i in Document(str(out)).element.body.xpath(".//w:footnoteReference/@w:id")]
    assert len(set(ids)) == 2 and min(ids) >= 1
    first = notes.xpath(f'w:footnote[@w:id="{ids[0]}"]', namespaces=NS)[0]
    assert "".join(first.xpath(".//w:t/text()", namespaces=NS)).strip() == "Se kilden & <mer>."
    rid = first.xpath(".//w:hyperlink/@r:id", namespaces=NS)[0]
    rels = part_xml(out, "word/_rels/footnotes.xml.rels")
    target = rels.xpath(f"//*[@Id='{rid}']")[0]
    assert target.get("Target") == "https://k.no/a?x=1&y=2" and target.get("TargetMode") == "External"


def test_template_with_existing_footnotes_part_is_extended(template, tmp_path):
    first = render(template, "En[^1].\n\n[^1]: Første.", tmp_path)
    again = tmp_path / "again"
    again.mkdir()
    out = render(first, "To[^1].\n\n[^1]: Andre.", again)
    notes = part_xml(out, "word/footnotes.xml")
    texts = ["".join(n.xpath(".//w:t/text()", namespaces=NS)).strip() for n in notes.xpath("w:footnote[not(@w:type)]", namespaces=NS)]
    assert texts == ["Første.", "Andre."]
    with zipfile.ZipFile(out) as z:
        assert sum(n == "word/footnotes.xml" for n in z.namelist()) == 1


def test_repeated_reference_gets_its_own_footnote(template, tmp_path):
    out = render(template, "A[^n] og B[^n].\n\n[^n]: Samme note.", tmp_path)
    ids = Document(str(out)).element.body.xpath(".//w:footnoteReference/@w:id")
    assert len(set(ids)) == 2
    notes = part_xml(out, "word/footnotes.xml")
    for note_id in ids:
        note = notes.xpath(f'w:footnote[@w:id="{note_id}"]', namespaces=NS)[0]
        assert "".join(note.xpath(".//w:t/text()", namespaces=NS)).strip() == "Samme note."


def test_two_subdocs_in_one_template_with_autoescape(tmp_path):
    tpl_path = make_template(tmp_path / "t.docx", body="{{p first}}")
    doc = Document(str(tpl_path))
    doc.add_paragraph("{{p second}}")
    doc.save(tpl_path)
    tpl = DocxTemplate(str(tpl_path))
    first = render_markdown(tpl, "1. a[^1] [x](https://x.no)\n\n[^1]: En.")
    second = render_markdown(tpl, "1. b[^1] [y](https://y.no)\n\n[^1]: To.")
    tpl.render({"first": first, "second": second}, autoescape=True)
    out = tmp_path / "two.docx"
    tpl.save(out)
    doc = Document(str(out))
    paras = {p.text: p for p in doc.paragraphs}
    assert numbering(paras["a x"])[0] != numbering(paras["b y"])[0]  # each list restarts
    ids = doc.element.body.xpath(".//w:footnoteReference/@w:id")
    assert len(set(ids)) == 2
    rids = doc.element.body.xpath(".//w:hyperlink/@r:id")
    assert [doc.part.rels[r].target_ref for r in rids] == ["https://x.no", "https://y.no"]


# --- tables ---------------------------------------------------------------------------

TABLE = """\
| Post | Beløp | Andel | Merknad |
|------|------:|-------|:-------:|
| Lønn & sosiale | 17 873 000 | 20 % | *ny* |
| Drift | -1 200,50 | 3,5 % | x |
"""


def test_table_header_style_and_alignment(template, tmp_path):
    out = render(template, "Budsjett:\n\n" + TABLE, tmp_path)
    doc = Document(str(out))
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.style.name == "Table Grid"
    header, first, _ = table.rows
    assert header._tr.xpath("./w:trPr/w:tblHeader")
    assert not first._tr.xpath("./w:trPr/w:tblHeader")
    assert [c.text for c in header.cells] == ["Post", "Beløp", "Andel", "Merknad"]
    assert all(r.bold for r in header.cells[0].paragraphs[0].runs)
    assert first.cells[0].text == "Lønn & sosiale"
    align = [c.paragraphs[0].alignment for c in first.cells]
    assert str(align[1]) .startswith("RIGHT") and str(align[2]).startswith("RIGHT")
    assert align[0] is None and str(align[3]).startswith("CENTER")
    assert str(header.cells[2].paragraphs[0].alignment).startswith("RIGHT")  # numeric column
    assert first.cells[3].paragraphs[0].runs[0].italic
    order = [child.tag.split("}")[1] for child in doc.element.body]
    assert order[:4] == ["p", "p", "tbl", "p"]


# --- missing styles ---------------------------------------------------------------------


def test_missing_style_is_a_clear_error(tmp_path):
    tpl_path = make_template(tmp_path / "t.docx", drop=("Footnote Text",))
    tpl = DocxTemplate(str(tpl_path))
    render_markdown(tpl, "Ingen fotnote her.")  # fine while not needed
    with pytest.raises(MissingStyleError, match="'Footnote Text'") as err:
        render_markdown(tpl, "Tekst[^1].\n\n[^1]: Note.")
    assert isinstance(err.value, ValueError) and err.value.style_name == "Footnote Text"


def test_missing_styles_report(tmp_path):
    assert missing_styles(Document(str(make_template(tmp_path / "a.docx")))) == []
    doc = Document()
    assert missing_styles(doc) == ["Hyperlink", "Footnote Text", "Footnote Reference"]


def test_add_markdown_into_plain_document(tmp_path):
    doc = Document(str(make_template(tmp_path / "t.docx")))
    add_markdown(doc, "Hei [lenke](https://a.no)[^1]\n\n[^1]: Note.\n\n1. a\n\n| A | B |\n|---|---|\n| 1 | 2 |")
    out = tmp_path / "plain.docx"
    doc.save(out)
    again = Document(str(out))
    assert [p.text for p in again.paragraphs][-2:] == ["Hei lenke", "a"]
    assert again.element.body[-1].tag == w("sectPr")
    assert again.element.body.xpath(".//w:footnoteReference")
    assert again.tables[0].rows[1].cells[0].text == "1"


def test_empty_text_removes_the_tag_paragraph(template, tmp_path):
    assert [p.text for p in body_paragraphs(render(template, "", tmp_path))] == ["Referat", "Slutt på saken."]


# --- the document as LibreOffice prints it ---------------------------------------------


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="needs LibreOffice and poppler")
def test_pdf_shows_footnote_link_and_list_numbers(template, tmp_path):
    text = MINUTES + "\nEt avsnitt.\n\n1. Ny liste\n2. To\n\na) Første bokstav\nb) Andre bokstav\n\n" + TABLE
    out = render(template, text, tmp_path)
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=120,
    )
    pdf = tmp_path / "out.pdf"
    words = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout
    assert "Herunder også lærlinger og lærekandidater." in words
    assert "https://www.udir.no/kvalitet-og-kompetanse/" in re.sub(r"\s+", "", words)  # may wrap
    assert re.search(r"^\s*2\.\s+Kan vi avslutte", words, re.M)
    assert re.search(r"^\s*1\.\s+Ny liste", words, re.M)  # the second list restarts
    assert re.search(r"^\s*b\)\s+Andre bokstav", words, re.M)  # a lettered list
    assert re.search(r"Lønn & sosiale\s+17 873 000", words)


def test_typed_amounts_and_percentages_get_no_break_spaces(template: Path, tmp_path: Path):
    out = render(template, "Hver får 10\n000 kr, det er 10 % av 1 555 500 kr i sak 4/2024 200 000 kr.", tmp_path)
    text = next(p.text for p in body_paragraphs(out) if p.text.startswith("Hver"))
    assert "10\u00a0000\u00a0kr" in text and "10\u00a0%" in text and "1\u00a0555\u00a0500\u00a0kr" in text
    assert "4/2024 200\u00a0000" in text  # a case number is not glued to the amount after it


def test_a_bold_line_becomes_a_heading_when_asked(template: Path, tmp_path: Path):
    text = "**a) Målgruppen**\n\nTekst med **uthevet** ord.\n\n**Merk:**\n\n- **Punkt**"
    out = render(template, text, tmp_path, MarkdownStyles(subheading=3))
    styles = {p.text: p.style.name for p in body_paragraphs(out)}
    assert styles["a) Målgruppen"] == "Heading 3"
    assert styles["Tekst med uthevet ord."] != "Heading 3" and styles["Merk:"] != "Heading 3"
    assert styles["Punkt"].startswith("List")
    plain = render(template, "**a) Målgruppen**", tmp_path)
    assert "Heading 3" not in {p.style.name for p in body_paragraphs(plain)}


def test_lettered_items_with_a_point_are_a_list(template: Path, tmp_path: Path):
    text = "Forumet valgte det for at\n\na. barnehager skulle se praksis, og\nb. eierne skulle bruke verktøyet.\n\nm. fl. står som tekst."
    out = render(template, text, tmp_path)
    items = [p for p in body_paragraphs(out) if p.style.name.startswith("List")]
    assert [p.text for p in items] == ["barnehager skulle se praksis, og", "eierne skulle bruke verktøyet."]
    numbering = part_xml(out, "word/numbering.xml")
    assert numbering.xpath("//w:lvl[w:numFmt/@w:val='lowerLetter']/w:lvlText/@w:val", namespaces=NS) == ["%1."]
