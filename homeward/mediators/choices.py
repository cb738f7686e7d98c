"""The mediators' enumerations: profiles, their states, and the mediations."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Other or not stated")


class Background(models.TextChoices):
    LEGAL = "legal", _("Legal")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial")
    BOTH = "both", _("Legal and psychosocial")


class Level(models.TextChoices):
    NATIVE = "native", _("Native")
    FLUENT = "fluent", _("Fluent")
    WORKING = "working", _("Working knowledge")


class Specialisation(models.TextChoices):
    ABDUCTION = "abduction", _("International child abduction")
    RELOCATION = "relocation", _("Relocation abroad")
    CONTACT = "contact", _("Contact across borders")
    DOMESTIC_VIOLENCE = "violence", _("Situations with domestic violence")
    CHILD_HEARING = "child_hearing", _("Hearing the child")
    AGREEMENT_RECOGNITION = "recognition", _("Making the agreement binding")


class ProfileState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for verification")
    PUBLISHED = "published", _("Published")
    LAPSED = "lapsed", _("Not re-confirmed")
    UNPUBLISHED = "unpublished", _("Unpublished")


class Situation(models.TextChoices):
    TAKEN_ABROAD = "taken_abroad", _("A child was taken abroad or kept abroad")
    RELOCATION = "relocation", _("A parent wishes to move abroad with the child")
    CONTACT = "contact", _("Contact between a child and a parent across borders")


class RequestSource(models.TextChoices):
    PARENT = "parent", _("A parent, through the public form")
    HOTLINE = "hotline", _("A hotline's referral")


class RequestState(models.TextChoices):
    NEW = "new", _("New")
    ASSIGNED = "assigned", _("Pair assigned")
    INTAKE = "intake", _("Intake done")
    CLOSED = "closed", _("Closed")


class SessionFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    PRESSURE_COOKER = "pressure_cooker", _("Pressure-cooker (several sessions over a few days)")


class Outcome(models.TextChoices):
    FULL = "full", _("Full agreement")
    PARTIAL = "partial", _("Partial agreement")
    NONE = "none", _("No agreement")
    ENDED = "ended", _("Ended before an agreement")
