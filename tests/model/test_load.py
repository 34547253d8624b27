"""The YAML loader keeps ambiguous scalars as text and locates every problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from rekom_docs.model import load
from rekom_docs.model.load import load_file, load_text


@pytest.mark.parametrize("scalar, expected", [
    ("NO", "NO"), ("no", "no"), ("off", "off"), ("yes", "yes"),
    ("8:30", "8:30"), ("08.30", "08.30"), ("10.00", "10.00"), ("1e3", "1e3"),
    ("2024-01-11", "2024-01-11"), ("0830", "0830"),
    ("12", 12), ("-3", -3), ("true", True), ("false", False), ("null", None), ("~", None),
    ('"12"', "12"), ("'true'", "true"),
])
def test_scalars_resolve_only_ints_bools_and_null(scalar, expected):
    located, problems = load_text(f"key: {scalar}\n", "f.yaml")
    assert problems == []
    assert located.data["key"] == expected
    assert type(located.data["key"]) is type(expected)


def test_marks_point_at_keys_and_items():
    located, _ = load_text("a:\n  b: 1\n  c:\n    - x\n    - y\n", "f.yaml")
    assert located.where(("a", "b")) == (2, 3)
    assert located.where(("a", "c", 1)) == (5, 7)
    assert located.where(("a", "missing")) == (1, 1)


def test_duplicate_keys_are_all_reported():
    located, problems = load_text("a: 1\nb: 2\na: 3\nb: 4\n", "f.yaml")
    assert located is None
    assert [str(p) for p in problems] == [
        "f.yaml:3:1: a: duplicate key 'a' (first given on line 1)",
        "f.yaml:4:1: b: duplicate key 'b' (first given on line 2)",
    ]


def test_tab_indentation_has_a_clear_message():
    _, problems = load_text("a:\n\tb: 1\n", "f.yaml")
    assert "tab character" in problems[0].message
    assert (problems[0].line, problems[0].col) == (2, 1)


def test_bad_utf8_is_located(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_bytes("a: ok\nb: Tr\xf8ndelag\n".encode("latin-1"))
    located, problems = load_file(path)
    assert located is None
    assert (problems[0].line, problems[0].col) == (2, 6)
    assert "not valid UTF-8" in problems[0].message


def test_empty_and_multi_document_files_are_refused():
    assert "empty" in load_text("# nothing\n", "f.yaml")[1][0].message
    assert "more than one YAML document" in load_text("a: 1\n---\nb: 2\n", "f.yaml")[1][0].message


def test_python_tags_are_refused():
    _, problems = load_text("a: !!python/object:os.system x\n", "f.yaml")
    assert "not supported" in problems[0].message


@pytest.mark.parametrize(("text", "too_deep"), [
    ("a: " + "[" * 40 + "]" * 40, True),  # an empty list at depth 41 (the mapping is the first)
    ("a: " + "[" * 39 + "]" * 39, False),  # at the limit
    ("a:\n" + "".join(" " * (4 * i) + f"- k{i}:\n" for i in range(20)) + " " * 80 + "- x\n", True),
    ("a: [[[[x]]]]\nb: " + "{c: " * 45 + "d" + "}" * 45, True),
    ("x: &l [*l]", False),  # deep only through an alias: told as such
])
def test_nesting_is_judged_alike_with_and_without_the_depth_scan(text: str, too_deep: bool):
    """A text with few openers skips the event scan; its verdict and place are the scan's."""
    _, problems = load_text(text, "m.yaml")
    deep = load._deepest(text, "m.yaml")
    assert (deep is not None) == too_deep
    assert problems == [deep] if deep else not any("nest" in p.message for p in problems)


def test_a_text_with_many_openers_is_scanned_before_it_is_composed():
    text = "a: " + "[" * 30_000 + "]" * 30_000  # would crash libyaml's composer
    _, [problem] = load_text(text, "m.yaml")
    assert "nest more than" in problem.message and (problem.line, problem.col) == (1, 43)
