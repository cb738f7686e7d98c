"""Two people, two browsers, one case: the operator's new summary survives the supervisor's
later save of another field, on the case, the child's record and the case's section; a field
both changed comes back with both values (issue 12, item 2)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from homeward.cases.models import Case
from homeward.testing.browser import ARTIFACTS, sign_in
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.browser


@pytest.fixture
def second_page(browser: Any, live_app: str) -> Iterator[Any]:
    """A second person's browser: its own context, so its own session."""
    context = browser.new_context(base_url=live_app, viewport={"width": 1366, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def _save(tab: Any) -> None:
    tab.get_by_role("button", name="Save").click()


def _saved(tab: Any) -> None:
    """Saves and waits for the page that says so (session.js asks the server first)."""
    _save(tab)
    expect(tab.locator(".message-success")).to_be_visible()


def test_two_people_editing_one_case_keep_each_others_work(
    page: Any, second_page: Any, cast_live: Cast
) -> None:
    case = make_case(
        cast_live,
        category="parental_abduction",
        subcategory="international",
        summary="Not collected from school",
        last_seen_locality="Gent",
    )
    child = case.case_children.get().child
    operator, supervisor = page, second_page
    sign_in(operator, "be_operator@cast.test")
    sign_in(supervisor, "be_supervisor@cast.test")

    operator.goto(f"/cases/{case.pk}/edit/")
    supervisor.goto(f"/cases/{case.pk}/edit/")
    operator.get_by_label("Summary").fill("Police confirmed a sighting at the station")
    _saved(operator)
    supervisor.get_by_label("Last seen: locality").fill("Brugge")
    _saved(supervisor)
    expect(supervisor.get_by_text("Police confirmed a sighting at the station")).to_be_visible()

    operator.goto(f"/children/{child.pk}/edit/")
    supervisor.goto(f"/children/{child.pk}/edit/")
    operator.get_by_label("Living situation").fill("Lives with her grandmother since May")
    _saved(operator)
    supervisor.get_by_label("Physical description").fill("Short dark hair, glasses")
    _saved(supervisor)
    child.refresh_from_db()
    assert child.living_situation == "Lives with her grandmother since May"
    assert child.physical_description == "Short dark hair, glasses"

    operator.goto(f"/cases/{case.pk}/section/")
    supervisor.goto(f"/cases/{case.pk}/section/")
    operator.get_by_label("Custody and court situation").fill("Joint custody; hearing in January")
    _saved(operator)
    supervisor.get_by_label("Suspected destination country").select_option("FR")
    _saved(supervisor)
    section = Case.objects.get(pk=case.pk).parental_abduction
    assert section.custody_situation == "Joint custody; hearing in January"
    assert section.suspected_destination == "FR"

    # the same field, changed by both: nothing overwritten, both values on the page
    operator.goto(f"/cases/{case.pk}/edit/")
    supervisor.goto(f"/cases/{case.pk}/edit/")
    operator.get_by_label("Summary").fill("Seen boarding a train to Lille")
    _saved(operator)
    supervisor.get_by_label("Summary").fill("Mother called from Lille")
    _save(supervisor)
    error = supervisor.locator(".field-error")
    expect(error).to_contain_text("Someone else saved “Seen boarding a train to Lille”")
    expect(supervisor.get_by_label("Summary")).to_have_value("Mother called from Lille")
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (1366, 390):
        supervisor.set_viewport_size({"width": width, "height": 900})
        supervisor.screenshot(path=str(ARTIFACTS / f"edit-conflict-{width}.png"), full_page=True)
    assert Case.objects.get(pk=case.pk).summary == "Seen boarding a train to Lille"
    _saved(supervisor)  # deliberately: the supervisor's words replace the operator's
    case.refresh_from_db()
    assert (case.summary, case.last_seen_locality) == ("Mother called from Lille", "Brugge")
