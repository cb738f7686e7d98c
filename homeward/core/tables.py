"""The tables people exchange with Homeward, CSV and XLSX, in and out: what every import and
every template download shares, so that each app checks a file the same way.

In: the format comes from the content first (a renamed workbook is still a workbook; the old
binary .xls is refused with the way out); CSV must be UTF-8 (with or without a byte-order mark),
delimited by a comma or the semicolon or tab that spreadsheet programs in many European locales
write; a workbook is refused when it would unpack beyond a limit (a zip bomb). `FileProblem` is
what stops the reading of a whole file, with the row where it stopped.

Out: CSV in UTF-8 with a byte-order mark, XLSX; a cell a spreadsheet program would run as a
formula is neutralised (XLSX: stored as text; CSV: a leading apostrophe).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, time
from pathlib import PurePath
from typing import Any

import tablib  # type: ignore[import-untyped]
from django.utils.translation import gettext as _
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format
SAVE_AS = "save it as CSV UTF-8 or as an Excel workbook (.xlsx)"
VALUE_SHOWN = 60  # characters of a value shown in an error report
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | bool | None

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


class FileProblem(Exception):
    """The file (not one value in it) cannot be read; `row` is where reading stopped."""

    def __init__(self, message: str, row: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.row = row


def shown(text: str) -> str:
    """A value as an error report shows it: cut short."""
    return text if len(text) <= VALUE_SHOWN else text[: VALUE_SHOWN - 1] + "…"


# --- in ------------------------------------------------------------------------------------------


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


def csv_rows(content: bytes) -> Iterator[tuple[int, list[str]]]:
    """Every row of a CSV file with its number as a spreadsheet shows it (the first is row 1),
    after `check_utf8`. A row that cannot be parsed stops the reading with a FileProblem."""
    content = check_utf8(content)
    stream = io.TextIOWrapper(io.BytesIO(content), encoding="utf-8", newline="")
    first_line = content.split(b"\n", 1)[0].decode("utf-8")
    reader = csv.reader(stream, delimiter=_delimiter(first_line), strict=True)
    number = 0
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if number == 1:
                raise FileProblem(
                    _("The header row cannot be read: %(error)s.") % {"error": error}
                ) from None
            raise FileProblem(
                _("Row %(row)s cannot be read (%(error)s): check its quotes.")
                % {"row": number, "error": error},
                row=number,
            ) from None
        yield number, cells


def open_workbook(content: bytes, max_unpacked_bytes: int) -> Any:
    """The workbook, read-only with the values its formulas last computed; refused (FileProblem)
    when damaged or when it would unpack beyond `max_unpacked_bytes`. Close it when done."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > max_unpacked_bytes:
            raise FileProblem(_("The workbook is too large once unpacked."))
        return load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except FileProblem:
        raise
    except Exception:  # openpyxl raises many kinds of error on a damaged file
        raise FileProblem(
            _("This Excel workbook cannot be read: %(fix)s.") % {"fix": SAVE_AS}
        ) from None


def cell_text(value: Any) -> str:
    """A workbook cell's value as the text a CSV file would hold."""
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


def column_letter(index: int) -> str:
    """The spreadsheet letter of a column numbered from 0 (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


# --- out -----------------------------------------------------------------------------------------


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


def text_cell(sheet: Any, value: str) -> Any:
    """A write-only cell that holds text, never a formula."""
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"
    return cell


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Cell]], title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(list(headers))
    for row in rows:
        sheet.append(
            [
                text_cell(sheet, value) if isinstance(value, str) else WriteOnlyCell(sheet, value)
                for value in row
            ]
        )
    return workbook_bytes(workbook)


def workbook_bytes(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
