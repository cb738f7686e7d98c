"""Issue 16's whole story in a real browser: a supervisor assesses a child alert for an abduction
case that also has a published appeal (shown by another website's 404 widget), records the
authority's activation, and the CAP feed shows a valid Alert. The case then closes with the
child found, and at once the CAP feed carries a Cancel that references the Alert, the appeal is
gone from the appeals page, the JSON feed and the widget, and both photos answer 410."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints
from playwright.sync_api import expect

from homeward.alerts.cap import schema
from homeward.alerts.models import Alert
from homeward.appeals import actions as appeal_actions
from homeward.cases import actions as case_actions
from homeward.cases.models import Case
from homeward.testing.alerts import abduction_case, silhouette
from homeward.testing.appeals import WIDGET_404_PAGE, jpeg, make_site, record_all_consents
from homeward.testing.browser import ARTIFACTS, click_and_wait, sign_in
from homeward.testing.cast import Cast

pytestmark = pytest.mark.browser

NS = {"cap": "urn:oasis:names:tc:emergency:cap:1.2", "atom": "http://www.w3.org/2005/Atom"}
REFERENCE = ("sender", "identifier", "sent")


def _path(url: str) -> str:
    """The path of an absolute URL the feeds give (their host is BASE_URL's)."""
    return str(urlsplit(url).path)


def _published_appeal(cast: Cast, case: Case) -> Any:
    child = case_actions.set_child_photo(
        membership=cast.member("be_operator"), child=case.case_children.get().child, upload=jpeg()
    )
    appeal = appeal_actions.create_draft(
        membership=cast.member("be_operator"), case=case, child=child
    )
    record_all_consents(cast, appeal)
    return appeal_actions.publish(membership=cast.member("be_supervisor"), appeal=appeal)


def _assess_and_record_activation(page: Any, case: Case) -> Alert:
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="Assess for a child alert").click()
    for criterion in ("The child is under 18.", "An abduction is proven or clearly indicated."):
        page.get_by_role("group", name=criterion).get_by_label("Met", exact=True).check()
    page.get_by_label("Recommend asking the authority for an alert").check()
    page.get_by_label("Reasoning").fill("Seen taken into a car by a stranger.")
    page.get_by_role("button", name="Record the assessment").click()
    expect(page.get_by_text("Assessment recorded.")).to_be_visible()

    page.get_by_role("link", name="Record the authority's activation").click()
    page.get_by_label("Competent authority").select_option("prosecutor")
    page.get_by_label("Name of the authority").fill("Demo public prosecutor's office")
    page.get_by_label("Decided by (name and function)").fill("A. Example, duty magistrate")
    page.get_by_label("Decided at").fill(timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Grounds of the decision").fill("Witnessed abduction; life at risk.")
    page.get_by_label("Headline").fill("Child alert: a girl of 11 missing in Testville")
    page.get_by_label("Description of the child and the circumstances").fill(
        "11 years old, red coat; taken into a grey car near the station."
    )
    page.get_by_label("What the public should do").fill("Do not approach; call at once.")
    page.get_by_label("Authorised photo").set_input_files(
        files=[{"name": "p.jpg", "mimeType": "image/jpeg", "buffer": silhouette()}]
    )
    page.get_by_role("button", name="Record and publish").click()
    expect(page.get_by_text(re.compile(r"recorded and published"))).to_be_visible()
    return Alert.objects.get(case=case)


def _close_as_found(page: Any, case: Case) -> None:
    """The supervisor asks for the closure (located after the alert) and approves it."""
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="Close").click()
    page.get_by_label("Outcome").select_option("located_alert")
    page.get_by_label("Found on").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Ask for approval").click()
    expect(page.get_by_role("heading", name="Closure awaiting approval")).to_be_visible()
    click_and_wait(page, page.get_by_role("button", name="Approve closure"))
    expect(page.get_by_role("heading", name="Closed", exact=True)).to_be_visible()


def test_an_alert_and_an_appeal_end_everywhere_when_the_case_closes_found(
    browser: Any, page: Any, live_app: str, cast_live: Cast, other_site: tuple[str, Path]
) -> None:
    case = abduction_case(cast_live)
    Case.objects.filter(pk=case.pk).update(last_seen_locality="Testville")
    appeal = _published_appeal(cast_live, case)
    origin, root = other_site
    site = make_site("BE", origin=origin)
    widget_page = WIDGET_404_PAGE.format(app=live_app, key=site.key)
    (root / "404.html").write_text(widget_page, encoding="utf-8")
    sign_in(page, "be_supervisor@cast.test")

    alert = _assess_and_record_activation(page, case)
    feed = etree.fromstring(page.request.get("/feeds/alerts.atom").body())
    link = feed.find("atom:entry/atom:link[@type='application/cap+xml']", NS).get("href")
    message = page.request.get(_path(link)).body()
    schema.validate(message)
    first = etree.fromstring(message)
    assert first.findtext("cap:msgType", namespaces=NS) == "Alert"
    alert_photo = _path(first.findtext("cap:info/cap:resource/cap:uri", namespaces=NS))
    appeal_photo = f"/appeals/{appeal.public_id}/photo.jpg"
    assert page.request.get(alert_photo).status == 200
    assert page.request.get(appeal_photo).status == 200
    assert [item["id"] for item in page.request.get("/appeals/feed.json").json()["items"]]
    visitor = browser.new_context()  # a visitor of the other website, not signed in anywhere
    website = visitor.new_page()
    website.goto(f"{origin}/404.html")
    expect(website.frame_locator("iframe").get_by_text("Missing: Lena")).to_be_visible()

    _close_as_found(page, case)
    page.screenshot(path=str(ARTIFACTS / "publicity-ends-case-closed.png"), full_page=True)

    latest = page.request.get(f"/feeds/alerts/{alert.public_id}/latest.xml").body()
    schema.validate(latest)
    cancel = etree.fromstring(latest)
    assert cancel.findtext("cap:msgType", namespaces=NS) == "Cancel"
    references = cancel.findtext("cap:references", namespaces=NS).split()
    sender, identifier, sent = (first.findtext(f"cap:{f}", namespaces=NS) for f in REFERENCE)
    assert f"{sender},{identifier},{sent}" in references
    assert page.request.get(alert_photo).status == 410
    assert page.request.get(appeal_photo).status == 410
    assert page.request.get("/appeals/feed.json").json()["items"] == []
    page.goto("/appeals/")
    expect(page.locator("main")).not_to_contain_text("Lena")
    website.reload()
    frame = website.frame_locator("iframe")
    expect(frame.locator("body")).to_be_attached()
    expect(frame.get_by_text("Missing: Lena")).to_have_count(0)
    website.screenshot(path=str(ARTIFACTS / "publicity-ends-widget-empty.png"))
    assert visitor.cookies() == []
    visitor.close()
