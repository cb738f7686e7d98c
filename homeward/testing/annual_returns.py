"""Annual returns for tests: a reporting year opened by the cast's coordinator, synthetic figures
that keep every rule of a return (each breakdown adds up to its total, indicators that count
the same thing agree), and the templates filled in as a hotline's statistician would."""

from __future__ import annotations

import csv
import io
import random
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]

from homeward.organisations.models import Membership
from homeward.statistics import actions
from homeward.statistics import dimensions as d
from homeward.statistics.catalogue import BY_CODE
from homeward.statistics.figures import Figures
from homeward.statistics.models import AnnualReturn, ReportingYear
from homeward.statistics.returns.template import CODE_MARK, FIRST_VALUE_COLUMN, csv_return
from homeward.testing.cast import Cast

PAST_YEAR = 2025
"""A year that is over (the tests' today is in 2026)."""


def open_year(cast: Cast, year: int = PAST_YEAR) -> ReportingYear:
    found = ReportingYear.objects.filter(year=year).first()
    if found is not None:
        return found
    return actions.open_year(
        membership=cast.member("coordinator"), year=year, due_on=date(year + 1, 3, 31)
    )


def _split(rng: random.Random, total: int, codes: tuple[str, ...]) -> dict[str, int]:
    cuts = sorted(rng.randint(0, total) for _ in range(len(codes) - 1))
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    return dict(zip(codes, parts, strict=True))


class _Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 (synthetic figures)
        self.figures = Figures()

    def one(self, code: str, parts: dict[str, int]) -> None:
        for key, value in parts.items():
            self.figures.set(code, (key,), value)
        self.figures.set(code, (d.TOTAL,), sum(parts.values()))

    def split_one(self, code: str, total: int) -> None:
        self.one(code, _split(self.rng, total, BY_CODE[code].dimensions[0].codes))

    def two(self, code: str, row_totals: dict[str, int]) -> None:
        columns = BY_CODE[code].dimensions[1].codes
        column_totals = dict.fromkeys(columns, 0)
        for row, total in row_totals.items():
            for column, value in _split(self.rng, total, columns).items():
                self.figures.set(code, (row, column), value)
                column_totals[column] += value
            self.figures.set(code, (row, d.TOTAL), total)
        for column, value in column_totals.items():
            self.figures.set(code, (d.TOTAL, column), value)
        self.figures.set(code, (d.TOTAL, d.TOTAL), sum(row_totals.values()))

    def medians(self, code: str, codes: tuple[str, ...], low: int, high: int) -> None:
        for key in (*codes, d.TOTAL):
            self.figures.set(code, (key,), Decimal(self.rng.randint(low * 2, high * 2)) / 2)


def consistent_figures(seed: int = 1) -> Figures:
    """A complete return whose every total adds up and whose related indicators agree."""
    b = _Builder(seed)
    rng = b.rng
    categories = d.CATEGORY.codes
    contacts = rng.randint(800, 2000)
    for code in ("CONTACTS_CHANNEL", "CONTACTS_TYPE", "CONTACTS_CALLER_RECORDED"):
        b.split_one(code, contacts)
    new = _split(rng, rng.randint(150, 400), categories)
    b.one("CASES_NEW", new)
    b.one("CASES_CARRIED_OVER", _split(rng, rng.randint(40, 120), categories))
    b.two("CASES_SUBCATEGORY", new)
    b.two("CASES_CROSS_BORDER", new)
    children = {category: n + rng.randint(0, n // 5 + 1) for category, n in new.items()}
    b.two("CHILDREN_AGE", children)
    b.two("CHILDREN_SEX", children)
    closed = _split(rng, rng.randint(100, 300), categories)
    b.two("CASES_CLOSED", closed)
    b.two("CASES_OUTCOME", closed)
    b.two("CASES_DURATION", {c: n * 3 // 4 for c, n in closed.items()})
    total_new = sum(new.values())
    for reason in d.REASON.codes:
        b.figures.set("CASES_REASON", (reason,), rng.randint(0, total_new // 3))
    b.figures.set("CASES_REASON", (d.TOTAL,), total_new)
    b.split_one("RUNAWAY_REPEAT", new["runaway"])
    b.figures.set("CASES_COUNTRIES", (d.TOTAL,), 9)
    b.figures.set("CASES_COUNTRIES", ("DE",), 5)
    b.figures.set("CASES_COUNTRIES", ("PL",), 4)
    b.split_one("REQUESTS_SENT", rng.randint(5, 40))
    b.split_one("REQUESTS_RECEIVED", rng.randint(5, 40))
    b.medians("CHILDREN_AGE_MEDIAN", categories, 6, 16)
    b.medians("CASES_DURATION_MEDIAN", categories, 1, 60)
    b.figures.set("REQUESTS_ACK_MEDIAN", (), Decimal("5.5"))
    return b.figures


def _text(indicator: str, value: Decimal | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if BY_CODE[indicator].is_count else f"{value:f}"


def filled_csv(figures: Figures, template: bytes | None = None) -> bytes:
    """The CSV template (as downloaded) with each value typed in, and a row added for each
    country involved, as a statistician fills it."""
    text = (template or csv_return()).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    header = list(rows[0].keys())
    for row in rows:
        breakdown = tuple(c for c in (row["code_1"], row["code_2"]) if c)
        row["value"] = _text(row["indicator"], figures.get(row["indicator"], breakdown))
    listed = {(r["indicator"], r["code_1"]) for r in rows}
    for code, breakdown, value in figures:
        dimensions = BY_CODE[code].dimensions
        if dimensions and dimensions[0].open and (code, breakdown[0]) not in listed:
            rows.append({**dict.fromkeys(header, ""), "indicator": code,
                             "code_1": breakdown[0], "value": _text(code, value)})  # fmt: skip
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def filled_xlsx(template: bytes, figures: Figures, edit: Any = None) -> bytes:
    """The XLSX template (as downloaded) with each value typed in; `edit(workbook)` may then
    change cells."""
    workbook = load_workbook(io.BytesIO(template))
    for sheet in workbook.worksheets:
        if sheet.title not in BY_CODE:
            continue
        indicator = BY_CODE[sheet.title]
        code_row = next(r for r in range(1, 20) if sheet.cell(r, 1).value == CODE_MARK)
        columns = {}
        column = FIRST_VALUE_COLUMN
        while sheet.cell(code_row, column).value:
            columns[column] = sheet.cell(code_row, column).value
            column += 1
        open_codes = sorted(
            {b[0] for b in figures.cells(indicator.code)} - {d.TOTAL}
            if indicator.dimensions and indicator.dimensions[0].open
            else set()
        )
        for row in range(code_row + 2, sheet.max_row + 1):
            row_code = sheet.cell(row, 1).value
            if not row_code and open_codes:
                row_code = open_codes.pop(0)
                sheet.cell(row, 1).value = row_code
            if not row_code:
                continue
            for column, column_code in columns.items():
                if len(indicator.dimensions) == 2:
                    breakdown: tuple[str, ...] = (row_code, column_code)
                elif indicator.dimensions:
                    breakdown = (row_code,)
                else:
                    breakdown = ()
                value = figures.get(indicator.code, breakdown)
                if value is not None:
                    sheet.cell(row, column).value = (
                        int(value) if indicator.is_count else float(value)
                    )
    if edit is not None:
        edit(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def uploaded_return(
    cast: Cast, member: str = "be_supervisor", year: int = PAST_YEAR, seed: int = 1
) -> AnnualReturn:
    open_year(cast, year)
    return actions.upload_return(
        membership=cast.member(member),
        year=year,
        file_name="return.csv",
        content=filled_csv(consistent_figures(seed)),
    )


def submitted_return(cast: Cast, member: str = "be_supervisor") -> AnnualReturn:
    membership: Membership = cast.member(member)
    found = AnnualReturn.objects.filter(
        organisation=membership.organisation, year=PAST_YEAR
    ).first()
    if found is not None and found.state == AnnualReturn.State.SUBMITTED:
        return found
    draft = found or uploaded_return(cast, member)
    return actions.submit_return(membership=membership, annual_return=draft)
