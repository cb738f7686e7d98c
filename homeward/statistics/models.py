"""Annual returns: one per hotline and year, computed from its Homeward data or uploaded from
another system, reviewed and submitted by the hotline; the network office locks a year once
its report is final."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from homeward.organisations.models import Organisation


class ReportingYear(models.Model):
    """A year the network office has opened for returns (and, once final, locked)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    due_on = models.DateField(_("returns due on"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    locked_at = models.DateTimeField(_("locked"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unlocked_at = models.DateTimeField(_("last unlocked"), null=True, blank=True)
    unlocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unlock_reason = models.TextField(_("why it was unlocked"), blank=True)

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None


class AnnualReturn(models.Model):
    class Source(models.TextChoices):
        COMPUTED = "computed", _("Computed from Homeward")
        UPLOADED = "uploaded", _("Uploaded from another system")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="annual_returns"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    prepared_at = models.DateTimeField(_("prepared"))
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file_name = models.CharField(_("uploaded file"), max_length=200, blank=True)
    note = models.TextField(_("note to the network office"), blank=True)
    reopened_at = models.DateTimeField(_("last reopened"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reopen_reason = models.TextField(_("why the network office reopened it"), blank=True)

    class Meta:
        ordering = ["-year", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="one_return_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"


class ReturnValue(models.Model):
    """One cell of a return: an indicator, its breakdown (codes joined by ".", see figures.py)
    and the value (a count, or a median in the indicator's unit)."""

    annual_return = models.ForeignKey(AnnualReturn, on_delete=models.CASCADE, related_name="values")
    indicator = models.CharField(max_length=40)
    breakdown = models.CharField(max_length=120, blank=True)
    value = models.DecimalField(max_digits=12, decimal_places=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["annual_return", "indicator", "breakdown"], name="one_value_per_cell"
            )
        ]
        indexes = [models.Index(fields=["indicator", "breakdown"], name="returnvalue_cell")]


class Reminder(models.Model):
    """The network office reminded a hotline of a year's return (by e-mail to the members who
    may submit it). The year's status page shows the latest."""

    reporting_year = models.ForeignKey(
        ReportingYear, on_delete=models.CASCADE, related_name="reminders"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("reminded"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recipients = models.PositiveSmallIntegerField(_("people reminded"), default=0)

    class Meta:
        ordering = ["-sent_at"]
