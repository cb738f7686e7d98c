"""The hotline's own figures page in a browser, on a phone (390 px) and a laptop (1366 px): the
known network's 2025 beside 2024, every number of every table row read off the page and
compared with what the known network's lists say (known_expected.py), a chart per group, no
sideways scrolling of the page, and the period chosen in the form."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from homeward.statistics.catalogue import CATALOGUE, GROUPS
from homeward.statistics.tests.known_expected import expected_year
from homeward.statistics.tests.known_network import build
from homeward.testing.browser import ARTIFACTS, sign_in
from homeward.testing.cast import Cast
from homeward.testing.pages import axe_findings, overflow

pytestmark = pytest.mark.browser


def shown(value: Decimal | None) -> str:
    """As the page writes a number (English: no decimals for a whole number)."""
    if value is None:
        return "—"
    return f"{value.normalize():,f}" if value % 1 else f"{int(value):,}"


def change(now: Decimal | None, before: Decimal | None) -> str:
    if now is None or before is None:
        return "—"
    difference = now - before
    sign = "" if not difference else "+" if difference > 0 else "\u2212"
    return f"{sign}{shown(abs(difference))}"


def rows_of(page: Any, code: str) -> dict[str, tuple[str, str, str]]:
    cells: dict[str, list[str]] = page.eval_on_selector_all(
        f'table[data-indicator="{code}"] tr[data-cell]',
        """rows => Object.fromEntries(rows.map(row => [row.dataset.cell, [
            row.querySelector('[data-period=current]').innerText.trim(),
            row.querySelector('[data-period=previous]').innerText.trim(),
            row.querySelector('[data-period=change]').innerText.split('(')[0].trim(),
        ]]))""",
    )
    return {key: (values[0], values[1], values[2]) for key, values in cells.items()}


@pytest.mark.parametrize("width", [390, 1366])
def test_the_year_beside_the_year_before(
    page: Any, cast_live: Cast, width: int, request: pytest.FixtureRequest
) -> None:
    build(cast_live)
    now, before = expected_year("BE", 2025), expected_year("BE", 2024)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "be_operator@cast.test")
    page.get_by_role("link", name="Figures", exact=True).click()
    expect(page.get_by_role("heading", name="Our figures", level=1)).to_be_visible()
    page.locator("input[name=start]").fill("2025-01-01")
    page.locator("input[name=end]").fill("2025-12-31")
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    expect(page.locator("#period")).to_contain_text("From 2025-01-01 to 2025-12-31")
    expect(page.locator("#period")).to_contain_text("2024-01-01 to 2024-12-31")

    for indicator in CATALOGUE:
        rows = rows_of(page, indicator.code)
        assert rows, indicator.code
        for key, (current, previous, difference) in rows.items():
            cell = tuple(key.split(".")) if key else ()
            expected_now = now[indicator.code].get(cell)
            expected_before = before[indicator.code].get(cell)
            assert (current, previous, difference) == (
                shown(expected_now),
                shown(expected_before),
                change(expected_now, expected_before),
            ), f"{indicator.code} {key}"
    # the totals a reader looks for first: new cases 7 against 3, carried over 2 against 0
    assert rows_of(page, "CASES_NEW")["_T"] == ("7", "3", "+4")
    assert rows_of(page, "CASES_CARRIED_OVER")["_T"] == ("2", "0", "+2")

    for group in GROUPS:
        chart = page.locator(f"#group-{group.code} svg[role=img]")
        expect(chart).to_have_count(1)
        expect(chart).to_contain_text("Same period last year")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width}px"
    # every table fits: a reader never scrolls one sideways to find its numbers' column
    wide = page.eval_on_selector_all(
        ".own-figures .table-scroll",
        "boxes => boxes.filter(b => b.scrollWidth > b.clientWidth + 1)"
        ".map(b => b.querySelector('table').dataset.indicator)",
    )
    assert wide == [], f"tables wider than the page at {width}px: {wide}"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-top.png"))


def test_a_period_that_ends_before_it_starts_is_refused(page: Any, cast_live: Cast) -> None:
    sign_in(page, "be_supervisor@cast.test")
    page.goto("/statistics/?start=2025-03-01&end=2025-02-01")
    expect(page.locator(".error-summary")).to_contain_text("The period ends before it starts.")
    expect(page.locator("table.figures-table")).to_have_count(0)


def test_axe_finds_nothing_and_every_language_fits(
    page: Any, live_app: str, cast_live: Cast
) -> None:
    build(cast_live)
    sign_in(page, "be_admin@cast.test")
    for language in ("en", "fr", "de"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": live_app}])
        page.goto("/statistics/?start=2025-01-01&end=2025-12-31")
        for width in (1366, 390):
            page.set_viewport_size({"width": width, "height": 900})
            assert overflow(page) == [], (language, width)
            if language == "en":
                assert axe_findings(page) == [], width
