"""`rekom-docs translate [MEETING ...]`: write the nynorsk translation file beside each meeting file."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    parser = sub.add_parser("translate", help="translate a meeting's texts into nynorsk (Apertium) for review")
    parser.add_argument("meetings", nargs="*", metavar="MEETING", help="meeting id (file name without .yaml); default: every meeting")
    parser.add_argument("--cases", type=Path, default=Path("cases"), help="case folder (default: cases)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..build import checked_project
    from ..errors import relative
    from ..nynorsk.translate import translate_meeting

    project = checked_project(args.cases)
    for item in [project.meeting(m) for m in args.meetings] or project.meetings:
        outcome = translate_meeting(item, project.registers)
        written = write_translation(outcome.path, outcome.text)
        print(f"{relative(written)}: {len(outcome.translated)} text(s) translated, {len(outcome.dropped)} dropped")
        for text in outcome.kept_stale:
            print(f"  kept (reviewed, but the bokmål changed): {text.key[0]} {text.key[1]}; "
                  "correct it and set reviewed: false to translate it again")
    return 0


def write_translation(path: Path, text: str) -> Path:
    """Write a translation file atomically beside its meeting file."""
    from ..publish.write import write_text

    return write_text(path.parent, path, text)
