"""The report as an XLSX workbook: an "About" sheet (the year, the countries that reported, the
disclosure rule and the legend of the symbols, the list of indicators) and one sheet per
indicator, named by its code: its title, definition and unit above a table with a row per
country (the network last) and the codes of the indicator's last closed dimension across.
A hidden figure shows as [c], a figure that does not exist as [x]; both are text, right
aligned, so no sum in the sheet silently counts them as zero."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from homeward.statistics import catalogue
from homeward.statistics.disclosure import NETWORK, Published, PublishedCell
from homeward.statistics.exports import labels
from homeward.statistics.figures import Breakdown

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
RIGHT = Alignment(horizontal="right")
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ROW = 5

Sheet = Any
"""An openpyxl worksheet (openpyxl has no type information)."""


def write(published: Published) -> bytes:
    book = Workbook()
    _about(book.active, published)
    for indicator in published.indicators:
        _indicator_sheet(book.create_sheet(indicator.code), indicator, published)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _about(sheet: Sheet, published: Published) -> None:
    sheet.title = _("About")
    rows: list[Sequence[object]] = [
        (
            _("%(network)s: annual figures %(year)s")
            % {"network": settings.HOMEWARD_NETWORK_NAME, "year": published.year},
        ),
        (),
        (_("Countries that reported"), ", ".join(map(labels.country_name, published.countries))),
        (_("Network"), _("the sum over the countries that reported; it has no medians")),
        (_("Disclosure control"), labels.threshold_note(published.threshold)),
        *((symbol, meaning) for symbol, meaning in labels.legend()),
        (),
        (_("Sheet"), _("Indicator"), _("Unit"), _("Definition")),
        *(
            (
                i.code,
                str(i.title),
                labels.unit_label(i.unit),
                str(i.definition),
            )
            for i in published.indicators
        ),
    ]
    for row in rows:
        sheet.append([_text(value) for value in row])
    sheet["A1"].font = TITLE
    index_header = 7 + len(labels.legend())
    for cell in sheet[index_header]:
        cell.font = BOLD
    _widths(sheet, (28, 40, 12, 90))


def _indicator_sheet(sheet: Sheet, indicator: catalogue.Indicator, published: Published) -> None:
    sheet.append([str(indicator.title)])
    sheet.append([str(indicator.definition)])
    sheet.append(
        [
            _("Unit: %(unit)s") % {"unit": labels.unit_label(indicator.unit)},
            "; ".join(f"{symbol} {meaning}" for symbol, meaning in labels.legend()),
        ]
    )
    sheet.append([])
    sheet["A1"].font = TITLE
    sheet["A2"].alignment = Alignment(wrap_text=False)

    across = _column_dimension(indicator)
    row_dims = [i for i in range(len(indicator.dimensions)) if i != across]
    cells = [c for c in published if c.indicator == indicator.code]
    columns = _ordered(c.breakdown[across] for c in cells) if across is not None else [None]
    header = [_("Country"), *(capfirst(str(indicator.dimensions[i].label)) for i in row_dims)]
    if across is None:
        header.append(capfirst(labels.unit_label(indicator.unit)))
    else:
        dimension = indicator.dimensions[across]
        header += [labels.code_label(dimension, code) for code in columns if code is not None]
    sheet.append([_text(h) for h in header])
    for cell in sheet[HEADER_ROW]:
        cell.font = BOLD

    table: dict[tuple[str, Breakdown], dict[str | None, PublishedCell]] = {}
    for cell in cells:
        key = (cell.country, tuple(cell.breakdown[i] for i in row_dims))
        table.setdefault(key, {})[cell.breakdown[across] if across is not None else None] = cell
    for (country, row_codes), by_column in table.items():
        row: list[object] = [labels.country_name(country)]
        row += [
            labels.code_label(indicator.dimensions[i], code)
            for i, code in zip(row_dims, row_codes, strict=True)
        ]
        row += [labels.shown(by_column[c]) if c in by_column else "" for c in columns]
        sheet.append([_text(value) for value in row])
        written = sheet.max_row
        first_value = 2 + len(row_dims)
        for offset in range(len(columns)):
            target = sheet.cell(row=written, column=first_value + offset)
            target.alignment = RIGHT
            if not indicator.is_count and isinstance(target.value, float | int):
                target.number_format = "0.0"
        if country == NETWORK:
            for target in sheet[written]:
                target.font = BOLD
    sheet.freeze_panes = f"{get_column_letter(2 + len(row_dims))}{HEADER_ROW + 1}"
    _widths(sheet, (24, *(22 for _ in row_dims), *(14 for _ in columns)))


def _column_dimension(indicator: catalogue.Indicator) -> int | None:
    """The last dimension with a closed list of codes goes across; an open one (other countries
    involved, any of some two hundred codes) stays down the rows."""
    closed = [i for i, d in enumerate(indicator.dimensions) if not d.open]
    return closed[-1] if closed else None


def _ordered(codes: Iterable[str]) -> list[str | None]:
    seen: dict[str | None, None] = {}
    for code in codes:
        seen.setdefault(code, None)
    return list(seen)


def _widths(sheet: Sheet, widths: Iterable[int]) -> None:
    for position, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width


def _text(value: object) -> object:
    """Text is stored as text, never as a formula (a label cannot start a formula anyway)."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        return "'" + value
    return value
