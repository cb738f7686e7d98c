"""A child alert from assessment to end, in a real browser: a supervisor assesses a demo
abduction case, records the prosecutor's activation with an authorised photo, and the CAP feed
shows a valid Alert; the case is set to found, and at once the feed carries a Cancel that
references the Alert, the photo answers 410 and the public page says only that it ended."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints
from playwright.sync_api import expect

from homeward.alerts.cap import schema
from homeward.alerts.models import Alert
from homeward.testing.alerts import abduction_case, silhouette
from homeward.testing.browser import ARTIFACTS, sign_in
from homeward.testing.cast import Cast

pytestmark = pytest.mark.browser

NS = {"cap": "urn:oasis:names:tc:emergency:cap:1.2", "atom": "http://www.w3.org/2005/Atom"}


def _get(page: Any, path: str) -> Any:
    return page.request.get(path)


def _path(url: str) -> str:
    """The path of an absolute URL the feeds give (their host is BASE_URL's, not the live
    server's)."""
    return str(urlsplit(url).path)


def test_assess_activate_publish_and_end_when_the_child_is_found(
    page: Any, live_app: str, cast_live: Cast
) -> None:
    case = abduction_case(cast_live)
    # the cross-border panel of the case page is not under test: answered in the browser, so
    # that it and the alert section never hit the live server's one SQLite connection together
    page.route(re.compile(r".*/crossborder/case/\d+/$"), lambda route: route.fulfill(body=""))
    sign_in(page, "be_supervisor@cast.test")

    # the case page's section leads to the assessment
    page.goto(f"/cases/{case.pk}/")
    expect(page.locator("#alert-case-section")).to_contain_text("No alert assessment")
    page.get_by_role("link", name="Assess for a child alert").click()
    page.get_by_role("group", name="The child is under 18.").get_by_label("Met", exact=True).check()
    page.get_by_role("group", name="An abduction is proven or clearly indicated.").get_by_label(
        "Met", exact=True
    ).check()
    page.get_by_label("Lasting digital footprint").check()
    page.get_by_label("Recommend asking the authority for an alert").check()
    page.get_by_label("Reasoning").fill("A stranger took her into a van; every hour counts.")
    page.get_by_role("button", name="Record the assessment").click()
    expect(page.get_by_text("Assessment recorded.")).to_be_visible()

    # refused without the authority's details, then recorded
    page.get_by_role("link", name="Record the authority's activation").click()
    page.get_by_role("button", name="Record and publish").click()
    expect(page.locator(".error-summary, [role=alert]").first).to_be_visible()
    assert not Alert.objects.exists()
    page.get_by_label("Competent authority").select_option("prosecutor")
    page.get_by_label("Name of the authority").fill("Brussels public prosecutor's office")
    page.get_by_label("Decided by (name and function)").fill("A. Example, duty magistrate")
    page.get_by_label("Decided at").fill(timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Grounds of the decision").fill("Witnessed abduction; life at risk.")
    page.get_by_label("Regions").fill("BE-BRU")
    page.get_by_label("Headline").fill("Child alert: a girl of 11 missing in Brussels")
    page.get_by_label("Description of the child and the circumstances").fill(
        "11 years old, 1.45 m, red coat; taken into a grey van near the park."
    )
    page.get_by_label("What the public should do").fill("Do not approach; call at once.")
    page.get_by_label("Authorised photo").set_input_files(
        files=[{"name": "p.jpg", "mimeType": "image/jpeg", "buffer": silhouette()}]
    )
    page.get_by_role("button", name="Record and publish").click()
    expect(
        page.get_by_text(re.compile(r"Alert BE-\d{4}-0001 recorded and published"))
    ).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "alert-staff-detail.png"), full_page=True)
    alert = Alert.objects.get()

    # the Atom feed lists it, and its CAP link gives a valid Alert
    feed = etree.fromstring(_get(page, "/feeds/alerts.atom").body())
    link = feed.find("atom:entry/atom:link[@type='application/cap+xml']", NS).get("href")
    cap = _get(page, _path(link))
    schema.validate(cap.body())
    first = etree.fromstring(cap.body())
    assert first.findtext("cap:msgType", namespaces=NS) == "Alert"
    photo_url = first.findtext("cap:info/cap:resource/cap:uri", namespaces=NS)
    assert _get(page, _path(photo_url)).status == 200
    page.goto(f"/alerts/{alert.public_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Child alert: a girl of 11 missing in Brussels"
    )
    page.screenshot(path=str(ARTIFACTS / "alert-public-active.png"), full_page=True)

    # the child is found: the status button on the case page ends the alert at once
    page.goto(f"/cases/{case.pk}/")
    expect(page.locator("#alert-case-section")).to_contain_text(alert.reference)
    page.get_by_role("button", name="Found, follow-up").click()
    expect(page.locator("#alert-case-section")).to_contain_text("Child found")
    latest = etree.fromstring(_get(page, f"/feeds/alerts/{alert.public_id}/latest.xml").body())
    assert latest.findtext("cap:msgType", namespaces=NS) == "Cancel"
    identifier = first.findtext("cap:identifier", namespaces=NS)
    assert identifier in latest.findtext("cap:references", namespaces=NS)
    schema.validate(etree.tostring(latest))
    assert _get(page, _path(photo_url)).status == 410
    page.goto(f"/alerts/{alert.public_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This alert has ended.")
    expect(page.locator("main")).not_to_contain_text("Brussels")
    page.screenshot(path=str(ARTIFACTS / "alert-public-ended.png"), full_page=True)
