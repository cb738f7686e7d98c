from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.audit.actions import record_event
from homeward.cases.actions.common import add_timeline, case_began, require_editor
from homeward.cases.choices import RiskFactorKind, RiskGrade, TimelineKind
from homeward.cases.models import Case, RiskAssessment, RiskFactor
from homeward.organisations.models import Membership

FACTOR_FIELDS = ("kind", "detail", "source", "observed_at")


def assess_risk(
    *,
    membership: Membership,
    case: Case,
    grade: str,
    rationale: str = "",
    factors: Sequence[Mapping[str, Any]] = (),
) -> RiskAssessment:
    """A (re)assessment: the grade and the factors behind it, each with its source and time.
    The newest assessment is the case's current risk. A row left wholly empty is no factor;
    any other row is a factor and is checked, never dropped. Every error of every row is
    refused at once, each under `factors.<row>.<field>`."""
    require_editor(membership, case)
    errors: dict[str, list[str]] = {}
    if grade not in RiskGrade.values:
        errors["grade"] = [_("Choose very low, low, medium or high.")]
    now = timezone.now()
    began, refusal = case_began(case) if factors else (now, "")
    rows = []
    for index, factor in enumerate(factors):
        if not any(str(factor.get(name) or "").strip() for name in FACTOR_FIELDS):
            continue
        for name, message in _factor_errors(factor, now, began, refusal).items():
            errors[f"factors.{index}.{name}"] = [message]
        rows.append(
            (
                factor.get("kind") or "",
                str(factor.get("detail") or ""),
                str(factor.get("source") or "").strip(),
                factor.get("observed_at") or now,
            )
        )
    if grade == RiskGrade.HIGH and not rows:
        errors["factors"] = [_("Record at least one factor behind a high risk.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        assessment = RiskAssessment.objects.create(
            case=case,
            grade=grade,
            rationale=rationale,
            assessed_by=membership.user,
            assessed_at=now,
        )
        RiskFactor.objects.bulk_create(
            RiskFactor(assessment=assessment, kind=k, detail=d, source=s, observed_at=o)
            for k, d, s, o in rows
        )
        previous = case.risk_grade
        Case.objects.filter(pk=case.pk).update(risk_grade=grade, updated_at=now)
        case.risk_grade = grade
        message, params = (
            ("risk_changed", {"old": previous, "new": grade})
            if previous
            else ("risk", {"grade": grade})
        )
        add_timeline(case, TimelineKind.RISK, actor=membership.user, message=message, params=params)
        record_event(
            actor=membership.user,
            organisation=membership.organisation,
            action="cases.risk.assess",
            target=case,
            fields=["risk_grade", "risk_factors", "rationale"],
        )
    return assessment


def _factor_errors(
    factor: Mapping[str, Any], now: datetime, began: datetime, refusal: str
) -> dict[str, str]:
    errors = {}
    kind = factor.get("kind") or ""
    if not kind:
        errors["kind"] = _("Choose the factor this row is about.")
    elif kind not in RiskFactorKind.values:
        errors["kind"] = _("Unknown risk factor.")
    if not str(factor.get("source") or "").strip():
        errors["source"] = _("Say where this comes from.")
    observed_at = factor.get("observed_at") or now
    if observed_at > now:
        errors["observed_at"] = _("This time is in the future.")
    elif observed_at < began:
        errors["observed_at"] = refusal
    return errors
