"""`rekom-docs templates check`: compare the Word templates' tags with the data, before rendering."""

from __future__ import annotations

from pathlib import Path

from ..errors import RekomError


def register(sub) -> None:
    parser = sub.add_parser("templates", help="work with the Word templates (check)")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    check = actions.add_parser("check", help="report tags the data lacks (errors) and data no tag uses (warnings)")
    check.add_argument("--templates", type=Path, action="append", default=[],
                       help="a folder of templates that override the bundled ones (as for build)")
    check.add_argument("--cases", type=Path, default=Path("cases"),
                       help="case folder or file whose meetings give the data (default: cases)")
    check.set_defaults(run=run)


def run(args) -> int:
    from ..build import BUNDLED_TEMPLATES, checked_project
    from ..word.template_check import check_templates

    for folder in args.templates:
        if not folder.is_dir():
            raise RekomError(f"{folder}: no such template folder")
    project = checked_project(args.cases)
    findings, checked = check_templates(project, [*args.templates, BUNDLED_TEMPLATES])
    for finding in findings:
        print(finding)
    errors = sum(f.is_error for f in findings)
    summary = (f"{len(checked)} template(s) checked against {len(project.meetings)} meeting(s): "
               f"{errors} error(s), {len(findings) - errors} warning(s)")
    if errors:
        raise RekomError(summary)
    print(summary)
    return 0
