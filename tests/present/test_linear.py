"""Views of many meetings stay linear: what every document of a build shares is made once, not once per document."""

from __future__ import annotations

import importlib

from rekom_docs.build import checked_project
from rekom_docs.compute import followups
from rekom_docs.model.dated import project_at
from rekom_docs.present import documents
from tests.paths import ROOT

public = importlib.import_module("rekom_docs.present.public")  # Why: the package exports a function of that name


def test_internal_versions_and_follow_ups_are_made_once_per_build(monkeypatch):
    project = checked_project(ROOT / "cases")
    made: list[object] = []
    collected: list[object] = []
    real_internal, real_collect = public.internal_meeting, followups._collect
    monkeypatch.setattr(public, "internal_meeting", lambda m: made.append(m) or real_internal(m))
    monkeypatch.setattr(followups, "_collect", lambda ms: collected.append(ms) or real_collect(ms))
    monkeypatch.setattr(public, "_MADE", {})
    monkeypatch.setattr(followups, "_TRACKED", [None, []])
    count = 0
    for item in project.meetings:
        dated = project_at(project, item.meeting.date)
        for kind in ("minutes", "agenda", "letters"):
            count += len(documents(item, dated, kind, None))
    assert count > 2 * len(project.meetings)
    assert len(made) == len(project.meetings), "each meeting's internal version is made once, not once per document"
    assert len(collected) <= 2, "the follow-ups of all meetings are collected once (and once more for internal texts)"
