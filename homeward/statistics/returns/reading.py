"""Reads an uploaded return, CSV or XLSX, into its cells as written (text), each with where it
is in the file, so that every error can name its cell: "row 17, column value" in a CSV file,
"Sheet CASES_NEW, cell C9" in a workbook. Nothing is interpreted here beyond the layout; the
values are checked by `validation`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from homeward.core.tables import (
    FileProblem,
    cell_text,
    column_letter,
    csv_rows,
    file_format,
    open_workbook,
    shown,
)
from homeward.statistics.catalogue import BY_CODE
from homeward.statistics.dimensions import TOTAL
from homeward.statistics.returns.template import (
    ABOUT_SHEET,
    CODE_COLUMNS,
    CODE_MARK,
    CSV_COLUMNS,
    FIRST_VALUE_COLUMN,
    REQUIRED_COLUMNS,
    VALUE_CODE,
)

MAX_FILE_BYTES = 5 * 1024 * 1024  # a full return is about 30 kB
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 20_000
FILE = "file"
"""Where a problem of the whole file is."""


@dataclass(frozen=True)
class Problem:
    where: str
    message: str
    value: str = ""


@dataclass(frozen=True)
class Entry:
    """One cell as the file gives it: the indicator code, one code per breakdown position as
    written (empty where not given), the value as text, and where each of them is."""

    indicator: str
    codes: tuple[str, ...]
    value: str
    indicator_at: str
    codes_at: tuple[str, ...]
    value_at: str


@dataclass
class Upload:
    file_format: str = ""
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False
    """The file could not be read through: its cells are not checked (only these problems)."""

    def stop(self, problem: Problem) -> None:
        self.problems.append(problem)
        self.unreadable = True


def read_upload(name: str, content: bytes) -> Upload:
    upload = Upload()
    if len(content) > MAX_FILE_BYTES:
        upload.stop(
            Problem(
                FILE,
                _("The file is larger than %(mb)s MB: a return is much smaller. Start from the "
                  "template.") % {"mb": MAX_FILE_BYTES // 2**20},
            )
        )  # fmt: skip
        return upload
    if not content.strip():
        upload.stop(Problem(FILE, _("The file is empty.")))
        return upload
    try:
        upload.file_format = file_format(name, content)
        if upload.file_format == "xlsx":
            _read_workbook(content, upload)
        else:
            _read_csv(content, upload)
    except FileProblem as problem:
        where = FILE if problem.row <= 1 else _("row %(row)s") % {"row": problem.row}
        upload.stop(Problem(where, problem.message))
    return upload


def _too_many_rows(where: str) -> Problem:
    return Problem(
        where,
        _("The file has more than %(max)s rows: a return is much shorter.")
        % {"max": f"{MAX_ROWS:,}"},
    )


# --- CSV: one row per cell -------------------------------------------------------------------


def _read_csv(content: bytes, upload: Upload) -> None:
    rows = csv_rows(content)
    first = next(rows, None)
    if first is None:
        upload.stop(Problem(FILE, _("The file is empty.")))
        return
    positions: dict[str, int] = {}
    for index, text in enumerate(first[1]):
        name = text.strip().lower()
        if not name:
            continue
        where = _("row 1, column %(letter)s") % {"letter": column_letter(index)}
        if name not in CSV_COLUMNS:
            upload.problems.append(
                Problem(
                    where,
                    _("Unknown column. The columns of the template are: %(columns)s.")
                    % {"columns": ", ".join(CSV_COLUMNS)},
                    shown(text),
                )
            )
        elif name in positions:
            upload.problems.append(Problem(where, _("This column appears twice."), name))
        else:
            positions[name] = index
    missing = [name for name in REQUIRED_COLUMNS if name not in positions]
    for name in missing:
        upload.stop(Problem(_("row 1"), _("The column “%(name)s” is missing.") % {"name": name}))
    if missing:
        return

    def at(number: int, name: str) -> str:
        return _("row %(row)s, column %(column)s") % {"row": number, "column": name}

    for number, cells in rows:
        if number > MAX_ROWS + 1:
            upload.stop(_too_many_rows(_("row %(row)s") % {"row": number}))
            return

        def cell_of(name: str, cells: list[str] = cells) -> str:
            position = positions.get(name)
            return cells[position].strip() if position is not None and position < len(cells) else ""

        if not any(cell.strip() for cell in cells):
            continue
        upload.entries.append(
            Entry(
                indicator=cell_of("indicator"),
                codes=tuple(cell_of(name) for name in CODE_COLUMNS),
                value=cell_of("value"),
                indicator_at=at(number, "indicator"),
                codes_at=tuple(at(number, name) for name in CODE_COLUMNS),
                value_at=at(number, "value"),
            )
        )


# --- XLSX: a sheet per indicator, laid out as a table -----------------------------------------


def _sheet_cell(sheet: str, column: int, row: int) -> str:
    """ "Sheet CASES_NEW, cell C9" (column numbered from 1)."""
    return _("Sheet %(sheet)s, cell %(cell)s") % {
        "sheet": sheet,
        "cell": f"{column_letter(column - 1)}{row}",
    }


def _read_workbook(content: bytes, upload: Upload) -> None:
    workbook = open_workbook(content, MAX_UNPACKED_BYTES)
    try:
        total_rows = 0
        for sheet in workbook.worksheets:
            if sheet.title == ABOUT_SHEET:
                continue
            rows = [list(row) for row in sheet.iter_rows(values_only=True)]
            total_rows += len(rows)
            if total_rows > MAX_ROWS:
                upload.stop(_too_many_rows(_("Sheet %(sheet)s") % {"sheet": sheet.title}))
                return
            _read_sheet(sheet.title, rows, upload)
    finally:
        workbook.close()


def _read_sheet(title: str, rows: list[list[Any]], upload: Upload) -> None:
    sheet_at = _("Sheet %(sheet)s") % {"sheet": title}
    indicator = BY_CODE.get(title)
    if indicator is None:
        upload.problems.append(
            Problem(
                sheet_at,
                _("No indicator has this code: name each sheet by the code of its indicator "
                  "(CASES_NEW, CHILDREN_AGE…), as in the template."),
                shown(title),
            )
        )  # fmt: skip
        return

    def text(row: list[Any], column: int) -> str:
        return cell_text(row[column - 1]).strip() if column - 1 < len(row) else ""

    code_row = next(
        (n for n, row in enumerate(rows, start=1) if text(row, 1).lower() == CODE_MARK), None
    )
    if code_row is None:
        upload.problems.append(
            Problem(
                sheet_at,
                _("No row is marked “code” in column A, so the cells cannot be told apart: "
                  "start from the template."),
            )
        )  # fmt: skip
        return
    header = rows[code_row - 1]
    columns = []
    for column in range(FIRST_VALUE_COLUMN, len(header) + 1):
        code = text(header, column)
        if not code:
            continue
        if len(indicator.dimensions) < 2 and code != VALUE_CODE:
            upload.problems.append(
                Problem(
                    _sheet_cell(title, column, code_row),
                    _("This indicator has one column of values, marked “%(value)s”.")
                    % {"value": VALUE_CODE},
                    shown(code),
                )
            )
            continue
        columns.append((column, code))
    for number in range(code_row + 2, len(rows) + 1):  # after the labels under the codes
        row = rows[number - 1]
        row_code = text(row, 1)
        if not indicator.dimensions and row_code != TOTAL:
            if row_code or any(text(row, column) for column, _code in columns):
                upload.problems.append(
                    Problem(
                        _sheet_cell(title, 1, number),
                        _("This indicator has one row, marked “%(total)s”.") % {"total": TOTAL},
                        shown(row_code),
                    )
                )
            continue
        for column, column_code in columns:
            value = text(row, column)
            if not row_code and not value:
                continue
            upload.entries.append(
                Entry(
                    indicator=title,
                    codes=_codes(len(indicator.dimensions), row_code, column_code),
                    value=value,
                    indicator_at=sheet_at,
                    codes_at=(_sheet_cell(title, 1, number), _sheet_cell(title, column, code_row)),
                    value_at=_sheet_cell(title, column, number),
                )
            )


def _codes(dimensions: int, row_code: str, column_code: str) -> tuple[str, ...]:
    """The breakdown codes as the CSV layout gives them (code_1, code_2; empty where the
    indicator has no such dimension)."""
    if dimensions == 2:
        return (row_code, column_code)
    if dimensions == 1:
        return (row_code, "")
    return ("", "")
