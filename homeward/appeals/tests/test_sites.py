"""The widget sites: an origin that could rewrite the widget's policy is refused, and a stored
one that is not exactly an origin is never sent."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from homeward.appeals import actions
from homeward.appeals.models import WidgetSite
from homeward.testing.appeals import make_appeal, make_site
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
    return Client(HTTP_ORIGIN="http://testserver").post("/widget/register/", data).content.decode()


@pytest.mark.parametrize("origin", HOSTILE_ORIGINS)
def test_an_origin_that_could_rewrite_the_policy_is_refused(cast: Cast, origin: str) -> None:
    page = _register(origin)
    assert "Give the site&#x27;s origin" in page
    assert not WidgetSite.objects.exists()


def test_the_origin_is_rebuilt_from_its_parts(cast: Cast) -> None:
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


def _site_data(origin: str = "https://www.site.test", country: str = "BE") -> dict[str, str]:
    return {"name": "Site", "origin": origin, "contact_email": "owner@site.test",
            "country": country}  # fmt: skip


def test_only_countries_a_hotline_serves_can_be_chosen(cast: Cast) -> None:
    form = Client().get("/widget/register/").content.decode()
    assert 'value="BE"' in form
    assert 'value="US"' not in form
    refused = Client(HTTP_ORIGIN="http://testserver").post(
        "/widget/register/", _site_data(country="US")
    )
    assert refused.status_code == 200
    assert not WidgetSite.objects.exists()
    with pytest.raises(ValidationError) as error:
        actions.register_site(name="S", origin="https://s.test", contact_email="o@s.test",
                              country="US")  # fmt: skip
    assert "country" in error.value.message_dict


def test_a_blocked_origin_cannot_register_again(cast: Cast) -> None:
    site = make_site(origin="https://www.site.test")
    actions.block_site(membership=cast.member("be_admin"), site_id=site.pk, reason="misuse")
    again = Client(HTTP_ORIGIN="http://testserver").post(
        "/widget/register/", _site_data("https://WWW.site.test/")
    )
    assert "contact the hotline" in again.content.decode()
    assert WidgetSite.objects.count() == 1


def test_blocking_one_key_blocks_every_key_of_the_origin(cast: Cast) -> None:
    make_appeal(cast)
    first = make_site(origin="https://www.site.test")
    second = make_site(origin="https://www.site.test")
    other = make_site(origin="https://other.site.test")
    actions.block_site(membership=cast.member("be_admin"), site_id=first.pk, reason="misuse")
    assert Client().get(f"/widget/404/?key={second.key}").content == b""
    assert b"Lena" in Client().get(f"/widget/404/?key={other.key}").content
    second.refresh_from_db()
    assert second.state == "blocked"
    actions.unblock_site(membership=cast.member("be_admin"), site_id=second.pk)
    assert b"Lena" in Client().get(f"/widget/404/?key={first.key}").content


def _post(data: dict[str, str], **headers: str) -> int:
    return int(Client().post("/widget/register/", data, **headers).status_code)  # type: ignore[arg-type]


def test_failed_registrations_do_not_count_against_the_address(cast: Cast) -> None:
    same = {"HTTP_ORIGIN": "http://testserver"}
    for _ in range(6):
        _post(_site_data("https://bad.test/path"), **same)
    assert _post(_site_data("https://www.site.test"), **same) == 200
    assert WidgetSite.objects.count() == 1


def test_registrations_are_limited_per_email_and_per_origin(cast: Cast) -> None:
    for n in range(5):
        data = {**_site_data(f"https://s{n}.site.test"), "contact_email": "same@site.test"}
        _post(data, REMOTE_ADDR=f"10.0.0.{n}", HTTP_ORIGIN="http://testserver")
    data = {**_site_data("https://s9.site.test"), "contact_email": "same@site.test"}
    assert _post(data, REMOTE_ADDR="10.0.1.1", HTTP_ORIGIN="http://testserver") == 429
    for n in range(2):
        data = {**_site_data("https://one.site.test"), "contact_email": f"o{n}@site.test"}
        _post(data, REMOTE_ADDR=f"10.0.2.{n}", HTTP_ORIGIN="http://testserver")
    data = {**_site_data("https://one.site.test"), "contact_email": "o9@site.test"}
    assert _post(data, REMOTE_ADDR="10.0.3.1", HTTP_ORIGIN="http://testserver") == 429
    assert WidgetSite.objects.count() == 7


def test_a_post_from_nowhere_or_another_site_is_refused(cast: Cast) -> None:
    assert _post(_site_data()) == 403
    assert _post(_site_data(), HTTP_REFERER="https://evil.test/widget/register/") == 403
    assert _post(_site_data(), HTTP_ORIGIN="null") == 403
    assert not WidgetSite.objects.exists()
    assert _post(_site_data(), HTTP_REFERER="http://testserver/widget/register/") == 200
    assert WidgetSite.objects.count() == 1
