"""The whole cross-border scenario at the operator's desk, in English and in French (issue 12):
Belgium takes a father's call, opens a case, rates it high risk and notes the police in the
timeline, asks France to locate the child (urgent by default); France acknowledges in French,
answers, reports the child located; Belgium records the decision, which stops the 12-hour
clock for both; Belgium closes the case, which withdraws the request and revokes the sharing,
and nothing keeps counting. Every value typed is read back from the database.

Fields are found by their names (the labels change with the language); buttons and links by
their words in the language under test, so a missing translation fails the French run."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from homeward.cases.models import Case, Contact
from homeward.crossborder.models import CooperationRequest
from homeward.testing.browser import ARTIFACTS, sign_in
from homeward.testing.cast import Cast

pytestmark = pytest.mark.browser


def _speaking(tab: Any, live_app: str, language: str) -> None:
    """From now on the pages come in `language` (Django's language cookie)."""
    tab.context.add_cookies([{"name": "django_language", "value": language, "url": live_app}])


@pytest.mark.parametrize("language", ["en", "fr"])
def test_from_a_call_to_a_located_decision_and_closure(
    page: Any, browser: Any, live_app: str, cast_live: Cast, language: str
) -> None:
    def t(text: str) -> str:
        with translation.override(language):
            return gettext(text)

    be = page
    fr_context = browser.new_context(base_url=live_app, viewport={"width": 390, "height": 844})
    fr = fr_context.new_page()
    fr.set_default_timeout(15_000)
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        sign_in(be, "be_supervisor@cast.test")
        sign_in(fr, "fr_operator@cast.test")
        _speaking(be, live_app, language)
        _speaking(fr, live_app, language)

        # Belgium: the call, then the case
        be.goto("/contacts/new/")
        expect(be.locator("html")).to_have_attribute("lang", language)
        be.locator("select[name=channel]").select_option("phone_116000")
        be.locator("select[name=caller]").select_option("parent")
        be.locator("select[name=contact_type]").select_option("new_case")
        be.locator("textarea[name=notes]").fill("Father: his daughter did not come home.")
        be.get_by_role("button", name=t("Save contact")).click()
        be.locator("[name='child0-given_names']").fill("Noor")
        be.locator("[name='child0-family_name']").fill("Vermeulen")
        be.locator("select[name='child0-sex']").select_option("female")
        be.locator("select[name='child0-birth_precision']").select_option("exact")
        be.locator("[name='child0-birth_date']").fill("2014-09-21")
        # the live server shares one SQLite connection: let the name search finish first
        be.wait_for_load_state("networkidle")
        be.locator("select[name=category]").select_option("parental_abduction")
        be.locator("select[name=subcategory]").select_option("international")
        be.locator("[name=last_seen_locality]").fill("Kortrijk")
        # typing pings the session (session.js): let it finish, as above
        be.wait_for_load_state("networkidle")
        be.get_by_role("button", name=t("Open the case")).click()
        expect(be.get_by_role("heading", name="Noor Vermeulen")).to_be_visible()
        case = Case.objects.get()

        be.get_by_role("link", name=t("Assess risk")).click()
        be.locator("input[name=grade][value=high]").check()
        be.locator("textarea[name=rationale]").fill("The mother threatened to leave for France.")
        be.locator("#id_factor-0-kind").select_option("violence_at_home")
        be.locator("#id_factor-0-source").fill("father, by phone")
        be.get_by_role("button", name=t("Save assessment")).click()
        expect(be.locator(".case-header.high-risk")).to_be_visible()
        be.locator("select[name=kind]").select_option("police")
        be.locator("textarea[name=text]").fill("Police of Kortrijk informed, ref. KOR-2026-15.")
        be.get_by_role("button", name=t("Add to timeline")).click()
        expect(be.locator(".timeline")).to_contain_text("KOR-2026-15")

        # Belgium asks France: urgent by default for a high-risk case
        be.get_by_role("link", name=t("Ask another hotline")).click()
        expect(be.locator("input[name=urgency][value=urgent]")).to_be_checked()
        be.locator("select[name=receiver]").select_option(label="France — Test Hotline France")
        be.locator("select[name=request_type]").select_option("locate")
        be.locator("textarea[name=question]").fill("Is Noor with her mother near Lille?")
        child_id = case.case_children.get().child_id
        for field in ("given_names", "family_name", "birth_date"):
            be.locator(f"input[value='child.{child_id}.{field}']").check()
        be.get_by_role("button", name=t("Send"), exact=True).click()
        expect(be.locator(".xb-state")).to_have_text(t("Sent"))
        request = CooperationRequest.objects.get()
        detail = f"/crossborder/{request.pk}/"

        # France acknowledges, writes in French, reports her located
        fr.goto(detail)
        expect(fr.locator("html")).to_have_attribute("lang", language)
        fr.get_by_role("button", name=t("Acknowledge")).click()
        expect(fr.locator(".xb-state")).to_have_text(t("Acknowledged"))
        message = fr.locator(".xb-message-form")
        expect(message.locator("select[name=language]")).to_have_value("fr")
        message.locator("textarea[name=body]").fill("Nous la cherchons à Lille avec la police.")
        fr.get_by_role("button", name=t("Send message")).click()
        expect(fr.locator(".xb-thread")).to_contain_text("Nous la cherchons")
        fr.locator("form[action$='/located/'] textarea[name=note]").fill("Chez sa tante, à Lille.")
        fr.get_by_role("button", name=t("Report child located")).click()
        expect(fr.locator(".decision-clock")).to_be_visible()

        # Belgium records the decision: the clock stops for both
        be.goto(detail)
        expect(be.locator(".decision-clock")).to_be_visible()
        zone = ZoneInfo(cast_live.be.time_zone)
        decided = timezone.localtime(timezone.now(), zone).replace(second=0, microsecond=0)
        decision = be.locator("form[action$='/decision/']")
        decision.locator("textarea[name=decision]").fill("Noor stays with her aunt until Monday.")
        decision.locator("input[name=decision_authority]").fill("Procureur de Lille")
        decision.locator("input[name=decided_at]").fill(decided.strftime("%Y-%m-%dT%H:%M"))
        be.get_by_role("button", name=t("Record the decision")).click()
        expect(be.locator(".decision-authority")).to_have_text("Procureur de Lille")
        expect(be.locator(".decision-clock")).to_have_count(0)
        be.screenshot(path=str(ARTIFACTS / f"desk-decision-{language}.png"), full_page=True)
        fr.reload()
        expect(fr.locator(".decision-text")).to_contain_text("Noor stays with her aunt")
        expect(fr.locator(".decision-clock")).to_have_count(0)
        fr.screenshot(path=str(ARTIFACTS / f"desk-decision-fr-side-{language}.png"), full_page=True)

        # Belgium closes the case: the request is withdrawn and sharing revoked
        be.goto(f"/cases/{case.pk}/")
        be.get_by_role("link", name=t("Close"), exact=True).click()
        be.locator("select[name=outcome]").select_option("located_police")
        be.locator("input[name=found_on]").fill(timezone.localdate().isoformat())
        be.locator("input[name=found_place]").fill("Lille")
        be.get_by_role("button", name=t("Ask for approval")).click()
        be.get_by_role("button", name=t("Approve closure")).click()
        expect(be.get_by_role("heading", name=t("Closed"), exact=True)).to_be_visible()
        fr.reload()
        expect(fr.locator(".xb-state")).to_have_text(t("Withdrawn"))
        expect(fr.locator(".xb-thread")).to_contain_text(t("Case closed"))
        assert "Noor" not in fr.content()
        fr.goto("/dashboard/")
        expect(fr.locator(".xb-waiting")).to_have_count(0)

        # every stored value, read back
        contact = Contact.objects.get()
        assert (contact.channel, contact.caller, contact.contact_type, contact.case_id) == (
            "phone_116000",
            "parent",
            "new_case",
            case.pk,
        )
        assert contact.notes == "Father: his daughter did not come home."
        case.refresh_from_db()
        assert (case.category, case.subcategory, case.last_seen_locality) == (
            "parental_abduction",
            "international",
            "Kortrijk",
        )
        assert case.risk_grade == "high" and case.status == "closed"
        risk = case.risk_assessments.get()
        assert risk.rationale == "The mother threatened to leave for France."
        assert [(f.kind, f.source) for f in risk.factors.all()] == [
            ("violence_at_home", "father, by phone")
        ]
        assert case.timeline.filter(text="Police of Kortrijk informed, ref. KOR-2026-15.").exists()
        child = case.case_children.get().child
        assert (child.given_names, child.family_name, str(child.birth_date), child.sex) == (
            "Noor",
            "Vermeulen",
            "2014-09-21",
            "female",
        )
        closure = case.closures.get()
        assert (closure.outcome, closure.found_on, closure.found_place) == (
            "located_police",
            timezone.localdate(),
            "Lille",
        )
        request.refresh_from_db()
        assert (request.receiver, request.request_type, request.urgency) == (
            cast_live.fr,
            "locate",
            "urgent",
        )
        assert request.question == "Is Noor with her mother near Lille?"
        assert sorted(request.shared_fields) == sorted(
            f"child.{child_id}.{f}" for f in ("birth_date", "family_name", "given_names")
        )
        assert request.acknowledged_at is not None and request.located_at is not None
        written = request.events.get(kind="message")
        assert (written.body, written.language) == (
            "Nous la cherchons à Lille avec la police.",
            "fr",
        )
        assert request.events.get(kind="child_located").body == "Chez sa tante, à Lille."
        assert (request.decision, request.decision_authority, request.decided_at) == (
            "Noor stays with her aunt until Monday.",
            "Procureur de Lille",
            decided,
        )
        assert request.decision_organisation == cast_live.be
        assert request.state == "withdrawn" and request.share_revoked_at is not None
    finally:
        fr.screenshot(path=str(ARTIFACTS / f"desk-receiver-{language}.png"), full_page=True)
        fr_context.close()
