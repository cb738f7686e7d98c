"""Turns an uploaded file into its header and a stream of rows of text cells.

The file checks every import shares (format, UTF-8, delimiter, a workbook's size once unpacked)
are `homeward.core.tables`'. XLSX: the first sheet, header in row 1. Rows are numbered as a
spreadsheet shows them: the header is row 1."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from homeward.cases.transfer.columns import MAX_XLSX_UNPACKED_BYTES
from homeward.core.tables import FileProblem, cell_text, csv_rows, file_format, open_workbook

__all__ = ["FileProblem", "Table", "open_table"]


@dataclass
class Table:
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]  # (spreadsheet row number, cells as text)


def open_table(file_name: str, content: bytes) -> Table:
    if not content.strip():
        raise FileProblem(_("The file is empty."))
    if file_format(file_name, content) == "xlsx":
        return _xlsx_table(content)
    return _csv_table(content)


def _csv_table(content: bytes) -> Table:
    rows = csv_rows(content)
    first = next(rows, None)
    if first is None:
        raise FileProblem(_("The file is empty."))
    return Table(header=[cell.strip() for cell in first[1]], rows=rows)


def _xlsx_table(content: bytes) -> Table:
    workbook = open_workbook(content, MAX_XLSX_UNPACKED_BYTES)
    if not workbook.worksheets:
        workbook.close()
        raise FileProblem(_("The workbook has no sheet."))
    sheet = workbook.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    first = next(values, None)
    if first is None:
        workbook.close()
        raise FileProblem(_("The first sheet is empty."))
    header = [cell_text(v).strip() for v in first]

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, row in enumerate(values, start=2):
                yield number, [cell_text(v) for v in row]
        finally:
            workbook.close()

    return Table(header=header, rows=rows())
