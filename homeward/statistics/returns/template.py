"""The annual-return template, generated from the catalogue, empty to fill or filled with a
return's values (the same file a hotline downloads, corrects and uploads again).

CSV: one row per cell, the codes that identify it (indicator, code_1, code_2) and, to read it
by, the indicator's title, each dimension's name and the labels of the codes, and the unit;
`value` is empty to fill.

XLSX: a sheet "About" (who, which year, how to fill), then one sheet per indicator, named by
its code, laid out as a table: the first dimension down (codes in column A, labels in column B),
the second across (codes in the row marked "code" in column A, labels under them), totals last
and shaded. An indicator of one dimension has one column, "value"; one without any, one row,
"_T". Other countries involved (an open list) have their total first, then a row per country:
write its ISO code in column A."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]

from homeward.core.tables import CONTENT_TYPES, csv_bytes, workbook_bytes
from homeward.core.templatetags.country_names import country
from homeward.statistics import dimensions as d
from homeward.statistics.catalogue import CATALOGUE, Indicator, cells
from homeward.statistics.figures import Breakdown, Figures

CSV_COLUMNS = (
    "indicator",
    "indicator_title",
    "dimension_1",
    "code_1",
    "label_1",
    "dimension_2",
    "code_2",
    "label_2",
    "unit",
    "value",
)
CODE_COLUMNS = ("code_1", "code_2")
REQUIRED_COLUMNS = ("indicator", "value")
ABOUT_SHEET = "About"
CODE_MARK = "code"
VALUE_CODE = "value"
FIRST_VALUE_COLUMN = 3  # C: after the row's code (A) and label (B)
BLANK_COUNTRY_ROWS = 15
MAX_DIMENSIONS = 2
assert all(len(i.dimensions) <= MAX_DIMENSIONS for i in CATALOGUE)

GREY = Font(color="666666", size=9)
BOLD = Font(bold=True)
TOTAL_FILL = PatternFill("solid", fgColor="E8E8E8")


class ReturnFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


def file_name(year: int, organisation_code: str, file_format: str, filled: bool) -> str:
    kind = "return" if filled else "return-template"
    return f"homeward-{kind}-{organisation_code.lower()}-{year}.{ReturnFormat(file_format)}"


def template_file(
    file_format: str, *, year: int, organisation: str, code: str, figures: Figures | None = None
) -> tuple[bytes, str, str]:
    """(content, content type, file name): the template, filled with `figures` if given."""
    chosen = ReturnFormat(file_format)
    name = file_name(year, code, chosen, figures is not None)
    if chosen == ReturnFormat.XLSX:
        content = xlsx_return(year=year, organisation=organisation, figures=figures)
    else:
        content = csv_return(figures)
    return content, CONTENT_TYPES[chosen.value], name


def breakdowns_of(indicator: Indicator, figures: Figures | None) -> list[Breakdown]:
    """The expected cells, then the open dimension's codes the figures hold (sorted)."""
    expected = cells(indicator)
    if figures is not None:
        known = set(expected)
        expected += sorted(b for b in figures.cells(indicator.code) if b not in known)
    return expected


def shown_value(indicator: Indicator, value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    if indicator.is_count:
        return int(value)
    return float(value)


def _label(dimension: d.Dimension, code: str) -> str:
    if dimension.open and code != d.TOTAL:
        return country(code)
    return dimension.label_of(code)


# --- CSV -------------------------------------------------------------------------------------


def csv_return(figures: Figures | None = None) -> bytes:
    rows: list[list[Any]] = []
    for indicator in CATALOGUE:
        for breakdown in breakdowns_of(indicator, figures):
            row: list[Any] = [indicator.code, str(indicator.title)]
            for position in range(MAX_DIMENSIONS):
                if position < len(indicator.dimensions):
                    dimension = indicator.dimensions[position]
                    code = breakdown[position]
                    row += [dimension.code, code, _label(dimension, code)]
                else:
                    row += ["", "", ""]
            value = figures.get(indicator.code, breakdown) if figures is not None else None
            shown = shown_value(indicator, value)
            row += [indicator.unit.value, "" if shown is None else str(shown)]
            rows.append(row)
    return csv_bytes(CSV_COLUMNS, rows)


# --- XLSX ------------------------------------------------------------------------------------


def xlsx_return(*, year: int, organisation: str, figures: Figures | None = None) -> bytes:
    workbook = Workbook()
    _about(workbook.active, year, organisation)
    for indicator in CATALOGUE:
        _indicator_sheet(workbook.create_sheet(indicator.code), indicator, figures)
    return workbook_bytes(workbook)


def _about(sheet: Any, year: int, organisation: str) -> None:
    sheet.title = ABOUT_SHEET
    sheet["A1"] = _("Homeward annual return")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A3"], sheet["B3"] = _("Hotline"), organisation
    sheet["A4"], sheet["B4"] = _("Year"), year
    lines = [
        _("One sheet per indicator, named by its code. Fill the white cells with counts."),
        _(
            "Counts are whole numbers, 0 or more. Medians (in years, days or hours) may have "
            "one decimal, and may stay empty where nothing was counted."
        ),
        _(
            "Caseload, age and sex (CASES_NEW, CASES_CARRIED_OVER, CHILDREN_AGE, "
            "CHILDREN_SEX) are required. Any other indicator may be left entirely empty, but "
            "not half-filled."
        ),
        _(
            "Totals (shaded) must equal the sum of their row or column, except where an "
            "indicator's definition says a case can count more than once."
        ),
        _(
            "Do not rename sheets or change the codes in column A and in the row marked "
            "“code”: they identify each cell."
        ),
    ]
    for offset, line in enumerate(lines):
        sheet.cell(row=6 + offset, column=1, value=line)
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 40


def _indicator_sheet(sheet: Any, indicator: Indicator, figures: Figures | None) -> None:
    sheet["A1"] = str(indicator.title)
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = str(indicator.definition)
    sheet["A3"] = _("Unit: %(unit)s") % {"unit": indicator.unit.value}
    sheet["A3"].font = GREY
    rows_dimension = indicator.dimensions[0] if indicator.dimensions else None
    columns_dimension = indicator.dimensions[1] if len(indicator.dimensions) > 1 else None
    column_codes = (*columns_dimension.codes, d.TOTAL) if columns_dimension else (VALUE_CODE,)
    code_row, label_row = 5, 6
    sheet.cell(row=code_row, column=1, value=CODE_MARK).font = GREY
    if rows_dimension is not None:
        sheet.cell(row=label_row, column=1, value=str(rows_dimension.label)).font = BOLD
    for offset, code in enumerate(column_codes):
        column = FIRST_VALUE_COLUMN + offset
        sheet.cell(row=code_row, column=column, value=code).font = GREY
        label = columns_dimension.label_of(code) if columns_dimension else indicator.unit.value
        header = sheet.cell(row=label_row, column=column, value=label)
        header.font = BOLD
        header.alignment = Alignment(wrap_text=True, vertical="top")
    row_codes = _row_codes(indicator, figures)
    for row_offset, row_code in enumerate(row_codes):
        row = label_row + 1 + row_offset
        total_row = row_code == d.TOTAL
        sheet.cell(row=row, column=1, value=row_code).font = GREY
        if row_code:
            label = _label(rows_dimension, row_code) if rows_dimension else str(_("Total"))
            sheet.cell(row=row, column=2, value=label).font = BOLD if total_row else Font()
        for offset, column_code in enumerate(column_codes):
            cell = sheet.cell(row=row, column=FIRST_VALUE_COLUMN + offset)
            if total_row or column_code == d.TOTAL:
                cell.fill = TOTAL_FILL
            if not row_code or figures is None:
                continue
            breakdown = _breakdown(indicator, row_code, column_code)
            cell.value = shown_value(indicator, figures.get(indicator.code, breakdown))
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 34
    for offset in range(len(column_codes)):
        letter = sheet.cell(row=1, column=FIRST_VALUE_COLUMN + offset).column_letter
        sheet.column_dimensions[letter].width = 14
    sheet.freeze_panes = sheet.cell(row=label_row + 1, column=FIRST_VALUE_COLUMN)


def _row_codes(indicator: Indicator, figures: Figures | None) -> list[str]:
    if not indicator.dimensions:
        return [d.TOTAL]
    first = indicator.dimensions[0]
    if not first.open:
        return [*first.codes, d.TOTAL]
    held = sorted({b[0] for b in breakdowns_of(indicator, figures)} - {d.TOTAL})
    return [d.TOTAL, *held, *([""] * BLANK_COUNTRY_ROWS)]


def _breakdown(indicator: Indicator, row_code: str, column_code: str) -> Breakdown:
    if not indicator.dimensions:
        return ()
    if len(indicator.dimensions) == 1:
        return (row_code,)
    return (row_code, column_code)
