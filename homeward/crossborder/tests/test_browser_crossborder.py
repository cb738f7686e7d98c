"""Two hotlines work one parental abduction together, in two real browsers: Belgium asks France
to locate a child, sharing only her names, date of birth and photo; France acknowledges, asks a
question, reports her located and completes; Belgium sees the 12-hour clock and closes its
case, which revokes sharing, after which France can no longer open what was shared.

Belgium acts as its supervisor, so sending approves the sharing in the same step."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from homeward.cases.models import Case
from homeward.crossborder.models import CooperationRequest
from homeward.testing.browser import ARTIFACTS, sign_in
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.browser


def settled(page: Any) -> None:
    """The page and its images have loaded. The live server shares one in-memory SQLite
    connection between its threads, so the test keeps to one request in flight at a time."""
    page.wait_for_load_state("load")


def _synthetic_photo() -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 120, 40)).save(data, format="JPEG")
    return data.getvalue()


def test_two_hotlines_locate_a_child_and_sharing_ends_with_revocation(
    page: Any, browser: Any, live_app: str, cast_live: Cast
) -> None:
    case = make_case(
        cast_live,
        category="parental_abduction",
        subcategory="international",
        children=[
            {
                "given_names": "Amira",
                "family_name": "Okonkwo",
                "sex": "female",
                "birth_precision": "exact",
                "birth_date": date(2015, 6, 2),
                "physical_description": "Freckles, a scar above the left eyebrow",
            }
        ],
    )
    be = page
    fr_context = browser.new_context(base_url=live_app, viewport={"width": 1280, "height": 900})
    fr = fr_context.new_page()
    fr.set_default_timeout(15_000)
    try:
        # Belgium's own thumbnails are not under test: answered in the browser, so that the
        # case page's thumbnail and its cross-border panel never hit the server together
        be.route(re.compile(r".*/children/\d+/photo/$"), lambda route: route.fulfill(status=204))
        sign_in(be, "be_supervisor@cast.test")
        sign_in(fr, "fr_operator@cast.test")

        # Belgium: a photo for the child, then the request from the case
        be.goto(f"/cases/{case.pk}/")
        expect(be.locator("#xb-case-requests")).to_contain_text("No cross-border request")
        be.get_by_role("link", name="Amira Okonkwo").click()
        be.get_by_label("New photo").set_input_files(
            files=[{"name": "amira.jpg", "mimeType": "image/jpeg", "buffer": _synthetic_photo()}]
        )
        be.get_by_role("button", name="Upload").click()
        expect(be.get_by_text("Photo saved")).to_be_visible()
        be.goto(f"/cases/{case.pk}/")
        expect(be.locator("#xb-case-requests")).to_contain_text("No cross-border request")
        be.get_by_role("link", name="Ask another hotline").click()
        expect(be.get_by_role("heading", name="Ask another hotline")).to_be_visible()
        expect(be.locator("input[name=shared_fields]:checked")).to_have_count(0)
        be.get_by_label("Receiving hotline").select_option(label="France — Test Hotline France")
        be.get_by_label("What you ask for").select_option("locate")
        be.get_by_label("Urgent").check()
        be.get_by_label("Your question").fill(
            "The mother may have taken the child to Lille. Can you locate her?"
        )
        child = be.get_by_role("group", name="Amira Okonkwo")
        for field in ("Given names", "Family name", "Date of birth", "Photo"):
            child.get_by_role("checkbox", name=re.compile(f"^{field}")).check()
        ARTIFACTS.mkdir(exist_ok=True)
        be.screenshot(path=str(ARTIFACTS / "crossborder-new-request.png"), full_page=True)
        be.get_by_role("button", name="Send", exact=True).click()
        expect(be.get_by_text("sent.")).to_be_visible()
        request = CooperationRequest.objects.get()
        assert request.state == "sent"
        child_id = case.case_children.get().child_id
        assert sorted(request.shared_fields) == sorted(
            f"child.{child_id}.{f}" for f in ("birth_date", "family_name", "given_names", "photo")
        )
        detail = f"/crossborder/{request.pk}/"
        photo_url = f"{detail}photos/child-{child_id}/"

        # France: the request arrives; exactly the shared fields, and the photo
        fr.get_by_role("navigation", name="Main").get_by_role("link", name="Cross-border").click()
        incoming = fr.get_by_role("region", name=re.compile("Incoming"))
        expect(incoming).to_contain_text("left to acknowledge")
        fr.screenshot(path=str(ARTIFACTS / "crossborder-list.png"), full_page=True)
        incoming.get_by_role("link", name=request.reference).click()
        shared = fr.get_by_role("region", name="What they share with us")
        expect(shared).to_contain_text("Amira")
        expect(shared).to_contain_text("2015-06-02")
        expect(shared.get_by_role("img", name="Shared photo")).to_be_visible()
        settled(fr)
        assert "Freckles" not in fr.content()  # not ticked, not shared
        assert fr_context.request.get(photo_url).status == 200

        fr.get_by_role("button", name="Acknowledge").click()
        expect(fr.get_by_text("Acknowledged.")).to_be_visible()
        settled(fr)
        fr.get_by_label("Message", exact=True).fill("Parle-t-elle français ou néerlandais ?")
        fr.get_by_label("Language of the message").select_option("fr")
        fr.get_by_role("button", name="Send message").click()
        expect(fr.locator(".xb-thread")).to_contain_text("Parle-t-elle français")
        settled(fr)
        fr.get_by_label("Where and how (for the sending hotline)").fill(
            "With her mother at a relative's flat in Lille, safe; police informed."
        )
        fr.get_by_role("button", name="Report child located").click()
        expect(fr.locator(".decision-clock")).to_contain_text("12-hour decision clock")
        settled(fr)

        # Belgium: the clock runs; it answers in the thread
        be.goto(detail)
        expect(be.locator(".decision-clock")).to_contain_text("12-hour decision clock")
        expect(be.locator(".xb-thread")).to_contain_text("Parle-t-elle français")
        be.get_by_label("Message", exact=True).fill("Both, and English.")
        be.get_by_label("Language of the message").select_option("en")
        be.get_by_role("button", name="Send message").click()
        expect(be.locator(".xb-thread")).to_contain_text("Both, and English.")

        # France completes the request
        fr.reload()
        expect(fr.locator(".xb-thread")).to_contain_text("Both, and English.")
        settled(fr)
        fr.get_by_label("Summary of what was done").fill(
            "Child safe with her mother; Hague central authority informed."
        )
        fr.get_by_role("button", name="Complete").click()
        expect(fr.locator(".xb-state")).to_have_text("Completed")
        settled(fr)

        # Belgium closes its case (the supervisor approves): closing revokes the sharing
        be.goto(f"/cases/{case.pk}/")
        expect(be.locator("#xb-case-requests")).to_contain_text(request.reference)
        be.get_by_role("link", name="Close", exact=True).click()
        be.get_by_label("Outcome").select_option("located_police")
        be.get_by_label("Found on").fill(timezone.localdate().isoformat())
        be.get_by_label("Found where").fill("Lille")
        be.get_by_role("button", name="Ask for approval").click()
        expect(be.locator("#xb-case-requests")).to_contain_text(request.reference)
        be.get_by_role("button", name="Approve closure").click()
        expect(be.get_by_role("heading", name="Closed", exact=True)).to_be_visible()
        expect(be.locator("#xb-case-requests")).to_contain_text(request.reference)
        assert Case.objects.get(pk=case.pk).status == "closed"

        be.goto(detail)
        expect(be.get_by_text("You revoked sharing")).to_be_visible()
        expect(be.get_by_role("button", name="Revoke sharing")).to_have_count(0)

        # France: the snapshot and the photo are gone; the linked status remains
        fr.reload()
        expect(fr.get_by_text("revoked sharing")).to_be_visible()
        expect(fr.get_by_text("Their case: closed")).to_be_visible()
        assert "Amira" not in fr.content()
        assert fr.get_by_role("img", name="Shared photo").count() == 0
        assert fr_context.request.get(photo_url).status == 404
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        fr.screenshot(path=str(ARTIFACTS / "crossborder-receiver.png"), full_page=True)
        fr_context.close()
