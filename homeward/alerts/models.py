"""Child alerts: the assessment against the national criteria, the competent authority's
decision, and the CAP 1.2 messages published for it."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from homeward.alerts.cap import cap_time
from homeward.alerts.choices import (
    AlertState,
    AuthorityKind,
    CapCertainty,
    CapSeverity,
    CapUrgency,
    EndReason,
    MsgType,
    Recommendation,
)
from homeward.cases.models import Case
from homeward.core.storage import public_storage
from homeward.organisations.models import Organisation


class AlertCriterion(models.Model):
    """One criterion of the national alert system, as the organisation admin words it. An
    organisation without any uses the European defaults (`choices.DEFAULT_CRITERIA`)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    wording = models.CharField(_("criterion"), max_length=300)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["organisation", "position", "pk"]

    def __str__(self) -> str:
        return self.wording

    @property
    def key(self) -> str:
        return f"c{self.pk}"


class AlertAssessment(models.Model):
    """A supervisor's assessment of a case against the criteria, the risks of publicity and a
    recommendation. `criteria` keeps each criterion's wording as it was when assessed:
    [{"key", "wording", "answer", "note"}]."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="alert_assessments")
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField(auto_now_add=True)
    criteria = models.JSONField(_("criteria"), default=list)
    publicity_risks = models.JSONField(_("risks of publicity"), default=list, blank=True)
    risks_note = models.TextField(_("about these risks"), blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices
    )
    reasoning = models.TextField(_("reasoning"))

    class Meta:
        ordering = ["-made_at", "-pk"]


class AlertSequence(models.Model):
    """The last alert number used per organisation and year (core.references)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="alert_sequence_unique")
        ]


def new_public_id() -> str:
    return secrets.token_hex(10)


class Alert(models.Model):
    """An alert the competent authority activated; Homeward records the decision and publishes
    what the authority authorised. Never activated by Homeward on its own."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="alerts")
    assessment = models.ForeignKey(AlertAssessment, on_delete=models.PROTECT, related_name="+")
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id)
    reference = models.CharField(_("reference"), max_length=32, unique=True)
    state = models.CharField(
        _("state"), max_length=8, choices=AlertState.choices, default=AlertState.ACTIVE
    )
    # the decision
    authority_kind = models.CharField(
        _("competent authority"), max_length=12, choices=AuthorityKind.choices
    )
    authority_name = models.CharField(_("name of the authority"), max_length=200)
    decided_by = models.CharField(_("decided by (name and function)"), max_length=200)
    decided_at = models.DateTimeField(_("decided at"))
    grounds = models.TextField(_("grounds of the decision"))
    countries = models.JSONField(_("countries"), default=list)
    regions = models.JSONField(_("regions"), default=list, blank=True)
    duration_hours = models.PositiveSmallIntegerField(_("duration in hours"))
    expires_at = models.DateTimeField(_("expires at"))
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=CapUrgency.choices, default=CapUrgency.IMMEDIATE
    )
    severity = models.CharField(
        _("severity"), max_length=10, choices=CapSeverity.choices, default=CapSeverity.SEVERE
    )
    certainty = models.CharField(
        _("certainty"), max_length=10, choices=CapCertainty.choices, default=CapCertainty.LIKELY
    )
    # the published content (what the authority authorised, nothing else)
    headline = models.CharField(_("headline"), max_length=160)
    description = models.TextField(_("description of the child and the circumstances"))
    instruction = models.TextField(_("what the public should do"))
    hotline_number = models.CharField(_("number to call"), max_length=40)
    translations = models.JSONField(
        _("other languages"), default=dict, blank=True
    )  # {"fr": {"headline", "description", "instruction"}}
    photo = models.FileField(
        _("authorised photo"), storage=public_storage, upload_to="alerts/", blank=True
    )
    photo_sha1 = models.CharField(max_length=40, blank=True)
    photo_size = models.PositiveIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # the end
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    end_reason = models.CharField(
        _("why it ended"), max_length=16, choices=EndReason.choices, blank=True
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["state", "expires_at"], name="alert_state_expiry")]

    def __str__(self) -> str:
        return self.reference


class CapMessage(models.Model):
    """A CAP 1.2 message as published: immutable once written."""

    alert = models.ForeignKey(Alert, on_delete=models.PROTECT, related_name="messages")
    identifier = models.CharField(max_length=80, unique=True)
    sender = models.CharField(max_length=120)
    sent = models.DateTimeField()
    msg_type = models.CharField(max_length=8, choices=MsgType.choices)
    references = models.TextField(blank=True)
    xml = models.TextField()
    # whether it holds the child's details (the Cancel does not): such messages answer 410
    # once the alert has ended
    has_details = models.BooleanField(default=True)

    class Meta:
        ordering = ["sent", "pk"]

    def __str__(self) -> str:
        return self.identifier

    @property
    def reference_triple(self) -> str:
        return f"{self.sender},{self.identifier},{cap_time(self.sent)}"
