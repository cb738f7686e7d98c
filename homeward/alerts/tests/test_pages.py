"""The staff pages as a supervisor uses them: what they offer, and where their refusals go."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

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
