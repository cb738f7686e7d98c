"""Date boxes in French and German. A browser's date and time inputs take only YYYY-MM-DD (and
YYYY-MM-DDTHH:MM): given the French "18/10/2025" Chromium shows an empty box, and saving the
form unchanged erased the stored date. Every date box of every page must show what is stored,
in every language, and an edit form saved unchanged must keep it."""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import urljoin

import pytest

from homeward.cases import actions
from homeward.cases.models import Case, Child
from homeward.organisations.roles import permissions_of
from homeward.testing.browser import click_and_wait, sign_in
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast
from homeward.testing.endpoints import HTML_ENDPOINTS

pytestmark = pytest.mark.browser

LANGUAGES = ("fr", "de")
VISITORS = ("be_supervisor", "be_admin", "be_dpo", "coordinator")
DISAPPEARED, REPORTED, BORN, HAGUE = (
    date(2025, 10, 18),
    date(2025, 10, 19),
    date(2011, 3, 14),
    date(2025, 10, 20),
)

# Each date box: its name, the value the server wrote, and the value the browser took from it
# (a value the browser cannot read leaves the box empty).
_DATE_BOXES = """() => [...document.querySelectorAll(
    "input[type=date], input[type=datetime-local]"
)].map((box) => [box.name, box.getAttribute("value") || "", box.value])"""
ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2})?")


def _in(page: Any, language: str) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": urljoin(page.url, "/")}]
    )


def _abduction_case(cast: Cast) -> Case:
    case = make_case(
        cast,
        category="parental_abduction",
        subcategory="international",
        disappeared_on=DISAPPEARED,
        police_reported_on=REPORTED,
    )
    supervisor = cast.member("be_supervisor")
    actions.update_section(
        membership=supervisor,
        case=case,
        changes={"hague_application_on": HAGUE},
    )
    return case


@pytest.mark.parametrize("language", LANGUAGES)
def test_edit_forms_saved_unchanged_keep_their_dates(
    page: Any, cast_live: Cast, language: str
) -> None:
    case = _abduction_case(cast_live)
    child = case.case_children.get().child
    sign_in(page, "be_supervisor@cast.test")
    _in(page, language)
    for url, shown in (
        (
            f"/cases/{case.pk}/edit/",
            {"disappeared_on": "2025-10-18", "police_reported_on": "2025-10-19"},
        ),
        (f"/children/{child.pk}/edit/", {"birth_date": "2011-03-14"}),
        (f"/cases/{case.pk}/section/", {"hague_application_on": "2025-10-20"}),
    ):
        page.goto(url)
        page.wait_for_load_state("networkidle")  # one request at a time on the live server
        boxes = {name: taken for name, _written, taken in page.evaluate(_DATE_BOXES)}
        assert {name: boxes.get(name) for name in shown} == shown, url
        click_and_wait(page, page.locator("main form button.primary"))
        page.wait_for_load_state("networkidle")
        assert not page.locator("[data-error-summary]").count(), page.locator("main").inner_text()

    case = Case.objects.get(pk=case.pk)
    assert (case.disappeared_on, case.police_reported_on) == (DISAPPEARED, REPORTED)
    assert case.parental_abduction.hague_application_on == HAGUE
    assert Child.objects.get(pk=child.pk).birth_date == BORN


def test_every_date_box_of_every_page_shows_its_value_in_french_and_german(
    page: Any, cast_live: Cast
) -> None:
    """The authorisation matrix's pages (built on objects with stored dates), each visited by
    the first of the cast who may, plus the case list and the audit trail filtered by dates."""
    refused: dict[str, list[Any]] = {}
    filled = 0
    for visitor in VISITORS:
        role = cast_live.member(visitor).role
        urls = [
            e.url(cast_live, cast_live.org_of(visitor), visitor)
            for e in HTML_ENDPOINTS
            if e.method == "GET" and (e.permission is None or e.permission in permissions_of(role))
        ]
        if visitor == "be_supervisor":
            urls.append("/cases/?reported_from=2025-01-02&reported_to=2025-12-31")
        if visitor == "be_dpo":
            urls.append("/audit/?since=2025-01-02&until=2025-12-31")
        page.context.clear_cookies()
        sign_in(page, f"{visitor}@cast.test")
        for url in urls:
            answer = page.request.get(url)
            if answer.status != 200 or not re.search(
                r'type="(date|datetime-local)"', answer.text()
            ):
                continue
            for language in LANGUAGES:
                _in(page, language)
                page.goto(url)
                page.wait_for_load_state("networkidle")
                for name, written, taken in page.evaluate(_DATE_BOXES):
                    if taken != written or (written and not ISO.fullmatch(written)):
                        refused.setdefault(f"{url} [{language}]", []).append((name, written))
                    filled += bool(taken)
    assert refused == {}
    assert filled >= 8  # the case's and the child's dates, the filters, in both languages
