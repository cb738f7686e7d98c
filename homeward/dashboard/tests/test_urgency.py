"""The most urgent cases come first everywhere, however many cases a hotline has: the order is
taken in the database before the panels and lists are cut."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from homeward.cases.models import Case
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _busy_hotline_with_one_old_high_risk_case(cast: Cast) -> Case:
    """60 unassessed cases reported over the last days (each needs attention), and one high-risk
    case reported before all of them."""
    now = timezone.now()
    old_high = make_case(cast, reported_at=now - timedelta(days=30))
    Case.objects.filter(pk=old_high.pk).update(risk_grade="high")
    for hours in range(2, 62):
        make_case(cast, reported_at=now - timedelta(hours=hours))
    return old_high


def test_an_old_high_risk_case_heads_needs_attention_on_the_dashboard(cast: Cast) -> None:
    old_high = _busy_hotline_with_one_old_high_risk_case(cast)
    page = cast.client("be_operator").get("/dashboard/")
    assert page.context["attention"][0] == old_high
    assert page.context["my_cases"][0] == old_high
    assert page.context["attention_count"] == 61


def test_an_old_high_risk_case_heads_the_handover_summary(cast: Cast) -> None:
    old_high = _busy_hotline_with_one_old_high_risk_case(cast)
    page = cast.client("be_supervisor").get("/cases/handover/")
    assert page.context["attention"][0] == old_high
