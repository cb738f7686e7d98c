"""The alert pages on their own, as config/tests/test_browser_layout.py checks every page: at
1,366 and 390 px nothing scrolls sideways, in English, French and German, and axe-core finds
nothing in English; the public page too, active and ended."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import pytest

from homeward.alerts import actions
from homeward.organisations.roles import permissions_of
from homeward.testing.alerts import make_alert
from homeward.testing.browser import ARTIFACTS, sign_in
from homeward.testing.cast import Cast
from homeward.testing.endpoints_alerts import ALERTS_HTML_ENDPOINTS
from homeward.testing.pages import axe_findings, overflow

pytestmark = pytest.mark.browser

VISITORS = ("be_supervisor", "be_admin")
WIDTHS = (1366, 390)
LANGUAGES = ("en", "fr", "de")


def _problems(page: Any, language: str) -> dict[str, list[str]]:
    found = {}
    if language == "en":
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        found["axe"] = axe_findings(page)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        found[f"{width} px"] = overflow(page)
    return {check: items for check, items in found.items() if items}


def _visit(page: Any, url: str, found: dict[str, Any], name: str) -> None:
    for language in LANGUAGES:
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": urljoin(page.url, "/")}]
        )
        page.goto(url)
        page.wait_for_load_state("networkidle")
        problems = _problems(page, language)
        if problems:
            page.screenshot(path=str(ARTIFACTS / f"alerts-{name}-{language}.png"), full_page=True)
            found[f"{name} {url} [{language}]"] = problems


def test_alert_pages_fit_and_axe_finds_nothing(page: Any, cast_live: Cast) -> None:
    found: dict[str, Any] = {}
    for visitor in VISITORS:
        role = cast_live.member(visitor).role
        page.context.clear_cookies()
        sign_in(page, f"{visitor}@cast.test")
        for endpoint in ALERTS_HTML_ENDPOINTS:
            if endpoint.method != "GET" or endpoint.name == "alert_case_section":
                continue
            if endpoint.permission not in permissions_of(role):
                continue
            _visit(page, endpoint.url(cast_live, cast_live.be, visitor), found, endpoint.name)
    page.context.clear_cookies()
    alert = make_alert(cast_live)
    _visit(page, f"/alerts/{alert.public_id}/", found, "public-active")
    actions.end_alert(membership=cast_live.member("be_operator"), alert=alert,
                      reason="child_found")  # fmt: skip
    _visit(page, f"/alerts/{alert.public_id}/", found, "public-ended")
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())
