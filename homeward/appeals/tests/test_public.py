"""The public side: no cookie on any answer, short public caching, the widget's strict policy
and its one framing origin, keys that show nothing when unknown or blocked, the visitor's
country, and site registration."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from homeward.appeals import actions
from homeward.appeals.models import Appeal, WidgetSite
from homeward.testing.appeals import make_appeal, make_site
from homeward.testing.cast import Cast


def _public_urls(appeal: Appeal, key: str) -> list[str]:
    return [
        "/appeals/",
        "/appeals/?country=BE",
        f"/appeals/{appeal.public_id}/",
        f"/appeals/{appeal.public_id}/photo.jpg",
        "/appeals/feed.json",
        "/appeals/feed.json?country=BE",
        f"/widget/404/?key={key}",
        "/widget/404.js",
        "/widget/register/",
        "/api/v1/public/appeals",
        "/appeals/no-such-appeal/",
        "/widget/404/?key=unknown",
    ]


def test_no_public_answer_sets_a_cookie(cast: Cast) -> None:
    appeal = make_appeal(cast)
    key = make_site().key
    client = Client()
    for url in _public_urls(appeal, key):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr-BE")
        assert "Set-Cookie" not in response.headers, url
        assert not response.cookies, url
    posted = client.post("/widget/register/", {"name": "x"}, HTTP_ORIGIN="http://testserver")
    assert not posted.cookies
    actions.end_appeal(membership=cast.member("be_operator"), appeal=appeal)
    for url in _public_urls(appeal, key)[2:4]:
        assert not client.get(url).cookies


def test_public_answers_are_cached_half_a_minute_at_most(cast: Cast) -> None:
    appeal = make_appeal(cast)
    key = make_site().key
    for url in _public_urls(appeal, key)[:6]:
        cache_control = Client().get(url).headers["Cache-Control"]
        assert "public" in cache_control, url
        assert "max-age=30" in cache_control, url
    api = Client().get("/api/v1/public/appeals").headers["Cache-Control"]
    assert set(api.split(", ")) == {"public", "max-age=30"}
    widget = Client().get(f"/widget/404/?key={key}").headers["Cache-Control"]
    assert set(widget.split(", ")) == {"public", "max-age=0", "s-maxage=30"}


def test_the_page_and_feed_show_the_minimum(cast: Cast) -> None:
    appeal = make_appeal(cast)
    feed = Client().get("/appeals/feed.json").json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    [item] = feed["items"]
    assert item["title"] == f"Missing: Lena, {appeal.age}"
    assert item["image"].endswith(f"/appeals/{appeal.public_id}/photo.jpg")
    assert item["_homeward"]["countries"] == ["BE"]
    assert not re.search(r"\bTest\b", str(item))  # the family name
    assert "runaway" not in str(item).lower()
    assert Client().get("/api/v1/public/appeals").json() == feed
    assert Client().get("/appeals/feed.json?country=FR").json()["items"] == []
    page = Client().get("/appeals/").content.decode()
    assert "Lena" in page
    assert not re.search(r"\bTest\b(?! Hotline)", page)


def test_the_widget_policy_allows_no_script_and_only_the_sites_origin(cast: Cast) -> None:
    make_appeal(cast)
    site = make_site(origin="https://www.example.test")
    response = Client().get(f"/widget/404/?key={site.key}")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "img-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "script-src" not in policy
    assert "frame-ancestors https://www.example.test" in policy
    assert "X-Frame-Options" not in response.headers
    assert "<script" not in response.content.decode()
    assert "Lena" in response.content.decode()


def test_an_unknown_or_blocked_key_shows_an_empty_page(cast: Cast) -> None:
    """An empty 200, not an error status that a browser draws as a broken-frame box."""
    make_appeal(cast)
    site = make_site()
    unknown = Client().get("/widget/404/?key=nope")
    actions.block_site(membership=cast.member("be_admin"), site_id=site.pk, reason="misuse")
    blocked = Client().get(f"/widget/404/?key={site.key}")
    for answer in (unknown, blocked):
        assert answer.status_code == 200
        assert answer.content == b""
        assert answer.headers["X-Robots-Tag"] == "noindex"
        assert set(answer.headers["Cache-Control"].split(", ")) == {
            "public", "max-age=0", "s-maxage=30"
        }  # fmt: skip
        assert "default-src 'none'" in answer.headers["Content-Security-Policy"]
    actions.unblock_site(membership=cast.member("be_admin"), site_id=site.pk)
    assert b"Lena" in Client().get(f"/widget/404/?key={site.key}").content


def test_another_countrys_admin_cannot_block_a_site(cast: Cast) -> None:
    from django.http import Http404

    site = make_site("BE")
    with pytest.raises(Http404):
        actions.block_site(membership=cast.member("fr_admin"), site_id=site.pk, reason="x")
    site.refresh_from_db()
    assert site.state == "active"


@pytest.mark.parametrize(
    ("query", "language", "shown"),
    [
        ("&country=FR", "nl-BE", "Lena"),  # the snippet's country first
        ("", "fr-FR", "Lena"),  # else the browser's region
        ("", "nl-BE", ""),  # BE has no appeal: nothing
        ("", "en", ""),  # no region: the site's country (BE): nothing
    ],
)
def test_the_widget_shows_an_appeal_of_the_visitors_country(
    cast: Cast, query: str, language: str, shown: str
) -> None:
    make_appeal(cast, cast.fr)
    site = make_site("BE")
    body = Client().get(f"/widget/404/?key={site.key}{query}", HTTP_ACCEPT_LANGUAGE=language)
    assert body.status_code == 200
    assert ("Lena" in body.content.decode()) == bool(shown)


def test_the_script_puts_the_iframe_in_its_place() -> None:
    script = Client().get("/widget/404.js").content.decode()
    assert "http://testserver/widget/404/" in script
    assert "data-key" in script
    assert "cookie" not in script.replace("No cookie", "")


def test_a_site_registers_and_gets_its_key_only_by_mail(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    data = {"name": "My site", "origin": "https://www.site.test/",
            "contact_email": "owner@site.test", "country": "BE"}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = Client(HTTP_ORIGIN="http://testserver").post("/widget/register/", data)
    site = WidgetSite.objects.get()
    assert site.origin == "https://www.site.test"
    assert site.key not in response.content.decode()
    assert "was sent to owner@site.test" in response.content.decode()
    assert site.key in mail.outbox[0].body
    assert f'data-key="{site.key}"' in mail.outbox[0].body
    assert mail.outbox[0].to == ["owner@site.test"]


def test_registration_refuses_a_bad_origin_and_other_sites_posts(cast: Cast) -> None:
    bad = {"name": "S", "origin": "http://www.site.test/path", "contact_email": "o@site.test",
           "country": "BE"}  # fmt: skip
    response = Client(HTTP_ORIGIN="http://testserver").post("/widget/register/", bad)
    assert "Give the site&#x27;s origin" in response.content.decode()
    cross = Client().post("/widget/register/", {**bad, "origin": "https://a.test"},
                          HTTP_ORIGIN="https://evil.test")  # fmt: skip
    assert cross.status_code == 403
    assert not WidgetSite.objects.exists()


def test_registration_is_rate_limited(cast: Cast) -> None:
    for n in range(6):
        data = {"name": f"S{n}", "origin": f"https://s{n}.test", "contact_email": "o@site.test",
                "country": "BE"}  # fmt: skip
        response = Client(HTTP_ORIGIN="http://testserver").post("/widget/register/", data)
    assert response.status_code == 429
    assert WidgetSite.objects.count() == 5
