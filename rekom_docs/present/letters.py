"""The recommendation (innstilling) to Statsforvalteren and one letter per recipient, from the figures."""

from __future__ import annotations

from ..compute.casetext import expand
from ..compute.figures import Figures
from ..formats import kr, long_date
from ..model.project import MeetingFile, Project
from ..model.schema import Case
from .document import ChartView, Document, Markdown, TableView
from .figures import figure_tables
from .grants import Section, grants, recipient_name, spec_lines, uh_totals
from .letterframe import frame
from .meeting import setting
from .wording import words
from .workings import workings


def letters(item: MeetingFile, project: Project, lang: str | None = None) -> list[Document]:
    """The innstilling and the recipient letters of every recommendation in the meeting."""
    docs: list[Document] = []
    for index, figures in item.figures.items():
        case = item.meeting.agenda[index]
        if figures.spec.recommendation and isinstance(case, Case) and case.decision:  # Why: no decision, no innstilling
            docs.append(recommendation(item, project, case, figures, lang))
            docs += [recipient_letter(item, project, case, figures, rid, lang) for rid in recipients(figures)]
    return docs


def recipients(f: Figures) -> list[str]:
    """Who gets a letter: every network with an amount, then every other recipient named by a line or UH total."""
    ids = [row.recipient for row in f.allocation.rows] if f.allocation else []
    ids += [p.recipient for p in f.split.portions] if f.split else []
    ids += list(uh_totals(f))
    lines = spec_lines(f)
    ids += [line.recipient for line in lines if line.recipient] + [nid for line in lines for nid in line.shared]
    return list(dict.fromkeys(ids))


def recommendation(item: MeetingFile, project: Project, case: Case, f: Figures, lang: str | None) -> Document:
    """The forum's recommendation to Statsforvalteren: every amount, a chart, how it was computed."""
    s = setting(item, project, lang)
    case, f = s.counterpart(item, case, f)
    w, forum = words(s.lang), s.forum
    context = frame(s, case, forum.organisation) | {
        "subject": w["subject_recommendation"].format(forum=forum.name, year=item.meeting.date.year),
        "intro": w["recommendation_intro"].format(forum=forum.name, date=long_date(item.meeting.date, s.lang), case=case.case),
        "tables": figure_tables(f, s.lang, years_ahead=False),
        "chart": _chart(f, s.lang),
        "decision": Markdown(expand(case.decision, s.texts), style="Vedtak") if case.decision else None,
        "explanation": workings(f, s.lang),
    }
    title = w["title_recommendation"].format(year=item.meeting.date.year, forum=forum.name)
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
    return ChartView(alt, labels, series, lang, w["chart_caption"].format(title=f.spec.title))


def recipient_letter(item: MeetingFile, project: Project, case: Case, f: Figures, rid: str, lang: str | None) -> Document:
    """One recipient's own amounts and the conditions, in its own written standard."""
    reg = project.registers
    network, org = reg.networks.get(rid), reg.organisations.get(rid)
    s = setting(item, project, lang or (network.language if network else None) or (org.language if org else None))
    case, f = s.counterpart(item, case, f)
    reg = s.project.registers
    w = words(s.lang)
    name = recipient_name(reg, rid)
    context = frame(s, case, rid) | {
        "subject": w["subject_letter"].format(name=name, forum=s.forum.name, year=item.meeting.date.year),
        "intro": w["letter_intro"].format(forum=s.forum.name, date=long_date(item.meeting.date, s.lang), case=case.case),
        "amounts": [_table(section, w, s.lang) for section in grants(f, reg, rid, s.lang)],
        "conditions": w["conditions"],
    }
    return Document("brev", f"brev/{rid}.docx", w["title_letter"].format(year=item.meeting.date.year, name=name), s.author, context, s.lang)


def _table(section: Section, w, lang: str) -> TableView:
    """A letter section as a two-column table: label and amount, with its total when it has one."""
    rows = [[label, kr(amount, lang)] for label, amount in section.lines]
    total = [section.total_label, kr(section.total, lang)] if section.total is not None else None
    return TableView(section.title, [w["item"], w["amount_kr"]], rows, total, [False, True], " ".join(section.notes) or None)
