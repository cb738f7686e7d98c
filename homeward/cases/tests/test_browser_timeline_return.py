"""After adding to a case's timeline the operator is back at the timeline, with the focus on
it: on a phone she does not scroll down from the top of the case after every entry."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from homeward.testing.browser import click_and_wait, sign_in
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.browser


def test_adding_to_the_timeline_comes_back_to_the_timeline(page: Any, cast_live: Cast) -> None:
    case = make_case(cast_live)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "be_operator@cast.test")
    page.goto(f"/cases/{case.pk}/")
    page.get_by_label("Text").fill("Aunt called: no sign of her at the station.")
    click_and_wait(page, page.get_by_role("button", name="Add to timeline"))

    timeline = page.locator("#timeline")
    expect(timeline.locator(".timeline")).to_contain_text("no sign of her at the station")
    expect(timeline).to_be_focused()
    expect(timeline.get_by_role("heading", name="Timeline")).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 0
