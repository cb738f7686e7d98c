"""The import templates: a header row and one synthetic example row, written by the tabular
writers of `homeward.core.tables`, which neutralise a cell a spreadsheet program would run as a
formula (docs/import-export.md)."""

from __future__ import annotations

from enum import StrEnum

from homeward.cases.transfer.columns import COLUMNS, Kind, example_row
from homeward.core.tables import CONTENT_TYPES, csv_bytes, xlsx_bytes


class TableFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


def template_file(kind: str, file_format: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the import template of `kind`."""
    headers = [column.name for column in COLUMNS[Kind(kind)]]
    example = [example_row(kind)]
    name = f"homeward-{kind}-template.{TableFormat(file_format)}"
    if file_format == TableFormat.XLSX:
        return xlsx_bytes(headers, example, title=kind), CONTENT_TYPES["xlsx"], name
    return csv_bytes(headers, example), CONTENT_TYPES["csv"], name
