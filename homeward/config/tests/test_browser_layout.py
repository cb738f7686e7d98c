"""Every staff page, in English, French and German, fits a 1,366 px laptop and a 390 px phone
without scrolling sideways (a wide table scrolls inside its own box), and axe-core finds no
accessibility violation on it (in English).

The pages are the authorisation matrix's HTML GET rows, built on real objects of the
Belgian hotline and visited by the first member of the cast who may see them."""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from urllib.parse import urljoin

import pytest

from homeward.organisations.roles import Permission, permissions_of
from homeward.testing.browser import ARTIFACTS, sign_in
from homeward.testing.cast import Cast
from homeward.testing.endpoints import HTML_ENDPOINTS
from homeward.testing.matrix import Endpoint
from homeward.testing.pages import axe_findings, overflow

pytestmark = pytest.mark.browser

VISITORS = ("be_supervisor", "be_admin", "be_dpo", "coordinator")
# Pages no member of the cast may see: the mediator network's own staff pages (the cast has no
# mediator-network organisation yet; the mediators' browser tests walk the public pages).
NOT_IN_THE_CAST = frozenset({Permission.MANAGE_MEDIATORS, Permission.MEDIATE})
WIDTHS = (1366, 390)
LANGUAGES = ("en", "fr", "de")


def _visitor(cast: Cast, endpoint: Endpoint) -> str:
    return next(
        name
        for name in VISITORS
        if endpoint.permission is None
        or endpoint.permission in permissions_of(cast.member(name).role)
    )


def _pages_by_visitor(cast: Cast) -> dict[str, list[tuple[str, str]]]:
    """(row name, URL) of every HTML GET row, grouped by who visits it."""
    pages: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for endpoint in HTML_ENDPOINTS:
        if endpoint.method == "GET" and endpoint.permission not in NOT_IN_THE_CAST:
            visitor = _visitor(cast, endpoint)
            url = endpoint.url(cast, cast.org_of(visitor), visitor)
            pages[visitor].append((endpoint.name, url))
    return pages


def _is_page(page: Any, url: str) -> bool:
    """A whole HTML page (not a download, an image, an htmx fragment, or a row of the matrix
    that expects a refusal)."""
    response = page.request.get(url)
    html = response.status == 200 and response.headers["content-type"].startswith("text/html")
    return html and "<main" in response.text()


def _walk(page: Any, cast: Cast, check: Any) -> dict[str, Any]:
    """`check`'s findings on every page in every language, by page."""
    found: dict[str, Any] = {}
    for visitor, pages in _pages_by_visitor(cast).items():
        page.context.clear_cookies()
        sign_in(page, f"{visitor}@cast.test")
        for name, url in pages:
            if not _is_page(page, url):
                continue
            for language in LANGUAGES:
                page.context.add_cookies(
                    [{"name": "django_language", "value": language, "url": urljoin(page.url, "/")}]
                )
                page.goto(url)
                page.wait_for_load_state("networkidle")  # with what htmx loads after
                assert page.evaluate("document.documentElement.lang") == language
                problems = check(page)
                if problems:
                    found[f"{name} {url} [{language}]"] = problems
    return found


def _report(found: dict[str, Any]) -> str:
    return "\n".join(f"{page}: {problems}" for page, problems in found.items())


def test_every_page_fits_the_window_and_axe_finds_nothing(page: Any, cast_live: Cast) -> None:
    def problems(page: Any) -> dict[str, list[str]]:
        found = {}
        if page.evaluate("document.documentElement.lang") == "en":
            page.set_viewport_size({"width": WIDTHS[0], "height": 900})
            found["axe"] = axe_findings(page)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            found[f"{width} px"] = overflow(page)
            if found[f"{width} px"]:
                page.screenshot(path=str(ARTIFACTS / f"overflow-{width}.png"))
        return {check: items for check, items in found.items() if items}

    found = _walk(page, cast_live, problems)
    assert found == {}, _report(found)
