"""Bar charts as PNG for the letters, drawn with matplotlib's Agg backend.

Why matplotlib: axes, ticks, label layout and font embedding are solved there; a chart
drawn by hand would be more code and worse. Output is deterministic (no timestamp),
so a rebuild of the same figures gives the same bytes.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..formats import kr

COLOURS = ("#1F3A5F", "#4A7DB8", "#8FB0D9")  # contrast against white: 11.6, 4.4 and 2.3 (the third only stacked)


def bar_chart(labels: list[str], series: dict[str, list[int]], lang: str = "nb") -> bytes:
    """Horizontal stacked bars, one per label, one colour per series; amounts in kroner."""
    height = 0.9 + 0.32 * len(labels)
    fig, ax = plt.subplots(figsize=(6.3, height), dpi=150)
    left = [0] * len(labels)
    for colour, (name, values) in zip(COLOURS, series.items()):
        ax.barh(labels, values, left=left, color=colour, label=name, height=0.65)
        left = [a + b for a, b in zip(left, values)]
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: kr(int(x) // 1000, lang)))
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
