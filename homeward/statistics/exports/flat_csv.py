"""The report as one CSV table, a row per cell: what a spreadsheet or a script reads most easily.
UTF-8 with a byte-order mark, so that spreadsheet programs read the accents right; the column
names are fixed codes, the titles and labels are in the language active when it is written."""

from __future__ import annotations

import csv
import io

from homeward.statistics import catalogue
from homeward.statistics.disclosure import Published
from homeward.statistics.exports import labels
from homeward.statistics.figures import breakdown_key

COLUMNS = (
    "year",
    "country",
    "country_name",
    "indicator",
    "indicator_title",
    "breakdown",
    "breakdown_label",
    "unit",
    "value",
    "status",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write(published: Published) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for cell in published:
        indicator = catalogue.indicator(cell.indicator)
        row = (
            published.year,
            cell.country,
            labels.country_name(cell.country),
            cell.indicator,
            str(indicator.title),
            breakdown_key(cell.breakdown),
            labels.breakdown_label(indicator, cell.breakdown),
            indicator.unit.value,
            "" if cell.value is None else labels.plain(cell.value),
            labels.status(cell),
        )
        writer.writerow([_inert(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def _inert(value: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
