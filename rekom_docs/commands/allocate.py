"""`rekom-docs allocate CASEFILE [--explain]`: the allocation tables of a meeting, in the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..present.document import TableView


def register(sub) -> None:
    parser = sub.add_parser("allocate", help="print the computed allocation tables of a meeting file")
    parser.add_argument("casefile", type=Path, metavar="CASEFILE")
    parser.add_argument("--case", help="only the case with this number, e.g. 8/2022")
    parser.add_argument("--explain", action="store_true", help="show how each figure was reached")
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..build import checked_project
    from ..errors import RekomError
    from ..model.schema import Case
    from ..present.explain import explanation
    from ..present.figures import figure_tables

    project = checked_project(args.casefile)
    if not project.meetings:
        raise RekomError(f"{args.casefile}: not a meeting file")
    item = project.meetings[0]
    shown = 0
    for index, figures in item.figures.items():
        case = item.meeting.agenda[index]
        assert isinstance(case, Case)  # figures are computed for cases only, never for breaks
        if args.case and case.case != args.case:
            continue
        print(f"# Sak {case.case} {case.title}\n")
        for table in figure_tables(figures):
            print(text_table(table) + "\n")
        if args.explain:
            print("Utregning:\n" + "\n".join(f"  {line}" for line in explanation(figures)) + "\n")
        shown += 1
    if not shown:
        raise RekomError(f"{args.casefile}: no allocation" + (f" in case {args.case}" if args.case else ""))
    return 0


def text_table(table: TableView) -> str:
    """A table as aligned text: numbers right-aligned, a rule under the header and above the totals."""
    rows = [table.header, *table.rows, *([table.total] if table.total else [])]
    widths = [max(len(row[c]) for row in rows) for c in range(len(table.header))]

    def line(row: list[str]) -> str:
        cells = (cell.rjust(w) if numeric else cell.ljust(w) for cell, w, numeric in zip(row, widths, table.numeric))
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    body = [line(r) for r in table.rows]
    total = [rule, line(table.total)] if table.total else []
    return "\n".join([table.title, line(table.header), rule, *body, *total]).replace("\u00a0", " ")
