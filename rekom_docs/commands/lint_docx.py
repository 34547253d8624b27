"""`rekom-docs lint-docx FILE ...`: report what makes a Word file inaccessible."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    parser = sub.add_parser("lint-docx", help="check Word files for accessibility (title, language, headings, tables, alt text, A4)")
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..errors import RekomError

    found = [f"{path}: {problem}" for path in args.files for problem in _lint(path)]
    for line in found:
        print(line)
    if found:
        raise RekomError(f"{len(found)} accessibility problem(s) in {len(args.files)} file(s)")
    print(f"{len(args.files)} file(s): no accessibility problems")
    return 0


def _lint(path: Path) -> list[str]:
    from ..errors import RekomError
    from ..publish.lint import lint_docx

    if not path.is_file():
        raise RekomError(f"{path}: no such file")
    return lint_docx(path)
