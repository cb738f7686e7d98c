"""A point of contact: every call, message or visit, whether or not it becomes a case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from homeward.cases.choices import Caller, ContactType
from homeward.organisations.models import Channel, Organisation


class Contact(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contacts"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    started_at = models.DateTimeField(_("started"), default=timezone.now, db_index=True)
    duration_seconds = models.PositiveIntegerField(_("duration (seconds)"), null=True, blank=True)
    caller = models.CharField(_("who contacts"), max_length=20, choices=Caller.choices)
    language = models.CharField(_("language"), max_length=16, blank=True)
    contact_type = models.CharField(_("contact type"), max_length=20, choices=ContactType.choices)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="contacts"
    )
    notes = models.TextField(_("notes"), blank=True)
    caller_consent = models.BooleanField(
        _("caller agreed to their details being kept"), default=False
    )
    caller_name = models.CharField(_("caller's name"), max_length=200, blank=True)
    caller_phone = models.CharField(_("caller's phone"), max_length=40, blank=True)
    caller_email = models.EmailField(_("caller's e-mail"), blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["organisation", "-started_at"], name="contact_org_started")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(caller_consent=True)
                | (
                    models.Q(caller_name="") & models.Q(caller_phone="") & models.Q(caller_email="")
                ),
                name="caller_details_need_consent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def has_caller_details(self) -> bool:
        return bool(self.caller_name or self.caller_phone or self.caller_email)
