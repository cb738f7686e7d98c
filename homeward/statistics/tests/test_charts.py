"""The SVG charts: well-formed, accessible, to scale, with their values written on them, text
escaped, and a suppressed figure drawn as the report's symbol rather than as a zero."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from homeward.statistics import charts
from homeward.statistics.charts import Series

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to check it


def _texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def _bars(root: ET.Element) -> list[ET.Element]:
    """The data bars (the legend's swatches are 12 high and sit above the plot)."""
    return [r for r in root.iter(f"{SVG}rect") if float(r.get("y", 0)) > 30]


def test_bar_chart_is_accessible_and_to_scale() -> None:
    svg = charts.bar_chart(
        title="New cases by category",
        description="2025 against 2024.",
        categories=["Runaway", "Parental abduction"],
        series=[Series("2025", [Decimal(400), Decimal(100)]), Series("2024", [300, 200])],
        y_label="cases",
    )
    root = _parse(svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.get("id") == title_id
    assert title.text == "New cases by category"
    assert desc is not None and desc.get("id") == desc_id
    # the description reads out every value
    assert (
        desc.text
        == "2025 against 2024. Runaway: 2025 400, 2024 300. Parental abduction: 2025 100, 2024 200."
    )
    assert "width" not in root.attrib and root.get("viewBox", "").startswith("0 0 640 ")
    bars = _bars(root)
    heights = [float(b.get("height", 0)) for b in bars]
    assert len(bars) == 4
    # in the order drawn: runaway 2025, runaway 2024, abduction 2025, abduction 2024
    assert heights[0] / heights[2] == pytest.approx(4, rel=0.02)
    assert heights[1] / heights[3] == pytest.approx(1.5, rel=0.02)
    assert bars[0].get("fill") != bars[1].get("fill")
    assert bars[0].get("fill") == bars[2].get("fill")
    texts = _texts(root)
    for value in ("400", "300", "100", "200", "Runaway", "2025", "2024", "cases"):
        assert value in texts


def test_large_values_are_grouped_and_the_axis_reaches_above_the_tallest_bar() -> None:
    root = _parse(
        charts.bar_chart(
            title="Contacts",
            description="",
            categories=["Phone"],
            series=[Series("2022", [53711])],
            y_label="contacts",
        )
    )
    texts = _texts(root)
    assert "53,711" in texts
    assert "60,000" in texts  # the top tick: round, and above the bar
    assert "0" in texts


def test_a_suppressed_value_is_the_symbol_and_no_bar() -> None:
    root = _parse(
        charts.bar_chart(
            title="Children by sex",
            description="",
            categories=["Female", "Male"],
            series=[Series("2025", [Decimal(12), None])],
            y_label="children",
            missing="c",
        )
    )
    assert len(_bars(root)) == 1
    assert "c" in _texts(root)
    desc = root.find(f"{SVG}desc")
    assert desc is not None and "Male: 2025 c." in (desc.text or "")


def test_text_is_escaped() -> None:
    svg = charts.bar_chart(
        title='<script>alert("x")</script>',
        description="a & b",
        categories=["<b>bold</b>"],
        series=[Series("A&B", [1])],
        y_label="<y>",
    )
    assert "<script>" not in svg and "<b>" not in svg
    root = _parse(svg)  # still well-formed
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == '<script>alert("x")</script>'
    assert "<b>bold</b>" in _texts(root)


def test_share_chart_draws_shares_in_percent() -> None:
    root = _parse(
        charts.share_chart(
            title="Categories",
            description="Share of new cases.",
            rows=[
                ("Runaway", Decimal("66.4")),
                ("Parental abduction", Decimal(18)),
                ("Other", None),
            ],
        )
    )
    bars = [r for r in root.iter(f"{SVG}rect")]
    assert len(bars) == 2
    widths = [float(b.get("width", 0)) for b in bars]
    assert widths[0] / widths[1] == pytest.approx(66.4 / 18, rel=0.02)
    texts = _texts(root)
    assert "66\u00a0%" in texts and "18\u00a0%" in texts and "c" in texts
    assert "Parental abduction" in texts


def test_share_chart_axis_stops_at_100_percent() -> None:
    root = _parse(charts.share_chart(title="All", description="", rows=[("All", 97)]))
    texts = _texts(root)
    assert "100\u00a0%" in texts and "120\u00a0%" not in texts


def test_line_chart_breaks_at_a_missing_year_and_differs_by_dash() -> None:
    root = _parse(
        charts.line_chart(
            title="New cases, 2021–2025",
            description="",
            x_values=["2021", "2022", "2023", "2024", "2025"],
            series=[
                Series("Runaway", [10, 12, None, 15, 16]),
                Series("Parental abduction", [4, 5, 6, 7, 8]),
            ],
            y_label="cases",
        )
    )
    lines = list(root.iter(f"{SVG}polyline"))
    # runaway: two runs (2021–2022 and 2024–2025), abduction: one
    assert sorted(len((p.get("points") or "").split()) for p in lines) == [2, 2, 5]
    dashes = {p.get("stroke-dasharray") for p in lines}
    assert len(dashes) == 2
    texts = _texts(root)
    assert {"2021", "2025", "16", "8", "c", "Runaway", "Parental abduction"} <= set(texts)


def test_line_chart_points_are_to_scale() -> None:
    root = _parse(
        charts.line_chart(
            title="t",
            description="",
            x_values=["a", "b"],
            series=[Series("s", [0, 50])],
            y_label="y",
        )
    )
    (line,) = root.iter(f"{SVG}polyline")
    (x1, y1), (x2, y2) = (
        tuple(map(float, p.split(","))) for p in (line.get("points") or "").split()
    )
    assert x2 > x1 and y2 < y1  # 50 above 0
    assert "50" in _texts(root)


@pytest.mark.parametrize(
    "values, message", [([1, 2], "has 2 values for 1"), ([-1], "negative value")]
)
def test_bad_data_is_refused(values: list[int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        charts.bar_chart(
            title="t", description="", categories=["a"], series=[Series("s", values)], y_label="y"
        )


def test_two_different_charts_have_different_ids() -> None:
    one = _parse(charts.share_chart(title="A", description="", rows=[("x", 1)]))
    two = _parse(charts.share_chart(title="A", description="", rows=[("x", 2)]))
    assert one.get("aria-labelledby") != two.get("aria-labelledby")


def test_ticks_are_round() -> None:
    assert charts._ticks(7) == [0, 2, 4, 6, 8]
    assert charts._ticks(0) == [0, 1]
    assert charts._ticks(53711)[-1] == 60000
