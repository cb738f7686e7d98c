"""The directories' enumerations: audiences of a prevention page, kinds of service (the
taxonomy), a service's states and the languages the pages are written in."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    PARENTS = "parents", _("Parents and families")
    YOUNG = "young", _("Children and young people")


class ServiceKind(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    FOOD = "food", _("Food")
    HEALTH = "health", _("Health")
    LEGAL = "legal", _("Legal help")
    GUARDIANSHIP = "guardianship", _("Guardianship")
    TRACING = "tracing", _("Family tracing and reunification")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial support")
    EDUCATION = "education", _("Education")


class State(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The states each moderation step may start from.
PUBLISHABLE = (State.SUBMITTED, State.WITHDRAWN)
REJECTABLE = (State.SUBMITTED,)
WITHDRAWABLE = (State.PUBLISHED,)

# HSDS `status`: what the public export says of a published service.
HSDS_STATUS = "active"
