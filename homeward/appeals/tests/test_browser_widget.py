"""The 404 widget in a real browser, embedded in a plain HTML page that another local port
serves (as a website would): it shows the appeal, sets no cookie on either site, and once the
case is set to found, a reload shows no appeal. Then the public page at a phone's width."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from homeward.appeals import actions
from homeward.cases import actions as case_actions
from homeward.testing.appeals import WIDGET_404_PAGE, make_appeal, make_site
from homeward.testing.browser import ARTIFACTS
from homeward.testing.cast import Cast

pytestmark = pytest.mark.browser


def test_the_widget_on_another_sites_404_page(
    page: Any, live_app: str, cast_live: Cast, other_site: tuple[str, Path]
) -> None:
    origin, root = other_site
    appeal = make_appeal(cast_live)
    site = make_site("BE", origin=origin)
    widget_page = WIDGET_404_PAGE.format(app=live_app, key=site.key)
    (root / "404.html").write_text(widget_page, encoding="utf-8")

    page.goto(f"{origin}/404.html")
    frame = page.frame_locator("iframe")
    expect(frame.get_by_text("Missing: Lena")).to_be_visible()
    expect(frame.get_by_text("Seen them? Call 116 000")).to_be_visible()
    expect(frame.locator("img")).to_have_count(1)
    assert page.context.cookies() == []
    page.screenshot(path=str(ARTIFACTS / "appeals_widget_shown.png"))

    case_actions.change_status(membership=cast_live.member("be_operator"), case=appeal.case,
                               status="found")  # fmt: skip
    page.reload()
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    frame = page.frame_locator("iframe")
    expect(frame.locator("body")).to_be_attached()
    expect(frame.get_by_text("Missing: Lena")).to_have_count(0)
    assert page.context.cookies() == []
    photo = page.request.get(f"{live_app}/appeals/{appeal.public_id}/photo.jpg")
    assert photo.status == 410


def test_the_appeals_page_at_a_phones_width(page: Any, live_app: str, cast_live: Cast) -> None:
    make_appeal(cast_live)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/appeals/")
    expect(page.get_by_role("heading", name="Missing: Lena")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.context.cookies() == []


def test_the_widget_card_fits_its_frame_at_a_phones_width(
    page: Any, live_app: str, cast_live: Cast, other_site: tuple[str, Path]
) -> None:
    origin, root = other_site
    make_appeal(cast_live)
    site = make_site("BE", origin=origin)
    (root / "404.html").write_text(WIDGET_404_PAGE.format(app=live_app, key=site.key), "utf-8")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{origin}/404.html")
    expect(page.frame_locator("iframe").get_by_text("Seen them? Call 116 000")).to_be_visible()
    frame = page.frames[1]
    scroll = frame.evaluate("[document.documentElement.scrollHeight, window.innerHeight]")
    page.screenshot(path=str(ARTIFACTS / "appeals_widget_390.png"))
    assert scroll[0] <= scroll[1], scroll


def test_a_blocked_widget_shows_nothing(
    page: Any, live_app: str, cast_live: Cast, other_site: tuple[str, Path]
) -> None:
    origin, root = other_site
    make_appeal(cast_live)
    site = make_site("BE", origin=origin)
    actions.block_site(membership=cast_live.member("be_admin"), site_id=site.pk, reason="misuse")
    (root / "404.html").write_text(WIDGET_404_PAGE.format(app=live_app, key=site.key), "utf-8")
    page.goto(f"{origin}/404.html")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    page.wait_for_load_state("load")
    frame = page.frames[1]
    assert frame.evaluate("document.body ? document.body.innerText : ''") == ""
    page.screenshot(path=str(ARTIFACTS / "appeals_widget_blocked.png"))
