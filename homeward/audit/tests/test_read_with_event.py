"""A read of personal data and its event: for one row, recorded if, and only if, the read found
it; for a search's rows, recorded once whatever it found."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from homeward.audit.actions import read_with_event, rows_with_event
from homeward.audit.models import AuditEvent
from homeward.organisations.models import Organisation

pytestmark = pytest.mark.django_db

READ = "SELECT name, country FROM organisations_organisation WHERE id = %s AND is_active"


def _read(organisation_id: int) -> tuple[object, ...] | None:
    return read_with_event(
        READ,
        [organisation_id],
        actor=None,
        organisation=None,
        action="test.read",
        object_type="organisations.organisation",
        object_id=str(organisation_id),
        fields=["name", "country"],
    )


def test_a_found_row_is_returned_and_its_read_recorded() -> None:
    organisation = Organisation.objects.create(
        name="Demo Hotline Readland", slug="readland", kind="hotline", country="FR"
    )
    before = AuditEvent.objects.count()

    assert _read(organisation.pk) == ("Demo Hotline Readland", "FR")

    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None
    assert (event.action, event.object_type, event.object_id, event.fields) == (
        "test.read",
        "organisations.organisation",
        str(organisation.pk),
        ["country", "name"],
    )
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "intact" in out.getvalue()


def test_nothing_found_records_nothing() -> None:
    hidden = Organisation.objects.create(name="Closed", slug="closed", kind="hotline")
    hidden.is_active = False
    hidden.save()
    before = AuditEvent.objects.count()

    assert _read(hidden.pk) is None
    assert _read(hidden.pk + 1000) is None

    assert AuditEvent.objects.count() == before


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
