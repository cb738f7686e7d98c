"""The network report in a real browser, as the network coordinator reads it: at 1,366 and
390 px wide the page fits the window (wide tables scroll on their own), the charts are drawn
and named, the contents link to the sections, axe finds nothing, and no child's data is on it."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from homeward.testing.browser import ARTIFACTS, sign_in
from homeward.testing.cast import Cast
from homeward.testing.pages import axe_findings, overflow
from homeward.testing.statistics import store_return, synthetic_year

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1366, 390])
def test_the_report_page_reads_at_desk_and_phone_widths(
    page: Any, live_app: str, cast_live: Cast, width: int
) -> None:
    store_return(cast_live.be, 2024, synthetic_year(24, 180))
    store_return(cast_live.be, 2025, synthetic_year(25, 200))
    store_return(cast_live.fr, 2025, synthetic_year(35, 320))
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "coordinator@cast.test")
    page.get_by_role("link", name="The network report 2025").click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Missing children: figures and trends 2025"
    )
    expect(page.get_by_text("2 of 2 hotlines reported for 2025.")).to_be_visible()
    charts = page.get_by_role("img")
    assert charts.count() >= 10
    expect(page.get_by_role("img", name="New cases by category")).to_be_visible()
    assert overflow(page) == []
    assert axe_findings(page) == []
    page.get_by_role("link", name="Tables by country").click()
    expect(page.get_by_role("heading", name="Tables by country")).to_be_in_viewport()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"report-{width}.png"), full_page=False)
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF report").click()
    assert download.value.suggested_filename == "homeward-network-2025.pdf"
