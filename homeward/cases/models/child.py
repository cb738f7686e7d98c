"""A child: the person, kept across episodes. A child who goes missing again is linked to a new
case through CaseChild, so repeat episodes show on the child."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _

from homeward.cases.choices import BirthPrecision, Sex
from homeward.core.storage import private_storage
from homeward.organisations.models import Organisation

SUMMARY_FIELDS = (
    "id",
    "given_names",
    "family_name",
    "original_script_name",
    "sex",
    "birth_precision",
    "birth_date",
    "birth_year",
    "estimated_age",
    "age_estimated_on",
)
"""What a child's summary in a result list or a case reads: names, sex and what `Child.age_on`
needs, in column order. No restricted field."""


class Child(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="children"
    )
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    family_name = models.CharField(_("family name"), max_length=200, blank=True)
    original_script_name = models.CharField(
        _("name in its original script"), max_length=200, blank=True
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_precision = models.CharField(
        _("date of birth is"),
        max_length=10,
        choices=BirthPrecision.choices,
        default=BirthPrecision.EXACT,
    )
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    estimated_age = models.PositiveSmallIntegerField(_("estimated age"), null=True, blank=True)
    age_estimated_on = models.DateField(_("age estimated on"), null=True, blank=True)
    nationalities = models.JSONField(_("nationalities"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    physical_description = models.TextField(_("physical description"), blank=True)
    living_situation = models.TextField(_("living situation"), blank=True)
    # restricted: shown only to roles with the medical permission
    vulnerabilities = models.JSONField(
        _("medical needs and vulnerabilities"), default=list, blank=True
    )
    medical_notes = models.TextField(_("medical notes"), blank=True)
    # restricted: shown only to roles with the photo permission
    photo = models.ImageField(
        _("photo"), storage=private_storage, upload_to="children/", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family_name", "given_names"]

    def __str__(self) -> str:
        return " ".join(p for p in (self.given_names, self.family_name) if p) or f"child #{self.pk}"

    @property
    def display_name(self) -> str:
        return str(self)

    def age_on(self, day: date) -> int | None:
        """Age in whole years on `day`, from whatever precision is known."""
        return age_on(self, day)


class BirthFields(Protocol):
    """A Child, or anything holding its birth fields (a search result's summary)."""

    @property
    def birth_precision(self) -> str: ...
    @property
    def birth_date(self) -> date | None: ...
    @property
    def birth_year(self) -> int | None: ...
    @property
    def estimated_age(self) -> int | None: ...
    @property
    def age_estimated_on(self) -> date | None: ...


def age_on(child: BirthFields, day: date) -> int | None:
    """The child's age in whole years on `day`, from whatever precision is known."""
    if child.birth_precision == BirthPrecision.EXACT and child.birth_date:
        born = child.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    if child.birth_precision == BirthPrecision.YEAR and child.birth_year:
        return day.year - child.birth_year
    if child.estimated_age is not None and child.age_estimated_on:
        return child.estimated_age + (day - child.age_estimated_on).days // 365
    return None


class CaseChild(models.Model):
    """A child in one case: what belongs to this episode only."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="case_children")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="episodes")
    clothing = models.TextField(_("clothing when last seen"), blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "child"], name="child_once_per_case")
        ]


class ChildName(models.Model):
    """Another form of a child's name: an alias, or how another system wrote it."""

    class Kind(models.TextChoices):
        ALIAS = "alias", _("Alias or nickname")
        OTHER_FORM = "other_form", _("Form used by another system")

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="other_names")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.OTHER_FORM)
    value = models.CharField(_("name"), max_length=200)
    source = models.CharField(_("where it comes from"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]


class NameKey(models.Model):
    """Search keys derived from every form of a child's name (see cases/names/). Rebuilt by
    the actions whenever a name changes; never edited by hand."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="name_keys")
    kind = models.CharField(max_length=12)
    key = models.CharField(max_length=64)

    class Meta:
        # with the child: name search reads its candidates from this index alone
        indexes = [
            models.Index(fields=["organisation", "key", "child"], name="namekey_org_key_child")
        ]
