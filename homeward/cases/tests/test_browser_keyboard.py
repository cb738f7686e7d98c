"""At the keyboard: the contact and case forms start with the focus in their first field, and
"?" lists the shortcuts, which work everywhere except while typing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from homeward.testing.browser import sign_in
from homeward.testing.cast import Cast

pytestmark = pytest.mark.browser


def test_the_contact_and_case_forms_start_in_their_first_field(page: Any, cast_live: Cast) -> None:
    sign_in(page, "be_operator@cast.test")
    page.goto("/contacts/new/")
    expect(page.get_by_label("Channel")).to_be_focused()
    page.goto("/cases/new/")
    expect(page.locator("#first-child").get_by_label("Given names")).to_be_focused()


def test_question_mark_lists_the_shortcuts_and_they_work(page: Any, cast_live: Cast) -> None:
    sign_in(page, "be_operator@cast.test")
    page.goto("/cases/")
    shortcuts = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(shortcuts).to_be_hidden()

    page.keyboard.press("?")
    expect(shortcuts).to_be_visible()
    expect(shortcuts).to_contain_text("Log a contact")
    page.keyboard.press("Escape")
    expect(shortcuts).to_be_hidden()

    page.keyboard.press("/")
    expect(page.get_by_label("Name or reference")).to_be_focused()
    page.keyboard.type("n?")  # typing in a field is typing, not a shortcut
    expect(page.get_by_label("Name or reference")).to_have_value("n?")
    expect(shortcuts).to_be_hidden()

    page.get_by_role("heading", level=1).click()  # out of the field
    page.keyboard.press("n")
    page.wait_for_url(re.compile(r"/contacts/new/$"))
    page.get_by_role("button", name="Keyboard shortcuts").click()
    expect(shortcuts).to_be_visible()
