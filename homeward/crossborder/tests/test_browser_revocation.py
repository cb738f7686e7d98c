"""Revocation in two real browsers: France opens everything Belgium shared (the snapshot, the
photo, Belgium's message and its attachment); Belgium revokes sharing on its page; France then
opens none of it, by any URL it used before, and its request page shows no shared content,
while France's own message and attachment remain."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from playwright.sync_api import expect

from homeward.cases import actions as case_actions
from homeward.crossborder import actions
from homeward.testing.browser import ARTIFACTS, sign_in
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.browser

QUESTION = "Is Amira staying with her aunt in Roubaix?"
BELGIUM_SAYS = "The aunt lives at 7 rue des Synthèses."
FRANCE_SAYS = "We will visit tomorrow morning."


def _as(cast: Cast, name: str) -> dict[str, Any]:
    member = cast.member(name)
    return {"membership": member}


def test_after_revocation_the_receiver_opens_nothing_that_was_shared(
    page: Any, browser: Any, live_app: str, cast_live: Cast
) -> None:
    case = make_case(
        cast_live,
        category="parental_abduction",
        subcategory="international",
        children=[{"given_names": "Amira", "family_name": "Okonkwo", "sex": "female"}],
    )
    child = case.case_children.get().child
    photo = io.BytesIO()
    Image.new("RGB", (64, 64), (30, 90, 160)).save(photo, format="JPEG")
    case_actions.set_child_photo(
        **_as(cast_live, "be_operator"), child=child,
        upload=SimpleUploadedFile("amira.jpg", photo.getvalue(), content_type="image/jpeg"),
    )  # fmt: skip
    request = actions.draft_request(
        **_as(cast_live, "be_supervisor"), case=case, receiver=cast_live.fr,
        request_type="locate", urgency="urgent", question=QUESTION,
        shared_fields=[f"child.{child.pk}.{f}" for f in ("given_names", "family_name", "photo")],
    )  # fmt: skip
    actions.send_request(**_as(cast_live, "be_supervisor"), request=request)
    theirs = actions.post_message(
        **_as(cast_live, "be_operator"), request=request, body=BELGIUM_SAYS,
        attachment=SimpleUploadedFile("school.txt", b"Synthetic school record", "text/plain"),
    )  # fmt: skip
    ours = actions.post_message(
        **_as(cast_live, "fr_operator"), request=request, body=FRANCE_SAYS,
        attachment=SimpleUploadedFile("plan.txt", b"Synthetic visit plan", "text/plain"),
    )  # fmt: skip
    detail = f"/crossborder/{request.pk}/"
    shared_urls = {
        "photo": f"{detail}photos/child-{child.pk}/",
        "Belgium's attachment": f"{detail}messages/{theirs.pk}/attachment/",
        "the API's snapshot": f"/api/v1/crossborder/requests/{request.pk}/snapshot",
        "the API's photo": f"/api/v1/crossborder/requests/{request.pk}/photos/child-{child.pk}",
        "the API's attachment": (
            f"/api/v1/crossborder/requests/{request.pk}/messages/{theirs.pk}/attachment"
        ),
    }
    own_attachment = f"{detail}messages/{ours.pk}/attachment/"

    fr = page
    be_context = browser.new_context(base_url=live_app, viewport={"width": 1280, "height": 900})
    be = be_context.new_page()
    be.set_default_timeout(15_000)
    try:
        sign_in(fr, "fr_operator@cast.test")
        sign_in(be, "be_operator@cast.test")

        # France, before: everything Belgium shared opens
        fr.goto(detail)
        shared = fr.get_by_role("region", name="What they share with us")
        expect(shared).to_contain_text("Amira")
        expect(shared.get_by_role("img", name="Shared photo")).to_be_visible()
        expect(fr.get_by_role("region", name="The question")).to_contain_text(QUESTION)
        thread = fr.locator(".xb-thread")
        expect(thread).to_contain_text(BELGIUM_SAYS)
        expect(thread.get_by_role("link", name="Attachment: school.txt")).to_be_visible()
        fr.wait_for_load_state("load")
        for name, url in shared_urls.items():
            assert fr.context.request.get(url).status == 200, name

        # Belgium revokes on its page
        be.goto(detail)
        be.once("dialog", lambda dialog: dialog.accept())
        be.get_by_role("button", name="Revoke sharing").click()
        expect(be.get_by_text("You revoked sharing")).to_be_visible()
        expect(be.locator(".xb-thread")).to_contain_text(BELGIUM_SAYS)  # Belgium keeps its own
        be.wait_for_load_state("load")

        # France, after: nothing shared, by any URL; its own message and file remain
        fr.reload()
        expect(fr.get_by_text("revoked sharing")).to_be_visible()
        expect(fr.get_by_role("region", name="The question")).to_contain_text(
            "Withdrawn with the share."
        )
        expect(thread.get_by_text("Withdrawn when sharing was revoked.").first).to_be_visible()
        expect(thread).to_contain_text(FRANCE_SAYS)
        expect(thread.get_by_role("link", name="Attachment: plan.txt")).to_be_visible()
        assert thread.get_by_role("link", name=re.compile("school")).count() == 0
        assert fr.get_by_role("img", name="Shared photo").count() == 0
        fr.wait_for_load_state("load")
        content = fr.content()
        for word in ("Amira", "Okonkwo", "Roubaix", "Synthèses", "school.txt"):
            assert word not in content, word
        for name, url in shared_urls.items():
            assert fr.context.request.get(url).status == 404, name
        assert fr.context.request.get(own_attachment).status == 200
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        fr.screenshot(path=str(ARTIFACTS / "crossborder-revoked-receiver.png"), full_page=True)
        be_context.close()
