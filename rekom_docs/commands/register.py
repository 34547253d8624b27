"""`rekom-docs register`: write the decision register and the follow-up register (CSV, JSON, DOCX)."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    parser = sub.add_parser("register", help="write the decision and follow-up registers of every meeting (DOCX, CSV, JSON)")
    parser.add_argument("--cases", type=Path, default=Path("cases"), help="case folder (default: cases)")
    parser.add_argument("--out", type=Path, default=Path("build/register"), help="output folder (default: build/register)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..build import checked_project
    from ..errors import relative
    from ..publish.registers import write_registers

    for path in write_registers(checked_project(args.cases), args.out):
        print(f"wrote {relative(path)}")
    return 0
