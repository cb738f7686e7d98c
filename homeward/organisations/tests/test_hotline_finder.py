from __future__ import annotations

import pytest
from django.test import Client

from homeward.organisations import actions
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def hotlines(cast: Cast) -> Cast:
    actions.save_hotline(
        acting_user=None,
        organisation=cast.be,
        country="BE",
        name="116 000 Test BE",
        channels=["phone_116000", "chat"],
        languages=["nl", "fr"],
        is_24_7=True,
    )
    actions.save_hotline(
        acting_user=None,
        organisation=cast.fr,
        country="FR",
        name="116 000 Test FR",
        channels=["phone_116000"],
        languages=["fr"],
        is_24_7=False,
        hours="Mon–Fri 09:00–17:00",
    )
    return cast


def test_the_public_finder_lists_hotlines_by_country(hotlines: Cast) -> None:
    page = Client().get("/hotlines/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "116 000 Test BE" in content and "116 000 Test FR" in content
    assert "Chat" in content and "Mon–Fri 09:00–17:00" in content
    assert '<option value="BE">Belgium</option>' in content
    assert "France" in content
    only_fr = Client().get("/hotlines/?country=fr").content.decode()
    assert "116 000 Test FR" in only_fr and "116 000 Test BE" not in only_fr


def test_the_public_api_lists_hotlines_without_signing_in(hotlines: Cast) -> None:
    response = Client().get("/api/v1/hotlines?country=BE")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["items"][0]["name"] == "116 000 Test BE"
    assert body["items"][0]["channels"] == ["phone_116000", "chat"]


def test_an_unlisted_hotline_is_hidden(hotlines: Cast) -> None:
    actions.save_hotline(acting_user=None, organisation=hotlines.be, country="BE", is_listed=False)
    assert Client().get("/api/v1/hotlines?country=BE").json()["count"] == 0
