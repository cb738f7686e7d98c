"""The widget sites: an origin that could rewrite the widget's policy is refused, and a stored
one that is not exactly an origin is never sent."""

from __future__ import annotations

import pytest
from django.test import Client

from homeward.appeals.models import WidgetSite
from homeward.testing.appeals import make_appeal
from homeward.testing.cast import Cast

HOSTILE_ORIGINS = [
    "https://c.example.org *",
    "https://*",
    "https://a.example.org; script-src *",
    "https://a.example.org;frame-ancestors *",
    "https://c.example.org 'unsafe-inline'",
    "https://a.example.org,https://b.example.org",
    'https://a.example.org"',
    "https://owner@a.example.org",
    "https://a.example.org/path",
    "https://a.example.org\thttps://b.example.org",
]


def _register(origin: str) -> str:
    data = {"name": "Site", "origin": origin, "contact_email": "owner@site.test", "country": "BE"}
    return Client().post("/widget/register/", data).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("origin", HOSTILE_ORIGINS)
def test_an_origin_that_could_rewrite_the_policy_is_refused(origin: str) -> None:
    page = _register(origin)
    assert "Give the site&#x27;s origin" in page
    assert not WidgetSite.objects.exists()


@pytest.mark.django_db
def test_the_origin_is_rebuilt_from_its_parts() -> None:
    _register("HTTPS://WWW.Bücher.TEST:8443/")
    assert WidgetSite.objects.get().origin == "https://www.xn--bcher-kva.test:8443"


@pytest.mark.parametrize("origin", HOSTILE_ORIGINS[:5])
def test_a_stored_hostile_origin_is_never_sent(cast: Cast, origin: str) -> None:
    make_appeal(cast)
    site = WidgetSite.objects.create(
        name="Old", origin=origin, contact_email="o@site.test", country="BE"
    )
    response = Client().get(f"/widget/404/?key={site.key}")
    assert response.content == b""
    assert origin not in response.headers.get("Content-Security-Policy", "")
    assert "*" not in response.headers.get("Content-Security-Policy", "")
