"""Charts drawn on the server as SVG: no JavaScript, no library, vectors in the PDF too.

Three kinds, each returning a complete `<svg>` element (safe HTML, every text escaped):

    bar_chart(...)    grouped vertical bars: categories along the bottom, one bar per series
                      (this period against the same period last year), the value on each bar;
    share_chart(...)  horizontal bars of shares in percent (category shares), the share at the
                      end of each bar;
    line_chart(...)   lines over the years, one per series, with their values at the points.

A value of None is a figure that is not shown (suppressed by disclosure control, or not
available): no bar or point is drawn and `missing` (the report's symbol) stands in its place.

Each chart is `role="img"` with a `<title>` and a `<desc>` that also reads out every value, so
a screen reader gets the numbers. Colours are the Okabe–Ito palette (distinguishable with the
common colour-vision deficiencies), in an order whose first two also differ in lightness for
greyscale print; lines differ by dash and marker as well as colour. The SVG has a viewBox and
no fixed width: it scales to its container.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

Number = Decimal | int | float

PALETTE: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
"""Okabe–Ito: dark blue, orange, green, pink, sky blue, vermillion."""
DASHES: tuple[str, ...] = ("", "6 3", "2 3", "8 3 2 3", "4 4", "1 2")
MARKERS: tuple[str, ...] = ("circle", "square", "triangle", "diamond", "circle", "square")
INK = "#1a1a1a"
GRID = "#c8c8c8"
FONT = "font-family=\"'DejaVu Sans', Arial, Helvetica, sans-serif\""
WIDTH = 640
FONT_SIZE = 12
CHAR_WIDTH = FONT_SIZE * 0.6
"""An estimate of the average width of a character, to wrap labels."""


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[Number | None]


def format_count(value: Number) -> str:
    return number_format(Decimal(str(value)).normalize(), decimal_pos=None, force_grouping=True)


def format_percent(value: Number) -> str:
    rounded = Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return f"{number_format(rounded, force_grouping=True)}\u00a0%"


def bar_chart(
    *,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    y_label: str,
    x_label: str = "",
    value_format: Callable[[Number], str] = format_count,
    missing: str = "c",
) -> SafeString:
    _check(series, len(categories))
    left, right, top = 64, 16, 20 + _legend_height(series)
    label_lines = max((len(_wrap(c, _band_chars(len(categories)))) for c in categories), default=1)
    plot_height = 240
    bottom = 12 + label_lines * (FONT_SIZE + 2) + (FONT_SIZE + 10 if x_label else 0)
    height = top + plot_height + bottom
    plot_width = WIDTH - left - right
    ticks = _ticks(_maximum(series))
    scale = plot_height / float(ticks[-1])
    base = top + plot_height
    parts = _legend(series, left, 14, kind="bar")
    parts += _y_axis(ticks, left, plot_width, base, scale, y_label, value_format, top)
    band = plot_width / max(len(categories), 1)
    bar = min(48.0, band * 0.8 / max(len(series), 1))
    for index, category in enumerate(categories):
        start = left + index * band + (band - bar * len(series)) / 2
        for number, one in enumerate(series):
            value = one.values[index]
            x = start + number * bar
            centre = x + bar / 2
            if value is None:
                parts.append(_text(centre, base - 4, missing, anchor="middle", italic=True))
                continue
            length = float(value) * scale
            parts.append(
                f'<rect x="{x:.1f}" y="{base - length:.1f}" width="{bar - 2:.1f}" '
                f'height="{length:.1f}" fill="{PALETTE[number % len(PALETTE)]}" '
                f'stroke="{INK}" stroke-width="0.5"/>'
            )
            parts.append(_text(centre - 1, base - length - 4, value_format(value), anchor="middle"))
        for line, words in enumerate(_wrap(category, _band_chars(len(categories)))):
            y = base + 16 + line * (FONT_SIZE + 2)
            parts.append(_text(left + index * band + band / 2, y, words, anchor="middle"))
    parts.append(_line(left, base, left + plot_width, base))
    if x_label:
        parts.append(_text(left + plot_width / 2, height - 6, x_label, anchor="middle", bold=True))
    summary = _summary(categories, series, value_format, missing)
    return _svg(title, description, summary, height, parts)


def share_chart(
    *,
    title: str,
    description: str,
    rows: Sequence[tuple[str, Number | None]],
    x_label: str = "",
    value_format: Callable[[Number], str] = format_percent,
    ceiling: float | None = 100,
    missing: str = "c",
) -> SafeString:
    """Horizontal bars, one per row in the order given: shares in percent (the axis stops at
    `ceiling`, 100 %), or counts with `value_format=format_count, ceiling=None`."""
    series = [Series("", [value for _label, value in rows])]
    _check(series, len(rows))
    label_width = 200
    left, right, top = label_width + 12, 56, 12
    plot_width = WIDTH - left - right
    ticks = _ticks(_maximum(series), ceiling=ceiling)
    scale = plot_width / float(ticks[-1])
    labels = [_wrap(label, int(label_width / CHAR_WIDTH)) for label, _value in rows]
    heights = [max(26, len(lines) * (FONT_SIZE + 1) + 10) for lines in labels]
    bottom_of_rows = top + sum(heights)
    parts: list[str] = []
    for tick in ticks:
        x = left + float(tick) * scale
        parts.append(_line(x, top, x, bottom_of_rows, colour=GRID))
        parts.append(_text(x, bottom_of_rows + 16, value_format(tick), anchor="middle"))
    y = float(top)
    for (_label, value), lines, row_height in zip(rows, labels, heights, strict=True):
        middle = y + row_height / 2
        first = middle + 4 - (len(lines) - 1) * (FONT_SIZE + 1) / 2
        for number, words in enumerate(lines):
            parts.append(_text(left - 8, first + number * (FONT_SIZE + 1), words, anchor="end"))
        if value is None:
            parts.append(_text(left + 4, middle + 4, missing, italic=True))
        else:
            length = float(value) * scale
            parts.append(
                f'<rect x="{left}" y="{middle - 9:.1f}" width="{length:.1f}" height="18" '
                f'fill="{PALETTE[0]}" stroke="{INK}" stroke-width="0.5"/>'
            )
            parts.append(_text(left + length + 4, middle + 4, value_format(value)))
        y += row_height
    parts.append(_line(left, top, left, bottom_of_rows))
    height = bottom_of_rows + 24 + (FONT_SIZE + 8 if x_label else 0)
    if x_label:
        parts.append(_text(left + plot_width / 2, height - 6, x_label, anchor="middle", bold=True))
    summary = _summary([label for label, _value in rows], series, value_format, missing)
    return _svg(title, description, summary, height, parts)


def line_chart(
    *,
    title: str,
    description: str,
    x_values: Sequence[str],
    series: Sequence[Series],
    y_label: str,
    x_label: str = "",
    value_format: Callable[[Number], str] = format_count,
    missing: str = "c",
) -> SafeString:
    """One line per series over `x_values` (years); a None breaks the line."""
    _check(series, len(x_values))
    right = 56 if len(series) > 2 else 24  # room for the values at the lines' ends
    left, top, plot_height = 64, 24 + _legend_height(series), 220
    bottom = 28 + (FONT_SIZE + 10 if x_label else 0)
    height = top + plot_height + bottom
    plot_width = WIDTH - left - right
    ticks = _ticks(_maximum(series))
    scale = plot_height / float(ticks[-1])
    base = top + plot_height
    step = plot_width / max(len(x_values) - 1, 1)

    def x_of(index: int) -> float:
        return left + (index * step if len(x_values) > 1 else plot_width / 2)

    parts = _legend(series, left, 14, kind="line")
    parts += _y_axis(ticks, left, plot_width, base, scale, y_label, value_format, top)
    parts.append(_line(left, base, left + plot_width, base))
    for index, label in enumerate(x_values):
        parts.append(_text(x_of(index), base + 16, label, anchor="middle"))
    last_value = [
        max((i for i, v in enumerate(one.values) if v is not None), default=-1) for one in series
    ]
    for number, one in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        dash = DASHES[number % len(DASHES)]
        points: list[list[tuple[float, float]]] = [[]]
        for index, value in enumerate(one.values):
            if value is None:
                points.append([])
                parts.append(_text(x_of(index), base - 6, missing, anchor="middle", italic=True))
                continue
            point = (x_of(index), base - float(value) * scale)
            points[-1].append(point)
            parts.append(_marker(MARKERS[number % len(MARKERS)], point, colour))
            if len(series) <= 2:
                above = -8 if number % 2 == 0 else 16
                text = value_format(value)
                parts.append(_text(point[0], point[1] + above, text, anchor="middle", small=True))
            elif index == last_value[number]:
                parts.append(_text(point[0] + 7, point[1] + 4, value_format(value), small=True))
        for run in points:
            if len(run) > 1:
                path = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                dashing = f' stroke-dasharray="{dash}"' if dash else ""
                parts.insert(
                    0,
                    f'<polyline points="{path}" fill="none" stroke="{colour}" '
                    f'stroke-width="2.5"{dashing}/>',
                )
    if x_label:
        parts.append(_text(left + plot_width / 2, height - 6, x_label, anchor="middle", bold=True))
    summary = _summary(x_values, series, value_format, missing)
    return _svg(title, description, summary, height, parts)


# ---- the pieces ----------------------------------------------------------------------------


def _check(series: Sequence[Series], count: int) -> None:
    for one in series:
        if len(one.values) != count:
            raise ValueError(f"series {one.label!r} has {len(one.values)} values for {count}")
        for value in one.values:
            if value is not None and value < 0:
                raise ValueError(f"series {one.label!r} has a negative value: {value}")


def _maximum(series: Sequence[Series]) -> float:
    values = [float(v) for one in series for v in one.values if v is not None]
    return max(values, default=0.0)


def _ticks(maximum: float, *, count: int = 5, ceiling: float | None = None) -> list[Decimal]:
    """Round steps (1, 2, 2.5 or 5 times a power of ten) from 0 to just above the maximum."""
    if maximum <= 0:
        return [Decimal(0), Decimal(1)]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    top = math.ceil(maximum / step - 1e-9) * step
    if ceiling is not None and top > ceiling >= maximum:
        top = ceiling
    steps = round(top / step)
    exact = Decimal(str(step))
    ticks = [exact * i for i in range(steps + 1)]
    if ticks[-1] < Decimal(str(top)):
        ticks.append(Decimal(str(top)))
    return [t.normalize() if t != t.to_integral_value() else t.quantize(Decimal(1)) for t in ticks]


def _y_axis(
    ticks: Sequence[Decimal],
    left: float,
    plot_width: float,
    base: float,
    scale: float,
    label: str,
    value_format: Callable[[Number], str],
    top: float,
) -> list[str]:
    parts = []
    for tick in ticks:
        y = base - float(tick) * scale
        parts.append(_line(left, y, left + plot_width, y, colour=GRID))
        parts.append(_text(left - 6, y + 4, value_format(tick), anchor="end"))
    middle = top + (base - top) / 2
    parts.append(
        f'<text x="14" y="{middle:.1f}" transform="rotate(-90 14 {middle:.1f})" '
        f'text-anchor="middle" font-size="{FONT_SIZE}" font-weight="bold" fill="{INK}">'
        f"{escape(label)}</text>"
    )
    return parts


def _legend_rows(series: Sequence[Series], left: float) -> list[list[tuple[int, float]]]:
    """The legend's entries (series number, x) in rows that fit the width."""
    rows: list[list[tuple[int, float]]] = [[]]
    x = left
    for number, one in enumerate(series):
        width = 40 + len(one.label) * CHAR_WIDTH
        if rows[-1] and x + width > WIDTH:
            rows.append([])
            x = left
        rows[-1].append((number, x))
        x += width
    return rows


def _legend_height(series: Sequence[Series]) -> int:
    if not (len(series) > 1 or (series and series[0].label)):
        return 0
    return 20 * len(_legend_rows(series, 64))


def _legend(series: Sequence[Series], left: float, y: float, *, kind: str) -> list[str]:
    if not _legend_height(series):
        return []
    parts = []
    for row, entries in enumerate(_legend_rows(series, left)):
        base = y + row * 20
        for number, x in entries:
            colour = PALETTE[number % len(PALETTE)]
            if kind == "bar":
                parts.append(
                    f'<rect x="{x:.1f}" y="{base - 10:.1f}" width="12" height="12" '
                    f'fill="{colour}" stroke="{INK}" stroke-width="0.5"/>'
                )
            else:
                dash = DASHES[number % len(DASHES)]
                dashing = f' stroke-dasharray="{dash}"' if dash else ""
                parts.append(
                    f'<line x1="{x - 4:.1f}" y1="{base - 4:.1f}" x2="{x + 16:.1f}" '
                    f'y2="{base - 4:.1f}" stroke="{colour}" stroke-width="2.5"{dashing}/>'
                )
                parts.append(_marker(MARKERS[number % len(MARKERS)], (x + 6, base - 4), colour))
            parts.append(_text(x + 20, base, series[number].label))
    return parts


def _marker(shape: str, point: tuple[float, float], colour: str) -> str:
    x, y = point
    paint = f'fill="{colour}" stroke="{INK}" stroke-width="0.75"'
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" {paint}/>'
    if shape == "triangle":
        return f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}" {paint}/>'  # noqa: E501
    if shape == "diamond":
        return f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}" {paint}/>'  # noqa: E501
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" {paint}/>'


def _line(x1: float, y1: float, x2: float, y2: float, *, colour: str = INK) -> str:
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
        'stroke-width="1"/>'
    )


def _text(
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    bold: bool = False,
    italic: bool = False,
    small: bool = False,
) -> str:
    style = ' font-weight="bold"' if bold else ""
    style += ' font-style="italic"' if italic else ""
    size = FONT_SIZE - 1 if small else FONT_SIZE
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{INK}"{style}>{escape(text)}</text>'
    )


def _band_chars(categories: int) -> int:
    return max(6, int((WIDTH - 80) / max(categories, 1) / CHAR_WIDTH))


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _summary(
    labels: Sequence[str],
    series: Sequence[Series],
    value_format: Callable[[Number], str],
    missing: str,
) -> str:
    """Every value in words, for the `<desc>`: "Runaway: 2025 1,234, 2024 1,100."."""
    rows = []
    for index, label in enumerate(labels):
        values = []
        for one in series:
            value = one.values[index]
            shown = missing if value is None else value_format(value)
            values.append(f"{one.label} {shown}".strip())
        rows.append(f"{label}: {', '.join(values)}.")
    return " ".join(rows)


def _svg(title: str, description: str, summary: str, height: float, parts: list[str]) -> SafeString:
    digest = hashlib.sha1(f"{title}|{summary}".encode(), usedforsecurity=False).hexdigest()[:10]
    ident = f"chart-{digest}"
    desc = f"{description} {summary}".strip()
    return mark_safe(  # noqa: S308 - every text above went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" aria-labelledby="{ident}-title {ident}-desc" '
        f'preserveAspectRatio="xMidYMid meet" {FONT}>'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(desc)}</desc>' + "".join(parts) + "</svg>"
    )
