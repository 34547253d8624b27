"""What `check` says about translation files: bad entries, stale translations, texts that are gone."""

from __future__ import annotations

from ..compute import meeting_prose
from ..compute.casetext import expand, text_context, text_errors
from ..errors import Problem, Severity
from ..model import translations as store
from ..model.project import Project
from ..nynorsk.localise import nynorsk_registers
from ..nynorsk.texts import prose_texts


def translation_problems(project: Project) -> list[Problem]:
    """Every problem in the translation files of the project's meetings (missing files are fine)."""
    problems: list[Problem] = []
    registers = None
    for item in project.meetings:
        path = store.translation_path(item.path)
        if not path.is_file():
            continue
        loaded = store.load(path)
        problems += loaded.problems
        texts = prose_texts(item.meeting, project.registers)
        registers = registers or nynorsk_registers(project.registers)
        context = text_context(registers, "nn", meeting_prose(item))
        by_key = {t.key: t for t in texts}
        for key, entry in loaded.entries.items():
            file, line, col = loaded.where(key)
            text = by_key.get(key)
            if text is None:
                problems.append(Problem(file, line, col, ".".join(key), "no such text in the meeting any more (the case "
                                        "or field was removed or renumbered); `rekom-docs translate` drops it unless reviewed",
                                        Severity.WARNING))
            elif entry.source != text.source:
                problems.append(item.source.problem(text.path, _stale(key, entry, path.name, item.id), severity=Severity.WARNING))
            elif "{" in entry.nn:
                problems += _expands(entry.nn, context, (file, line, col), key)
        problems += _label_clashes(texts, loaded)
        problems += _unreviewed(loaded, path.name)
    return problems


def _unreviewed(loaded: store.Loaded, name: str) -> list[Problem]:
    """One warning per meeting while some of its nynorsk texts are machine output nobody has read.

    Why: the nynorsk papers print these texts as they are; the reader should not get them as final.
    """
    open_keys = [key for key, entry in loaded.entries.items() if not entry.reviewed]
    if not open_keys:
        return []
    file, line, col = loaded.where(open_keys[0])
    return [Problem(file, line, col, ".".join(open_keys[0]),
                    f"{len(open_keys)} nynorsk text{'s' if len(open_keys) > 1 else ''} not reviewed in {name} (machine translation): read each one, "
                    "correct it and set reviewed: true", Severity.WARNING)]


def _label_clashes(texts: list, loaded: store.Loaded) -> list[Problem]:
    """Labels the code matches up (a vote's result and its options; an allocation's lines and keys) stay matched.

    Why: the figures are recomputed from the nynorsk labels, and a vote's winner is found by
    its label; one bokmål label with two translations, or two labels with one, would mismatch.
    """
    groups: dict[tuple, list] = {}
    for t in texts:
        entry = loaded.entries.get(t.key)
        if entry is not None and entry.source == t.source and len(t.path) > 3 and t.path[2] in ("allocation", "votes"):
            groups.setdefault(t.path[:3], []).append((t, entry.nn))
    problems = []
    for members in groups.values():
        for t, nn in members:
            other = next((u for u, nn2 in members if (u.nb == t.nb) != (nn2 == nn)), None)
            if other is not None and other.key < t.key:
                file, line, col = loaded.where(t.key)
                how = "differs from" if other.nb == t.nb else "is the same as"
                problems.append(Problem(file, line, col, ".".join(t.key),
                                        f"the nynorsk label '{nn}' {how} that of {other.key[1]}, "
                                        f"but the bokmål labels {'are the same' if other.nb == t.nb else 'differ'}"))
    return problems


def _stale(key: tuple[str, str], entry: store.Entry, name: str, meeting: str) -> str:
    what = "case " + key[0] if key[0] != "meeting" and "[" not in key[0] else key[0]
    fix = (f"correct it in {name} and set reviewed: false, then run `rekom-docs translate {meeting}`" if entry.reviewed
           else f"run `rekom-docs translate {meeting}`")
    return (f"the nynorsk translation of {what}, field {key[1]}, is stale: the bokmål text changed after it was "
            f"translated (until renewed, nynorsk documents translate the new text by machine); {fix}")


def _expands(text: str, context: dict, where: tuple[str, int, int], key: tuple[str, str]) -> list[Problem]:
    try:
        expand(text, context)
    except text_errors() as exc:
        message = getattr(exc, "message", None) or str(exc)
        return [Problem(*where, ".".join(key), f"in the nynorsk text: {message}")]
    return []
