"""Mediator profiles and mediations.

A profile belongs to the mediator network (an organisation) and, once the mediator has an
account, to her user. Languages and countries are rows of their own so the public search
filters them through indexes. A profile is public only while `state` is "published": the
yearly re-confirmation sweep turns an unconfirmed one into "not re-confirmed", which every
public read leaves out at once.

A mediation request holds the parents' minimal data; only the network's managers and the
two assigned mediators read it (access.py)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from homeward.cases.models import Case
from homeward.mediators.choices import (
    Background,
    Gender,
    Level,
    Outcome,
    ProfileState,
    RequestSource,
    RequestState,
    SessionFormat,
    Situation,
)
from homeward.organisations.models import Organisation


def new_public_id() -> str:
    return secrets.token_urlsafe(8)


class Mediator(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="mediators"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mediator_profile",
    )
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id)
    full_name = models.CharField(_("name"), max_length=200)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    background = models.CharField(
        _("professional background"), max_length=16, choices=Background.choices
    )
    profession = models.CharField(_("profession"), max_length=100)
    specialisations = models.JSONField(_("specialisations"), default=list, blank=True)
    cities = models.CharField(_("cities of practice"), max_length=200, blank=True)
    network_training = models.BooleanField(_("trained in the network's course"), default=False)
    training_hours = models.PositiveSmallIntegerField(_("hours of training"), default=0)
    training_year = models.PositiveSmallIntegerField(_("year of training"), null=True, blank=True)
    accreditations = models.CharField(_("other accreditations"), max_length=300, blank=True)
    urgent = models.BooleanField(_("available for urgent cases"), default=False)
    travels = models.BooleanField(_("able to travel"), default=False)
    online = models.BooleanField(_("mediates online"), default=False)
    fees = models.CharField(_("fees"), max_length=300, blank=True)
    biographies = models.JSONField(_("biography (by language)"), default=dict, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=ProfileState.choices,
        default=ProfileState.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["full_name", "pk"]
        indexes = [models.Index(fields=["state", "full_name"], name="mediator_public_order")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def practice_countries(self) -> list[str]:
        return [row.country for row in self.countries.all() if row.practises]

    @property
    def accepted_countries(self) -> list[str]:
        return [row.country for row in self.countries.all()]


class MediatorLanguage(models.Model):
    mediator = models.ForeignKey(Mediator, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=16)
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["mediator", "language"], name="mediator_language_once")
        ]
        indexes = [models.Index(fields=["language", "mediator"], name="mediator_by_language")]

    def __str__(self) -> str:
        return f"{self.language} ({self.level})"


class MediatorCountry(models.Model):
    """A country the mediator takes cases with; `practises`: she also works there."""

    mediator = models.ForeignKey(Mediator, on_delete=models.CASCADE, related_name="countries")
    country = models.CharField(_("country"), max_length=2)
    practises = models.BooleanField(default=False)

    class Meta:
        ordering = ["-practises", "country"]
        constraints = [
            models.UniqueConstraint(fields=["mediator", "country"], name="mediator_country_once")
        ]
        indexes = [models.Index(fields=["country", "mediator"], name="mediator_by_country")]

    def __str__(self) -> str:
        return self.country


class MediationRequest(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="mediation_requests"
    )
    source = models.CharField(max_length=8, choices=RequestSource.choices)
    referring_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="mediations"
    )
    situation = models.CharField(_("situation"), max_length=16, choices=Situation.choices)
    country_a = models.CharField(_("country of the first parent"), max_length=2)
    country_b = models.CharField(_("country of the other parent"), max_length=2)
    languages_a = models.JSONField(_("languages of the first parent"), default=list)
    languages_b = models.JSONField(_("languages of the other parent"), default=list)
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    note = models.TextField(_("what the mediators should know"), max_length=2000, blank=True)
    consent_at = models.DateTimeField()
    state = models.CharField(
        max_length=8, choices=RequestState.choices, default=RequestState.NEW, db_index=True
    )
    first_mediator = models.ForeignKey(
        Mediator, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    second_mediator = models.ForeignKey(
        Mediator, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    intake_on = models.DateField(_("intake"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(_("date of the outcome"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"mediation request {self.pk}"

    @property
    def mediators(self) -> list[Mediator]:
        return [m for m in (self.first_mediator, self.second_mediator) if m is not None]


class MediationSession(models.Model):
    request = models.ForeignKey(MediationRequest, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("date"))
    format = models.CharField(_("format"), max_length=16, choices=SessionFormat.choices)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"session {self.held_on}"
