"""The wording files beside the templates: both standards complete, placeholders checked, errors located."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rekom_docs.errors import InvalidInput, RekomError
from rekom_docs.present.template_set import BUNDLED_TEMPLATES, using
from rekom_docs.present.wording import check_wordings, words
from tests.paths import FIXTURE_TEMPLATES


def folder_with(tmp_path: Path, lang: str, old: str, new: str) -> Path:
    """A template folder whose wording.<lang>.yaml has `old` replaced by `new` (the other is bundled)."""
    for code in ("nb", "nn"):
        shutil.copy(FIXTURE_TEMPLATES / f"wording.{code}.yaml", tmp_path)
    path = tmp_path / f"wording.{lang}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return tmp_path


def test_bundled_wordings_are_complete_in_both_standards():
    nb, nn = words("nb"), words("nn")
    assert set(nb) == set(nn) and len(nb) > 50
    assert all(nn[key] for key in nn)
    assert len(nb["conditions"]) == len(nn["conditions"]) == 5
    assert check_wordings((BUNDLED_TEMPLATES,)) == []


def test_a_key_missing_in_one_standard_is_a_located_error(tmp_path):
    folder = folder_with(tmp_path, "nn", "unanimous: samrøystes\n", "")
    problems = [str(p) for p in check_wordings((folder,))]
    [problem] = problems
    assert problem.startswith(f"{folder / 'wording.nb.yaml'}:")
    assert "unanimous" in problem and "wording.nn.yaml" in problem
    line = next(i for i, text in enumerate((folder / "wording.nb.yaml").read_text().splitlines(), 1)
                if text.startswith("unanimous:"))
    assert f":{line}:1:" in problem


@pytest.mark.parametrize("field", ["{case.__class__}", "{case:>999999999}", "{case!r}", "{0}", "{"])
def test_an_unknown_placeholder_is_an_error_not_a_traceback(tmp_path, field):
    folder = folder_with(tmp_path, "nb", "sak {case}, på", f"sak {field}, på")
    [problem] = check_wordings((folder,))
    assert "letter_intro" in str(problem) and "cannot fill in" in str(problem)
    with using([folder]), pytest.raises(InvalidInput):
        words("nb")


def test_a_reworded_sentence_is_used(tmp_path):
    folder = folder_with(tmp_path, "nb", "Her er beløpene som gjelder dere.", "Beløpene står nedenfor.")
    with using([folder, BUNDLED_TEMPLATES]):
        assert words("nb")["letter_intro"].endswith("Beløpene står nedenfor.")
    assert words("nb")["letter_intro"].endswith("Her er beløpene som gjelder dere.")


def test_a_wording_the_code_needs_but_the_file_lacks_is_a_clean_error(tmp_path):
    folder_with(tmp_path, "nb", "unanimous:", "unanimously:")
    nn = tmp_path / "wording.nn.yaml"
    nn.write_text(nn.read_text(encoding="utf-8").replace("unanimous:", "unanimously:"), encoding="utf-8")
    with using([tmp_path]), pytest.raises(RekomError, match="no wording 'unanimous'"):
        words("nb")["unanimous"]
