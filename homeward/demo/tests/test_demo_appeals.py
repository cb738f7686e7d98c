"""The demo has published appeals with drawn pictures, one ended with its takedown, and a widget
site whose key the docs give (and no e-mail claiming another key)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from homeward.appeals.models import Appeal, Takedown, WidgetSite
from homeward.demo.appeals import DEMO_WIDGET_KEY, SCENARIOS, seed_appeals
from homeward.demo.cases import seed_cases
from homeward.demo.network import seed_network

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_appeals_and_ends_one(
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager[Any]],
) -> None:
    seed_network(7, "a-long-demo-password")
    seed_cases(7, per_hotline=(40, 40), countries=sorted(SCENARIOS))
    with django_capture_on_commit_callbacks(execute=True):
        made = seed_appeals(7)
    assert made >= 3
    assert Appeal.objects.filter(state="published").count() == made - 1
    ended = Appeal.objects.get(state="ended")
    assert Takedown.objects.filter(appeal=ended).exists()
    assert WidgetSite.objects.get().key == DEMO_WIDGET_KEY
    # the demo's site is made with the docs' key: no e-mail announces a random one
    assert not [m for m in mail.outbox if "widget" in m.subject.lower()]
    feed = Client().get("/appeals/feed.json").json()
    assert len(feed["items"]) == made - 1
    assert all(item["image"] for item in feed["items"])
