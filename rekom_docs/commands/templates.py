"""`rekom-docs templates check [DIR]` and `templates init DIR`: check a template set, or start a new one."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    parser = sub.add_parser("templates", help="work with the Word templates (check, init)")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    check = actions.add_parser("check", help="report tags the data lacks, missing styles and wording problems "
                                             "(errors) and data no tag uses (warnings)")
    check.add_argument("folder", type=Path, nargs="?", metavar="DIR",
                       help="a folder of templates that override the bundled ones (same as --templates DIR)")
    check.add_argument("--templates", type=Path, action="append", default=[],
                       help="a folder of templates that override the bundled ones (as for build)")
    check.add_argument("--cases", type=Path, default=Path("cases"),
                       help="case folder or file whose meetings give the data (default: cases)")
    check.set_defaults(run=run)
    init = actions.add_parser("init", help="write a starter set of templates into a new or empty folder")
    init.add_argument("folder", type=Path, metavar="DIR", help="the folder to create (it must not hold any file)")
    init.set_defaults(run=run_init)


def run(args) -> int:
    from ..build import checked_project
    from ..errors import RekomError
    from ..present import template_set
    from ..word.template_rules import check_set

    folders = [*([args.folder] if args.folder else []), *args.templates]
    for folder in folders:
        if not folder.is_dir():
            raise RekomError(f"{folder}: no such template folder")
    project = checked_project(args.cases)
    chain = list(template_set.chain(folders))
    with template_set.using(chain):
        findings, checked = check_set(project, chain)
    for finding in findings:
        print(finding)
    errors = sum(f.is_error for f in findings)
    summary = (f"{len(checked)} template(s) checked against {len(project.meetings)} meeting(s): "
               f"{errors} error(s), {len(findings) - errors} warning(s)")
    if errors:
        raise RekomError(summary)
    print(summary)
    return 0


def run_init(args) -> int:
    from ..errors import RekomError, relative
    from ..publish.write import write_file
    from ..word.starter import starter_set

    folder = args.folder
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise RekomError(f"{relative(folder)} is not an empty folder; templates init writes only into a new "
                         "or empty one, so that no template is overwritten")
    files = starter_set()
    for rel, save in files.items():
        write_file(folder, folder / rel, save)
    print(f"wrote {len(files)} files into {relative(folder)}; build with --templates {relative(folder)}")
    return 0
