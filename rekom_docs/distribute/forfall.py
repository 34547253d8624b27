"""Record an absence (forfall) and the deputy who stands in, by editing the case file's text in place.

Why text edits and not a dump of the data: the case file is the secretariat's, with comments,
order and quoting they chose. Only the attendance lines change, and the result is read back
and compared with the intended data before it replaces the file.
"""

from __future__ import annotations

import yaml

from ..errors import InvalidInput, RekomError
from ..model.load import load_text

_HEADER = ("forum", "date", "time", "place", "digital", "chair", "referent")


def record_absence(text: str, name: str, member: str, deputy: str | None) -> str:
    """`text` with `member` listed as absent and `deputy` (if any) attending for them."""
    nl = "\r\n" if "\r\n" in text else "\n"
    before = _data(text, name)
    absent = member not in ((before.get("attendance") or {}).get("absent") or [])
    if _child(_root(text), "attendance") is None:
        text = _insert_attendance(text, member, nl)
    elif absent:
        text = _append(text, ("attendance",), "absent", member, nl)
    if deputy is not None:
        text = _append(text, ("attendance",), "deputies", f"{{person: {deputy}, for: {member}}}", nl)
    _check_only_attendance_changed(before, _data(text, name), member, absent, deputy)
    return text


def _data(text: str, name: str):
    located, problems = load_text(text, name)
    if located is None:
        raise InvalidInput(problems)
    return located.data


def _root(text: str) -> yaml.MappingNode:
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _child(mapping: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    return next(((k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else (end - 1 if text[end - 1:end] == "\r" else end)


def _last_end(node: yaml.Node) -> int:
    """Where the last value written inside `node` ends (a block collection's own end mark lies past it)."""
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        return _last_end(last[1] if isinstance(node, yaml.MappingNode) else last)
    return node.end_mark.index


def _insert_attendance(text: str, member: str, nl: str) -> str:
    """A new `attendance:` block after the meeting's header keys (forum, date, time, place ...)."""
    root = _root(text)
    header = [v for k, v in root.value if k.value in _HEADER]
    if not header or root.flow_style:
        raise RekomError("cannot place 'attendance' in this file; add it by hand")
    at = _line_end(text, max(header, key=lambda v: v.end_mark.index).end_mark.index)
    return text[:at] + f"{nl}attendance:{nl}  absent: [{member}]" + text[at:]


def _append(text: str, parent: tuple[str, ...], key: str, item: str, nl: str) -> str:
    """`item` added to the list at `parent.key`; the key is added when it is missing."""
    node = _root(text)
    for part in parent:
        found = _child(node, part)
        node = found[1] if found else None
    if not isinstance(node, yaml.MappingNode) or node.flow_style or not node.value:
        raise RekomError(f"'{'.'.join(parent)}' is not a block of keys; add '{key}' by hand")
    found = _child(node, key)
    if found is None:
        at = _line_end(text, _last_end(node))
        return text[:at] + nl + " " * node.value[0][0].start_mark.column + f"{key}: [{item}]" + text[at:]
    seq = found[1]
    if isinstance(seq, yaml.ScalarNode) and seq.value == "":
        at = found[0].end_mark.index + 1  # after 'key:'
        return text[:at] + f" [{item}]" + text[at:]
    if not isinstance(seq, yaml.SequenceNode):
        raise RekomError(f"'{key}' is not a list; add the entry by hand")
    if seq.flow_style:
        close = text.rindex("]", 0, seq.end_mark.index)
        return text[:close] + (", " if seq.value else "") + item + text[close:]
    at = _line_end(text, _last_end(seq))
    return text[:at] + nl + " " * seq.start_mark.column + f"- {item}" + text[at:]


def _check_only_attendance_changed(before, after, member: str, absent: bool, deputy: str | None) -> None:
    """The edited file holds exactly the old data plus the absence and the deputy."""
    expected = dict(before)
    attendance = dict(expected.get("attendance") or {})
    if absent:
        attendance["absent"] = [*(attendance.get("absent") or []), member]
    if deputy is not None:
        attendance["deputies"] = [*(attendance.get("deputies") or []), {"person": deputy, "for": member}]
    expected["attendance"] = attendance
    if after != expected:  # dict equality ignores key order, as a reader of the file does
        raise RekomError("the edit of the case file did not come out as intended; record the absence by hand")
