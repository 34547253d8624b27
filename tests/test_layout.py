"""The package reads as the pipeline: each stage imports only the stages before it, and modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "rekom_docs"
# A module may import its own stage and any earlier one, never a later one.
STAGES = ["errors", "formats", "jinja", "model", "engine", "compute", "nynorsk", "check", "present", "word", "publish", "distribute",
          "archive", "build", "commands", "cli", "__main__"]
LIMIT = 400  # lines; the modules below are over it today and shrink, never grow
OVER: dict[str, int] = {}  # every module is within the limit


def _stage(module: str) -> str:
    return module.split(".")[0]


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _imports(path: Path) -> set[str]:
    """The package modules a file imports, as dotted names relative to the package."""
    here = path.relative_to(PACKAGE).with_suffix("").parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(here[: len(here) - node.level]) if here[-1] != "__init__" else list(here[: len(here) - node.level])
            target = base + (node.module.split(".") if node.module else [])
            found |= {".".join(target + ([alias.name] if not node.module else [])) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("rekom_docs"):
            found.add(node.module.removeprefix("rekom_docs."))
    return {name for name in found if name}


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_a_later_stage(path: Path) -> None:
    stage = _stage(".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    if stage == "__init__":
        return
    later = [name for name in _imports(path) if _stage(name) in STAGES and stage in STAGES
             and STAGES.index(_stage(name)) > STAGES.index(stage)]
    assert later == [], f"{path.relative_to(PACKAGE)} imports a later stage: {later}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_small(path: Path) -> None:
    name = str(path.relative_to(PACKAGE))
    assert len(path.read_text(encoding="utf-8").splitlines()) <= OVER.get(name, LIMIT)


def test_every_stage_is_known() -> None:
    top = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir() if p.name != "__pycache__" and p.name != "__init__.py"}
    assert top <= set(STAGES), top - set(STAGES)


@pytest.mark.parametrize("argv, heavy", [(["--help"], ("pydantic", "docx", "docxtpl", "markdown", "jinja2")),
                                         (["check", "cases/2024"], ("docx", "docxtpl", "markdown", "matplotlib"))])
def test_cheap_commands_import_no_heavy_library(argv: list[str], heavy: tuple[str, ...]) -> None:
    """What a command imports decides how long it takes to start (timings are for `make bench`, not tests)."""
    import subprocess
    import sys

    code = ("import sys\nfrom rekom_docs.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted(m for m in sys.modules if '.' not in m)))")
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, cwd=PACKAGE.parent)
    loaded = set(done.stdout.split()[-200:])
    assert [name for name in heavy if name in loaded] == []
