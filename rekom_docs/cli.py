"""The `rekom-docs` command line: one module per command under `commands/`."""

from __future__ import annotations

import argparse
import os
import sys

# Why nothing of the package is imported here or at the top of a command module: `--help`
# and a mistyped command need only argparse; each command imports its stages when it runs.


def _parser() -> argparse.ArgumentParser:
    from .commands import (
        allocate,
        approve,
        archive,
        build,
        check,
        decisions,
        distribute,
        export,
        forfall,
        lint_docx,
        pdf,
        register,
        schema,
        templates,
        translate,
    )

    parser = argparse.ArgumentParser(prog="rekom-docs", description="Meeting papers for Samarbeidsforum REKOM from YAML case files.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (check, build, export, allocate, lint_docx, schema, pdf, templates, archive, approve, register, decisions, translate, distribute, forfall):
        module.register(sub)
    return parser


class _SurvivingStdout:
    """stdout that lets the work go on when its reader has gone (`rekom-docs build ... | head -1`).

    Why: a BrokenPipeError raised from a print half-way through a build would stop the
    build with some documents written and others not; the rest of the output is dropped.
    """

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._gone()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._gone()

    def _gone(self) -> None:
        """From now on write into /dev/null (what is buffered too, so exit does not fail)."""
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, self._stream.fileno())
        os.close(devnull)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    """Run a command; user errors become one clean message and exit status 1."""
    args = _parser().parse_args(argv)
    real = sys.stdout
    if hasattr(real, "fileno"):
        sys.stdout = _SurvivingStdout(real)
    try:
        return args.run(args) or 0
    except Exception as exc:
        return _reported(exc)
    finally:
        sys.stdout.flush()
        sys.stdout = real


def _reported(exc: Exception) -> int:
    """A user error printed as clean messages, status 1; anything else raised again."""
    from .errors import InvalidInput, RekomError

    if isinstance(exc, InvalidInput):
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        errors = sum(p.is_error for p in exc.problems)
        print(f"{errors} error(s), {len(exc.problems) - errors} warning(s)", file=sys.stderr)
        return 1
    if isinstance(exc, RekomError):
        print(f"error: {exc}", file=sys.stderr)
        return 1
    raise exc


if __name__ == "__main__":
    sys.exit(main())
