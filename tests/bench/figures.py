"""The eight figures of `make bench`: each a ratio of the project against a peer or a floor."""

from __future__ import annotations

import io
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.bench.generate import generate, touch_case
from tests.bench.measure import RD, Run, docx_count, make, median_call, median_of, median_run, run, seconds
from tests.paths import ROOT

CASES = ROOT / "cases"
KINDS = ("minutes", "agenda", "letters")
RENDERED = "2024-01-11-kompetanseloftet"


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    figure: str
    project: str
    peer: str
    ratio: float | None
    goal: str

    def cells(self) -> list[str]:
        return [self.figure, self.project, self.peer, "–" if self.ratio is None else f"{self.ratio:.2f}", self.goal]


def render_vs_docx() -> Row:
    """1. Rendering one document in process against python-docx opening and saving its template.

    As in a build, what depends only on the template (its preparation, style book, compiled parts
    and stored parts) is made once; everything from the case, Markdown and tables included, is
    converted again in every render (no cache is keyed by case content).
    """
    from docx import Document

    from rekom_docs.build import checked_project
    from rekom_docs.present import documents
    from rekom_docs.present.template_set import BUNDLED_TEMPLATES
    from rekom_docs.word.render import find_template, render

    project = checked_project(CASES)
    doc = documents(project.meeting(RENDERED), project, "minutes", None)[0]
    template = find_template(doc.template, [BUNDLED_TEMPLATES], doc.lang)
    ours = median_call(lambda: render(doc, [BUNDLED_TEMPLATES]).save(io.BytesIO()), 7)
    floor = median_call(lambda: Document(str(template)).save(io.BytesIO()), 7)
    return Row(f"1. render {RENDERED} minutes, in process / python-docx open+save", seconds(ours), seconds(floor),
               ours.cpu / floor.cpu, "≤ 2")


class Trees:
    """Generated case trees and their builds, kept for the figures that reuse them."""

    def __init__(self, work: Path, sizes: list[int], kinds: tuple[str, ...] = KINDS):
        self.work, self.sizes, self.kinds = work, sizes, kinds
        self.builds: dict[int, tuple[Run, int]] = {}
        self.checks: dict[int, Run] = {}

    def cases(self, n: int) -> Path:
        folder = self.work / f"cases-{n}"
        if not folder.exists():
            generate(folder, n)
        return folder

    def out(self, n: int) -> Path:
        return self.work / f"build-{n}"

    def build(self, n: int) -> tuple[Run, int]:
        """A full build of n meetings in one process: the run and the number of documents written."""
        if n not in self.builds:
            r = run([*RD, "build", *self.kinds, "--cases", self.cases(n), "--out", self.out(n)])
            self.builds[n] = (r, docx_count(self.out(n)))
        return self.builds[n]

    def check(self, n: int) -> Run:
        """`check` of n meetings: the cost and the memory of the loaded project alone."""
        if n not in self.checks:
            self.checks[n] = run([*RD, "check", self.cases(n)])
        return self.checks[n]


def scale(trees: Trees) -> Row:
    """2. CPU per document of a full build at the largest size against the smallest; peak memory of both.

    Memory is shown whole and above what `check` of the same tree holds (the loaded project,
    which grows with the meetings): the part above it is what building documents holds.
    """
    small, large = min(trees.sizes), max(trees.sizes)
    parts = []
    for n in sorted(trees.sizes):
        r, docs = trees.build(n)
        parts.append(f"{n}: {1000 * r.cpu / docs:.0f} ms/doc, {r.mib:.0f} MiB, {r.mib - trees.check(n).mib:.0f} MiB "
                     f"above the loaded project ({docs} docs, {r.wall:.0f} s wall)")
    (rs, ds), (rl, dl) = trees.build(small), trees.build(large)
    what = "full build" if trees.kinds == KINDS else f"build of the {' and '.join(trees.kinds)}"
    return Row(f"2. {what}, CPU per document at {large} / at {small} meetings", "; ".join(parts[1:]), parts[0],
               (rl.cpu / dl) / (rs.cpu / ds), "≤ 1.2, memory flat")


def incremental(trees: Trees, n: int) -> Row:
    """3. `make all` after editing one case file at n meetings, against building that meeting alone."""
    cases, out = trees.cases(n), trees.out(n)
    trees.build(n)
    make("all", cases, out)  # settles make's own stamps after the tool's build
    edited = sorted(cases.glob("*/*.yaml"))[n // 2]
    time.sleep(1.1)  # Why: a file system keeps coarse times; the edit must be newer than make's stamp
    touch_case(edited)
    after = make("all", cases, out)
    alone = trees.work / "alone"
    (alone / "c" / "x").mkdir(parents=True, exist_ok=True)
    shutil.copy(cases / "register.yaml", alone / "c")
    shutil.copy(edited, alone / "c" / "x")
    single = run([*RD, "build", *KINDS, "--cases", alone / "c", "--out", alone / "out"])
    written = after.out.count("wrote ")
    return Row(f"3. make all after editing one case file at {n} meetings / that meeting alone",
               f"{seconds(after)}, {written} documents written", f"{seconds(single)}, {docx_count(alone / 'out')} documents",
               after.cpu / single.cpu, "≤ 3")


def unchanged(trees: Trees) -> Row:
    """4. `make all` with nothing changed at the largest size, in wall time, against one second.

    When the scale builds were of one kind (`--kinds minutes`), `make minutes`: the same rule with one stamp.
    """
    n = max(trees.sizes)
    target = "all" if trees.kinds == KINDS else trees.kinds[0]
    trees.build(n)
    make(target, trees.cases(n), trees.out(n))
    again = statistics.median(make(target, trees.cases(n), trees.out(n)).wall for _ in range(3))
    return Row(f"4. make {target}, nothing changed, {n} meetings / 1 s", f"{again:.3g} s wall", "1 s", again, "< 1")


def startup() -> list[Row]:
    """5. `rekom-docs --help` and `check` of one meeting against `python -c pass`."""
    bare = median_run([sys.executable, "-c", "pass"])
    helped = median_run([*RD, "--help"])
    checked = median_run([*RD, "check", CASES / "2024" / f"{RENDERED}.yaml"])
    return [Row("5a. rekom-docs --help / python -c pass", seconds(helped), seconds(bare), helped.cpu / bare.cpu, "≤ 3"),
            Row("5b. check one meeting / python -c pass", seconds(checked), seconds(bare), checked.cpu / bare.cpu, "≤ 6")]


def check_vs_build(trees: Trees) -> Row:
    """6. `check` of the largest tree against its full build."""
    n = max(trees.sizes)
    built, _ = trees.build(n)
    checked = trees.check(n)
    what = "full build" if trees.kinds == KINDS else f"build of the {' and '.join(trees.kinds)}"
    return Row(f"6. check / {what}, {n} meetings", seconds(checked), seconds(built), checked.cpu / built.cpu, "≤ 0.05")


def pdf(work: Path) -> Row:
    """7. `rekom-docs pdf` of the bundled minutes and agendas against one LibreOffice process per document (wall)."""
    from rekom_docs.publish.pdf import FILTER, soffice_binary

    out = work / "pdf"
    run([*RD, "build", "minutes", "agenda", "--out", out])
    ours = run([*RD, "pdf", out, "--force"])
    docs = sorted(out.rglob("*.docx"))
    profile = (work / "lo-profile").as_uri()
    each = Run(0.0, 0.0, 0.0)
    for doc in docs:
        each = each + run([soffice_binary(), f"-env:UserInstallation={profile}", "--headless", "--norestore",
                           "--convert-to", FILTER, "--outdir", work / "pdf-each", doc])
    return Row(f"7. PDF of {len(docs)} documents: rekom-docs pdf / one LibreOffice per document",
               seconds(ours, wall=True), seconds(each, wall=True), ours.wall / each.wall, "≤ 0.3")


def pandoc(work: Path, times: int = 3) -> Row:
    """8. `build minutes` of the bundled meetings in one process against export --format md plus pandoc per file.

    Each side is run `times` times from nothing (a new output folder each time); the medians are compared.
    """
    figure = "8. build minutes / export --format md + pandoc per file"
    ours = median_of([run([*RD, "build", "minutes", "--out", work / f"pandoc-ours-{i}"]) for i in range(times)])
    if not shutil.which("pandoc"):
        return Row(figure, seconds(ours), "pandoc not installed", None, "≤ 1")
    peers = []
    for i in range(times):
        md = work / f"md-{i}"
        peer = run([*RD, "export", "--format", "md", "--out", md], check=False)
        if "invalid choice" in peer.out:
            return Row(figure, seconds(ours), "no export command", None, "≤ 1")
        for page in sorted(md.rglob("*.md")):
            peer = peer + run(["pandoc", page, "-o", page.with_suffix(".docx")])
        peers.append(peer)
    peer = median_of(peers)
    return Row(figure, seconds(ours), seconds(peer), ours.cpu / peer.cpu, "≤ 1")


def all_rows(sizes: list[int], skip: set[str], kinds: tuple[str, ...] = KINDS) -> list[Row]:
    """Every figure, in order; `skip` holds figure numbers to leave out, `kinds` what the scale builds build."""
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="rekom-bench-") as tmp:
        work = Path(tmp)
        trees = Trees(work, sizes, kinds)
        steps = [("1", lambda: [render_vs_docx()]), ("2", lambda: [scale(trees)]),
                 ("3", lambda: [incremental(trees, 100 if 100 in sizes else max(sizes))]),
                 ("4", lambda: [unchanged(trees)]), ("5", startup), ("6", lambda: [check_vs_build(trees)]),
                 ("7", lambda: [pdf(work)]), ("8", lambda: [pandoc(work)])]
        for number, step in steps:
            if number not in skip:
                found = step()
                for row in found:
                    print(" | ".join(row.cells()), flush=True)
                rows += found
    return rows
