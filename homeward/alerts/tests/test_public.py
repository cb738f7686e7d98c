"""What anyone reads without signing in: the Atom feed, the CAP messages, the public page and
the photo. While the alert runs they publish it; once it ended, the details are gone at once
(410 for the messages that held them and for the photo), the Cancel stays, and caches keep
nothing longer than 30 seconds."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints

from homeward.alerts import actions
from homeward.alerts.cap import schema
from homeward.alerts.models import Alert
from homeward.testing.alerts import make_alert
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db

ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def _entries(client: Client) -> list[etree._Element]:
    response = client.get("/feeds/alerts.atom")
    assert response.status_code == 200
    assert "max-age=30" in response["Cache-Control"] and not response.cookies
    return list(etree.fromstring(response.content).iterfind("atom:entry", ATOM))


def _cap_link(entry: etree._Element) -> str:
    links = entry.findall("atom:link[@type='application/cap+xml']", ATOM)
    assert len(links) == 1 and links[0].get("rel") == "alternate"
    return str(links[0].get("href"))


def _end(cast: Cast, alert: Alert, capture: Any) -> None:
    with capture(execute=True):
        actions.end_alert(membership=cast.member("be_operator"), alert=alert,
                          reason="child_found")  # fmt: skip


def test_the_feed_links_each_alert_to_its_latest_valid_cap_message(cast: Cast) -> None:
    alert = make_alert(cast)
    client = Client()
    [entry] = _entries(client)
    assert entry.findtext("atom:title", namespaces=ATOM) == alert.headline
    url = _cap_link(entry)
    assert url.endswith(f"/feeds/alerts/{alert.public_id}/latest.xml")
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/cap+xml"
    )
    schema.validate(response.content)
    assert b"<msgType>Alert</msgType>" in response.content


def test_the_feed_gives_staff_text_as_text_never_as_markup(cast: Cast) -> None:
    hostile = "Lena <script>alert(1)</script> <img src=x onerror=alert(2)>"
    make_alert(cast, headline=hostile, description=hostile)
    [entry] = _entries(Client())
    for name in ("title", "summary"):
        element = entry.find(f"atom:{name}", ATOM)
        assert element is not None and element.get("type") == "text"
        assert element.text == hostile  # a reader shows it as typed, it runs nothing
    published = entry.findtext("atom:published", namespaces=ATOM)
    updated = entry.findtext("atom:updated", namespaces=ATOM)
    for moment in (published, updated):
        assert moment is not None and "." not in moment and moment.endswith("+00:00")


def test_an_ended_alert_leaves_every_feed_at_once(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    alert = make_alert(cast)
    client = Client()
    first = alert.messages.get()
    assert client.get(f"/alerts/{alert.public_id}/photo.jpg").status_code == 200
    _end(cast, alert, django_capture_on_commit_callbacks)
    [entry] = _entries(client)
    assert entry.findtext("atom:title", namespaces=ATOM) == "Alert ended"
    assert "Lena" not in etree.tostring(entry).decode()
    latest = client.get(f"/feeds/alerts/{alert.public_id}/latest.xml")
    assert b"<msgType>Cancel</msgType>" in latest.content
    assert first.identifier.encode() in latest.content  # its references name the Alert
    assert client.get(f"/feeds/cap/{first.identifier}.xml").status_code == 410
    cancel = alert.messages.get(msg_type="Cancel")
    assert client.get(f"/feeds/cap/{cancel.identifier}.xml").status_code == 200
    assert client.get(f"/alerts/{alert.public_id}/photo.jpg").status_code == 410
    page = client.get(f"/alerts/{alert.public_id}/")
    assert page.status_code == 200 and not page.cookies
    text = page.content.decode()
    assert "This alert has ended." in text and "Lena" not in text and "photo.jpg" not in text


def test_an_alert_whose_duration_is_over_leaves_before_the_sweep(cast: Cast) -> None:
    alert = make_alert(cast)
    Alert.objects.filter(pk=alert.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    client = Client()
    [entry] = _entries(client)
    assert entry.findtext("atom:title", namespaces=ATOM) == "Alert ended"
    assert client.get(f"/feeds/alerts/{alert.public_id}/latest.xml").status_code == 410
    assert client.get(f"/alerts/{alert.public_id}/photo.jpg").status_code == 410
    assert "Lena" not in client.get(f"/alerts/{alert.public_id}/").content.decode()


def test_the_feed_keeps_ended_alerts_thirty_days(cast: Cast) -> None:
    recent, old = make_alert(cast), make_alert(cast)
    for alert in (recent, old):
        actions.end_alert(membership=cast.member("be_operator"), alert=alert,
                          reason="authority_ended")  # fmt: skip
    Alert.objects.filter(pk=old.pk).update(ended_at=timezone.now() - timedelta(days=31))
    links = [_cap_link(entry) for entry in _entries(Client())]
    assert len(links) == 1 and recent.public_id in links[0]


def test_the_public_page_shows_the_published_content_only(cast: Cast) -> None:
    alert = make_alert(cast)
    response = Client().get(f"/alerts/{alert.public_id}/")
    text = response.content.decode()
    assert alert.headline in text and alert.hotline_number in text
    assert alert.grounds not in text and alert.case.reference not in text
    assert response["Cache-Control"] == "public, max-age=30"


def test_unknown_addresses_are_not_found() -> None:
    client = Client()
    for url in ("/alerts/nope/", "/alerts/nope/photo.jpg", "/feeds/cap/nope.xml",
                "/feeds/alerts/nope/latest.xml"):  # fmt: skip
        assert client.get(url).status_code == 404


def test_the_public_page_says_an_exercise_and_its_times_in_the_hotlines_zone(
    cast: Cast, settings: Any
) -> None:
    alert = make_alert(cast, photo=False)
    page = f"/alerts/{alert.public_id}/"
    settings.DEMO = False
    assert "not a real alert" not in Client().get(page).content.decode()
    settings.DEMO = True
    shown = Client().get(page).content.decode()
    assert "Exercise — not a real alert" in shown
    zone = ZoneInfo(alert.organisation.time_zone)
    until = alert.expires_at.astimezone(zone)
    assert until.strftime("%Y-%m-%d %H:%M ") + str(until.tzname()) in shown
