"""Checks a whole import file, every row and every column (cases/transfer/checker.py), and reports
every error (cases/transfer/report.py); the rows that pass become the arguments of the case
actions (`open_case`, `log_contact`). Nothing here writes."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.utils.translation import gettext as _

from homeward.cases.transfer.checker import Checker, is_blank
from homeward.cases.transfer.columns import (
    MAX_ROWS,
    PROGRESS_EVERY,
)
from homeward.cases.transfer.reading import FileProblem, open_table
from homeward.cases.transfer.report import CheckedRow, Report, RowError
from homeward.organisations.models import Organisation

# --- whole files ----------------------------------------------------------------------------


def count_rows(file_name: str, content: bytes) -> int:
    """The number of non-empty data rows (up to one past the limit), for the progress bar."""
    count = 0
    try:
        table = open_table(file_name, content)
        for _number, cells in table.rows:
            if not is_blank(cells):
                count += 1
                if count > MAX_ROWS:
                    break
    except FileProblem:
        pass
    return min(count, MAX_ROWS)


def _checked(
    kind: str,
    file_name: str,
    content: bytes,
    organisation: Organisation,
    report: Report,
    on_progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[Checker, CheckedRow | None]]:
    """Every non-empty row, checked; errors go to `report`. Stops at a file problem."""
    try:
        table = open_table(file_name, content)
    except FileProblem as problem:
        report.add([RowError(problem.row, "", "", problem.message)])
        return
    checker = Checker(kind, organisation)
    report.add(checker.header(table.header))
    try:
        for number, cells in table.rows:
            if is_blank(cells):
                continue
            if report.total_rows >= MAX_ROWS:
                report.add(
                    [
                        RowError(
                            number,
                            "",
                            "",
                            _("The file has more than %(max)s rows: split it into smaller files.")
                            % {"max": f"{MAX_ROWS:,}"},
                        )
                    ]
                )
                return
            report.total_rows += 1
            checked, errors = checker.row(number, cells)
            report.add(errors)
            if on_progress is not None and report.total_rows % PROGRESS_EVERY == 0:
                on_progress(report.total_rows)
            yield checker, checked
    except FileProblem as problem:
        report.add([RowError(problem.row, "", "", problem.message)])
    if report.total_rows == 0 and report.is_valid:
        report.add([RowError(2, "", "", _("The file has a header but no rows."))])


def check_file(
    kind: str,
    file_name: str,
    content: bytes,
    organisation: Organisation,
    on_progress: Callable[[int], None] | None = None,
) -> tuple[Report, list[str]]:
    """Checks the whole file. Returns the report and the columns the file has."""
    report = Report()
    columns: list[str] = []
    for checker, _row in _checked(kind, file_name, content, organisation, report, on_progress):
        columns = checker.present_columns
    return report.finish(), columns


class InvalidFile(Exception):
    def __init__(self, report: Report) -> None:
        super().__init__("the file no longer passes the checks")
        self.report = report


def valid_rows(
    kind: str, file_name: str, content: bytes, organisation: Organisation
) -> Iterator[CheckedRow]:
    """The rows to import, streamed; raises InvalidFile as soon as any row fails."""
    report = Report()
    for _checker, checked in _checked(kind, file_name, content, organisation, report):
        if not report.is_valid or checked is None:
            raise InvalidFile(report.finish())
        yield checked
    if not report.is_valid:
        raise InvalidFile(report.finish())
