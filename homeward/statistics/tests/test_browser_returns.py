"""A hotline's statistician at the review page, on a phone and on a desk screen: the workbook
she filled has mistakes, the page lists each with its sheet and cell and nothing is stored;
she corrects them, the return is the draft, she submits it. Each page fits the window and
passes axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from homeward.statistics.models import AnnualReturn
from homeward.statistics.returns.template import template_file
from homeward.testing.annual_returns import PAST_YEAR, consistent_figures, filled_xlsx, open_year
from homeward.testing.browser import ARTIFACTS, click_and_wait, sign_in
from homeward.testing.cast import Cast
from homeward.testing.pages import axe_findings, overflow

pytestmark = pytest.mark.browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook(spoil: Any = None) -> bytes:
    template, _type, _name = template_file(
        "xlsx", year=PAST_YEAR, organisation="Test Hotline Belgium", code="BE"
    )
    return filled_xlsx(template, consistent_figures(seed=41), spoil)


def _spoil(workbook: Any) -> None:
    workbook["CASES_NEW"]["C8"] = "about twenty"
    workbook["CHILDREN_AGE"]["D7"] = -2


def _fits(page: Any, where: str) -> None:
    assert not overflow(page), f"{where}: {overflow(page)}"
    assert not axe_findings(page), f"{where}: {axe_findings(page)}"


@pytest.mark.parametrize("width", [390, 1366])
def test_upload_with_errors_then_a_good_file_then_submit(
    page: Any, browser: Any, live_app: str, cast_live: Cast, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    open_year(cast_live)
    sign_in(page, "be_supervisor@cast.test")
    page.goto(f"/statistics/returns/{PAST_YEAR}/")
    expect(page.get_by_role("heading", name=f"Annual return {PAST_YEAR}")).to_be_visible()
    _fits(page, "the empty return")

    page.get_by_label("Return file").set_input_files(
        files=[{"name": "return-2025.xlsx", "mimeType": XLSX, "buffer": _workbook(_spoil)}]
    )
    click_and_wait(page, page.get_by_role("button", name="Upload and check"))
    problems = page.locator("#upload-problems")
    expect(problems).to_contain_text("Sheet CASES_NEW, cell C8")
    expect(problems).to_contain_text("a count is a whole number")
    expect(problems).to_contain_text("Sheet CHILDREN_AGE, cell D7")
    expect(problems).to_contain_text("A count cannot be negative.")
    expect(page.locator(".error-summary")).to_contain_text("nothing was stored")
    assert not AnnualReturn.objects.exists()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"returns-upload-errors-{width}.png"), full_page=True)
    _fits(page, "the refused upload")

    page.get_by_label("Return file").set_input_files(
        files=[{"name": "return-2025.xlsx", "mimeType": XLSX, "buffer": _workbook()}]
    )
    click_and_wait(page, page.get_by_role("button", name="Upload and check"))
    expect(page.get_by_text("The file passed every check")).to_be_visible()
    expect(page.locator("#ind-CHILDREN_AGE")).to_be_visible()
    _fits(page, "the draft")

    page.get_by_label("Note to the network office").fill("Figures from our case system.")
    click_and_wait(page, page.get_by_role("button", name="Submit to the network office"))
    expect(page.get_by_text("Submitted to the network office.")).to_be_visible()
    expect(page.get_by_role("button", name="Withdraw the submission")).to_be_visible()
    item = AnnualReturn.objects.get()
    assert (item.state, item.note) == ("submitted", "Figures from our case system.")
    _fits(page, "the submitted return")
