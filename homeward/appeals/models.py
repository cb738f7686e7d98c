"""Publicity appeals: consent, the published content, the sites that embed the widget, and
takedowns.

An appeal's public content is a copy made for publication (first name, age, where and when
last seen, the hotline's number, a re-encoded photo in public storage), never the case: the
case's category and reasons are not on it at all. `visible_from`/`visible_until` are the
moments the appeal is public (the start of `starts_on` to the end of `ends_on` in the
organisation's time zone); every public read filters on them and on the state, so an appeal
past its end is gone before the periodic task records its takedown."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from homeward.appeals.choices import (
    Answer,
    ChecklistKind,
    EndReason,
    How,
    Party,
    PhotoSource,
    SiteState,
    State,
)
from homeward.cases.models import Case, Child
from homeward.core.storage import private_storage, public_storage
from homeward.organisations.models import Organisation


def new_public_id() -> str:
    return secrets.token_urlsafe(12)


def new_site_key() -> str:
    return secrets.token_urlsafe(24)


class AppealPolicy(models.Model):
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="appeal_policy"
    )
    default_days = models.PositiveSmallIntegerField(_("default duration (days)"), default=30)
    maximum_days = models.PositiveSmallIntegerField(_("maximum duration (days)"), default=90)
    police_consent_required = models.BooleanField(
        _("the police's consent is required"), default=False
    )
    child_view_from_age = models.PositiveSmallIntegerField(
        _("the child's view is asked from the age of"), default=12
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"appeal policy of {self.organisation}"


class Appeal(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appeals")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="appeals")
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id)
    state = models.CharField(max_length=12, choices=State.choices, default=State.DRAFT)
    first_name = models.CharField(_("first name"), max_length=100)
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    last_seen_on = models.DateField(_("last seen on"), null=True, blank=True)
    last_seen_place = models.CharField(_("last seen in"), max_length=200, blank=True)
    hotline_number = models.CharField(_("hotline number"), max_length=32)
    countries = models.JSONField(_("countries"), default=list)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    photo_source = models.CharField(
        _("photo"), max_length=8, choices=PhotoSource.choices, default=PhotoSource.NONE
    )
    # an uploaded photo, re-encoded, kept private until publication
    draft_photo = models.ImageField(storage=private_storage, upload_to="appeals/", blank=True)
    # the published copy; deleted from public storage at the takedown
    photo = models.ImageField(storage=public_storage, upload_to="appeals/", blank=True)
    visible_from = models.DateTimeField(null=True, blank=True)
    visible_until = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "visible_until"])]

    def __str__(self) -> str:
        return f"appeal {self.public_id}"


class Consent(models.Model):
    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="consents")
    party = models.CharField(_("whose consent"), max_length=12, choices=Party.choices)
    answer = models.CharField(_("answer"), max_length=12, choices=Answer.choices)
    name = models.CharField(_("name of the person"), max_length=200)
    capacity = models.CharField(_("capacity"), max_length=200, blank=True)
    how = models.CharField(_("how"), max_length=12, choices=How.choices)
    given_at = models.DateTimeField(_("when"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["given_at", "pk"]

    def __str__(self) -> str:
        return f"{self.party} {self.answer} on {self.appeal}"


class Takedown(models.Model):
    appeal = models.OneToOneField(Appeal, on_delete=models.CASCADE, related_name="takedown")
    at = models.DateTimeField()
    reason = models.CharField(max_length=20, choices=EndReason.choices)
    photo_deleted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"takedown of {self.appeal}"


class ChecklistItem(models.Model):
    """One thing to take down that Homeward cannot reach, for the operator to tick."""

    takedown = models.ForeignKey(Takedown, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=12, choices=ChecklistKind.choices)
    country = models.CharField(max_length=2, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.country}".strip()


class WidgetSite(models.Model):
    """A website that embeds the 404 widget, keyed. Not personal data beyond a contact
    address the owner gave for the key."""

    key = models.CharField(max_length=64, unique=True, default=new_site_key)
    name = models.CharField(_("site name"), max_length=200)
    origin = models.CharField(_("origin"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    country = models.CharField(_("country"), max_length=2)
    state = models.CharField(max_length=8, choices=SiteState.choices, default=SiteState.ACTIVE)
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    blocked_at = models.DateTimeField(null=True, blank=True)
    blocked_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["country", "name", "pk"]

    def __str__(self) -> str:
        return self.name
