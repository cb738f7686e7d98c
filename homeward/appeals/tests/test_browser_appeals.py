"""The hotline's appeal pages in a browser: a supervisor cannot publish without consent (the
page says what is missing), the refused forms show their errors at the top, and the public
pages pass axe at a phone's width."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from homeward.testing.appeals import make_appeal
from homeward.testing.browser import ARTIFACTS, click_and_wait, sign_in
from homeward.testing.cast import Cast
from homeward.testing.pages import axe_findings, overflow, refused_form_problems

pytestmark = pytest.mark.browser


def test_publication_without_consent_is_refused_on_the_page(page: Any, cast_live: Cast) -> None:
    appeal = make_appeal(cast_live, state="draft")
    sign_in(page, "be_supervisor@cast.test")
    page.goto(f"/appeals/desk/{appeal.pk}/")
    expect(
        page.get_by_text("The consent of the parent or guardian is not recorded.")
    ).to_have_count(1)
    click_and_wait(page, page.get_by_role("button", name="Publish the appeal"))
    expect(page.locator(".message, .messages").first).to_contain_text(
        "The consent of the parent or guardian is not recorded."
    )
    page.screenshot(path=str(ARTIFACTS / "appeal-refused-publication.png"), full_page=True)
    appeal.refresh_from_db()
    assert appeal.state == "draft"


def test_refused_appeal_forms_show_what_is_wrong_at_the_top(page: Any, cast_live: Cast) -> None:
    appeal = make_appeal(cast_live, state="draft")
    sign_in(page, "be_supervisor@cast.test")
    found = {}
    page.goto(f"/appeals/desk/{appeal.pk}/edit/")
    page.get_by_label("First name").fill("")
    page.get_by_label("Countries").fill("ZZ")
    click_and_wait(page, page.get_by_role("button", name="Save the draft"))
    page.screenshot(path=str(ARTIFACTS / "refused-appeal-edit.png"), full_page=True)
    found["edit"] = refused_form_problems(page)
    page.goto(f"/appeals/desk/{appeal.pk}/consent/")
    click_and_wait(page, page.get_by_role("button", name="Record the answer"))
    found["consent"] = refused_form_problems(page)
    assert found == {"edit": [], "consent": []}


def test_the_public_pages_pass_axe_on_a_phone(page: Any, cast_live: Cast) -> None:
    appeal = make_appeal(cast_live)
    page.set_viewport_size({"width": 390, "height": 844})
    found = {}
    for url in ("/appeals/", f"/appeals/{appeal.public_id}/", "/widget/register/"):
        page.goto(url)
        found[url] = overflow(page) + axe_findings(page)
    page.get_by_label("Site name").fill("Demo site")
    page.get_by_label("Origin").fill("https://www.site.test")
    page.get_by_label("Contact e-mail").fill("owner@site.test")
    page.get_by_label("Country").select_option("BE")
    click_and_wait(page, page.get_by_role("button", name="Get a key"))
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "appeal-site-registered.png"), full_page=True)
    found["registered"] = overflow(page) + axe_findings(page)
    assert page.context.cookies() == []
    assert found == {url: [] for url in found}
