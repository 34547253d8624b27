"""Small OOXML helpers that python-docx 1.2 has no API for, on a document's parts.

Hyperlink relationships, footnotes, list-numbering instances that restart, table header
rows and a few document settings, built as elements with python-docx's oxml layer and
lxml. The blocks of a story (paragraphs, runs, tables) are written by wml.py.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml.ns import nsdecls, nsmap, qn
from docx.oxml.parser import OxmlElement, parse_xml
from docx.parts.document import DocumentPart
from lxml import etree

_NUM, _NUM_ID, _ABSTRACT_NUM_ID, _VAL = qn("w:num"), qn("w:numId"), qn("w:abstractNumId"), qn("w:val")
# Word's own ids for the two special footnotes every footnotes part starts with.
SEPARATOR_ID = -1
CONTINUATION_SEPARATOR_ID = 0

# Children of w:settings that must follow w:footnotePr (ECMA-376 CT_Settings order).
_SETTINGS_AFTER_FOOTNOTEPR = (
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
    "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions",
    "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults",
    "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)
# Children of w:trPr that must follow w:tblHeader.
_TRPR_AFTER_TBLHEADER = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")

_EMPTY_FOOTNOTES = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    f'<w:footnote w:type="separator" w:id="{SEPARATOR_ID}"><w:p><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    f'<w:footnote w:type="continuationSeparator" w:id="{CONTINUATION_SEPARATOR_ID}"><w:p><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    "</w:footnotes>"
)


# --- relationships and hyperlinks -------------------------------------------------


def main_document_part(part: Part) -> DocumentPart:
    """The package's main document part, reached from any part of the package."""
    return part.package.main_document_part


def relate_hyperlink(part: Part, url: str) -> str:
    """The r:id of a new external hyperlink relationship of `part` to `url`.

    Why the part: an r:id resolves against the rels of the part whose XML holds it, so a link in
    a footnote must be related from the footnotes part, not from document.xml.
    """
    return part.relate_to(url, RT.HYPERLINK, is_external=True)


# --- numbering --------------------------------------------------------------------


@dataclass(frozen=True)
class StyleNumbering:
    """The list numbering a paragraph style carries: which `w:num` and which level."""

    num_id: int
    ilvl: int


def style_by_id(styles_element: etree._Element, style_id: str | None) -> etree._Element | None:
    """The `w:style` with this id in a styles part, or None (also for no id).

    Why not XPath (or python-docx's `get_by_id`, which is XPath): the id, read from a template,
    becomes part of the expression, and one with a quote in it raised an XPath error.
    """
    return next((s for s in styles_element.iterchildren(_STYLE) if s.get(_STYLE_ID) == style_id), None) if style_id else None


_STYLE, _STYLE_ID = qn("w:style"), qn("w:styleId")


def style_numbering(styles_element: etree._Element, style_id: str) -> StyleNumbering | None:
    """The `w:numPr` of a paragraph style, following `w:basedOn`; None if it has none."""
    seen: set[str] = set()
    num_id = ilvl = None
    current: str | None = style_id
    while current and current not in seen:
        seen.add(current)
        style = style_by_id(styles_element, current)
        if style is None:
            break
        if num_id is None:
            num_id = _int_or_none(xpath(style, "w:pPr/w:numPr/w:numId/@w:val"))
        if ilvl is None:
            ilvl = _int_or_none(xpath(style, "w:pPr/w:numPr/w:ilvl/@w:val"))
        based_on = xpath(style, "w:basedOn/@w:val")
        current = based_on[0] if based_on else None
    if not num_id:
        return None
    return StyleNumbering(num_id=num_id, ilvl=ilvl or 0)


def abstract_num_id(numbering_element: etree._Element, num_id: int) -> int:
    """The abstract numbering definition a `w:num` points to."""
    for num in numbering_element.iterchildren(_NUM):
        if num.get(_NUM_ID) == str(num_id):
            return int(num.find(_ABSTRACT_NUM_ID).get(_VAL))
    raise KeyError(f"no <w:num> element with numId {num_id}")


def _add_num(numbering_element: etree._Element, abstract: int, ilvl: int, start: int) -> int:
    """Add a `w:num` of `abstract` whose level `ilvl` starts at `start`; its numId is the first free, as python-docx picks it.

    Why not python-docx's add_num: it compiles an XPath expression on every call.
    """
    taken = [int(num.get(_NUM_ID)) for num in numbering_element.iterchildren(_NUM)]
    num_id = next(n for n in range(1, len(taken) + 2) if n not in taken)
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
                    f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>')
    cleanup = numbering_element.find(qn("w:numIdMacAtCleanup"))  # the one child after the w:num
    if cleanup is not None:
        cleanup.addprevious(num)
    else:
        numbering_element.append(num)
    return num_id


def new_num_restarting(numbering_element: etree._Element, num_id: int, ilvl: int, start: int) -> int:
    """Add a `w:num` sharing `num_id`'s abstract definition that starts level `ilvl` at `start`.

    Why: python-docx cannot restart a list; Word restarts when a paragraph uses a fresh
    `w:num` whose `w:lvlOverride/w:startOverride` resets the level.
    """
    return _add_num(numbering_element, abstract_num_id(numbering_element, num_id), ilvl, start)


def new_num_formatted(numbering_element: etree._Element, num_id: int, ilvl: int, start: int,
                      num_fmt: str, lvl_text: str) -> int:
    """A `w:num` like `num_id`'s list, whose level `ilvl` is numbered `num_fmt` (`lowerLetter`,
    `upperLetter`, `decimal`) with text `lvl_text` (`%1)`), starting at `start`.

    Why: a list's number format lives in its abstract definition, so a lettered list
    needs its own copy of the numbered style's definition (same indents and fonts). The
    copy is named after its origin and format, and later lists reuse it. It drops the
    links to the style (`w:pStyle`, `w:styleLink`), as a style points to one definition.
    """
    source = abstract_num_id(numbering_element, num_id)
    name = f"rekom {source}/{ilvl} {num_fmt} {lvl_text}"
    found = [a for a in xpath(numbering_element, "w:abstractNum")
             if xpath(a, "w:name/@w:val") == [name]]
    if found:
        abstract = int(found[0].get(qn("w:abstractNumId")))
    else:
        abstract = _copy_abstract_num(numbering_element, source, name)
        definition = xpath(numbering_element, f'w:abstractNum[@w:abstractNumId="{abstract}"]')[0]
        for lvl in xpath(definition, f'w:lvl[@w:ilvl="{ilvl}"]'):
            _set_level_format(lvl, num_fmt, lvl_text)
    return _add_num(numbering_element, abstract, ilvl, start)


def _copy_abstract_num(numbering_element: etree._Element, source: int, name: str) -> int:
    """Add a copy of abstract definition `source` named `name`; returns the copy's id."""
    original = xpath(numbering_element, f'w:abstractNum[@w:abstractNumId="{source}"]')[0]
    definition = copy.deepcopy(original)
    taken = [int(v) for v in xpath(numbering_element, "w:abstractNum/@w:abstractNumId")]
    abstract = max(taken, default=-1) + 1
    definition.set(qn("w:abstractNumId"), str(abstract))
    for dropped in xpath(definition, "w:name|w:tmpl|w:styleLink|w:numStyleLink|w:lvl/w:pStyle"):
        dropped.getparent().remove(dropped)
    nsid = xpath(definition, "w:nsid")
    if nsid:  # Word tells lists apart by nsid: the copy must not pass for the original
        nsid[0].set(qn("w:val"), f"{0x7E000000 + abstract:08X}")
    name_el = OxmlElement("w:name", attrs={qn("w:val"): name})
    before = xpath(definition, "w:nsid|w:multiLevelType")  # CT_AbstractNum order
    if before:
        before[-1].addnext(name_el)
    else:
        definition.insert(0, name_el)
    nums = xpath(numbering_element, "w:num")  # every w:abstractNum precedes the w:num
    if nums:
        nums[0].addprevious(definition)
    else:
        numbering_element.append(definition)
    return abstract


def _set_level_format(lvl: etree._Element, num_fmt: str, lvl_text: str) -> None:
    """Set a `w:lvl`'s `w:numFmt` and `w:lvlText`, adding them in schema order if missing."""
    fmt = xpath(lvl, "w:numFmt")
    if not fmt:
        fmt = [OxmlElement("w:numFmt")]
        start = xpath(lvl, "w:start")
        if start:
            start[0].addnext(fmt[0])
        else:
            lvl.insert(0, fmt[0])
    fmt[0].set(qn("w:val"), num_fmt)
    text = xpath(lvl, "w:lvlText")
    if not text:
        text = [OxmlElement("w:lvlText")]
        later = xpath(lvl, "w:lvlPicBulletId|w:legacy|w:lvlJc|w:pPr|w:rPr")
        if later:
            later[0].addprevious(text[0])
        else:
            lvl.append(text[0])
    text[0].set(qn("w:val"), lvl_text)


def level_indent(numbering_element: etree._Element, num_id: int, ilvl: int) -> tuple[int, int]:
    """(left, hanging) indentation in twips of one level of a list; zeros if undefined."""
    abstract = abstract_num_id(numbering_element, num_id)
    ind = xpath(
        numbering_element,
        f'w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl[@w:ilvl="{ilvl}"]/w:pPr/w:ind',
    )
    if not ind:
        return 0, 0
    left = ind[0].get(qn("w:left")) or ind[0].get(qn("w:start")) or "0"
    return int(left), int(ind[0].get(qn("w:hanging")) or 0)


# --- footnotes --------------------------------------------------------------------


def footnotes_part(document_part: DocumentPart) -> XmlPart:
    """The document's footnotes part as an XmlPart, created (empty) when missing.

    Why: python-docx loads an existing footnotes.xml as an opaque blob Part; it is
    swapped for an XmlPart so footnotes can be added as elements. A side effect that
    matters with docxtpl: `render_footnotes` writes its output to `part._blob`, which
    an XmlPart ignores, so text placed here is never evaluated as Jinja (and Jinja
    tags in the template's own footnotes are no longer rendered once this ran).
    """
    try:
        part = document_part.part_related_by(RT.FOOTNOTES)
    except KeyError:
        return _create_footnotes_part(document_part)
    if isinstance(part, XmlPart):
        return part
    return _reload_as_xml_part(document_part, part)


def _create_footnotes_part(document_part: DocumentPart) -> XmlPart:
    """Create footnotes.xml with Word's separator footnotes and relate it to the document."""
    package = document_part.package
    taken = {str(p.partname) for p in package.iter_parts()}
    partname = "/word/footnotes.xml"
    if partname in taken:
        partname = str(package.next_partname("/word/footnotes%d.xml"))
    part = XmlPart(PackURI(partname), CT.WML_FOOTNOTES, parse_xml(_EMPTY_FOOTNOTES), package)
    document_part.relate_to(part, RT.FOOTNOTES)
    ensure_footnote_settings(document_part)
    return part


def _reload_as_xml_part(document_part: DocumentPart, part: Part) -> XmlPart:
    """Replace a blob footnotes Part by an equal XmlPart, keeping its relationships."""
    xml_part = XmlPart.load(part.partname, part.content_type, part.blob, part.package)
    for rel in part.rels.values():
        xml_part.load_rel(rel.reltype, rel._target, rel.rId, rel.is_external)
    for rel in document_part.rels.values():
        if not rel.is_external and rel.target_part is part:
            rel._target = xml_part
    return xml_part


def ensure_footnote_settings(document_part: DocumentPart) -> None:
    """Declare the separator footnotes in settings.xml (`w:footnotePr`), as Word does."""
    settings = document_part.settings.element
    if settings.find(qn("w:footnotePr")) is not None:
        return
    footnote_pr = OxmlElement("w:footnotePr")
    for special in (SEPARATOR_ID, CONTINUATION_SEPARATOR_ID):
        footnote_pr.append(OxmlElement("w:footnote", attrs={qn("w:id"): str(special)}))
    settings.insert_element_before(footnote_pr, *_SETTINGS_AFTER_FOOTNOTEPR)


def new_footnote(part: XmlPart) -> tuple[int, etree._Element]:
    """Append an empty `w:footnote` with the next free id; returns (id, element)."""
    root = part.element
    ids = [int(v) for v in xpath(root, "w:footnote/@w:id")]
    footnote_id = max([CONTINUATION_SEPARATOR_ID, *ids]) + 1
    footnote = OxmlElement("w:footnote", attrs={qn("w:id"): str(footnote_id)})
    root.append(footnote)
    return footnote_id, footnote


# --- tables and paragraphs ----------------------------------------------------------


def mark_header_row(tr: etree._Element) -> None:
    """Mark a table row as a header row repeated on every page (`w:tblHeader`)."""
    tr_pr = tr.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        tr_pr.insert_element_before(OxmlElement("w:tblHeader"), *_TRPR_AFTER_TBLHEADER)


def xpath(element: etree._Element, expression: str) -> list:
    """XPath with python-docx's prefixes, on oxml and on plain lxml elements alike.

    Why: python-docx's element classes override `xpath()` without `namespaces=`,
    while elements of unregistered tags (w:footnote) are plain lxml elements.
    """
    return etree._Element.xpath(element, expression, namespaces=nsmap)


def _int_or_none(values: list) -> int | None:
    """First xpath attribute value as int, or None."""
    return int(values[0]) if values else None


