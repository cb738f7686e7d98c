"""The directories' pages in a browser: the public ones at 390 and 1,366 px in English, French
and German with axe-core finding nothing at 390 px in each language; the staff ones for the
hotline admin and the network office, axe-core in English."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import pytest

from homeward.directories.choices import State
from homeward.testing.browser import ARTIFACTS, sign_in
from homeward.testing.cast import Cast
from homeward.testing.directories import make_entry, make_service
from homeward.testing.pages import axe_findings, overflow

pytestmark = pytest.mark.browser

LANGUAGES = ("en", "fr", "de")


def _check(
    page: Any, url: str, name: str, languages: tuple[str, ...], found: dict[str, Any]
) -> None:
    for language in languages:
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": urljoin(page.url, "/")}]
        )
        page.goto(url)
        page.set_viewport_size({"width": 390, "height": 900})
        problems = {"axe 390 px": axe_findings(page), "390 px": overflow(page)}
        page.set_viewport_size({"width": 1366, "height": 900})
        problems["1366 px"] = overflow(page)
        problems = {k: v for k, v in problems.items() if v}
        page.set_viewport_size({"width": 390, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"directories-{name}-{language}.png"), full_page=True)
        if problems:
            found[f"{name} {url} [{language}]"] = problems


def test_directory_pages_fit_at_390_px_and_axe_finds_nothing(page: Any, cast_live: Cast) -> None:
    make_entry(cast_live, "BE", "en", "parents")
    make_entry(cast_live, "BE", "fr", "parents")
    make_entry(cast_live, "BE", "en", "young")
    service = make_service(cast_live, "BE", name="Demo night shelter with a long name")
    waiting = make_service(cast_live, "BE", State.SUBMITTED, name="Demo waiting shelter")
    found: dict[str, Any] = {}
    page.goto("/")
    for url, name in (
        ("/prevention/", "prevention-index"),
        ("/prevention/BE/", "prevention-parents"),
        ("/prevention/BE/?for=young", "prevention-young"),
        ("/services/?country=BE", "services"),
        (f"/services/{service.public_id}/", "service"),
        ("/services/submit/", "submit"),
    ):
        _check(page, url, name, LANGUAGES, found)
    page.context.clear_cookies()
    sign_in(page, "be_admin@cast.test")
    _check(page, "/directories/moderation/", "moderation", ("en",), found)
    _check(page, f"/directories/moderation/{waiting.pk}/", "review", ("en",), found)
    page.context.clear_cookies()
    sign_in(page, "coordinator@cast.test")
    _check(page, "/directories/prevention/", "prevention-manage", ("en",), found)
    _check(page, "/directories/prevention/new/", "prevention-new", ("en",), found)
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())
