"""A date typed as year 1 or year 9999 (a slip of the keyboard, a fuzzer, a script) is refused
with an error naming the field, in the forms, the filters and the API alike, and never ends in
a 500: not when it is sent, and not on a page that shows one already stored."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client

from homeward.cases.models import TimelineEvent
from homeward.cases.transfer import validation
from homeward.organisations import actions as org_actions
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db

REFUSED = "Give a date from 1900-01-01 to 2100-12-31."
YEAR_ONE, YEAR_9999 = "0001-01-01", "9999-12-31"


def _api(cast: Cast, name: str) -> dict[str, Any]:
    member = cast.member(name)
    secret = org_actions.create_api_token(membership=member, name="test", days=1).secret
    return {"Authorization": f"Bearer {secret}"}


def _field_errors(response: Any) -> dict[str, str]:
    assert response.status_code == 422, response.content
    return {e["field"]: e["message"] for e in response.json()["errors"]}


@pytest.mark.parametrize("when", [f"{YEAR_ONE}T00:00:00Z", f"{YEAR_9999}T23:59:00Z"])
def test_the_api_refuses_a_timeline_entry_at_the_ends_of_the_calendar(
    cast: Cast, when: str
) -> None:
    case = make_case(cast)
    response = Client().post(
        f"/api/v1/cases/{case.pk}/timeline",
        {"kind": "note", "text": "Seen at the station", "occurred_at": when},
        content_type="application/json",
        headers=_api(cast, "be_operator"),
    )
    assert _field_errors(response) == {"occurred_at": REFUSED}
    assert not case.timeline.filter(text="Seen at the station").exists()


@pytest.mark.parametrize("when", [f"{YEAR_ONE}T00:05", f"{YEAR_9999}T23:59"])
def test_the_timeline_form_refuses_them_beside_the_field(cast: Cast, when: str) -> None:
    case = make_case(cast)
    page = cast.client("be_operator").post(
        f"/cases/{case.pk}/timeline/",
        {"kind": "note", "text": "Seen at the station", "occurred_at": when},
    )
    assert page.status_code == 200
    assert page.context["timeline_form"].errors == {"occurred_at": [REFUSED]}
    assert "Seen at the station" in page.content.decode()  # what was typed comes back


@pytest.mark.parametrize(
    ("url", "field"),
    [
        (f"/cases/?reported_to={YEAR_9999}", "reported_to"),
        (f"/cases/?reported_from={YEAR_ONE}", "reported_from"),
    ],
)
def test_the_case_list_refuses_a_filter_out_of_range(cast: Cast, url: str, field: str) -> None:
    page = cast.client("be_operator").get(url)
    assert page.status_code == 200
    assert page.context["form"].errors == {field: [REFUSED]}


@pytest.mark.parametrize(("field", "day"), [("until", YEAR_9999), ("since", YEAR_ONE)])
def test_the_audit_trail_refuses_a_filter_out_of_range(cast: Cast, field: str, day: str) -> None:
    client = cast.client("be_dpo")
    page = client.get("/audit/", {field: day})
    assert page.status_code == 200
    assert page.context["form"].errors == {field: [REFUSED]}
    assert client.get("/audit/export.csv", {field: day}).status_code != 500


@pytest.mark.parametrize(
    ("field", "day"), [("reported_from", YEAR_ONE), ("reported_to", YEAR_9999)]
)
def test_the_export_refuses_a_period_out_of_range(cast: Cast, field: str, day: str) -> None:
    page = cast.client("be_supervisor").post(
        "/cases/transfer/export/", {"file_format": "csv", field: day}
    )
    assert page.status_code == 200
    assert page.context["form"].errors == {field: [REFUSED]}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        (f"/cases?reported_from={YEAR_ONE}", "reported_from"),
        (f"/cases?reported_to={YEAR_9999}", "reported_to"),
        (f"/contacts?from={YEAR_ONE}", "from"),
        (f"/contacts?to={YEAR_9999}", "to"),
    ],
)
def test_the_api_lists_refuse_a_filter_out_of_range(cast: Cast, query: str, field: str) -> None:
    response = Client().get(f"/api/v1{query}", headers=_api(cast, "be_operator"))
    assert _field_errors(response) == {field: REFUSED}


@pytest.mark.parametrize(
    "stored",
    [datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, 23, 59, tzinfo=UTC)],
)
def test_an_entry_stored_at_the_ends_of_the_calendar_does_not_break_the_case(
    cast: Cast, stored: datetime
) -> None:
    """As one written before these dates were refused: the case still opens, in a hotline
    whose time zone is behind UTC in year 1 (Lisbon's local mean time) and one ahead."""
    case = make_case(cast)
    entry = case.timeline.order_by("pk").first()
    assert entry is not None
    TimelineEvent.objects.filter(pk=entry.pk).update(occurred_at=stored)
    client = cast.client("be_operator")
    for zone in ("Europe/Lisbon", "Europe/Brussels"):
        cast.be.time_zone = zone
        cast.be.save(update_fields=["time_zone"])
        assert client.get(f"/cases/{case.pk}/").status_code == 200, zone
        assert client.get("/dashboard/").status_code == 200, zone


def test_an_import_refuses_them_with_row_and_column(cast: Cast) -> None:
    content = (
        "category,reported_at,disappeared_on,child_given_names\n"
        f"runaway,{YEAR_ONE} 00:05,{YEAR_9999},Ana\n"
    ).encode()
    report, _columns = validation.check_file("cases", "f.csv", content, cast.be)
    assert {(e["row"], e["column"], e["message"]) for e in report.errors} == {
        (2, "reported_at", REFUSED),
        (2, "disappeared_on", REFUSED),
    }
