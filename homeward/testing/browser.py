"""Playwright driving Debian's Chromium against the live test server."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from homeward.testing.cast import PASSWORD, Cast, build_cast, current_totp_code

CHROMIUM = os.environ.get("HOMEWARD_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-results"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is not at {CHROMIUM}: run `make browsers` (apt-get install chromium)"
        )
    # Playwright's sync API runs an event loop in this thread; the test's database calls
    # are still synchronous and ordered.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def live_app(live_server: object, committed_db: None) -> str:
    """The live server's URL."""
    return str(live_server.url)  # type: ignore[attr-defined]


@pytest.fixture
def page(browser: object, live_app: str, request: pytest.FixtureRequest) -> Iterator[object]:
    context = browser.new_context(base_url=live_app, viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def cast_live(live_app: str) -> Cast:
    """The fixed cast, in the database the live server reads."""
    return build_cast()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Nothing on the test's output."""


@pytest.fixture
def other_site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A plain static website on another local port (127.0.0.1, where the app is on
    localhost), serving the files the test writes into the folder it gets with the origin."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", tmp_path
    server.shutdown()
    thread.join()


def sign_in(page: Any, email: str) -> None:
    """Signs in through the real pages (password, then the TOTP code) and waits for the
    dashboard."""
    page.goto("/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.get_by_label("Code").fill(current_totp_code())
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))


def click_and_wait(page: Any, button: Any) -> None:
    """Click a form's button and wait for the page it leads to. A POST form leaves only after
    the page has checked that the session is still open (session.js), so waiting for the
    current page's load would return before the form was sent."""
    with page.expect_navigation():
        button.click()
