"""A return's cells laid out for reading: one table per indicator, the first dimension down and
the second across, totals last, as in the XLSX template."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from homeward.core.templatetags.country_names import country
from homeward.statistics import dimensions as d
from homeward.statistics.catalogue import CATALOGUE, Indicator
from homeward.statistics.figures import Figures


@dataclass(frozen=True)
class Row:
    label: str
    is_total: bool
    values: list[str]


@dataclass(frozen=True)
class Table:
    indicator: Indicator
    row_heading: str
    columns: list[str]
    rows: list[Row]
    filled: bool


def _shown(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{value.normalize():f}" if value % 1 else f"{int(value):,}".replace(",", "\u202f")


def _label(dimension: d.Dimension, code: str) -> str:
    return country(code) if dimension.open and code != d.TOTAL else dimension.label_of(code)


def indicator_tables(figures: Figures) -> list[Table]:
    return [_table(indicator, figures) for indicator in CATALOGUE]


def _table(indicator: Indicator, figures: Figures) -> Table:
    cells = figures.cells(indicator.code)
    dims = indicator.dimensions
    if len(dims) == 2:
        column_codes = [*dims[1].codes, d.TOTAL]
        columns = [dims[1].label_of(code) for code in column_codes]
    else:
        column_codes, columns = [""], [indicator.unit.value]
    if not dims:
        row_codes = [d.TOTAL]
    elif dims[0].open:
        row_codes = [d.TOTAL, *sorted({b[0] for b in cells} - {d.TOTAL})]
    else:
        row_codes = [*dims[0].codes, d.TOTAL]
    rows = []
    for row_code in row_codes:
        values = []
        for column_code in column_codes:
            breakdown = (
                () if not dims else (row_code,) if len(dims) == 1 else (row_code, column_code)
            )
            values.append(_shown(cells.get(breakdown)))
        label = _label(dims[0], row_code) if dims else d.CATEGORY.label_of(d.TOTAL)
        rows.append(Row(label, row_code == d.TOTAL, values))
    return Table(
        indicator=indicator,
        row_heading=str(dims[0].label) if dims else "",
        columns=[str(c) for c in columns],
        rows=rows,
        filled=bool(cells),
    )
