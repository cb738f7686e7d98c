"""The DPO's page names cases and children by their reference, linked where the DPO may open
them, in the hotline's time, with actions in words; the filtered events export as CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from unittest import mock

import pytest
from django.db import transaction
from django.utils import timezone

from homeward.audit.actions import record_event
from homeward.audit.models import AuditEvent
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def test_case_and_child_events_name_the_case_reference_with_a_link(cast: Cast) -> None:
    case = make_case(cast)
    child = case.case_children.get().child
    cast.client("be_operator").get(f"/cases/{case.pk}/")
    page = cast.client("be_dpo").get("/audit/")
    shown = {
        (action, name.label, name.url)
        for _e, _a, action, name, _t, _f in page.context["rows"]
        if name
    }
    assert ("Case opened", case.reference, f"/cases/{case.pk}/") in shown
    assert ("Child's record read", f"child in {case.reference}", f"/children/{child.pk}/") in shown
    html = page.content.decode()
    assert f'<a href="/cases/{case.pk}/">{case.reference}</a>' in html


def test_the_action_filter_offers_actions_by_name(cast: Cast) -> None:
    form = cast.client("be_dpo").get("/audit/").context["form"]
    choices = dict(form.fields["action"].choices)
    assert choices["cases.case.read"] == "Case read"
    assert choices["cases.export"] == "Cases exported"


def test_times_are_the_hotlines(cast: Cast) -> None:
    at = datetime(2026, 7, 1, 22, 30, tzinfo=UTC)  # 00:30 on 2 July in Brussels
    with mock.patch.object(timezone, "now", return_value=at), transaction.atomic():
        record_event(actor=None, organisation=cast.be, action="cases.search")
    html = cast.client("be_dpo").get("/audit/", {"action": "cases.search"}).content.decode()
    assert "2026-07-02 00:30:00" in html


def test_the_filtered_events_export_as_csv_and_the_export_is_recorded(cast: Cast) -> None:
    case = make_case(cast)
    cast.client("be_operator").get(f"/cases/{case.pk}/")
    response = cast.client("be_dpo").get("/audit/export.csv", {"action": "cases.child.read"})
    assert response.status_code == 200 and response["Content-Type"] == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["action"], r["object"], r["actor"]) for r in rows] == [
        ("cases.child.read", f"child in {case.reference}", "be_operator@cast.test")
    ]
    export = AuditEvent.objects.get(action="audit.export")
    assert export.actor_id == cast.user("be_dpo").pk and export.fields == ["action"]


def test_an_operator_cannot_export_the_trail(cast: Cast) -> None:
    assert cast.client("be_operator").get("/audit/export.csv").status_code == 403
