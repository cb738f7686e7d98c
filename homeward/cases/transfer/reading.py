"""Turns an uploaded file into its header and a stream of rows of text cells.

CSV must be UTF-8 (with or without a byte-order mark); any other encoding is refused with an
error that says what is wrong and how to fix it. The delimiter is the comma, or the semicolon or
tab that spreadsheet programs in many European locales write. XLSX: the first sheet, header in
row 1. Rows are numbered as a spreadsheet shows them: the header is row 1."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import PurePath
from typing import Any

from django.utils.translation import gettext as _

from homeward.cases.transfer.columns import MAX_XLSX_UNPACKED_BYTES

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format
SAVE_AS = "save it as CSV UTF-8 or as an Excel workbook (.xlsx)"


class FileProblem(Exception):
    """The file (not one value in it) cannot be read; `row` is where reading stopped."""

    def __init__(self, message: str, row: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.row = row


@dataclass
class Table:
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]  # (spreadsheet row number, cells as text)


def file_format(file_name: str, content: bytes) -> str:
    """ "csv" or "xlsx", from the content first (a renamed workbook is still a workbook)."""
    if content.startswith(ZIP_MAGIC):
        return "xlsx"
    if content.startswith(OLE_MAGIC):
        raise FileProblem(_("This is an old Excel file (.xls): %(fix)s.") % {"fix": SAVE_AS})
    suffix = PurePath(file_name).suffix.lower()
    if suffix == ".xlsx":
        raise FileProblem(_("This file is named .xlsx but is not an Excel workbook."))
    if suffix not in {".csv", ".txt"}:
        raise FileProblem(_("Upload a .csv or .xlsx file."))
    return "csv"


def open_table(file_name: str, content: bytes) -> Table:
    if not content.strip():
        raise FileProblem(_("The file is empty."))
    if file_format(file_name, content) == "xlsx":
        return _xlsx_table(content)
    return _csv_table(content)


# --- CSV ----------------------------------------------------------------------------------------


def check_utf8(content: bytes) -> bytes:
    """The content without its byte-order mark; refuses anything that is not UTF-8."""
    for bom, name in ((codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if content.startswith(bom) and not content.startswith(codecs.BOM_UTF32_LE):
            raise FileProblem(
                _("The file is %(encoding)s, not UTF-8: %(fix)s.")
                % {"encoding": name, "fix": SAVE_AS}
            )
    if content.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise FileProblem(_("The file is UTF-32, not UTF-8: %(fix)s.") % {"fix": SAVE_AS})
    if content.startswith(codecs.BOM_UTF8):
        content = content[len(codecs.BOM_UTF8) :]
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as error:
        row = content.count(b"\n", 0, error.start) + 1
        raise FileProblem(
            _("The file is not UTF-8 (byte 0x%(byte)s at row %(row)s): save it as CSV UTF-8.")
            % {"byte": f"{content[error.start]:02x}", "row": row},
            row=row,
        ) from None
    if b"\x00" in content:
        row = content.count(b"\n", 0, content.index(b"\x00")) + 1
        raise FileProblem(
            _(
                "The file contains NUL bytes (at row %(row)s): it is probably UTF-16. "
                "Save it as CSV UTF-8."
            )
            % {"row": row},
            row=row,
        )
    return content


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_table(content: bytes) -> Table:
    content = check_utf8(content)
    stream = io.TextIOWrapper(io.BytesIO(content), encoding="utf-8", newline="")
    first_line = content.split(b"\n", 1)[0].decode("utf-8")
    reader = csv.reader(stream, delimiter=_delimiter(first_line), strict=True)
    try:
        header = next(reader)
    except csv.Error as error:
        raise FileProblem(
            _("The header row cannot be read: %(error)s.") % {"error": error}
        ) from None
    except StopIteration:
        raise FileProblem(_("The file is empty.")) from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        number = 1
        while True:
            number += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise FileProblem(
                    _("Row %(row)s cannot be read (%(error)s): check its quotes.")
                    % {"row": number, "error": error},
                    row=number,
                ) from None
            yield number, cells

    return Table(header=[cell.strip() for cell in header], rows=rows())


# --- XLSX ---------------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_table(content: bytes) -> Table:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_XLSX_UNPACKED_BYTES:
            raise FileProblem(_("The workbook is too large once unpacked."))
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except FileProblem:
        raise
    except Exception:  # openpyxl raises many kinds of error on a damaged file
        raise FileProblem(
            _("This Excel workbook cannot be read: %(fix)s.") % {"fix": SAVE_AS}
        ) from None
    if not workbook.worksheets:
        workbook.close()
        raise FileProblem(_("The workbook has no sheet."))
    sheet = workbook.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    first = next(values, None)
    if first is None:
        workbook.close()
        raise FileProblem(_("The first sheet is empty."))
    header = [_cell_text(v).strip() for v in first]

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, row in enumerate(values, start=2):
                yield number, [_cell_text(v) for v in row]
        finally:
            workbook.close()

    return Table(header=header, rows=rows())
