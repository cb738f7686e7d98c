"""Prevention pages (one per country, language and audience) and services for children in
migration, in the shape of the Open Referral HSDS 3.0 (organization, service with its location,
phone and schedule folded in; name and description translated per language).

Neither holds personal data of a child: a service's contact is the organisation's, and the
submitter's e-mail is kept only for moderation and never shown."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from homeward.directories.choices import Audience, ServiceKind, State


class PreventionEntry(models.Model):
    country = models.CharField(_("country"), max_length=2)
    language = models.CharField(_("language"), max_length=8)
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices)
    hague_in_force = models.BooleanField(_("1980 Hague Convention in force"), default=False)
    hague_partners = models.TextField(_("in force since and with whom"), blank=True)
    brussels_iib = models.BooleanField(_("Brussels IIb applies"), default=False)
    authority_name = models.CharField(_("central authority"), max_length=200, blank=True)
    authority_address = models.TextField(_("central authority's address"), blank=True)
    authority_phone = models.CharField(_("central authority's phone"), max_length=40, blank=True)
    authority_email = models.EmailField(_("central authority's e-mail"), blank=True)
    authority_website = models.URLField(_("central authority's website"), blank=True)
    mediation_contact = models.TextField(_("national mediation contact point"), blank=True)
    hotline_number = models.CharField(_("116 000 hotline"), max_length=40, default="116 000")
    what_you_can_do = models.TextField(_("what you can do"))
    verified_on = models.DateField(_("last verified on"))
    verified_by = models.CharField(_("verified by"), max_length=200)
    reminded_on = models.DateField(_("reminder sent on"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country", "audience", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "language", "audience"], name="one_prevention_entry_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.audience} ({self.language})"


class Provider(models.Model):
    """HSDS `organization`: who runs a service."""

    name = models.CharField(_("organisation"), max_length=200)
    website = models.URLField(_("organisation's website"), blank=True)
    email = models.EmailField(_("organisation's e-mail"), blank=True)

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """HSDS `service` with its one `location`, `phone` and `schedule` as fields. `kinds` and
    `languages` are kept as `|a|b|` so one indexed country narrows first and a LIKE finds the
    rest in the same query on SQLite and PostgreSQL alike."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    language = models.CharField(_("language of the name and description"), max_length=8)
    kinds = models.CharField(_("kinds of service"), max_length=200)
    languages = models.CharField(_("languages spoken"), max_length=200)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.SUBMITTED
    )
    eligibility_description = models.TextField(_("who may use it"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    interpretation_services = models.CharField(_("interpretation"), max_length=200, blank=True)
    free = models.BooleanField(_("free of charge"), default=True)
    fees_description = models.CharField(_("fees"), max_length=200, blank=True)
    schedule = models.CharField(_("opening hours"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2)
    city = models.CharField(_("city"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)
    service_area = models.CharField(_("area served"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    url = models.URLField(_("website"), blank=True)
    assured_date = models.DateField(_("last assured on"), null=True, blank=True)
    assurer_email = models.EmailField(_("assured by"), blank=True)
    submitter_email = models.EmailField(_("submitted by"))
    submitted_at = models.DateTimeField(auto_now_add=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    moderation_note = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["country", "city", "name"]
        indexes = [
            models.Index(fields=["state", "country", "city", "name"], name="service_search"),
            models.Index(fields=["state", "name"], name="service_state_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_list(self) -> list[str]:
        return [k for k in self.kinds.split("|") if k]

    @property
    def kind_labels(self) -> list[str]:
        return [str(ServiceKind(k).label) for k in self.kind_list if k in ServiceKind.values]

    @property
    def language_list(self) -> list[str]:
        return [k for k in self.languages.split("|") if k]


class ServiceTranslation(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "language"], name="one_translation_per_language"
            )
        ]
