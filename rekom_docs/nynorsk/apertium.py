"""Machine translation bokmål -> nynorsk with Apertium, Markdown and template tags kept intact.

Why this way: Apertium's stream format ("-f none") passes text inside unescaped `[...]`
(superblanks) through untouched, so every Jinja tag, Markdown mark, link target and line
break is wrapped in one and only the prose between them is translated. Each Markdown
block (paragraph, list item, table row) is one segment, and all segments go through one
Apertium process separated by NUL characters (null flushing, `-z`).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence

from ..errors import RekomError

MODE = "nob-nno_e"  # Why: e-infinitive and "vi", the forms the state's own nynorsk uses (nob-nno gives "me", "gjera")
INSTALL = "sudo apt-get install -y apertium-nno-nob"
TIMEOUT_S = 120
MAX_CHARS = 400_000  # per Apertium run; larger input is sent in several runs

_TAG = r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}"
_PROTECTED = re.compile(
    rf"{_TAG}"                                  # Jinja: {{ kr(x) }}, {% if %}, {# #}
    r"|\n[ \t]*"                                # a line break inside a block, with its indentation
    r"|`[^`\n]*`"                               # inline code
    r"|\]\([^)\s]*\)"                           # a link's target: ](https://...)
    r"|\[\^[^\]\s]+\]"                          # a footnote reference [^1]
    r"|<[^>\n]*>|https?://\S+"                  # autolinks, bare addresses, HTML
    r"|\\."                                     # Markdown escapes \*
    r"|[*_~|#\[\]<>\\]+",                       # emphasis, table pipes, brackets
    re.S)
_BLOCK_START = re.compile(r"^[ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]+|[a-zA-Z][.)][ \t]+|#{1,6}[ \t]+|>[ \t]*|\[\^[^\]\s]+\]:[ \t]*)")
_ESCAPE = re.compile(r"([\\\[\]^$/@<>{}])")
_LETTER = re.compile(r"[^\W\d_]")


class ApertiumMissing(RekomError):
    """Apertium or its bokmål-nynorsk pair is not installed."""


def available() -> bool:
    """Whether the `apertium` command is on the PATH."""
    return shutil.which("apertium") is not None


def translate(texts: Sequence[str]) -> list[str]:
    """Each bokmål Markdown text in nynorsk, its tags and Markdown marks unchanged."""
    plans = [_plan(text) for text in texts]
    segments = [seg for plan in plans for kind, seg in plan if kind == "seg"]
    done = iter([_same_end(seg, out) for seg, out in zip(segments, _run_batched([_to_stream(s) for s in segments]))])
    out = ["".join(next(done) if kind == "seg" else seg for kind, seg in plan) for plan in plans]
    for source, result in zip(texts, out):
        if re.findall(_TAG, source, re.S) != re.findall(_TAG, result, re.S):
            raise RekomError(f"Apertium changed a template tag in: {source[:80]!r}")
    return out


def _plan(text: str) -> list[tuple[str, str]]:
    """The text as kept parts ('keep', text) and parts to translate ('seg', text), in order."""
    parts: list[tuple[str, str]] = []
    for block in _blocks(text):
        marker = _BLOCK_START.match(block)
        head = marker.group(0) if marker else ""
        body = block[len(head):]
        stripped = body.rstrip()
        parts.append(("keep", head))
        parts.append(("seg", stripped) if _LETTER.search(_unprotected(stripped)) else ("keep", stripped))
        parts.append(("keep", body[len(stripped):]))
    return parts


def _blocks(text: str) -> list[str]:
    """The text cut before every line that starts a Markdown block (blank line, list item, table row)."""
    blocks: list[str] = []
    previous_blank = True
    for line in text.splitlines(keepends=True):
        starts = previous_blank or not line.strip() or _BLOCK_START.match(line) or line.lstrip().startswith("|")
        if starts or not blocks:
            blocks.append(line)
        else:
            blocks[-1] += line
        previous_blank = not line.strip() or line.lstrip().startswith("|")
    return blocks


def _same_end(source: str, translated: str) -> str:
    """The translation ending in the source's final punctuation.

    Why: Apertium reads a number before the last full stop as an ordinal ("31.03.2022.")
    and drops the stop.
    """
    end = source.rstrip()[-1:]
    if end in (".", "!", "?", ":") and not translated.rstrip().endswith(end):
        return translated.rstrip() + end + translated[len(translated.rstrip()):]
    return translated


def _unprotected(text: str) -> str:
    return _PROTECTED.sub(" ", text)


def _to_stream(text: str) -> str:
    """Apertium stream text: protected spans as superblanks, the rest escaped."""
    out, pos = [], 0
    for match in _PROTECTED.finditer(text):
        out.append(_ESCAPE.sub(r"\\\1", text[pos:match.start()]))
        out.append("[" + _ESCAPE.sub(r"\\\1", match.group(0)) + "]")
        pos = match.end()
    out.append(_ESCAPE.sub(r"\\\1", text[pos:]))
    return "".join(out)


def from_stream(stream: str) -> str:
    """Plain text from Apertium's output stream: superblanks opened, escapes and error marks removed."""
    out, i, inside = [], 0, False
    while i < len(stream):
        ch = stream[i]
        if ch == "\\" and i + 1 < len(stream):
            out.append(stream[i + 1])
            i += 2
            continue
        if ch == "[" and not inside or ch == "]" and inside:
            inside = not inside
        elif inside or ch not in "#@*\uffff\0":  # Why: outside superblanks these are Apertium's own marks
            out.append(ch)
        i += 1
    return "".join(out)


def _run_batched(segments: list[str]) -> list[str]:
    """Translate stream segments in as few bounded Apertium runs as fit MAX_CHARS each."""
    results: list[str] = []
    batch: list[str] = []
    for seg in segments:
        if len(seg) > MAX_CHARS:
            raise RekomError(f"a text of {len(seg)} characters is too long to translate (at most {MAX_CHARS})")
        if batch and sum(map(len, batch)) + len(seg) > MAX_CHARS:
            results += _run(batch)
            batch = []
        batch.append(seg)
    return results + (_run(batch) if batch else [])


def _run(segments: list[str]) -> list[str]:
    """One Apertium run over NUL-separated segments; one translation per segment."""
    import subprocess  # Why here: `check` imports this module and never runs Apertium

    if not segments:
        return []
    exe = shutil.which("apertium")
    if exe is None:
        raise ApertiumMissing(f"Apertium is not installed; install it with: {INSTALL}")
    data = "".join(seg.replace("\0", " ") + "[]\0" for seg in segments)  # Why: without the empty superblank the last full stop is lost
    try:
        done = subprocess.run([exe, "-z", "-u", "-f", "none", MODE], input=data.encode("utf-8"),
                              capture_output=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        raise RekomError(f"Apertium did not finish within {TIMEOUT_S} s") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        hint = f" (is the pair installed? {INSTALL})" if "mode" in " ".join(message).lower() else ""
        raise RekomError(f"Apertium failed: {message[-1] if message else done.returncode}{hint}")
    parts = done.stdout.decode("utf-8", "replace").split("\0")
    while parts and not parts[-1].strip("\uffff\n "):
        parts.pop()
    if len(parts) != len(segments):
        raise RekomError(f"Apertium returned {len(parts)} texts for {len(segments)}")
    return [from_stream(p.lstrip("\uffff")) for p in parts]
