"""Each kind of date has a rule of what is plausible, kept by the action that stores it, so the
forms and the API refuse the same dates with the same message naming the field: nothing in a
case happens before its child was born (a timeline entry, a risk factor's time), and no
contact starts before the 116 000 number existed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from homeward.cases.models import Contact, RiskFactor
from homeward.organisations import actions as org_actions
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db

BEFORE_BIRTH = "This is before the child was born (2011-03-14)."  # make_case's child
BEFORE_116000 = "A contact cannot start before 2007-02-15, when the 116 000 number was reserved."


def _api(cast: Cast, method: str, path: str, body: dict[str, Any]) -> dict[str, str]:
    member = cast.member("be_operator")
    secret = org_actions.create_api_token(membership=member, name="test", days=1).secret
    response = getattr(Client(), method)(
        f"/api/v1{path}",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 422, response.content
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def test_a_timeline_entry_before_the_child_was_born_is_refused(cast: Cast) -> None:
    case = make_case(cast)
    note = {"kind": "note", "text": "Seen at the station"}
    page = cast.client("be_operator").post(
        f"/cases/{case.pk}/timeline/", {**note, "occurred_at": "1900-05-05T10:00"}
    )
    assert page.context["timeline_form"].errors == {"occurred_at": [BEFORE_BIRTH]}
    answer = _api(
        cast, "post", f"/cases/{case.pk}/timeline", {**note, "occurred_at": "1900-05-05T10:00:00Z"}
    )
    assert answer == {"occurred_at": BEFORE_BIRTH}
    assert not case.timeline.filter(text="Seen at the station").exists()


def test_a_risk_factor_observed_before_the_child_was_born_is_refused(cast: Cast) -> None:
    case = make_case(cast)
    page = cast.client("be_operator").post(
        f"/cases/{case.pk}/risk/",
        {
            "grade": "high",
            "factor-TOTAL_FORMS": "1",
            "factor-INITIAL_FORMS": "0",
            "factor-0-kind": "first_episode",
            "factor-0-source": "the mother",
            "factor-0-observed_at": "1900-01-01T00:00",
        },
    )
    assert page.status_code == 200
    assert BEFORE_BIRTH in page.content.decode()
    factor = {
        "kind": "first_episode",
        "source": "the mother",
        "observed_at": "1900-01-01T00:00:00Z",
    }
    answer = _api(cast, "post", f"/cases/{case.pk}/risk", {"grade": "high", "factors": [factor]})
    assert answer == {"factors.0.observed_at": BEFORE_BIRTH}
    assert not RiskFactor.objects.exists()


def test_without_a_known_birth_the_case_reaches_back_18_years(cast: Cast) -> None:
    """An estimated age is the very thing in doubt (a child in migration): no birth to go by."""
    today = timezone.localdate()
    estimated = {"birth_precision": "estimated", "estimated_age": 12, "age_estimated_on": today}
    case = make_case(cast, children=[{"given_names": "Noor", **estimated}])
    client = cast.client("be_operator")
    url = f"/cases/{case.pk}/timeline/"
    long_ago = {"kind": "note", "text": "An old story", "occurred_at": "1990-01-01T10:00"}
    [error] = client.post(url, long_ago).context["timeline_form"].errors["occurred_at"]
    assert error.startswith(
        f"This is more than 18 years before the case was reported (before {today.year - 18}-"
    )
    recent = (today - timedelta(days=365 * 10)).isoformat()
    assert client.post(url, {**long_ago, "occurred_at": f"{recent}T10:00"}).status_code == 302


def test_a_contact_before_the_116000_number_is_refused(cast: Cast) -> None:
    page = cast.client("be_operator").post(
        "/contacts/new/",
        {
            "channel": "phone_116000",
            "caller": "parent",
            "contact_type": "information",
            "started_at": "1900-01-01T10:00",
        },
    )
    assert page.context["form"].errors == {"started_at": [BEFORE_116000]}
    body = {
        "channel": "phone_116000",
        "caller": "parent",
        "contact_type": "information",
        "started_at": "1900-01-01T10:00:00Z",
    }
    assert _api(cast, "post", "/contacts", body) == {"started_at": BEFORE_116000}
    assert not Contact.objects.exists()
