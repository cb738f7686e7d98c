"""The demo has an active child alert and an ended one, published as the feeds publish them."""

from __future__ import annotations

import pytest
from django.test import Client
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints

from homeward.alerts.models import Alert
from homeward.crossborder.models import CooperationRequest
from homeward.demo.alerts import SCENARIOS, seed_alerts
from homeward.demo.cases import seed_cases
from homeward.demo.crossborder import seed_requests
from homeward.demo.network import seed_network

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_active_and_an_ended_alert(settings: object) -> None:
    settings.DEMO = True  # type: ignore[attr-defined]
    seed_network(7, "a-long-demo-password")
    seed_cases(7, per_hotline=(4, 4), countries=["BE", "FR", "NL"])
    seed_requests(7)
    assert seed_alerts(7) == len(SCENARIOS)
    assert sorted(Alert.objects.values_list("state", flat=True)) == ["active", "ended"]
    assert set(Alert.objects.values_list("case__category", flat=True)) <= {
        "criminal_abduction", "parental_abduction"}  # fmt: skip
    assert CooperationRequest.objects.filter(request_type="alert_relay", state="sent").exists()
    feed = etree.fromstring(Client().get("/feeds/alerts.atom").content)
    titles = [e.text for e in feed.iterfind("{*}entry/{*}title")]
    assert len(titles) == 2 and "Alert ended" in titles
    active = Alert.objects.get(state="active")
    cap = Client().get(f"/feeds/alerts/{active.public_id}/latest.xml").content
    assert b"<status>Exercise</status>" in cap
    assert active.case.reference.encode() not in cap  # the case's reference is never published
