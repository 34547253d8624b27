"""The recommendation (innstilling) to Statsforvalteren and one letter per recipient, from the figures."""

from __future__ import annotations

from typing import Any

from ..compute.casetext import expand
from ..compute.figures import Figures
from ..formats import kr, long_date
from ..model.project import MeetingFile, Project
from ..model.roster import person_name
from ..model.schema import Case
from .document import ChartView, Document, Markdown, TableView
from .explain import explanation
from .figures import figure_tables
from .meeting import Setting, setting
from .wording import words


def letters(item: MeetingFile, project: Project, lang: str | None = None) -> list[Document]:
    """The innstilling and the recipient letters of every recommendation in the meeting."""
    docs: list[Document] = []
    for index, figures in item.figures.items():
        if figures.spec.recommendation:
            case = item.meeting.agenda[index]
            assert isinstance(case, Case)  # figures are computed for cases only, never for breaks
            docs.append(recommendation(item, project, case, figures, lang))
            docs += [recipient_letter(item, project, case, figures, rid, lang) for rid in recipients(figures)]
    return docs


def recipients(f: Figures) -> list[str]:
    """Who gets a letter: every network with an amount, then every other recipient named by a line or UH total."""
    ids = [row.recipient for row in f.allocation.rows] if f.allocation else []
    ids += [p.recipient for p in f.split.portions] if f.split else []
    ids += list(_uh_totals(f))
    ids += [line.recipient for line in [*f.spec.fixed, *(f.spec.reserved.lines if f.spec.reserved else [])] if line.recipient]
    return list(dict.fromkeys(ids))


def _uh_totals(f: Figures) -> dict[str, int]:
    """Totals per university partner: from the split when it names them, else as stated (and checked)."""
    if f.split is not None and set(f.split.uh_totals) - {"uh"}:
        return dict(f.split.uh_totals)
    return dict(f.spec.stated.uh_totals) if f.spec.stated else {}


def _letter(s: Setting, case: Case) -> dict[str, Any]:
    """Letterhead, date, reference and signature: what every letter of the meeting shares."""
    reg, meeting, w = s.project.registers, s.item.meeting, words(s.lang)
    return {
        "letterhead": {"organisation": s.forum.name, "forum": f"{w['secretariat']}: {s.author}"},
        "date": long_date(meeting.date, s.lang),
        "reference": f"{w['case']} {case.case}",
        "signature": {"name": person_name(reg, meeting.chair) if meeting.chair else "",
                      "role": f"{w['chair_of']} {s.forum.name}" if meeting.chair else s.forum.name},
    }


def recommendation(item: MeetingFile, project: Project, case: Case, f: Figures, lang: str | None) -> Document:
    """The forum's recommendation to Statsforvalteren: every amount, a chart, how it was computed."""
    s = setting(item, project, lang)
    w, forum = words(s.lang), s.forum
    context = _letter(s, case) | {
        "recipient": s.author,
        "subject": f"{forum.name}: {f.spec.title}",
        "intro": w["recommendation_intro"].format(forum=forum.name, date=long_date(item.meeting.date, s.lang), case=case.case),
        "tables": figure_tables(f, s.lang, years_ahead=False),
        "chart": _chart(f, s.lang),
        "decision": Markdown(expand(case.decision, s.texts), style="Vedtak") if case.decision else None,
        "explanation": explanation(f, s.lang),
    }
    title = f"{w['recommendation']} {forum.name}: {f.spec.title}"
    return Document("innstilling", _name("innstilling", f, item), title, s.author, context, s.lang)


def _name(stem: str, f: Figures, item: MeetingFile) -> str:
    several = sum(x.spec.recommendation for x in item.figures.values()) > 1
    return f"{stem}-{f.spec.name}.docx" if several else f"{stem}.docx"


def _chart(f: Figures, lang: str) -> ChartView | None:
    """Per network: to the network and to UH (split), or the amount by key (distribution)."""
    w = words(lang)
    if f.split is not None:
        labels = [f.names.get(p.recipient, p.recipient) for p in f.split.portions]
        series = {w["to_network"]: [p.to_network for p in f.split.portions], w["to_uh"]: [p.uh_total for p in f.split.portions]}
        amounts = [p.total for p in f.split.portions]
    elif f.allocation is not None:
        labels = [row.name for row in f.allocation.rows]
        series = {label: list(f.allocation.column(label).values()) for label in f.allocation.keys}
        amounts = [row.total for row in f.allocation.rows]
    else:
        return None
    top, low = max(range(len(amounts)), key=amounts.__getitem__), min(range(len(amounts)), key=amounts.__getitem__)
    alt = w["chart_alt"].format(n=len(labels), top=labels[top], top_amount=kr(amounts[top], lang),
                                low=labels[low], low_amount=kr(amounts[low], lang))
    return ChartView(alt, labels, series, lang)


def recipient_letter(item: MeetingFile, project: Project, case: Case, f: Figures, rid: str, lang: str | None) -> Document:
    """One recipient's own amounts and the conditions, in its own written standard."""
    reg = project.registers
    network, org = reg.networks.get(rid), reg.organisations.get(rid)
    s = setting(item, project, lang or (network.language if network else None) or (org.language if org else None))
    w = words(s.lang)
    name = network.name if network else (org.name if org else rid)
    context = _letter(s, case) | {
        "recipient": name,
        "subject": f"{f.spec.title} \u2013 {f.names.get(rid, name)}",
        "intro": w["letter_intro"].format(forum=s.forum.name, date=long_date(item.meeting.date, s.lang), case=case.case),
        "amounts": _amounts_table(f, rid, w, s.lang, _partners(reg, network)),
        "conditions": list(w["conditions"]),
    }
    return Document("brev", f"brev/{rid}.docx", f"{f.spec.title}: {f.names.get(rid, name)}", s.author, context, s.lang)


def _partners(reg, network) -> str:
    """The network's university partners by short name, for 'til UH-partner (DMMH)'."""
    names = [reg.organisations[p].short or reg.organisations[p].name for p in (network.partners if network else [])
             if p in reg.organisations]
    return ", ".join(names) or "UH"


def _amounts_table(f: Figures, rid: str, w: dict, lang: str, partners: str) -> TableView:
    rows = _recipient_rows(f, rid, w, lang, partners)
    return TableView(w["your_amounts"], [w["item"], w["amount_kr"]], rows[:-1], rows[-1], [False, True])


def _recipient_rows(f: Figures, rid: str, w: dict, lang: str, partners: str) -> list[list[str]]:
    """Every amount of the allocation that names this recipient, then their sum."""
    amounts: list[tuple[str, int]] = []
    if f.allocation is not None and rid in f.allocation.amounts:
        row = f.allocation.row(rid)
        amounts += [(label, row.amounts[label]) for label in f.allocation.keys]
    portion = next((p for p in f.split.portions if p.recipient == rid), None) if f.split else None
    if portion is not None:
        amounts += [(f"{f.spec.pot_label}: {w['to_network'].lower()}", portion.to_network),
                    (f"{f.spec.pot_label}: {w['to_uh_partner'].format(partners=partners)}", portion.uh_total)]
    uh = _uh_totals(f)
    if rid in uh:
        amounts.append((f"{f.spec.pot_label}, {w['in_partnership']}", uh[rid]))
    lines = [*f.spec.fixed, *(f.spec.reserved.lines if f.spec.reserved else [])]
    amounts += [(line.label, line.amount) for line in lines if line.recipient == rid and line.amount is not None]
    rows = [[label, kr(amount, lang)] for label, amount in amounts]
    return rows + [[w["sum"], kr(sum(amount for _, amount in amounts), lang)]]
