"""`rekom-docs templates init DIR`: write a starter set of Word templates into an empty folder.

Why: the .docx files under templates/ are the master, edited in Word; nothing may regenerate
them. This writes a fresh set elsewhere (never over a file) to start a new look from.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import RekomError, relative
from ..present.template_set import BUNDLED_TEMPLATES
from ..present.wording import LANGS, load_standards
from ..publish.write import write_file
from .documents import TEMPLATES
from .letterhead import letterhead

HERE = Path(__file__).resolve().parent
LANG_TAGS = {"nb": "nb-NO", "nn": "nn-NO"}
COPIED = ("wording.nb.yaml", "wording.nn.yaml", "README.md")  # taken as they are from the bundled set


def labels() -> dict[str, dict[str, str]]:
    """The starter templates' fixed text per written standard, plus the proofing language."""
    loaded = load_standards(tuple(HERE / f"labels.{lang}.yaml" for lang in LANGS))
    return {lang: dict(words) | {"lang": LANG_TAGS[lang]} for lang, words in zip(LANGS, loaded)}


def init(folder: Path) -> list[Path]:
    """Write the starter set into `folder` (new or empty); refuse to touch anything already there."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise RekomError(f"{relative(folder)} is not an empty folder; templates init writes only into a new "
                         "or empty one, so that no template is overwritten")
    text = labels()
    written = []
    for lang, t in text.items():
        for name, make in TEMPLATES.items():
            target = folder / (f"{name}.docx" if lang == "nb" else f"{lang}/{name}.docx")
            written.append(write_file(folder, target, make(t).save))
    written.append(write_file(folder, folder / "letterhead.docx", letterhead(text["nb"]).save))
    for name in COPIED:
        written.append(write_file(folder, folder / name, lambda tmp, n=name: shutil.copyfile(BUNDLED_TEMPLATES / n, tmp)))
    return written
