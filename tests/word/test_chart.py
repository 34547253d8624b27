"""The chart's colours: each series readable against white and told apart from the next."""

from __future__ import annotations

from rekom_docs.word.chart import COLOURS, bar_chart, contrast


def test_chart_series_differ_by_three_to_one_and_from_white():
    first, second = COLOURS[:2]
    assert contrast(first, second) >= 3 and contrast(first, "#FFFFFF") >= 3 and contrast(second, "#FFFFFF") >= 3
    assert contrast("#1F3A5F", "#4A7DB8") < 3  # the old pair, which the test would have refused


def test_chart_is_a_png():
    assert bar_chart(["A", "B"], {"x": [1000, 2000], "y": [500, 0]}).startswith(b"\x89PNG")


def test_the_chart_is_lettered_in_the_body_font(monkeypatch):
    from pathlib import Path

    import pytest
    from matplotlib.text import Text

    from rekom_docs.word import chart
    from rekom_docs.word.fontmetrics import FONT, FONT_FILES

    if not Path(FONT_FILES["regular"]).is_file():
        pytest.skip("the body font is not installed")
    families = []
    draw = Text.draw
    monkeypatch.setattr(Text, "draw", lambda self, renderer: families.append(self.get_fontname()) or draw(self, renderer))
    chart.bar_chart(["Indre Namdal"], {"Til nettverket": [1_200_000]})
    assert families and set(families) == {FONT}
