"""A starter set of Word templates for `rekom-docs templates init DIR`, built with python-docx.

Why: the .docx files under templates/ are the master, edited in Word; nothing may regenerate
them. This makes a fresh set to start a new look from; the command writes it, never over a file.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from ...present.template_set import BUNDLED_TEMPLATES
from ...present.wording import LANGS, load_standards
from .documents import TEMPLATES
from .letterhead import letterhead

HERE = Path(__file__).resolve().parent
LANG_TAGS = {"nb": "nb-NO", "nn": "nn-NO"}
COPIED = ("wording.nb.yaml", "wording.nn.yaml", "README.md")  # taken as they are from the bundled set

Save = Callable[[Path], None]


def labels() -> dict[str, dict[str, str]]:
    """The starter templates' fixed text per written standard, plus the proofing language."""
    loaded = load_standards(tuple(HERE / f"labels.{lang}.yaml" for lang in LANGS))
    return {lang: dict(words) | {"lang": LANG_TAGS[lang]} for lang, words in zip(LANGS, loaded, strict=True)}


def starter_set() -> dict[Path, Save]:
    """Each file of the starter set (a path relative to the set's folder) and how to save it."""
    text = labels()
    files: dict[Path, Save] = {}
    for lang, t in text.items():
        for name, make in TEMPLATES.items():
            files[Path(f"{name}.docx") if lang == "nb" else Path(lang) / f"{name}.docx"] = _saver(make(t))
    files[Path("letterhead.docx")] = _saver(letterhead(text["nb"]))
    for name in COPIED:
        files[Path(name)] = _copier(BUNDLED_TEMPLATES / name)
    return files


def _saver(doc) -> Save:
    def save(tmp: Path) -> None:
        doc.save(str(tmp))
    return save


def _copier(source: Path) -> Save:
    def save(tmp: Path) -> None:
        shutil.copyfile(source, tmp)
    return save
