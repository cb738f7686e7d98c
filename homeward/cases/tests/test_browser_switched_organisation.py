"""A form sent after its sender switched organisation in another tab is done in neither: the
page says the organisation changed and shows what was typed, and one click switches back and
sends it where it was opened."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from homeward.cases.models import TimelineEvent
from homeward.testing.browser import click_and_wait, sign_in
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.browser

NOTE = "Grandmother called: the girl slept at a friend's flat in Ghent."


def test_a_note_typed_before_switching_in_another_tab_is_kept(page: Any, cast_live: Cast) -> None:
    case = make_case(cast_live)
    cast_live.join("be_operator@cast.test", cast_live.fr, "operator")
    sign_in(page, "be_operator@cast.test")
    page.goto(f"/cases/{case.pk}/")
    page.get_by_label("Text").fill(NOTE)

    other_tab = page.context.new_page()
    other_tab.goto("/dashboard/")
    other_tab.get_by_label("Switch organisation").select_option(
        label="Test Hotline France — Hotline operator"
    )
    click_and_wait(other_tab, other_tab.get_by_role("button", name="Switch"))
    expect(other_tab.locator(".current-org")).to_contain_text("France")

    click_and_wait(page, page.get_by_role("button", name="Add to timeline"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You changed organisation after opening this form"
    )
    expect(page.locator("main")).to_contain_text("Nothing was saved")
    expect(page.locator("main .typed").filter(has_text=NOTE)).to_have_count(1)
    assert not TimelineEvent.objects.filter(text=NOTE).exists()

    click_and_wait(
        page, page.get_by_role("button", name="Switch back to Test Hotline Belgium and send it")
    )
    expect(page.locator("#timeline .timeline")).to_contain_text(NOTE)
    expect(page.locator(".current-org")).to_contain_text("Belgium")
    assert TimelineEvent.objects.filter(case=case, text=NOTE).count() == 1
