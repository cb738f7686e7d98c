"""A refused form says what is wrong where the operator looks: a summary at the top takes the
focus and links to each field, a section holding an error is open, and every field points
its screen-reader description at an error or help text that exists. One operator walks every
form of the case desk with input it refuses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from homeward.testing.browser import ARTIFACTS, click_and_wait, sign_in
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast
from homeward.testing.pages import refused_form_problems

pytestmark = pytest.mark.browser

TOMORROW = (timezone.localdate() + timedelta(days=2)).isoformat()


def _submit(page: Any, button: str) -> None:
    click_and_wait(page, page.get_by_role("button", name=button, exact=True))


def _contact_duration(page: Any) -> None:
    page.goto("/contacts/new/")
    page.get_by_label("Duration (minutes)").fill("9999")
    _submit(page, "Save contact")


def _contact_without_consent(page: Any) -> None:
    page.goto("/contacts/new/")
    page.get_by_text("Caller's details (only with their consent)").click()
    page.get_by_label("Caller's name").fill("Demo Caller")
    _submit(page, "Save contact")


def _empty_case(page: Any) -> None:
    page.goto("/cases/new/")
    page.get_by_label("Disappeared on").fill(TOMORROW)
    _submit(page, "Open the case")


def _case_edit(case_id: int) -> Callable[[Any], None]:
    def act(page: Any) -> None:
        page.goto(f"/cases/{case_id}/edit/")
        page.get_by_label("Disappeared on").fill(TOMORROW)
        _submit(page, "Save")

    return act


def _nameless_sibling(case_id: int) -> Callable[[Any], None]:
    def act(page: Any) -> None:
        page.goto(f"/cases/{case_id}/children/add/")
        _submit(page, "Add to the case")

    return act


def _child_born_tomorrow(child_id: int) -> Callable[[Any], None]:
    def act(page: Any) -> None:
        page.goto(f"/children/{child_id}/edit/")
        page.get_by_label("Date of birth", exact=True).fill(TOMORROW)
        _submit(page, "Save")

    return act


def _risk_without_grade(case_id: int) -> Callable[[Any], None]:
    def act(page: Any) -> None:
        page.goto(f"/cases/{case_id}/risk/")
        _submit(page, "Save assessment")

    return act


def _empty_timeline_entry(case_id: int) -> Callable[[Any], None]:
    def act(page: Any) -> None:
        page.goto(f"/cases/{case_id}/")
        _submit(page, "Add to timeline")

    return act


def _handover_to_nobody(case_id: int) -> Callable[[Any], None]:
    def act(page: Any) -> None:
        page.goto(f"/cases/{case_id}/assign/")
        _submit(page, "Hand over")

    return act


def _found_tomorrow(case_id: int) -> Callable[[Any], None]:
    def act(page: Any) -> None:
        page.goto(f"/cases/{case_id}/close/")
        page.get_by_label("Found on").fill(TOMORROW)
        _submit(page, "Ask for approval")

    return act


def test_every_refused_case_desk_form_shows_what_is_wrong_at_the_top(
    page: Any, cast_live: Cast
) -> None:
    case = make_case(cast_live)
    child_id = case.case_children.get().child_id
    forms: dict[str, Callable[[Any], None]] = {
        "contact: duration": _contact_duration,
        "contact: caller's details without consent": _contact_without_consent,
        "new case": _empty_case,
        "case edit": _case_edit(case.pk),
        "sibling": _nameless_sibling(case.pk),
        "child edit": _child_born_tomorrow(child_id),
        "risk": _risk_without_grade(case.pk),
        "timeline": _empty_timeline_entry(case.pk),
        "handover": _handover_to_nobody(case.pk),
        "closure": _found_tomorrow(case.pk),
    }
    sign_in(page, "be_supervisor@cast.test")
    found = {}
    for name, refuse in forms.items():
        refuse(page)
        page.screenshot(path=str(ARTIFACTS / f"refused-{name.replace(' ', '-')}.png"))
        found[name] = refused_form_problems(page)
    assert found == {name: [] for name in forms}


def test_the_summary_leads_to_the_refused_field(page: Any, cast_live: Cast) -> None:
    sign_in(page, "be_operator@cast.test")
    _contact_without_consent(page)
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Keep the caller's details only with their consent.")
    expect(page.get_by_label("Caller's name")).to_be_visible()  # its section is open
    summary.get_by_role("link", name="Caller's name").click()
    expect(page.get_by_label("Caller's name")).to_be_focused()
    expect(page.get_by_label("Caller's name")).to_have_accessible_description(
        "Keep the caller's details only with their consent."
    )
