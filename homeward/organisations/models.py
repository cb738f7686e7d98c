"""Organisations of the network, their hotlines, staff and memberships, and API tokens."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any, ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from homeward.organisations.roles import OrganisationKind, Permission, Role, permissions_of


class Channel(models.TextChoices):
    PHONE_116000 = "phone_116000", _("116 000 phone")
    PHONE_OTHER = "phone_other", _("Other phone")
    SMS = "sms", _("SMS")
    CHAT = "chat", _("Chat")
    EMAIL = "email", _("E-mail")
    SOCIAL_MEDIA = "social_media", _("Social media")
    WALK_IN = "walk_in", _("Walk-in")
    REFERRAL = "referral", _("Referral from another hotline")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user


class User(AbstractBaseUser):
    """A member of staff. Signs in with e-mail; belongs to organisations through memberships."""

    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    language = models.CharField(
        _("language"),
        max_length=16,
        blank=True,
        help_text=_("The language of the pages at every sign-in; blank: the browser's."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2")
    )
    languages = models.JSONField(_("languages"), default=list, help_text=_("BCP 47 tags"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Brussels")
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")

    def __str__(self) -> str:
        return self.name

    def day_start(self, day: date) -> datetime:
        """Midnight of `day` in the organisation's time zone (UTC if its zone is unknown)."""
        try:
            zone = ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("UTC")
        return datetime.combine(day, time.min, tzinfo=zone)

    def days(self, first: date | None, last: date | None) -> tuple[datetime | None, ...]:
        """The moments from the start of `first` (included) to the start of the day after
        `last` (excluded), in the organisation's time zone; None for a day not given."""
        return (
            self.day_start(first) if first is not None else None,
            self.day_start(last + timedelta(days=1)) if last is not None else None,
        )


class Hotline(models.Model):
    """A public hotline an organisation runs in a country. Not personal data: it is what the
    public hotline finder shows."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="hotlines"
    )
    country = models.CharField(_("country"), max_length=2)
    name = models.CharField(_("public name"), max_length=200)
    number_116000 = models.CharField(_("116 000 number"), max_length=32, default="116 000")
    other_numbers = models.JSONField(_("other numbers"), default=list, blank=True)
    is_24_7 = models.BooleanField(_("open 24/7"), default=True)
    hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    channels = models.JSONField(_("channels"), default=list)
    languages = models.JSONField(_("languages"), default=list)
    website = models.URLField(_("website"), blank=True)
    public_email = models.EmailField(_("public e-mail"), blank=True)
    is_listed = models.BooleanField(_("listed in the public finder"), default=True)

    class Meta:
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "country"], name="one_hotline_per_country"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    deactivated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"

    @property
    def permissions(self) -> frozenset[Permission]:
        return permissions_of(self.role)

    def has_perm(self, permission: Permission) -> bool:
        return self.is_active and permission in self.permissions


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        """Neither accepted, declined nor revoked, and not expired."""
        return self.filter(
            accepted_at__isnull=True,
            declined_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )


class Invitation(models.Model):
    """An organisation's offer of a membership to an e-mail address. It grants nothing until
    the person who holds that address accepts it while signed in; the inviting organisation
    sees only the address it typed, never who (if anyone) has an account there."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    # The account that held the address when the invitation was made (created then if there
    # was none): only it can answer. Never shown to the inviting organisation.
    invitee = models.ForeignKey(User, on_delete=models.PROTECT, related_name="invitations")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    invited_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")

    def __str__(self) -> str:
        return f"{self.email} — {self.get_role_display()} — {self.organisation}"

    @property
    def state(self) -> str:
        if self.accepted_at is not None:
            return self.State.ACCEPTED
        if self.declined_at is not None:
            return self.State.DECLINED
        if self.revoked_at is not None:
            return self.State.REVOKED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.PENDING

    def get_state_display(self) -> str:
        return str(self.State(self.state).label)


class ApiToken(models.Model):
    """A personal API token: scoped to one membership's organisation, stored as a SHA-256
    digest, expiring and revocable. The secret is shown once, at creation."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="api_tokens")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
