"""Uploading an annual return: the template downloaded, filled and uploaded comes back as the
values stored; a malformed file is refused with each error at its cell, and nothing is stored."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from homeward.statistics import actions
from homeward.statistics.access import figures_of
from homeward.statistics.models import AnnualReturn, ReturnValue
from homeward.statistics.returns.reading import MAX_FILE_BYTES
from homeward.statistics.returns.template import template_file
from homeward.statistics.returns.validation import ReturnRefused
from homeward.testing.annual_returns import (
    PAST_YEAR,
    consistent_figures,
    filled_csv,
    filled_xlsx,
    open_year,
)
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _template(file_format: str) -> bytes:
    content, _type, _name = template_file(
        file_format, year=PAST_YEAR, organisation="Test Hotline Belgium", code="BE"
    )
    return content


def _upload(cast: Cast, name: str, content: bytes) -> AnnualReturn:
    open_year(cast)
    return actions.upload_return(
        membership=cast.member("be_supervisor"), year=PAST_YEAR, file_name=name, content=content
    )


def _refused(cast: Cast, name: str, content: bytes) -> dict[str, list[str]]:
    """Each refused cell and its messages; checks that nothing at all was stored."""
    before = (AnnualReturn.objects.count(), ReturnValue.objects.count())
    with pytest.raises(ReturnRefused) as refused:
        _upload(cast, name, content)
    assert (AnnualReturn.objects.count(), ReturnValue.objects.count()) == before
    problems: dict[str, list[str]] = {}
    for problem in refused.value.problems:
        problems.setdefault(problem.where, []).append(problem.message)
    return problems


def _csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def _csv_bytes(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _row_number(rows: list[dict[str, str]], indicator: str, code_1: str, code_2: str = "") -> int:
    """The spreadsheet row of a cell (the header is row 1)."""
    for index, row in enumerate(rows):
        if (row["indicator"], row["code_1"], row["code_2"]) == (indicator, code_1, code_2):
            return index + 2
    raise AssertionError(f"no row for {indicator} {code_1} {code_2}")


# --- the round trip ------------------------------------------------------------------------


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_template_filled_in_is_stored_cell_for_cell(cast: Cast, file_format: str) -> None:
    figures = consistent_figures(seed=7)
    template = _template(file_format)
    content = (
        filled_csv(figures, template) if file_format == "csv" else filled_xlsx(template, figures)
    )
    stored = _upload(cast, f"return.{file_format}", content)
    assert stored.source == AnnualReturn.Source.UPLOADED
    assert stored.file_name == f"return.{file_format}"
    assert figures_of(stored).values == figures.values
    assert figures.get("CASES_COUNTRIES", ("PL",)) == 4  # an open dimension's code came through


def test_a_return_downloaded_and_uploaded_again_is_unchanged(cast: Cast) -> None:
    first = _upload(cast, "return.csv", filled_csv(consistent_figures(seed=3)))
    held = figures_of(first)
    for file_format in ("csv", "xlsx"):
        content, _type, _name = template_file(
            file_format, year=PAST_YEAR, organisation="X", code="BE", figures=held
        )
        again = _upload(cast, f"again.{file_format}", content)
        assert again.pk == first.pk  # the same draft, replaced
        assert figures_of(again).values == held.values


def test_an_upload_replaces_the_draft_and_its_every_value(cast: Cast) -> None:
    first = _upload(cast, "one.csv", filled_csv(consistent_figures(seed=1)))
    second_figures = consistent_figures(seed=2)
    second = _upload(cast, "two.csv", filled_csv(second_figures))
    assert second.pk == first.pk and second.file_name == "two.csv"
    assert figures_of(second).values == second_figures.values
    assert ReturnValue.objects.filter(annual_return=second).count() == sum(
        1 for _ in second_figures
    )


def test_medians_keep_one_decimal_and_spaces_between_thousands_are_read(cast: Cast) -> None:
    figures = consistent_figures(seed=5)
    rows = _csv_rows(filled_csv(figures))
    for row in rows:
        if row["indicator"] == "CHILDREN_AGE_MEDIAN" and row["code_1"] == "_T":
            row["value"] = "14,25"
        if row["indicator"] == "CONTACTS_CHANNEL" and row["code_1"] == "_T":
            total = int(row["value"])
            row["value"] = f"{total // 1000} {total % 1000:03d}" if total >= 1000 else str(total)
    stored = figures_of(_upload(cast, "r.csv", _csv_bytes(rows)))
    assert stored.get("CHILDREN_AGE_MEDIAN", ("_T",)) == Decimal("14.3")
    assert stored.get("CONTACTS_CHANNEL", ("_T",)) == figures.get("CONTACTS_CHANNEL", ("_T",))


def test_optional_indicators_may_be_left_out_entirely(cast: Cast) -> None:
    figures = consistent_figures(seed=4)
    minimum = {"CASES_NEW", "CASES_CARRIED_OVER", "CHILDREN_AGE", "CHILDREN_SEX"}
    rows = [r for r in _csv_rows(filled_csv(figures)) if r["indicator"] in minimum]
    stored = figures_of(_upload(cast, "minimum.csv", _csv_bytes(rows)))
    assert set(stored.values) == minimum


# --- the malformed upload of the issue --------------------------------------------------------


def test_a_malformed_csv_names_each_error_by_row_and_column_and_stores_nothing(cast: Cast) -> None:
    rows = _csv_rows(filled_csv(consistent_figures(seed=11)))
    text_at = _row_number(rows, "CASES_NEW", "runaway")
    negative_at = _row_number(rows, "CHILDREN_SEX", "migrant", "female")
    total_at = _row_number(rows, "CASES_CARRIED_OVER", "_T")
    rows[text_at - 2]["value"] = "twelve"
    rows[negative_at - 2]["value"] = "-3"
    rows[total_at - 2]["value"] = str(int(rows[total_at - 2]["value"]) + 5)
    rows.append({**rows[0], "indicator": "CASES_RUNAWAY_TOTAL", "value": "4"})
    unknown_at = len(rows) + 1

    problems = _refused(cast, "return.csv", _csv_bytes(rows))

    assert "a count is a whole number" in problems[f"row {text_at}, column value"][0]
    assert problems[f"row {negative_at}, column value"] == ["A count cannot be negative."]
    assert "add up to" in problems[f"row {total_at}, column value"][0]
    assert "No indicator has this code" in problems[f"row {unknown_at}, column indicator"][0]


def test_a_malformed_workbook_names_each_error_by_sheet_and_cell_and_stores_nothing(
    cast: Cast,
) -> None:
    def spoil(workbook: object) -> None:
        cases = workbook["CASES_NEW"]  # type: ignore[index]
        assert cases["A7"].value == "runaway" and cases["C5"].value == "value"
        cases["C7"] = "twelve"
        sex = workbook["CHILDREN_SEX"]  # type: ignore[index]
        assert sex["A9"].value == "migrant" and sex["C5"].value == "female"
        sex["C9"] = -3
        carried = workbook["CASES_CARRIED_OVER"]  # type: ignore[index]
        assert carried["A13"].value == "_T"
        carried["C13"] = carried["C13"].value + 5
        workbook.create_sheet("CASES_RUNAWAY_TOTAL")  # type: ignore[attr-defined]

    content = filled_xlsx(_template("xlsx"), consistent_figures(seed=11), spoil)
    problems = _refused(cast, "return.xlsx", content)

    assert "a count is a whole number" in problems["Sheet CASES_NEW, cell C7"][0]
    assert problems["Sheet CHILDREN_SEX, cell C9"] == ["A count cannot be negative."]
    assert "add up to" in problems["Sheet CASES_CARRIED_OVER, cell C13"][0]
    assert "No indicator has this code" in problems["Sheet CASES_RUNAWAY_TOTAL"][0]


# --- every other rule -----------------------------------------------------------------------


def _spoiled_csv(**changes: str) -> tuple[bytes, dict[str, int]]:
    """The filled CSV with some cells changed: key "INDICATOR.code_1.code_2"."""
    rows = _csv_rows(filled_csv(consistent_figures(seed=21)))
    at = {}
    for key, value in changes.items():
        indicator, code_1, code_2 = [*key.split("."), "", ""][:3]
        number = _row_number(rows, indicator, code_1, code_2)
        rows[number - 2]["value"] = value
        at[key] = number
    return _csv_bytes(rows), at


def test_a_decimal_in_a_count_and_an_absurd_value_are_refused(cast: Cast) -> None:
    content, at = _spoiled_csv(**{"REQUESTS_SENT.police": "2.5", "CONTACTS_TYPE.other": "7e9"})
    problems = _refused(cast, "r.csv", content)
    where = f"row {at['REQUESTS_SENT.police']}, column value"
    assert problems[where] == ["A count is a whole number, without decimals."]
    assert f"row {at['CONTACTS_TYPE.other']}, column value" in problems


def test_unknown_breakdown_codes_and_a_code_where_none_belongs(cast: Cast) -> None:
    rows = _csv_rows(filled_csv(consistent_figures(seed=22)))
    first = _row_number(rows, "CASES_NEW", "lost_injured")
    rows[first - 2]["code_1"] = "lost"
    second = _row_number(rows, "CASES_COUNTRIES", "_T")
    rows.append({**rows[second - 2], "code_1": "XX", "value": "1"})
    third = _row_number(rows, "REQUESTS_ACK_MEDIAN", "")
    rows[third - 2]["code_1"] = "_T"
    problems = _refused(cast, "r.csv", _csv_bytes(rows))
    assert "Unknown category code" in problems[f"row {first}, column code_1"][0]
    assert "ISO 3166-1" in problems[f"row {len(rows) + 1}, column code_1"][0]
    assert "no breakdown here" in problems[f"row {third}, column code_1"][0]
    # the renamed row leaves its cell missing, which a required indicator reports
    assert any("Required" in m[0] for w, m in problems.items() if w.startswith("CASES_NEW"))


def test_a_cell_given_twice_is_refused_with_where_it_was_first(cast: Cast) -> None:
    rows = _csv_rows(filled_csv(consistent_figures(seed=23)))
    first = _row_number(rows, "CHILDREN_AGE", "runaway", "13_15")
    rows.append(dict(rows[first - 2]))
    problems = _refused(cast, "r.csv", _csv_bytes(rows))
    assert problems[f"row {len(rows) + 1}, column value"] == [
        f"The same cell as row {first}, column value: give each cell once."
    ]


def test_the_minimum_set_must_be_complete(cast: Cast) -> None:
    rows = _csv_rows(filled_csv(consistent_figures(seed=24)))
    empty = _row_number(rows, "CHILDREN_AGE", "runaway", "unknown")
    rows[empty - 2]["value"] = ""
    rows = [r for r in rows if r["indicator"] != "CHILDREN_SEX"]
    problems = _refused(cast, "r.csv", _csv_bytes(rows))
    assert "Required, and empty" in problems[f"row {empty}, column value"][0]
    assert "Required, and not in the file" in problems["indicator CHILDREN_SEX"][0]


def test_an_optional_indicator_may_not_be_half_filled(cast: Cast) -> None:
    rows = _csv_rows(filled_csv(consistent_figures(seed=25)))
    empty = _row_number(rows, "CASES_OUTCOME", "runaway", "found_safe")
    rows[empty - 2]["value"] = ""
    gone = _row_number(rows, "CASES_OUTCOME", "lost_injured", "_T")
    del rows[gone - 2]
    problems = _refused(cast, "r.csv", _csv_bytes(rows))
    assert "other cells of CASES_OUTCOME are filled" in problems[f"row {empty}, column value"][0]
    assert "Not in the file" in problems["CASES_OUTCOME (category lost_injured, outcome _T)"][0]


def test_indicators_that_count_the_same_children_must_agree(cast: Cast) -> None:
    figures = consistent_figures(seed=26)
    rows = _csv_rows(filled_csv(figures))
    # one more girl among runaways by sex, and the totals moved along, so each table adds up
    for code_1, code_2 in (
        ("runaway", "female"),
        ("runaway", "_T"),
        ("_T", "female"),
        ("_T", "_T"),
    ):
        number = _row_number(rows, "CHILDREN_SEX", code_1, code_2)
        rows[number - 2]["value"] = str(int(rows[number - 2]["value"]) + 1)
    problems = _refused(cast, "r.csv", _csv_bytes(rows))
    runaway = _row_number(rows, "CHILDREN_SEX", "runaway", "_T")
    message = problems[f"row {runaway}, column value"][0]
    assert "CHILDREN_AGE (category runaway, age_band _T)" in message and "must be equal" in message


@pytest.mark.parametrize(
    ("name", "content", "where", "message"),
    [
        ("return.pdf", b"%PDF-1.7 not a table", "file", "Upload a .csv or .xlsx file."),
        ("return.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 64, "file", "old Excel file"),
        ("return.xlsx", b"indicator,value\n", "file", "is not an Excel workbook"),
        ("return.csv", "indicator,value\nCASES_NEW,é\n".encode("latin-1"), "row 2", "not UTF-8"),
        ("return.csv", "indicator,value\n".encode("utf-16"), "file", "UTF-16"),
        ("return.csv", b"", "file", "The file is empty."),
        ("return.csv", b"x" * (MAX_FILE_BYTES + 1), "file", "larger than"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_as_a_whole(
    cast: Cast, name: str, content: bytes, where: str, message: str
) -> None:
    problems = _refused(cast, name, content)
    assert list(problems) == [where]
    assert message in problems[where][0]


def test_a_csv_without_the_value_column_says_so(cast: Cast) -> None:
    problems = _refused(cast, "r.csv", b"indicator,code_1,amount\nCASES_NEW,_T,3\n")
    assert problems["row 1"] == ["The column \u201cvalue\u201d is missing."]
    assert "Unknown column" in problems["row 1, column C"][0]


def test_the_workbook_template_reads_as_documented() -> None:
    workbook = load_workbook(io.BytesIO(_template("xlsx")))
    assert workbook.sheetnames[0] == "About"
    sex = workbook["CHILDREN_SEX"]
    assert [sex.cell(5, c).value for c in range(1, 8)] == [
        "code",
        None,
        "female",
        "male",
        "other",
        "unknown",
        "_T",
    ]
    assert [sex.cell(r, 1).value for r in range(7, 14)] == [
        "runaway", "parental_abduction", "migrant", "criminal_abduction", "lost_injured",
        "otherwise_missing", "_T",
    ]  # fmt: skip
