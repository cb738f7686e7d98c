"""An operator's night, in a real browser: a call comes in, a case for two siblings is opened,
risk is assessed, the timeline grows, the case is handed over and closed with an outcome."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from homeward.cases.models import Case
from homeward.testing.browser import ARTIFACTS, sign_in
from homeward.testing.cast import Cast

pytestmark = pytest.mark.browser


def test_an_operator_works_a_case_from_call_to_closure(page: Any, cast_live: Cast) -> None:
    sign_in(page, "be_operator@cast.test")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log a contact").click()
    page.get_by_label("Channel").select_option("phone_116000")
    page.get_by_label("Who contacts").select_option("parent")
    page.get_by_label("About").select_option("new_case")
    page.get_by_label("Notes").fill(
        "Father calls: his two children were not collected from school."
    )
    page.get_by_role("button", name="Save contact").click()

    expect(page.get_by_role("heading", name="Open a case")).to_be_visible()
    first = page.locator("#first-child")
    first.get_by_label("Given names").fill("Ines")
    first.get_by_label("Family name").fill("Maes")
    first.get_by_label("Sex").select_option("female")
    first.get_by_label("Date of birth is").select_option("exact")
    first.get_by_label("Date of birth", exact=True).fill("2018-04-09")
    expect(page.locator("#likely-existing")).to_contain_text("No child with a similar name")
    page.get_by_text("Sibling 1").click()
    sibling = page.locator("details").filter(has_text="Sibling 1")
    sibling.get_by_label("Given names").fill("Lucas")
    sibling.get_by_label("Family name").fill("Maes")
    sibling.get_by_label("Sex").select_option("male")
    sibling.get_by_label("Date of birth is").select_option("year")
    sibling.get_by_label("Year of birth").fill("2020")
    page.get_by_label("Category", exact=True).select_option("parental_abduction")
    page.get_by_label("Subcategory").select_option("international")
    page.get_by_label("Last seen: locality").fill("Leuven")
    page.get_by_role("button", name="Open the case").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(f"BE-{timezone.now().year}-000001")
    expect(page.get_by_role("heading", name="Ines Maes")).to_be_visible()
    expect(page.get_by_role("heading", name="Lucas Maes")).to_be_visible()

    page.get_by_role("link", name="Assess risk").click()
    page.get_by_label("High").check()
    page.get_by_label("Why").fill("Father fears the mother left the country.")
    page.locator("#id_factor-0-kind").select_option("violence_at_home")
    page.locator("#id_factor-0-source").fill("father, by phone")
    page.get_by_role("button", name="Save assessment").click()
    expect(page.locator(".case-header.high-risk")).to_be_visible()

    page.get_by_label("What").select_option("police")
    page.get_by_label("Text").fill("Local police informed, reference LEU-2026-77.")
    page.get_by_role("button", name="Add to timeline").click()
    expect(page.locator(".timeline")).to_contain_text("LEU-2026-77")

    page.get_by_role("link", name="Hand over").click()
    page.get_by_label("Hand over to").select_option(label="Be Supervisor — Hotline supervisor")
    page.get_by_label("Handover note").fill("Call the father back at 08:00.")
    page.get_by_role("button", name="Hand over").click()
    expect(page.locator(".timeline")).to_contain_text("Call the father back at 08:00.")

    page.get_by_role("link", name="Close").click()
    page.get_by_label("Outcome").select_option("located_police")
    page.get_by_label("Found on").fill(timezone.localdate().isoformat())
    page.get_by_label("Found where").fill("Lille")
    page.get_by_label("Return interview (within 72 hours)").check()
    page.get_by_role("button", name="Ask for approval").click()
    expect(page.get_by_role("heading", name="Closure awaiting approval")).to_be_visible()

    case = Case.objects.get()
    assert case.status == "closure_requested"
    assert case.assigned_to == cast_live.user("be_supervisor")
    assert case.case_children.count() == 2 and case.risk_grade == "high"


def test_a_supervisor_approves_the_closure(page: Any, cast_live: Cast) -> None:
    from homeward.cases import actions
    from homeward.testing.cases import make_case

    case = make_case(cast_live)
    operator = cast_live.member("be_operator")
    actions.request_closure(
        membership=operator,
        case=case,
        outcome="returned",
        found_on=timezone.localdate(),
    )
    sign_in(page, "be_supervisor@cast.test")
    page.get_by_role("region", name="Closures to approve").get_by_role(
        "link", name=case.reference
    ).click()
    page.get_by_role("button", name="Approve closure").click()
    expect(page.get_by_role("heading", name="Closed", exact=True)).to_be_visible()
    case.refresh_from_db()
    assert case.status == "closed"


def test_search_before_create_finds_the_child_across_scripts(page: Any, cast_live: Cast) -> None:
    from homeward.testing.cases import make_case

    earlier = make_case(
        cast_live,
        children=[
            {
                "given_names": "Oleksandr",
                "family_name": "Shevchenko",
                "sex": "male",
                "original_script_name": "Олександр Шевченко",
                "birth_precision": "year",
                "birth_year": 2010,
            }
        ],
    )
    sign_in(page, "be_operator@cast.test")
    page.goto("/cases/new/")
    first = page.locator("#first-child")
    first.get_by_label("Given names").fill("Aleksandr")
    first.get_by_label("Family name").fill("Ševčenko")
    likely = page.locator("#likely-existing")
    expect(likely).to_contain_text("Oleksandr Shevchenko")
    expect(likely).to_contain_text(earlier.reference)
    page.screenshot(path=str(ARTIFACTS / "search-before-create.png"), full_page=True)
    likely.get_by_label(re.compile("Oleksandr Shevchenko")).check()
    page.get_by_label("Category", exact=True).select_option("runaway")
    page.get_by_role("button", name="Open the case").click()
    expect(page.get_by_role("heading", name="Oleksandr Shevchenko")).to_be_visible()
    expect(page.get_by_text("2 episodes")).to_be_visible()


def test_every_choice_on_the_contact_form_is_stored_as_chosen(page: Any, cast_live: Cast) -> None:
    """Each select and checkbox set away from its default, then read back from the database
    (the caller's select was once rendered twice and the hidden default won)."""
    from homeward.cases.models import Contact

    sign_in(page, "be_operator@cast.test")
    page.goto("/contacts/new/")
    expect(page.locator('[name="caller"]')).to_have_count(1)
    page.get_by_label("Channel").select_option("chat")
    page.get_by_label("Who contacts").select_option("police")
    page.get_by_label("About").select_option("information")
    page.get_by_text("Caller's details (only with their consent)").click()
    page.get_by_label("Caller agrees to their details being kept").check()
    page.get_by_label("Caller's name").fill("Officer Demo")
    page.get_by_role("button", name="Save contact").click()
    page.wait_for_url(re.compile(r"/contacts/new/$"))
    expect(page.get_by_label("Who contacts")).to_have_value("parent")  # cleared for the next

    stored = Contact.objects.get()
    assert (stored.channel, stored.caller, stored.contact_type) == ("chat", "police", "information")
    assert stored.caller_consent and stored.caller_name == "Officer Demo"
