"""The staff pages as a supervisor uses them: what they offer, and where their refusals go."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext

from homeward.alerts.choices import AuthorityKind
from homeward.alerts.models import Alert
from homeward.testing.alerts import make_alert, make_assessment
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _supervisor(cast: Cast) -> Client:
    page = Client()
    page.force_login(cast.user("be_supervisor"))
    return page


def test_a_case_with_an_active_alert_offers_its_update_not_a_new_activation(
    cast: Cast,
) -> None:
    alert = make_alert(cast, photo=False)
    again = make_assessment(cast, alert.case)
    page = _supervisor(cast)
    update = reverse("alert_update", args=[alert.pk])
    activate = reverse("alert_activate", args=[again.pk])
    shown = page.get(reverse("alert_assessment_detail", args=[again.pk])).content.decode()
    assert activate not in shown and update in shown
    form = page.get(activate).content.decode()
    assert update in form and 'name="authority_name"' not in form
    refused = page.post(activate, {"authority_kind": "judge"}).content.decode()
    assert update in refused
    assert Alert.objects.count() == 1


def test_the_alert_page_gives_times_in_the_hotlines_zone_and_says_which(cast: Cast) -> None:
    alert = make_alert(cast, photo=False)
    shown = _supervisor(cast).get(reverse("alert_detail", args=[alert.pk])).content.decode()
    zone = ZoneInfo(alert.organisation.time_zone)
    for moment in (alert.decided_at, alert.expires_at):
        local = moment.astimezone(zone)
        assert local.strftime("%Y-%m-%d %H:%M ") + str(local.tzname()) in shown
    sent = alert.messages.get().sent.astimezone(zone)
    assert sent.strftime("%H:%M:%S ") + str(sent.tzname()) in shown


def test_the_french_and_german_wording_of_the_alert_pages() -> None:
    with translation.override("de"):
        assert str(AuthorityKind.JUDGE.label) == "Richterin oder Richter"
        assert pgettext("CAP message type", "Cancel") == "Aufhebung"
    with translation.override("fr"):
        assert pgettext("CAP message type", "Update") == "Mise à jour"
        # French puts a non-breaking space before a colon, never a line break
        catalogue = Path(settings.BASE_DIR) / "locale/fr/LC_MESSAGES/django.po"
        entries = catalogue.read_text().split("\n\n")
        ours = [e for e in entries if "#: alerts/" in e]
        assert ours and not [e for e in ours if " :" in e.split("msgstr", 1)[1]]
