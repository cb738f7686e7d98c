"""The demo's directories: every network country's prevention pages with placeholder contacts,
a few hundred published services, one submission waiting in Belgium's queue."""

from __future__ import annotations

import pytest

from homeward.demo.directories import seed_directories
from homeward.demo.network import COUNTRIES
from homeward.directories.choices import State
from homeward.directories.models import PreventionEntry, Service

pytestmark = pytest.mark.django_db


def test_the_demo_fills_both_directories_with_placeholders_only() -> None:
    pages, services = seed_directories(7)
    assert pages == len(COUNTRIES) * 6 == PreventionEntry.objects.count()
    assert 300 <= services == Service.objects.count()
    assert set(PreventionEntry.objects.values_list("country", flat=True)) == {
        c.code for c in COUNTRIES
    }
    assert all(
        name.startswith("Demo ")
        for name in PreventionEntry.objects.values_list("authority_name", flat=True)
    )
    assert all(
        email.endswith(".test")
        for email in PreventionEntry.objects.values_list("authority_email", flat=True)
    )
    assert not PreventionEntry.objects.filter(country="DK", brussels_iib=True).exists()
    assert PreventionEntry.objects.filter(country="FR", brussels_iib=True).exists()
    assert Service.objects.filter(state=State.SUBMITTED, country="BE").count() == 1
