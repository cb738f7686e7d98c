"""A case: one episode of a child (or siblings) missing, with its category-specific sections
and the police and international references (recorded, never queried)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from homeward.cases.choices import (
    AsylumStage,
    Category,
    LeftFrom,
    Reason,
    RiskGrade,
    SisCategory,
    Status,
    Subcategory,
    TakingParent,
)
from homeward.organisations.models import Organisation


class CaseSequence(models.Model):
    """The last reference number used per organisation and year."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="one_sequence_per_year")
        ]


class Case(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cases")
    reference = models.CharField(_("reference"), max_length=32)
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    subcategory = models.CharField(
        _("subcategory"), max_length=24, choices=Subcategory.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.OPEN
    )
    is_cross_border = models.BooleanField(_("cross-border"), default=False)
    risk_grade = models.CharField(
        _("current risk"), max_length=12, choices=RiskGrade.choices, blank=True
    )
    reasons = models.JSONField(_("reasons and vulnerabilities"), default=list, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    reported_at = models.DateTimeField(_("reported"), default=timezone.now)
    disappeared_on = models.DateField(_("disappeared on"), null=True, blank=True)
    disappeared_approximate = models.BooleanField(_("date is approximate"), default=False)

    last_seen_country = models.CharField(_("last seen: country"), max_length=2, blank=True)
    last_seen_locality = models.CharField(_("last seen: locality"), max_length=200, blank=True)
    last_seen_description = models.TextField(_("last seen: where exactly"), blank=True)
    last_seen_latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    last_seen_longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    reporter_name = models.CharField(_("reported by"), max_length=200, blank=True)
    reporter_relationship = models.CharField(
        _("relationship to the child"), max_length=100, blank=True
    )
    reporter_phone = models.CharField(_("reporter's phone"), max_length=40, blank=True)
    reporter_email = models.EmailField(_("reporter's e-mail"), blank=True)

    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("assigned operator"),
    )
    follow_up_due = models.DateTimeField(_("next follow-up due"), null=True, blank=True)

    police_reference = models.CharField(_("national police reference"), max_length=64, blank=True)
    police_reported_on = models.DateField(_("reported to police on"), null=True, blank=True)
    sis_category = models.CharField(
        _("SIS alert category requested"), max_length=8, choices=SisCategory.choices, blank=True
    )
    interpol_notice_requested_on = models.DateField(
        _("Interpol yellow notice requested on"), null=True, blank=True
    )
    hague_file = models.CharField(
        _("Hague Convention central authority file"), max_length=64, blank=True
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-reported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"], name="reference_unique_in_org"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "-reported_at"], name="case_org_status"),
            # the API's list filtered by status and category: its page and, index-only, its count
            models.Index(
                fields=["organisation", "status", "category", "-reported_at", "-id"],
                name="case_org_status_category",
            ),
            models.Index(fields=["organisation", "category"], name="case_org_category"),
            models.Index(fields=["organisation", "risk_grade"], name="case_org_risk"),
            models.Index(
                fields=["organisation", "assigned_to", "status"], name="case_org_assignee"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_high_risk(self) -> bool:
        return self.risk_grade == RiskGrade.HIGH

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED

    @property
    def reason_labels(self) -> list[str]:
        """The reasons and vulnerabilities in the reader's language."""
        return [str(Reason(code).label) if code in Reason.values else code for code in self.reasons]


class _Section(models.Model):
    """A category's own section of a case."""

    COUNTRY_FIELDS: ClassVar[frozenset[str]] = frozenset()
    """Fields holding an ISO 3166-1 code: chosen and shown as the country's name."""

    class Meta:
        abstract = True

    def fields_for_display(self) -> list[tuple[str, object]]:
        """(label, value) in the reader's language: choices and countries by name."""
        rows = []
        for field in self._meta.concrete_fields:
            if field.name in {"id", "case"}:
                continue
            value = getattr(self, field.name)
            if field.choices:
                value = getattr(self, f"get_{field.name}_display")()
            elif field.name in self.COUNTRY_FIELDS:
                value = countries.name(value) or value if value else ""
            elif isinstance(value, bool):
                value = _("yes") if value else _("no")
            rows.append((str(capfirst(field.verbose_name)), value))
        return rows


class ParentalAbductionDetails(_Section):
    COUNTRY_FIELDS = frozenset(
        {"taking_parent_nationality", "taking_parent_residence", "suspected_destination"}
    )
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="parental_abduction")
    taking_parent_relationship = models.CharField(
        _("taking parent"), max_length=100, choices=TakingParent.choices, blank=True
    )
    taking_parent_nationality = models.CharField(
        _("taking parent's nationality"), max_length=2, blank=True
    )
    taking_parent_residence = models.CharField(
        _("taking parent's country of residence"), max_length=2, blank=True
    )
    custody_situation = models.TextField(_("custody and court situation"), blank=True)
    suspected_destination = models.CharField(
        _("suspected destination country"), max_length=2, blank=True
    )
    hague_application_on = models.DateField(_("Hague application made on"), null=True, blank=True)
    mediation_considered = models.BooleanField(_("mediation considered"), default=False)


class MigrationDetails(_Section):
    COUNTRY_FIELDS = frozenset({"registration_country"})
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="migration")
    facility = models.CharField(
        _("reception or accommodation facility"), max_length=200, blank=True
    )
    guardian_appointed = models.BooleanField(_("guardian appointed"), null=True, blank=True)
    registration_country = models.CharField(_("registration country"), max_length=2, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    asylum_stage = models.CharField(
        _("asylum procedure"), max_length=16, choices=AsylumStage.choices, blank=True
    )
    trafficking_indicators = models.TextField(_("trafficking indicators"), blank=True)


class RunawayDetails(_Section):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="runaway")
    left_from = models.CharField(
        _("left from"), max_length=20, choices=LeftFrom.choices, blank=True
    )
    pushed_out = models.BooleanField(_("pushed out"), default=False)
    previous_episodes = models.PositiveSmallIntegerField(_("previous episodes"), default=0)
