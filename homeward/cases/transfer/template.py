"""The files Homeward writes: the import templates (header row and one synthetic example row)
and the tabular writers the export uses too.

Cells that a spreadsheet program would run as a formula are neutralised: in XLSX they are
stored as text; in CSV they get a leading apostrophe (docs/import-export.md)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from enum import StrEnum

import tablib  # type: ignore[import-untyped]
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]

from homeward.cases.transfer.columns import COLUMNS, Kind, example_row

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | bool | None


class TableFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read the accents right."""
    dataset = tablib.Dataset(headers=list(headers))
    for row in rows:
        dataset.append(
            [
                "'" + value
                if isinstance(value, str) and value.startswith(FORMULA_STARTS)
                else value
                for value in row
            ]
        )
    text: str = dataset.export("csv")
    return text.encode("utf-8-sig")


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Cell]], title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(list(headers))
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
                cell.data_type = "s"  # text, never a formula
                cells.append(cell)
            else:
                cells.append(WriteOnlyCell(sheet, value=value))
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_file(kind: str, file_format: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the import template of `kind`."""
    headers = [column.name for column in COLUMNS[Kind(kind)]]
    example = [example_row(kind)]
    name = f"homeward-{kind}-template.{TableFormat(file_format)}"
    if file_format == TableFormat.XLSX:
        return xlsx_bytes(headers, example, title=kind), CONTENT_TYPES["xlsx"], name
    return csv_bytes(headers, example), CONTENT_TYPES["csv"], name
