"""A search's rows and its event: recorded once, whatever it found."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from homeward.audit.actions import rows_with_event
from homeward.audit.models import AuditEvent
from homeward.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _search(country: str) -> list[tuple[object, ...]]:
    return rows_with_event(
        "SELECT name, slug FROM organisations_organisation WHERE country = %s",
        [country],
        order_by="slug DESC",
        actor=None,
        organisation=None,
        action="test.search",
        object_type="search",
        object_id="organisations",
        fields=["country"],
    )


def test_a_search_returns_its_rows_in_order_and_records_one_event() -> None:
    for slug in ("rows-b", "rows-a", "rows-c"):
        Organisation.objects.create(name=slug.upper(), slug=slug, kind="hotline", country="IS")
    before = AuditEvent.objects.count()

    assert _search("IS") == [("ROWS-C", "rows-c"), ("ROWS-B", "rows-b"), ("ROWS-A", "rows-a")]

    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None
    assert (event.action, event.object_id, event.fields) == (
        "test.search",
        "organisations",
        ["country"],
    )


def test_a_search_that_finds_nothing_is_recorded_too() -> None:
    before = AuditEvent.objects.count()

    assert _search("AQ") == []

    assert AuditEvent.objects.count() == before + 1
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "intact" in out.getvalue()
