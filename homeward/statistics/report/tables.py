"""The report's tables, every number taken from the published cells.

For an indicator, the network table crosses its breakdowns (one dimension: a row per code with
its share of the total; two: the first down, the second across), and the per-country table has
a row per country with the codes of the indicator's last dimension across (the others at their
total). A suppressed cell is a `Shown` with `suppressed=True`, which the templates draw as the
report's symbol.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from homeward.core.templatetags.country_names import country as country_name
from homeward.statistics import dimensions as d
from homeward.statistics.catalogue import Indicator
from homeward.statistics.charts import format_count
from homeward.statistics.figures import Breakdown, Figures
from homeward.statistics.report.published import PublishedView

T = d.TOTAL


@dataclass(frozen=True)
class Shown:
    value: Decimal | None
    suppressed: bool = False
    share: Decimal | None = None
    """Percent of the row's total (one-dimension tables only); None where not shown."""

    @property
    def available(self) -> bool:
        return self.value is not None

    @property
    def display(self) -> str:
        return "" if self.value is None else format_count(self.value)

    @property
    def share_display(self) -> str:
        if self.share is None:
            return ""
        rounded = self.share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return f"{number_format(rounded, decimal_pos=1, force_grouping=True)}\u00a0%"


@dataclass(frozen=True)
class Row:
    head: str
    cells: list[Shown]
    total: bool = False


@dataclass(frozen=True)
class Table:
    indicator: Indicator
    caption: str | Promise
    row_head: str | Promise
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    with_shares: bool = False


def percent(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """Unrounded: a share is rounded once, where it is shown (64.46 % is "64 %" in a headline
    and "64.5 %" in a table, never "65 %" from rounding twice)."""
    if part is None or whole is None or whole <= 0:
        return None
    return part * 100 / whole


def codes_of(
    dimension: d.Dimension, view: PublishedView, indicator: str, position: int
) -> list[str]:
    """A dimension's codes in the catalogue's order; for an open one (countries involved), the
    codes that occur, largest first."""
    if not dimension.open:
        return list(dimension.codes)
    found = {b[position] for b in view.breakdowns(indicator) if b[position] != T}
    return sorted(found, key=lambda c: (-(view.value(indicator, T, _with(position, c)) or 0), c))


def _with(position: int, code: str) -> Breakdown:
    return tuple(code if i == position else T for i in range(position + 1))


def _label(dimension: d.Dimension, code: str) -> str:
    return country_name(code) if dimension.open and code != T else dimension.label_of(code)


def _shown(view: PublishedView, indicator: str, country: str, breakdown: Breakdown) -> Shown:
    cell = view.cell(indicator, country, breakdown)
    if cell is None:
        return Shown(None)
    return Shown(None if cell.suppressed else cell.value, suppressed=cell.suppressed)


def network_table(
    indicator: Indicator, view: PublishedView, raw: Figures, *, country: str = T
) -> Table | None:
    """The indicator's breakdown for the network (or one country); None for a median, which
    has no network value."""
    code = indicator.code
    if not indicator.is_count and country == T:
        return None
    dims = indicator.dimensions
    if not dims:
        return Table(indicator, indicator.title, "", [str(_("Value"))],
                     [Row(str(indicator.title), [_shown(view, code, country, ())])])  # fmt: skip
    if len(dims) == 1:
        return _one_dimension(indicator, view, raw, country)
    first, second = dims[0], dims[1]
    across = codes_of(second, view, code, 1)
    rows = []
    for down in [*codes_of(first, view, code, 0), T]:
        cells = [_shown(view, code, country, (down, a)) for a in [*across, T]]
        rows.append(Row(first.label_of(down), cells, total=down == T))
    columns = [_label(second, a) for a in across] + [str(_("Total"))]
    return Table(indicator, indicator.title, first.label, columns, rows)


def _one_dimension(indicator: Indicator, view: PublishedView, raw: Figures, country: str) -> Table:
    code, (dimension,) = indicator.code, indicator.dimensions
    total = view.value(code, country, (T,))
    raw_total = raw.get(code, (T,))
    rows = []
    for value in [*codes_of(dimension, view, code, 0), T]:
        shown = _shown(view, code, country, (value,))
        share = None
        if indicator.is_count and shown.available and total is not None:
            share = percent(raw.get(code, (value,)), raw_total)
        rows.append(
            Row(_label(dimension, value), [Shown(shown.value, shown.suppressed, share)], value == T)
        )
    columns = [str(_("Number")) if indicator.is_count else str(indicator.unit)]
    return Table(indicator, indicator.title, dimension.label, columns, rows, indicator.is_count)


def country_table(indicator: Indicator, view: PublishedView, countries: Sequence[str]) -> Table:
    """A row per country (and the network's total, for counts): the indicator's last
    dimension across, its other dimensions at their total."""
    code, dims = indicator.code, indicator.dimensions
    if dims:
        last = dims[-1]
        across = codes_of(last, view, code, len(dims) - 1)
        keys = [(*(T,) * (len(dims) - 1), a) for a in [*across, T]]
        columns = [_label(last, a) for a in across] + [str(_("Total"))]
    else:
        keys, columns = [()], [str(_("Value"))]
    rows = [
        Row(country_name(c), [_shown(view, code, c, key) for key in keys])
        for c in sorted(countries, key=country_name)
    ]
    if indicator.is_count:
        rows.append(
            Row(str(_("All reporting hotlines")), [_shown(view, code, T, k) for k in keys], True)
        )
    caption = indicator.title if not dims else _title_by_country(indicator)
    return Table(indicator, caption, _("Country"), columns, rows)


def _title_by_country(indicator: Indicator) -> str:
    return str(
        _("%(title)s, by country and %(dimension)s")
        % {"title": indicator.title, "dimension": indicator.dimensions[-1].label}
    )
