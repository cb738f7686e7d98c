"""The cross-border forms, refused: the summary at the top takes the focus and links to each
field, and every field's screen-reader description resolves."""

from __future__ import annotations

from typing import Any

import pytest

from homeward.testing.browser import ARTIFACTS, click_and_wait, sign_in
from homeward.testing.cast import Cast
from homeward.testing.pages import desk_url, refused_form_problems

pytestmark = pytest.mark.browser

RECEIVED = 1  # the second xb_request_detail row of the matrix: our hotline receives


def test_every_refused_cross_border_form_shows_what_is_wrong_at_the_top(
    page: Any, cast_live: Cast
) -> None:
    sign_in(page, "be_supervisor@cast.test")
    found = {}

    page.goto(desk_url(cast_live, "xb_request_new", "be_supervisor"))
    click_and_wait(page, page.get_by_role("button", name="Send", exact=True))
    page.screenshot(path=str(ARTIFACTS / "refused-xb-new.png"), full_page=True)
    found["new request"] = refused_form_problems(page)

    received = desk_url(cast_live, "xb_request_detail", "be_supervisor", nth=RECEIVED)
    for name, button in (("decline", "Decline"), ("link our case", "Link our case")):
        page.goto(received)
        click_and_wait(page, page.get_by_role("button", name=button, exact=True))
        page.screenshot(path=str(ARTIFACTS / f"refused-xb-{name.replace(' ', '-')}.png"))
        found[name] = refused_form_problems(page)

    assert found == {"new request": [], "decline": [], "link our case": []}
