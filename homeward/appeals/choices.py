"""The enumerations of publicity appeals."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ENDED = "ended", pgettext_lazy("appeal state", "Ended")


class EndReason(models.TextChoices):
    CHILD_FOUND = "child_found", _("Child found")
    CASE_CLOSED = "case_closed", _("Case closed")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")
    EXPIRED = "expired", _("End date passed")
    BY_HOTLINE = "by_hotline", _("Ended by the hotline")


class Party(models.TextChoices):
    GUARDIAN = "guardian", _("Parent or guardian")
    POLICE = "police", _("Police")
    CHILD = "child", _("The child")


class Answer(models.TextChoices):
    GIVEN = "given", _("Given")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class How(models.TextChoices):
    PHONE = "phone", _("By phone")
    WRITING = "writing", _("In writing")
    IN_PERSON = "in_person", _("In person")


class PhotoSource(models.TextChoices):
    NONE = "none", _("No photo")
    CHILD = "child", _("The child's photo in the case")
    UPLOAD = "upload", _("A photo uploaded for the appeal")


class ChecklistKind(models.TextChoices):
    """What Homeward cannot take down itself (after Missing People UK's guidance on removing
    publicity: list everything posted and everything others shared, and take each down)."""

    OWN_SOCIAL = "own_social", _("The hotline's own social media posts: delete them")
    SHARES = "shares", _("Shares and reposts by others: ask for them to be deleted")
    PRESS = "press", _("Press and online articles: ask for removal or anonymisation")
    PARTNERS = "partners", _("Partner and police websites: ask them to remove the appeal")
    SEARCH = "search", _("Search engines' cached copies: request their removal")
    POSTERS = "posters", _("Printed posters and leaflets: take them down")
    MESSAGING = "messaging", _("Messaging groups it was sent to: ask for deletion")


class SiteState(models.TextChoices):
    ACTIVE = "active", _("Active")
    BLOCKED = "blocked", _("Blocked")
