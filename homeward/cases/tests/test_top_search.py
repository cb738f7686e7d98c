"""The box in the top bar: a case reference opens the case, anything else searches names."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from homeward.testing.browser import ARTIFACTS, sign_in
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast


@pytest.mark.django_db
def test_a_reference_opens_its_case_in_any_form(cast: Cast) -> None:
    make_case(cast)
    case = make_case(cast)
    client = cast.client("be_operator")
    year = case.reported_at.year
    for typed in (case.reference, case.reference.lower(), f"{year}-2", f"BE-{year}-2"):
        response = client.get("/cases/go/", {"q": typed})
        assert response["Location"] == f"/cases/{case.pk}/", typed


@pytest.mark.django_db
def test_a_name_searches_the_cases_of_every_status(cast: Cast) -> None:
    response = cast.client("be_operator").get("/cases/go/", {"q": "Lena Test"})
    assert response["Location"] == "/cases/?q=Lena+Test&status=all"


@pytest.mark.django_db
def test_another_hotlines_reference_finds_nothing(cast: Cast) -> None:
    theirs = make_case(cast, cast.fr)
    client = cast.client("be_operator")
    response = client.get("/cases/go/", {"q": theirs.reference}, follow=True)
    assert response.request["PATH_INFO"] == "/cases/"
    assert list(response.context["page"]) == []


@pytest.mark.django_db
def test_the_box_is_on_every_staff_page_of_those_who_see_cases(cast: Cast) -> None:
    case = make_case(cast)
    client = cast.client("be_operator")
    for url in ("/dashboard/", f"/cases/{case.pk}/", "/contacts/", "/crossborder/"):
        html = client.get(url).content.decode()
        assert '<input id="top-search" name="q" type="search"' in html, url
        assert '<label for="top-search"' in html, url
    assert 'id="top-search"' not in cast.client("be_admin").get("/dashboard/").content.decode()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1366, 390])
def test_the_keyboard_reaches_a_case_from_the_top_bar(
    page: Any, cast_live: Cast, width: int
) -> None:
    case = make_case(cast_live)
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, "be_operator@cast.test")
    box = page.get_by_role("searchbox", name="Find a case by its reference or a child's name")
    expect(box).to_be_visible()
    box.focus()
    page.keyboard.type(f"{timezone.now().year}-1")
    page.screenshot(path=str(ARTIFACTS / f"top-search-{width}.png"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.reference)
