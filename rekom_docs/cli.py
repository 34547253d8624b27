"""The `rekom-docs` command line: one module per command under `commands/`."""

from __future__ import annotations

import argparse
import os
import sys

from .errors import InvalidInput, RekomError


def _parser() -> argparse.ArgumentParser:
    from .commands import (
        allocate,
        approve,
        archive,
        build,
        check,
        decisions,
        export,
        lint_docx,
        pdf,
        register,
        schema,
        templates,
        translate,
    )

    parser = argparse.ArgumentParser(prog="rekom-docs", description="Meeting papers for Samarbeidsforum REKOM from YAML case files.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (check, build, export, allocate, lint_docx, schema, pdf, templates, archive, approve, register, decisions, translate):
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command; user errors become one clean message and exit status 1."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args) or 0
    except InvalidInput as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        errors = sum(p.is_error for p in exc.problems)
        print(f"{errors} error(s), {len(exc.problems) - errors} warning(s)", file=sys.stderr)
        return 1
    except RekomError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head`: stop quietly, as other tools do
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (kept open until exit, so later writes go nowhere)
        return 0


if __name__ == "__main__":
    sys.exit(main())
