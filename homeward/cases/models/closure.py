from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from homeward.cases.choices import DurationBand, Outcome


class Closure(models.Model):
    """A closure: requested by an operator, approved (or sent back) by a supervisor. A reopened
    case keeps its earlier closures."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Sent back")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="closures")
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    found_on = models.DateField(_("found on"), null=True, blank=True)
    found_country = models.CharField(_("found in country"), max_length=2, blank=True)
    found_place = models.CharField(_("found where"), max_length=200, blank=True)
    how_found = models.TextField(_("how found"), blank=True)
    support_offered = models.JSONField(_("follow-up support offered"), default=list, blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("supervisor's note"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]


def duration_band(start: date | None, end: date | None) -> str:
    """The published duration bands: < 1 week, 1 week–1 month, 1–6 months, > 6 months."""
    if start is None or end is None:
        return ""
    return duration_band_of_days((end - start).days)


def duration_band_of_days(days: int) -> str:
    """The band of a time until found given in days."""
    if days < 7:
        return DurationBand.UNDER_WEEK
    if days <= 31:
        return DurationBand.WEEK_MONTH
    if days <= 183:
        return DurationBand.MONTH_SIX
    return DurationBand.OVER_SIX
