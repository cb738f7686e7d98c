from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from homeward.cases.choices import RiskFactorKind, RiskGrade


class RiskAssessment(models.Model):
    """One assessment; a case keeps them all, the newest is current (police practice: risk is
    reviewed continually and every piece of information has a source and a time)."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="risk_assessments"
    )
    grade = models.CharField(_("grade"), max_length=12, choices=RiskGrade.choices)
    rationale = models.TextField(_("rationale"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-assessed_at", "-pk"]


class RiskFactor(models.Model):
    assessment = models.ForeignKey(RiskAssessment, on_delete=models.CASCADE, related_name="factors")
    kind = models.CharField(_("factor"), max_length=20, choices=RiskFactorKind.choices)
    detail = models.TextField(_("detail"), blank=True)
    source = models.CharField(_("source"), max_length=200)
    observed_at = models.DateTimeField(_("when"))

    class Meta:
        ordering = ["pk"]
