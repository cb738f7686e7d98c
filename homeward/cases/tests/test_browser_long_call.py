"""A long call loses nothing to the idle limit (issue 12, item 2), in a real browser with an
idle limit of seconds: typing keeps the session open, a warning offers "Stay signed in", and a
note sent after the session ended is sent once its author has signed in again, in another
window, without the text ever touching the browser's storage."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from playwright.sync_api import expect

from homeward.cases.models import TimelineEvent
from homeward.testing.browser import ARTIFACTS
from homeward.testing.browser import sign_in as sign_in_from_start
from homeward.testing.cases import make_case
from homeward.testing.cast import PASSWORD, Cast, current_totp_code

pytestmark = pytest.mark.browser

IDLE = 8


@pytest.fixture
def short_sessions(settings: Any) -> None:
    settings.SESSION_COOKIE_AGE = IDLE
    settings.SESSION_WARNING_SECONDS = 4


def _browser_storage(page: Any) -> str:
    """Everything the page's origin keeps in localStorage and sessionStorage (htmx keeps the
    current path there)."""
    return str(page.evaluate("JSON.stringify([{...localStorage}, {...sessionStorage}])"))


def _case_page(page: Any, cast: Cast) -> int:
    case = make_case(cast)
    sign_in_from_start(page, "be_operator@cast.test")
    page.goto(f"/cases/{case.pk}/")
    return case.pk


def test_typing_keeps_the_session_open_and_stay_signed_in_renews_it(
    page: Any, cast_live: Cast, short_sessions: None
) -> None:
    case_id = _case_page(page, cast_live)
    text = page.get_by_label("Text")
    for word in ["Mother", "calls", "back", "from", "the", "station", "and", "says", "more"]:
        text.press_sequentially(word + " ")
        time.sleep(1.5)  # 13 seconds of typing: longer than the idle limit, with no page sent
    page.get_by_role("button", name="Add to timeline").click()
    expect(page).to_have_url(re.compile(rf"/cases/{case_id}/#timeline$"))
    expect(page.locator(".timeline")).to_contain_text("Mother calls back from the station")

    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Are you still there?", timeout=IDLE * 1000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "session-warning-1366.png"))
    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()
    time.sleep(IDLE - 3)  # past the idle limit counted from the page, not from the click
    page.reload()
    expect(page).to_have_url(re.compile(rf"/cases/{case_id}/#timeline$"))


def test_a_note_sent_after_the_session_ended_is_sent_after_signing_in_again(
    page: Any, cast_live: Cast, short_sessions: None
) -> None:
    case_id = _case_page(page, cast_live)
    note = "Police confirmed a sighting at the station at 02:40"
    page.get_by_label("Text").fill(note)
    Session.objects.all().delete()  # ended while the page slept (a laptop lid closed)
    page.get_by_role("button", name="Add to timeline").click()

    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Your session has ended")
    expect(page.get_by_label("Text")).to_have_value(note)  # held in the page, and only there
    assert "sighting" not in _browser_storage(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / "session-ended-390.png"))
    page.set_viewport_size({"width": 1366, "height": 900})
    cache.clear()  # a TOTP code counts once: a real person signs in again minutes later
    with page.context.expect_page() as opened:
        dialog.get_by_role("button", name="Sign in again").click()
    window = opened.value
    window.get_by_label("E-mail").fill("be_operator@cast.test")
    window.get_by_label("Password").fill(PASSWORD)
    window.get_by_role("button", name="Sign in", exact=True).click()
    window.get_by_label("Code").fill(current_totp_code())
    window.get_by_role("button", name="Sign In").click()

    expect(page.locator(".timeline")).to_contain_text(note, timeout=15_000)
    expect(page).to_have_url(re.compile(rf"/cases/{case_id}/#timeline$"))
    assert TimelineEvent.objects.filter(case_id=case_id, text=note).count() == 1
    assert "sighting" not in _browser_storage(page)
