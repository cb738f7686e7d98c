"""Refusals that a supervisor must be able to act on: on the field at fault, every wrong value
named at once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from homeward.alerts import actions
from homeward.alerts.models import Alert
from homeward.testing.alerts import abduction_case, make_alert, make_assessment, publication
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _decision(cast: Cast, **changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "membership": cast.member("be_supervisor"),
        "assessment": make_assessment(cast, abduction_case(cast)),
        "authority_kind": "prosecutor", "authority_name": "Parquet de Bruxelles",
        "decided_by": "A. Example, prosecutor", "decided_at": timezone.now(),
        "grounds": "Witnessed abduction.", "publication": publication(),
    }  # fmt: skip
    values.update(changes)
    return values


def test_a_decision_too_long_ago_is_refused_on_its_time(cast: Cast) -> None:
    with pytest.raises(ValidationError) as refused:
        actions.record_activation(**_decision(cast, decided_at=datetime(1901, 1, 1, tzinfo=UTC)))
    assert list(refused.value.message_dict) == ["decided_at"]
    assert not Alert.objects.exists()


def test_every_wrong_country_and_region_is_named_at_once(cast: Cast) -> None:
    scope = publication(countries=["BE", "XX", "YY"], regions=["BE-BRU", "FR-75", "ZZ"])
    with pytest.raises(ValidationError) as refused:
        actions.record_activation(**_decision(cast, publication=scope))
    errors = refused.value.message_dict
    assert "XX" in errors["countries"][0] and "YY" in errors["countries"][0]
    assert "FR-75" in errors["regions"][0] and "ZZ" in errors["regions"][0]
    assert "BE-BRU" not in errors["regions"][0]


def test_the_update_page_refuses_regions_of_other_countries(cast: Cast) -> None:
    alert = make_alert(cast, photo=False)
    regions = list(alert.regions)
    page = Client()
    page.force_login(cast.user("be_supervisor"))
    data = {
        "countries": "BE", "regions": "BE-BRU FR-75 DE-BE", "duration_hours": "12",
        "headline": alert.headline, "description": alert.description,
        "instruction": alert.instruction, "hotline_number": alert.hotline_number,
        "urgency": alert.urgency, "severity": alert.severity, "certainty": alert.certainty,
    }  # fmt: skip
    form = page.post(reverse("alert_update", args=[alert.pk]), data).context["form"]
    assert "FR-75" in form.errors["regions"][0] and "DE-BE" in form.errors["regions"][0]
    alert.refresh_from_db()
    assert alert.regions == regions and alert.messages.count() == 1
