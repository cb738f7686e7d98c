"""The staff pages do what they say: the network office saves a prevention page through the
form (verified today, by her), a hotline admin publishes and withdraws through the buttons; the
public form refuses an eleventh submission in the hour."""

from __future__ import annotations

from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from homeward.directories.choices import State
from homeward.directories.models import PreventionEntry, Service
from homeward.testing.cast import Cast
from homeward.testing.directories import make_service


def test_the_network_office_saves_a_page_through_the_form(cast: Cast) -> None:
    client = cast.client("coordinator")
    form = {
        "country": "FR", "language": "de", "audience": "parents", "hague_in_force": "on",
        "brussels_iib": "on", "authority_name": "Demo central authority",
        "hotline_number": "116 000", "what_you_can_do": "Wenden Sie sich an das Familiengericht.",
    }  # fmt: skip
    response = client.post("/directories/prevention/new/", form)
    entry = PreventionEntry.objects.get(country="FR", language="de")
    assert response.status_code == 302
    assert entry.verified_on == timezone.localdate()
    assert "Test Network Office" in entry.verified_by
    page = Client().get("/prevention/FR/", headers={"accept-language": "de"}).content.decode()
    assert '<article lang="de">' in page and "Familiengericht" in page
    again = client.post("/directories/prevention/new/", form)
    assert again.status_code == 200
    assert "already has a page" in again.content.decode()


def test_a_hotline_admin_publishes_and_withdraws_through_the_buttons(cast: Cast) -> None:
    service = make_service(cast, "BE", State.SUBMITTED)
    client = cast.client("be_admin")
    client.post(f"/directories/moderation/{service.pk}/publish/")
    assert Service.objects.get(pk=service.pk).state == State.PUBLISHED
    refused = client.post(f"/directories/moderation/{service.pk}/withdraw/", {"reason": ""},
                          follow=True)  # fmt: skip
    assert Service.objects.get(pk=service.pk).state == State.PUBLISHED
    assert "Say why" in refused.content.decode()
    client.post(f"/directories/moderation/{service.pk}/withdraw/", {"reason": "closed"})
    assert Service.objects.get(pk=service.pk).state == State.WITHDRAWN


def test_an_address_submits_at_most_ten_services_an_hour(cast: Cast) -> None:
    cache.clear()
    client = Client()
    statuses = [client.post("/services/submit/", {}).status_code for _ in range(11)]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429
