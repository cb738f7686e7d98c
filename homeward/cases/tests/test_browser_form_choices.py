"""Every select, radio button and checkbox of the case desk's forms stores what was chosen.
Each form has each of them set away from its default (the last other option, a flipped
checkbox), is sent, and what the database holds is read back. A field left out of the choice
is one the test sets itself, because another choice depends on it (a subcategory belongs to
its category)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest
from django.db.models import Model
from playwright.sync_api import expect

from homeward.cases.models import Case, Child, Closure, Contact, RiskAssessment, TimelineEvent
from homeward.organisations.models import Membership
from homeward.testing.browser import click_and_wait, sign_in
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast
from homeward.testing.pages import choose_non_defaults

pytestmark = pytest.mark.browser

CATEGORY = {"category": "parental_abduction", "subcategory": "international"}


def _stored(
    obj: Model, chosen: dict[str, Any], read: Mapping[str, Callable[..., Any]]
) -> dict[str, Any]:
    """What the database holds for each chosen field, in the form's terms: a field of `obj`
    by the same name unless `read` says how to find it."""
    stored = {}
    for name in chosen:
        value = read[name]() if name in read else getattr(obj, name)
        stored[name] = sorted(value) if isinstance(value, list) else value
    return stored


def _send(page: Any, form: Any, button: str) -> None:
    click_and_wait(page, form.get_by_role("button", name=button, exact=True))
    assert not page.locator("[data-error-summary]").count(), page.locator("main").inner_text()


def test_the_contact_form(page: Any, cast_live: Cast) -> None:
    sign_in(page, "be_operator@cast.test")
    page.goto("/contacts/new/")
    form = page.locator("form.quick-form")
    chosen = choose_non_defaults(form)
    _send(page, form, "Save contact")
    assert _stored(Contact.objects.get(), chosen, {}) == chosen


def test_the_case_form(page: Any, cast_live: Cast) -> None:
    sign_in(page, "be_supervisor@cast.test")
    page.goto("/cases/new/")
    form = page.locator("form.case-form")
    for name, value in CATEGORY.items():
        form.locator(f"[name={name}]").select_option(value)
    form.locator("[name=child0-birth_precision]").select_option("year")
    form.locator("[name=child0-birth_year]").fill("2014")
    form.locator("[name=child0-given_names]").fill("Noor")
    # one request at a time on the live server: the search beside the form answers first
    expect(page.locator("#likely-existing")).to_contain_text("No child with a similar name")
    siblings = [f"child{n}-{f}" for n in (1, 2) for f in ("sex", "birth_precision")]
    chosen = choose_non_defaults(form, keep=(*CATEGORY, "child0-birth_precision", *siblings))
    _send(page, form, "Open the case")

    case = Case.objects.get()
    child = case.case_children.get().child
    child_fields = {n: (lambda f=n[7:]: getattr(child, f)) for n in chosen if n[:7] == "child0-"}
    assert _stored(case, chosen, child_fields) == chosen


def test_the_case_edit_form(page: Any, cast_live: Cast) -> None:
    case = make_case(cast_live)
    sign_in(page, "be_supervisor@cast.test")
    page.goto(f"/cases/{case.pk}/edit/")
    form = page.locator("main form")
    for name, value in CATEGORY.items():
        form.locator(f"[name={name}]").select_option(value)
    chosen = choose_non_defaults(form, keep=tuple(CATEGORY))
    _send(page, form, "Save")
    case.refresh_from_db()
    assert _stored(case, chosen, {}) == chosen


def test_the_child_edit_form(page: Any, cast_live: Cast) -> None:
    child = make_case(cast_live).case_children.get().child
    sign_in(page, "be_supervisor@cast.test")
    page.goto(f"/children/{child.pk}/edit/")
    form = page.locator("main form")
    form.get_by_label("Date of birth is").select_option("year")
    form.get_by_label("Date of birth", exact=True).fill("")  # a year only keeps no day
    form.get_by_label("Year of birth").fill("2012")
    chosen = choose_non_defaults(form, keep=("birth_precision",))
    _send(page, form, "Save")
    assert _stored(Child.objects.get(pk=child.pk), chosen, {}) == chosen


def test_the_risk_timeline_handover_and_closure_forms(page: Any, cast_live: Cast) -> None:
    case = make_case(cast_live)
    sign_in(page, "be_supervisor@cast.test")

    page.goto(f"/cases/{case.pk}/risk/")
    form = page.locator("main form")
    form.locator("[name=factor-0-source]").fill("the mother, by phone")
    unused_rows = tuple(f"factor-{n}-kind" for n in (1, 2, 3))
    chosen = choose_non_defaults(form, keep=unused_rows)
    _send(page, form, "Save assessment")
    risk = RiskAssessment.objects.get(case=case)
    assert _stored(risk, chosen, {"factor-0-kind": lambda: risk.factors.get().kind}) == chosen

    page.goto(f"/cases/{case.pk}/")
    form = page.locator("form.timeline-form")
    form.get_by_label("Text").fill("The school called back.")
    chosen = choose_non_defaults(form)
    _send(page, form, "Add to timeline")
    entry = TimelineEvent.objects.filter(case=case).latest("pk")
    assert _stored(entry, chosen, {}) == chosen

    page.goto(f"/cases/{case.pk}/assign/")
    form = page.locator("main form")
    chosen = choose_non_defaults(form)
    _send(page, form, "Hand over")
    case.refresh_from_db()

    def assignee() -> str:
        return str(Membership.objects.get(user=case.assigned_to, organisation=case.organisation).pk)

    assert _stored(case, chosen, {"assignee": assignee}) == chosen

    page.goto(f"/cases/{case.pk}/close/")
    form = page.locator("main form")
    chosen = choose_non_defaults(form)
    _send(page, form, "Ask for approval")
    assert _stored(Closure.objects.get(case=case), chosen, {}) == chosen
