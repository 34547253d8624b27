"""Fuzz inputs: the attacks issue 8 names, and seeded random mutations of the bundled files.

Every input is a workspace folder: cases/register.yaml and one meeting file, optionally tpl/
with a mutated Word template. A payload that would run code creates the file CANARY.
"""

from __future__ import annotations

import random
import shutil
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from .runner import ROOT

CASES = ROOT / "cases"
SMALL = "2022/2022-01-13-rekom.yaml"
ALLOC = "2022/2022-03-09-rekom.yaml"
NOTES = "2024/2024-01-11-kompetanseloftet.yaml"  # has a footnote
RUN = "touch CANARY"
Mutation = Callable[[Path], None]


def workspace(ws: Path, base: str) -> Path:
    """A fresh case tree in `ws` with the register and one bundled meeting; the meeting file."""
    (ws / "cases" / base.split("/")[0]).mkdir(parents=True)
    shutil.copy(CASES / "register.yaml", ws / "cases" / "register.yaml")
    return Path(shutil.copy(CASES / base, ws / "cases" / base))


def meeting(ws: Path) -> Path:
    return next(p for p in (ws / "cases").glob("*/*") if p.is_file() or p.is_symlink())


def edit(change: Callable[[str], str]) -> Mutation:
    def apply(ws: Path) -> None:
        path = meeting(ws)
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return apply


def in_text(payload: str) -> Mutation:
    """The payload as the first lines of the first case text."""
    indented = "".join("      " + line + "\n" for line in payload.splitlines())
    return edit(lambda text: text.replace("    text: |\n", "    text: |\n" + indented, 1))


def appended(yaml: str) -> Mutation:
    return edit(lambda text: text + yaml)


def in_template(payload: str) -> Mutation:
    """A copy of the minutes template with one more paragraph holding `payload`."""
    def apply(ws: Path) -> None:
        from docx import Document

        (ws / "tpl").mkdir(exist_ok=True)
        doc = Document(str(ROOT / "templates" / "referat.docx"))
        doc.add_paragraph(payload)
        doc.save(str(ws / "tpl" / "referat.docx"))
    return apply


def template_bytes(data: Callable[[bytes], bytes]) -> Mutation:
    def apply(ws: Path) -> None:
        (ws / "tpl").mkdir(exist_ok=True)
        (ws / "tpl" / "referat.docx").write_bytes(data((ROOT / "templates" / "referat.docx").read_bytes()))
    return apply


def renamed(name: str) -> Mutation:
    def apply(ws: Path) -> None:
        path = meeting(ws)
        path.rename(path.with_name(name))
    return apply


def symlink_loop(ws: Path) -> None:
    (ws / "cases" / "loop").symlink_to(ws / "cases", target_is_directory=True)


def raw_bytes(change: Callable[[bytes], bytes]) -> Mutation:
    def apply(ws: Path) -> None:
        path = meeting(ws)
        path.write_bytes(change(path.read_bytes()))
    return apply


def _bomb(levels: int) -> str:
    lines = ["bomb0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels + 1):
        lines.append(f"bomb{i}: &b{i} [" + ", ".join([f"*b{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _nfd(text: str) -> str:
    return text.replace("{årsverk:", "{" + unicodedata.normalize("NFD", "årsverk") + ":", 3)


def _requests(value: str) -> Callable[[str], str]:
    return lambda text: text.replace("fosen: {nettverket: 200 000,", f"fosen: {{nettverket: {value},", 1)


# The attacks of issue 8, each once: (name, base meeting, mutation, exit code it must give).
NAMED: list[tuple[str, str, Mutation, int]] = [
    ("alias bomb, 8 levels", SMALL, appended(_bomb(8)), 1),
    ("self-referring alias", SMALL, appended("loop: &l [*l]\n"), 1),
    ("YAML nested 1 000 deep", SMALL, appended("deep: " + "[" * 1000 + "]" * 1000 + "\n"), 1),
    ("YAML nested 100 000 deep", SMALL, appended("deep: " + "[" * 100_000 + "]" * 100_000 + "\n"), 1),
    ("Markdown list 500 deep", SMALL, in_text("\n".join("  " * i + "- x" for i in range(500))), 1),
    ("Markdown quote 100 000 deep", SMALL, in_text(">" * 100_000 + " x"), 1),
    ("årsverk 1e999999999", ALLOC, edit(lambda t: t.replace("'228.1'", "'1e999999999'", 1)), 1),
    ("5 000-digit amount", ALLOC, edit(_requests("1" * 5000)), 1),
    ("26-digit request", ALLOC, edit(_requests("1" * 26)), 1),
    ("negative request", ALLOC, edit(_requests("-200 000")), 1),
    ("'2 28.1' as årsverk", ALLOC, edit(lambda t: t.replace("'228.1'", "'2 28.1'", 1)), 1),
    ("'10 %%' as a share", ALLOC, edit(lambda t: t.replace("flat: 10 %", "flat: 10 %%", 1)), 1),
    ("'NaN %' as a share", ALLOC, edit(lambda t: t.replace("flat: 10 %", "flat: NaN %", 1)), 1),
    ("full-width digits", ALLOC, edit(_requests("２００ ０００")), 1),
    ("NFD key årsverk", ALLOC, edit(_nfd), 0),
    ("'a' * 10**9 in a case text", SMALL, in_text("{{ 'a' * 10**9 }}"), 1),
    ("nested range(100000)", SMALL, in_text("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"), 1),
    ("loop over a long list, nothing called", SMALL, in_text("{% set l = [1] * 9999 %}{% for a in l %}{% for b in l %}{% for c in l %}{% endfor %}{% endfor %}{% endfor %}"), 1),
    ("doubling a string", SMALL, in_text("{% set n = namespace(s='ab') %}{% for i in [1]*60 %}{% set n.s = n.s ~ n.s %}{% endfor %}{{ n.s }}"), 1),
    ("100 000 unclosed '{{'", SMALL, in_text("{{ " * 100_000), 1),
    ("100 000 unclosed '{% if'", SMALL, in_text("{% if 1 %}" * 100_000), 1),
    ("a case text of 1 000 000 characters", SMALL, in_text("x" * 1_000_000), 1),
    ("lipsum(1000000)", SMALL, in_text("{{ lipsum(1000000) }}"), 1),
    ("recursive macro", SMALL, in_text("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}"), 1),
    ("cycler globals in a case text", SMALL, in_text(f"{{{{ cycler.__init__.__globals__.os.system('{RUN}') }}}}"), 1),
    ("format width", SMALL, in_text("{{ '%999999999d' % 1 }}{{ 'x'.ljust(999999999) }}"), 1),
    ("footnote split trick", NOTES, edit(lambda t: t.replace(
        "      [^1]: Herunder også lærlinger og lærekandidater.",
        "      [^1]: x {  \n        { lipsum.__globals__.os.system('" + RUN + "') }}", 1)), 0),
    ("'{{' in a footnote", NOTES, edit(lambda t: t.replace("lærlinger og lærekandidater.", "{{ x }} og {% y %}", 1)), 1),
    ("'{{' printed into a footnote", NOTES, edit(lambda t: t.replace(
        "lærlinger og lærekandidater.", "{{ '{{' }} lipsum.__globals__.os.system('" + RUN + "') }}", 1)), 0),
    ("bell, form feed, NUL, escape, U+FFFE", SMALL, in_text("a\a b\f c\x00 d\x1b e\ufffe"), 1),
    ("raw NUL byte", SMALL, raw_bytes(lambda b: b.replace(b"Aktuelt", b"Akt\x00uelt", 1)), 1),
    ("invalid UTF-8", SMALL, raw_bytes(lambda b: b.replace(b"Aktuelt", b"Akt\xffuelt", 1)), 1),
    ("file named ;touch CANARY;#", SMALL, renamed("2022-01-13-rekom;touch CANARY;#.yaml"), 1),
    ("upper-case .YAML", SMALL, renamed("2022-01-13-rekom.YAML"), 1),
    ("space in the file name", SMALL, renamed("2022-01-13 rekom.yaml"), 1),
    ("symlink loop", SMALL, symlink_loop, 1),
    ("template: cycler globals", SMALL, in_template(f"{{{{ cycler.__init__.__globals__.os.system('{RUN}') }}}}"), 1),
    ("template: lipsum globals", SMALL, in_template(f"{{{{ lipsum.__globals__['os'].system('{RUN}') }}}}"), 1),
    ("template: attr filter", SMALL, in_template(f"{{{{ (cycler|attr('__init__')|attr('__globals__'))['os'].system('{RUN}') }}}}"), 1),
    ("template: 'a' * 10**9", SMALL, in_template("{{ 'a' * 10**9 }}"), 1),
    ("template: nested range", SMALL, in_template("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"), 1),
    ("template: recursive macro", SMALL, in_template("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}"), 1),
    ("template: brackets 100 000 deep", SMALL, in_template("{{ " + "(" * 100_000 + "1" + ")" * 100_000 + " }}"), 1),
    ("template: syntax error", SMALL, in_template("{% if %}"), 1),
    ("template: not a DOCX", SMALL, template_bytes(lambda b: b"plain text"), 1),
    ("template: truncated zip", SMALL, template_bytes(lambda b: b[: len(b) // 2]), 1),
]

_SPECIALS = list(":{}[]&*!|>'\"%@`#,-?\t\n ") + ["\a", "\f", "\x00", "\x1b", "\ufffe", "\u2028", "\u00a0",
                                                  "１", "\u0301", "{{", "}}", "{%", "%}", "\\", "&a", "*a"]
_VALUES = ["1e999999999", "9" * 30, "-1", "NaN", "inf", "２０", "10 %%", "2 28.1", "0x10", "~", "null", "NO",
           "[]", "{}", "'unterminated", "\"\\x00\"", "!!python/object/apply:os.system ['touch CANARY']",
           "{{ 'a' * 10**9 }}", "{{ range(10**6)|list }}", "{{ ''.__class__ }}", "{% for x in y %}",
           "{{ x }", "*" * 200, "[^9]", "> " * 50, "\n".join("  " * i + "- x" for i in range(30))]


def _line_edit(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    choice = rng.randrange(7)
    if choice == 0:
        del lines[i]
    elif choice == 1:
        lines.insert(i, lines[rng.randrange(len(lines))])
    elif choice == 2:
        j = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:j] + rng.choice(_SPECIALS) + lines[i][j:]
    elif choice == 3 and ":" in lines[i]:
        key = lines[i].split(":", 1)[0]
        lines[i] = key + ": " + rng.choice(_VALUES).replace("\n", "\n" + " " * (len(key) - len(key.lstrip()) + 2))
    elif choice == 4:
        lines[i] = " " * rng.randrange(12) + lines[i].lstrip()
    elif choice == 5:
        return "\n".join(lines)[: rng.randrange(len(text) + 1)]
    else:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def random_inputs(seed: int, count: int) -> Iterator[tuple[str, str, Mutation]]:
    """`count` seeded random mutations: 1-3 line edits of a bundled meeting file."""
    rng = random.Random(seed)
    bases = [SMALL, ALLOC, NOTES, "2024/2024-03-07-rekom.yaml"]
    for n in range(count):
        base = rng.choice(bases)
        steps = rng.randrange(1, 4)
        local = random.Random(rng.random())

        def apply(ws: Path, local=local, steps=steps) -> None:
            text = meeting(ws).read_text(encoding="utf-8")
            for _ in range(steps):
                text = _line_edit(local, text)
            meeting(ws).write_text(text, encoding="utf-8", errors="surrogatepass")

        yield f"random #{n} (seed {seed})", base, apply
