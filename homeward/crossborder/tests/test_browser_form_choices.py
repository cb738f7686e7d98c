"""The new request form stores every select, radio button and checkbox as chosen: each set
away from its default, the draft saved, and the database read back."""

from __future__ import annotations

from typing import Any

import pytest

from homeward.crossborder.models import CooperationRequest
from homeward.testing.browser import click_and_wait, sign_in
from homeward.testing.cast import Cast
from homeward.testing.pages import choose_non_defaults, desk_url

pytestmark = pytest.mark.browser


def test_the_new_request_form(page: Any, cast_live: Cast) -> None:
    sign_in(page, "be_supervisor@cast.test")
    page.goto(desk_url(cast_live, "xb_request_new", "be_supervisor"))
    form = page.locator("form.xb-new")
    form.get_by_label("Your question").fill("Is the child at her aunt's in Lyon?")
    chosen = choose_non_defaults(form)
    click_and_wait(page, form.get_by_role("button", name="Save draft"))
    assert not page.locator("[data-error-summary]").count(), page.locator("main").inner_text()

    stored = CooperationRequest.objects.get()
    assert {
        "receiver": str(stored.receiver_id),
        "request_type": stored.request_type,
        "urgency": stored.urgency,
        "shared_fields": sorted(stored.shared_fields),
    } == chosen
