"""Bar charts as PNG for the letters, drawn with matplotlib's Agg backend.

Why matplotlib: axes, ticks, label layout and font embedding are solved there; a chart
drawn by hand would be more code and worse. Output is deterministic (no timestamp),
so a rebuild of the same figures gives the same bytes.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..formats import kr
from .fontmetrics import FONT, FONT_FILES


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #RRGGBB colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    low, high = sorted((luminance(a), luminance(b)))
    return (high + 0.05) / (low + 0.05)

# Navy and orange: each at least 3:1 against white and against the other (WCAG 1.4.11), and told
# apart by readers who do not see red and green; the third (only stacked) is lighter still.
COLOURS = ("#1F3A5F", "#C9741E", "#8FB0D9")


@lru_cache(maxsize=1)
def _font_installed() -> bool:
    """Whether the body font is there for the chart's text (matplotlib's own font otherwise).

    Why: a chart lettered in another face than the page beside it looks pasted in.
    """
    from matplotlib import font_manager

    files = [path for path in FONT_FILES.values() if Path(path).is_file()]
    for path in files:
        font_manager.fontManager.addfont(path)
    return bool(files)


def bar_chart(labels: list[str], series: dict[str, list[int]], lang: str = "nb") -> bytes:
    """Horizontal stacked bars, one per label, one colour per series; amounts in kroner."""
    with plt.rc_context({"font.family": FONT} if _font_installed() else None):
        return _drawn(labels, series, lang)


def _drawn(labels: list[str], series: dict[str, list[int]], lang: str) -> bytes:
    height = 0.9 + 0.32 * len(labels)
    fig, ax = plt.subplots(figsize=(6.3, height), dpi=150)
    left = [0] * len(labels)
    for colour, (name, values) in zip(COLOURS, series.items()):
        ax.barh(labels, values, left=left, color=colour, label=name, height=0.65, edgecolor="white", linewidth=0.6)
        left = [a + b for a, b in zip(left, values)]
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    # Why a plain space: the body font has no no-break space glyph, and a tick label never wraps
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: kr(int(x) // 1000, lang).replace("\u00a0", " ")))
    ax.tick_params(labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if len(series) > 1:
        ax.legend(fontsize=8, frameon=False, loc="lower right")
    ax.set_xlabel("1 000 kr", fontsize=8)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()
